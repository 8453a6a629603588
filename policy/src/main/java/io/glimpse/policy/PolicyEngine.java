package io.glimpse.policy;

import io.glimpse.policy.rule.Check;
import io.glimpse.policy.rule.RuleParser;
import io.glimpse.policy.rule.RuleSyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable set of named policy rules: Glance's secure-RBAC defaults, optionally overridden and
 * extended by an operator's YAML file ({@code rule_name: "check string"}), exactly like an
 * oslo.policy {@code policy.yaml}. Safe to share between threads.
 *
 * <p>Differences from oslo.policy, all fail-closed: an unknown rule name (asked for directly or
 * through {@code rule:}) is denied rather than falling back to the {@code default} rule; an
 * unparsable check string or a reference cycle rejects the whole file instead of being logged.
 */
public final class PolicyEngine {

    static final String DEFAULTS_RESOURCE = "/io/glimpse/policy/glance-default-policy.yaml";
    static final String DEFAULTS_SOURCE = "classpath:" + DEFAULTS_RESOURCE.substring(1);

    private final Map<String, PolicyRuleDefinition> rules;
    private final CheckEvaluator evaluator;

    private PolicyEngine(Map<String, PolicyRuleDefinition> rules) {
        this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        this.evaluator = new CheckEvaluator(rules.values().stream()
                .collect(Collectors.toMap(PolicyRuleDefinition::name, PolicyRuleDefinition::check)));
    }

    /** Glance's defaults only. */
    public static PolicyEngine withDefaults() {
        return build(Optional.empty());
    }

    /** Glance's defaults, overridden and extended by the operator's policy file. */
    public static PolicyEngine load(Path overrideFile) {
        return build(Optional.of(Objects.requireNonNull(overrideFile, "overrideFile")));
    }

    /** Convenience for optional configuration: defaults only when no file is configured. */
    public static PolicyEngine load(Optional<Path> overrideFile) {
        return build(overrideFile);
    }

    private static PolicyEngine build(Optional<Path> overrideFile) {
        Map<String, PolicyRuleDefinition> rules = new LinkedHashMap<>();
        for (PolicyRuleDefinition rule : parse(DEFAULTS_SOURCE, readDefaults())) {
            rules.put(rule.name(), rule);
        }
        overrideFile.ifPresent(file -> {
            for (PolicyRuleDefinition rule : parse(file.toString(), readFile(file))) {
                rules.put(rule.name(), rule);
            }
        });
        rejectCycles(rules);
        return new PolicyEngine(rules);
    }

    /** Whether {@code creds} pass the named rule for {@code target}. Unknown rule names are denied. */
    public boolean allowed(String ruleName, Credentials creds, Map<String, ?> target) {
        Objects.requireNonNull(creds, "creds");
        Objects.requireNonNull(target, "target");
        return evaluator
                .rule(Objects.requireNonNull(ruleName, "ruleName"))
                .map(check -> evaluator.evaluate(check, creds, target))
                .orElse(false);
    }

    public boolean allowed(GlancePolicy policy, Credentials creds, Map<String, ?> target) {
        return allowed(policy.ruleName(), creds, target);
    }

    /** Like {@link #allowed} but throws {@link PolicyDeniedException} naming the rule when denied. */
    public void enforce(String ruleName, Credentials creds, Map<String, ?> target) {
        if (!allowed(ruleName, creds, target)) {
            throw new PolicyDeniedException(ruleName);
        }
    }

    public void enforce(GlancePolicy policy, Credentials creds, Map<String, ?> target) {
        enforce(policy.ruleName(), creds, target);
    }

    public boolean isDefined(String ruleName) {
        return rules.containsKey(ruleName);
    }

    /** The effective check string of a rule, e.g. for a policy dump endpoint or start-up logging. */
    public Optional<String> checkString(String ruleName) {
        return Optional.ofNullable(rules.get(ruleName)).map(PolicyRuleDefinition::checkString);
    }

    /** The effective parse tree of a rule. */
    public Optional<Check> check(String ruleName) {
        return Optional.ofNullable(rules.get(ruleName)).map(PolicyRuleDefinition::check);
    }

    public Set<String> ruleNames() {
        return rules.keySet();
    }

    private static List<PolicyRuleDefinition> parse(String source, List<RawRule> rawRules) {
        return rawRules.stream()
                .map(raw -> {
                    RuleOrigin origin = new RuleOrigin(source, raw.line());
                    try {
                        return new PolicyRuleDefinition(
                                raw.name(), raw.checkString(), RuleParser.parse(raw.checkString()), origin);
                    } catch (RuleSyntaxException e) {
                        throw new PolicyConfigurationException(
                                origin.describe(raw.name()) + ": cannot parse \"" + raw.checkString() + "\": "
                                        + e.getMessage(),
                                e);
                    }
                })
                .toList();
    }

    private static void rejectCycles(Map<String, PolicyRuleDefinition> rules) {
        Map<String, Check> checks = rules.values().stream()
                .collect(Collectors.toMap(PolicyRuleDefinition::name, PolicyRuleDefinition::check));
        ReferenceCycles.find(checks).ifPresent(cycle -> {
            // Blame an operator-written rule on the cycle if there is one: the defaults are acyclic.
            PolicyRuleDefinition blamed = cycle.stream()
                    .map(rules::get)
                    .filter(rule -> !rule.origin().source().equals(DEFAULTS_SOURCE))
                    .findFirst()
                    .orElse(rules.get(cycle.getFirst()));
            throw new PolicyConfigurationException(
                    blamed.origin().describe(blamed.name()) + ": rule reference cycle " + String.join(" -> ", cycle));
        });
    }

    private static List<RawRule> readDefaults() {
        InputStream stream = PolicyEngine.class.getResourceAsStream(DEFAULTS_RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("missing built-in policy defaults " + DEFAULTS_SOURCE);
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return PolicyFileReader.read(DEFAULTS_SOURCE, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RawRule> readFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return PolicyFileReader.read(file.toString(), reader);
        } catch (NoSuchFileException e) {
            throw new PolicyConfigurationException("Policy file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new PolicyConfigurationException("Cannot read policy file " + file + ": " + e, e);
        }
    }
}
