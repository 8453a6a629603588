package io.glimpse.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every house rule bites: the fixture service {@code io.glimpse.violating} breaks each rule once (the class named
 * below is the culprit), {@code io.glimpse.conforming} uses every allowed direction and passes, and a service
 * without classes (import-service today) passes too.
 */
class HouseRulesTest {
    private static final JavaClasses CONFORMING = new ClassFileImporter().importPackages("io.glimpse.conforming");
    private static final JavaClasses VIOLATING = new ClassFileImporter().importPackages("io.glimpse.violating");
    private static final JavaClasses EMPTY = new ClassFileImporter().importPackages("io.glimpse.nothing");

    private static final Map<String, String> CULPRITS = Map.ofEntries(
            Map.entry("ENTRY_POINTS_GO_THROUGH_SERVICE", "io.glimpse.violating.rest.ThingResource.get"),
            Map.entry("DOMAIN_DEPENDS_ON_NOTHING_OF_THE_SERVICE", "io.glimpse.violating.domain.Thing"),
            Map.entry("CONSUMERS_LIVE_IN_LISTENER", "io.glimpse.violating.messaging.ThingConsumer.on"),
            Map.entry("PUBLISHERS_LIVE_IN_MESSAGING", "io.glimpse.violating.service.DirectPublisher.changed"),
            Map.entry("MESSAGING_ONLY_PUBLISHES", "io.glimpse.violating.messaging.ThingConsumer.on"),
            Map.entry("NOTHING_CALLS_A_LISTENER", "io.glimpse.violating.service.ThingService.touch"),
            Map.entry("NOTHING_BUT_REST_IMPORTS_REST", "io.glimpse.violating.mapping.ThingMapper.render"),
            Map.entry("CONFIG_IS_A_LEAF", "io.glimpse.violating.config.ThingMapperProducer.mapper"),
            Map.entry("CONFIG_HOLDS_ONLY_CONFIG_MAPPINGS", "io.glimpse.violating.config.ThingMapperProducer"),
            Map.entry("NO_CYCLES_BETWEEN_PACKAGES", "package config -> \n                package mapping"),
            Map.entry("NO_IMPORTS_FROM_THE_PACKAGE_ABOVE", "io.glimpse.violating.rest.sub.RouteHelper.get"));

    static Stream<Arguments> rules() {
        return Arrays.stream(HouseRules.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == ArchRule.class)
                .map(field -> Arguments.of(field.getName(), rule(field)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void catchesItsViolation(String name, ArchRule rule) {
        EvaluationResult result = rule.evaluate(VIOLATING);

        assertThat(CULPRITS).as("the fixture that breaks " + name).containsKey(name);
        assertThat(result.hasViolation()).as(name).isTrue();
        assertThat(result.getFailureReport().toString()).contains(CULPRITS.get(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void passesAServiceThatKeepsIt(String name, ArchRule rule) {
        rule.check(CONFORMING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void passesAServiceWithoutClasses(String name, ArchRule rule) {
        assertThat(EMPTY).isEmpty();
        rule.check(EMPTY);
    }

    private static ArchRule rule(Field field) {
        try {
            return (ArchRule) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
