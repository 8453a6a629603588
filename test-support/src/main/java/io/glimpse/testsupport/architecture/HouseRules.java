package io.glimpse.testsupport.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every Glimpse service keeps, checked on its production classes by the service's
 * {@code ArchitectureTest}:
 *
 * <pre>{@code
 * @AnalyzeClasses(packagesOf = ArchitectureTest.class, importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests HOUSE_RULES = ArchTests.in(HouseRules.class);
 * }
 * }</pre>
 *
 * <p>A service's classes live in {@code io.glimpse.<service>.<package>}, with the package vocabulary of the
 * README ({@code rest}, {@code service}, {@code policy}, {@code domain}, {@code repository}, {@code mapping},
 * {@code messaging}, {@code listener}, {@code client}, {@code config}, {@code health}, …). Only the analysed
 * service is imported, so {@code io.glimpse.*.rest..} below means that service's own {@code rest}. A
 * service without some package (or without any class yet) passes: every rule allows an empty selection.
 */
public final class HouseRules {

    /** The project's plain-Java libraries and the frameworks' value and mapping annotations. */
    private static final String[] DOMAIN_MAY_USE = {
        "java..",
        "io.glimpse.contracts..",
        "io.glimpse.support.error..",
        "io.glimpse.store..",
        "io.glimpse.policy..",
        "io.glimpse.inspect..",
        "jakarta.persistence..",
        "org.hibernate.annotations..",
        "org.hibernate.type..",
        "io.quarkus.hibernate.reactive.panache..",
        "com.fasterxml.jackson.annotation.."
    };

    private static final String INCOMING = "org.eclipse.microprofile.reactive.messaging.Incoming";

    private HouseRules() {}

    /** {@code rest} and {@code listener} may call {@code service}, not {@code repository} or {@code messaging}. */
    @ArchTest
    public static final ArchRule ENTRY_POINTS_GO_THROUGH_SERVICE = noClasses()
            .that()
            .resideInAnyPackage(own("rest"), own("listener"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(own("repository"), own("messaging"))
            .because("a request or an inbound event is handled by a use case in service, which checks the policy"
                    + " first and writes the change and its event in one transaction")
            .allowEmptyShould(true);

    /** {@code domain} uses no other package of its service, and only the JDK, contracts, JPA and value types. */
    @ArchTest
    public static final ArchRule DOMAIN_DEPENDS_ON_NOTHING_OF_THE_SERVICE = classes()
            .that()
            .resideInAPackage(own("domain"))
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(concat(DOMAIN_MAY_USE, own("domain")))
            .because("the domain is what every other package builds on; it knows no HTTP, no Kafka, no I/O and no"
                    + " use case, only the JDK, the contracts, JPA/Hibernate mapping and the libraries' value types")
            .allowEmptyShould(true);

    /** Every {@code @Incoming} method is in {@code listener}. */
    @ArchTest
    public static final ArchRule CONSUMERS_LIVE_IN_LISTENER = methods()
            .that()
            .areAnnotatedWith(INCOMING)
            .should()
            .beDeclaredInClassesThat()
            .resideInAPackage(own("listener"))
            .because("inbound consumers are entry points like resources: what a service consumes is found in"
                    + " listener, what it publishes in messaging")
            .allowEmptyShould(true);

    /** Only {@code messaging} writes to the outbox. */
    @ArchTest
    public static final ArchRule PUBLISHERS_LIVE_IN_MESSAGING = noClasses()
            .that()
            .resideOutsideOfPackage(own("messaging"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.glimpse.support.outbox..")
            .because("every event a service publishes is written by its messaging package, which service calls")
            .allowEmptyShould(true);

    /** {@code messaging} calls no {@code service}, {@code listener} or {@code rest}. */
    @ArchTest
    public static final ArchRule MESSAGING_ONLY_PUBLISHES = noClasses()
            .that()
            .resideInAPackage(own("messaging"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(own("service"), own("listener"), own("rest"))
            .because("messaging holds only outbound publishers, which service calls, never the other way round")
            .allowEmptyShould(true);

    /** Nothing outside {@code listener} uses a class of {@code listener}. */
    @ArchTest
    public static final ArchRule NOTHING_CALLS_A_LISTENER = noClasses()
            .that()
            .resideOutsideOfPackage(own("listener"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage(own("listener"))
            .because("a listener is driven by Kafka and calls service; service never calls a listener")
            .allowEmptyShould(true);

    /** Nothing outside {@code rest} uses a class of {@code rest}. */
    @ArchTest
    public static final ArchRule NOTHING_BUT_REST_IMPORTS_REST = noClasses()
            .that()
            .resideOutsideOfPackage(own("rest"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage(own("rest"))
            .because("HTTP is the outermost layer: how a use case is served is nothing the rest of the service knows")
            .allowEmptyShould(true);

    /** {@code config} uses no other package of its service but {@code domain}. */
    @ArchTest
    public static final ArchRule CONFIG_IS_A_LEAF = noClasses()
            .that()
            .resideInAPackage(own("config"))
            .should(dependOnOtherPackagesOfTheirServiceThan("domain"))
            .because("every package may read config, so config reads nothing above it (a key may take a domain"
                    + " value type)")
            .allowEmptyShould(true);

    /** {@code config} holds interfaces and enums only. */
    @ArchTest
    public static final ArchRule CONFIG_HOLDS_ONLY_CONFIG_MAPPINGS = classes()
            .that()
            .resideInAPackage(own("config"))
            .should()
            .beInterfaces()
            .orShould()
            .beEnums()
            .because("config holds @ConfigMapping interfaces, their groups and the enums their keys take; a CDI"
                    + " producer lives in the package of what it produces (the policy engine in policy)")
            .allowEmptyShould(true);

    /** No loop between the top-level packages of a service. */
    @ArchTest
    public static final ArchRule NO_CYCLES_BETWEEN_PACKAGES = slices().matching("io.glimpse.*.(*)..")
            .namingSlices("package $1")
            .should()
            .beFreeOfCycles()
            .because("a loop between two packages makes them one package in all but name")
            .allowEmptyShould(true);

    /** No class uses a class of the package right above its own. */
    @ArchTest
    public static final ArchRule NO_IMPORTS_FROM_THE_PACKAGE_ABOVE = noClasses()
            .should(dependOnTheirParentPackage())
            .because("the package above is the more general one and uses its sub-packages; reaching up makes a loop")
            .allowEmptyShould(true);

    /** {@code io.glimpse.*.<name>..}: the named top-level package of the analysed service. */
    private static String own(String packageName) {
        return "io.glimpse.*." + packageName + "..";
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static ArchCondition<JavaClass> dependOnTheirParentPackage() {
        return new ArchCondition<>("depend on classes of the package above their own") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String parent = parentOf(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    if (dependency.getTargetClass().getPackageName().equals(parent)) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> dependOnOtherPackagesOfTheirServiceThan(String... allowed) {
        Set<String> allowedPackages = Set.of(allowed);
        return new ArchCondition<>("depend on other packages of their service than " + List.of(allowed)) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> ownPackage = topLevelPackage(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    if (serviceOf(target).equals(serviceOf(origin.getPackageName()))
                            && !topLevelPackage(target).equals(ownPackage)
                            && topLevelPackage(target)
                                    .filter(allowedPackages::contains)
                                    .isEmpty()) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static String parentOf(String packageName) {
        int lastDot = packageName.lastIndexOf('.');
        return lastDot < 0 ? "" : packageName.substring(0, lastDot);
    }

    /** {@code io.glimpse.catalog} for {@code io.glimpse.catalog.rest.x}. */
    private static String serviceOf(String packageName) {
        String[] segments = packageName.split("\\.");
        return String.join(".", Arrays.asList(segments).subList(0, Math.min(3, segments.length)));
    }

    /** {@code rest} for {@code io.glimpse.catalog.rest.x}; empty for the service's root package. */
    private static Optional<String> topLevelPackage(String packageName) {
        String[] segments = packageName.split("\\.");
        return segments.length > 3 ? Optional.of(segments[3]) : Optional.empty();
    }
}
