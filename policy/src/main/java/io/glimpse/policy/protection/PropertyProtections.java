package io.glimpse.policy.protection;

import io.glimpse.policy.Credentials;
import io.glimpse.policy.PolicyConfigurationException;
import io.glimpse.policy.PolicyEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Glance property protections (glance-v2-api.md §12, {@code glance/common/property_utils.py}):
 * which callers may create, read, update or delete which additional image properties.
 *
 * <p>Each section of the INI file is a regular expression searched in the property name. The
 * first matching section in file order decides; a property no section matches is denied for
 * every operation. Glance puts a {@code [os_glance.*]} section allowing everything in front of
 * the operator's sections and drops operator sections whose name starts with {@code os_glance}
 * (that namespace is policed by the reserved-property checks instead).
 *
 * <p>Immutable and thread-safe. Base image properties are never subject to protections; callers
 * only ask about additional properties.
 */
public final class PropertyProtections {

    static final String RESERVED_NAMESPACE = "os_glance";
    private static final ProtectionRule RESERVED_NAMESPACE_RULE = new ProtectionRule(
            RESERVED_NAMESPACE + ".*",
            Pattern.compile(RESERVED_NAMESPACE + ".*"),
            allOperations(new Permission.Everyone()));

    private final Flavor flavor;
    private final List<ProtectionRule> rules;
    private final List<String> ignoredSections;
    private final PolicyEngine policy;

    private PropertyProtections(
            Flavor flavor, List<ProtectionRule> rules, List<String> ignoredSections, PolicyEngine policy) {
        this.flavor = flavor;
        this.rules = List.copyOf(rules);
        this.ignoredSections = List.copyOf(ignoredSections);
        this.policy = policy;
    }

    /**
     * Loads a protection file. In the {@link Flavor#POLICIES} flavour the rule names are resolved
     * against Glance's default policy only; use {@link #load(Path, Flavor, PolicyEngine)} to
     * resolve them against the operator's policy file.
     */
    public static PropertyProtections load(Path file, Flavor flavor) {
        return load(file, flavor, PolicyEngine.withDefaults());
    }

    /** Loads a protection file whose policy rule names (policies flavour) are evaluated by {@code policy}. */
    public static PropertyProtections load(Path file, Flavor flavor, PolicyEngine policy) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(policy, "policy");
        IniFile ini = IniFile.parse(file.toString(), readLines(file));
        SectionReader reader = new SectionReader(file.toString(), flavor, policy, ini);
        List<ProtectionRule> rules = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        rules.add(RESERVED_NAMESPACE_RULE);
        reader.checkDefaults();
        for (IniFile.Section section : ini.sections()) {
            if (section.name().startsWith(RESERVED_NAMESPACE)) {
                ignored.add(section.name());
            } else {
                rules.add(reader.read(section));
            }
        }
        return new PropertyProtections(flavor, rules, ignored, policy);
    }

    /** Whether {@code creds} may perform {@code operation} on the additional property {@code property}. */
    public boolean allowed(String property, Operation operation, Credentials creds) {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(creds, "creds");
        return rules.stream()
                .filter(rule -> rule.matches(property))
                .findFirst()
                .flatMap(rule -> rule.permission(operation))
                .map(permission -> permission.allows(creds, policy))
                .orElse(false);
    }

    public Flavor flavor() {
        return flavor;
    }

    /** Operator sections dropped because they fall in the reserved {@code os_glance} namespace; worth a warning at start-up. */
    public List<String> ignoredSections() {
        return ignoredSections;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyConfigurationException("Property protection file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new PolicyConfigurationException("Cannot read property protection file " + file + ": " + e, e);
        }
    }

    private static Map<Operation, Permission> allOperations(Permission permission) {
        Map<Operation, Permission> permissions = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            permissions.put(operation, permission);
        }
        return permissions;
    }

    /** Turns one INI section into a rule, enforcing Glance's validation. */
    private record SectionReader(String source, Flavor flavor, PolicyEngine policy, IniFile ini) {

        void checkDefaults() {
            ini.defaults().forEach((key, value) -> {
                if (Operation.fromKey(key).isEmpty()) {
                    throw error("[" + IniFile.DEFAULT_SECTION + "]", value.line(), unknownOperation(key));
                }
            });
        }

        ProtectionRule read(IniFile.Section section) {
            String where = "section [" + section.name() + "]";
            Pattern pattern = compile(section);
            section.options().forEach((key, value) -> {
                if (Operation.fromKey(key).isEmpty()) {
                    throw error(where, value.line(), unknownOperation(key));
                }
            });
            Map<Operation, Permission> permissions = new EnumMap<>(Operation.class);
            for (Operation operation : Operation.values()) {
                IniFile.Value value = ini.get(section, operation.key())
                        .orElseThrow(() -> error(
                                where,
                                section.line(),
                                "operation '" + operation.key()
                                        + "' is missing (every section must set create, read, update and delete)"));
                permissions.put(operation, permission(where, operation, value));
            }
            return new ProtectionRule(section.name(), pattern, permissions);
        }

        private Pattern compile(IniFile.Section section) {
            try {
                return Pattern.compile(PythonRegex.toJava(section.name()));
            } catch (PatternSyntaxException e) {
                throw error(
                        "section [" + section.name() + "]",
                        section.line(),
                        "not a valid regular expression: " + e.getDescription());
            }
        }

        private Permission permission(String where, Operation operation, IniFile.Value value) {
            String text = value.text();
            if (text.isEmpty()) {
                return new Permission.Nobody(); // Glance: "No role will be allowed to perform this operation."
            }
            return flavor == Flavor.ROLES ? roles(where, operation, value) : policyRule(where, operation, value);
        }

        private Permission roles(String where, Operation operation, IniFile.Value value) {
            Set<String> roles = Arrays.stream(value.text().split(",", -1))
                    .map(role -> role.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (roles.contains("@") && roles.contains("!")) {
                throw error(
                        where,
                        value.line(),
                        operation.key() + " = " + value.text() + ": '@' and '!' are mutually exclusive");
            }
            if (roles.contains("!")) {
                return new Permission.Nobody();
            }
            if (roles.contains("@")) {
                return new Permission.Everyone();
            }
            roles.remove("");
            return roles.isEmpty() ? new Permission.Nobody() : new Permission.AnyRole(roles);
        }

        private Permission policyRule(String where, Operation operation, IniFile.Value value) {
            String name = value.text();
            if (name.contains(",")) {
                throw error(
                        where,
                        value.line(),
                        operation.key() + " = " + name
                                + ": only one policy is allowed per operation (combine them in the policy file)");
            }
            if (name.equals("@")) {
                return new Permission.Everyone();
            }
            if (name.equals("!")) {
                return new Permission.Nobody();
            }
            if (name.chars().anyMatch(Character::isWhitespace)) {
                throw error(where, value.line(), operation.key() + " = " + name + ": not a single policy rule name");
            }
            // Stricter than Glance, whose oslo.policy would silently fall back to the 'default' rule.
            if (!policy.isDefined(name)) {
                throw error(
                        where,
                        value.line(),
                        operation.key() + " = " + name + ": policy rule '" + name + "' is not defined");
            }
            return new Permission.PolicyRule(name);
        }

        private static String unknownOperation(String key) {
            return "unknown operation '" + key + "' (expected create, read, update or delete)";
        }

        private PolicyConfigurationException error(String where, int line, String problem) {
            return new PolicyConfigurationException(
                    "Invalid property protection file " + source + ": " + where + " (line " + line + "): " + problem);
        }
    }
}
