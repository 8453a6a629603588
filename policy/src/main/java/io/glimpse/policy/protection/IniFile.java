package io.glimpse.policy.protection;

import io.glimpse.policy.PolicyConfigurationException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The subset of Python's {@code configparser} (strict mode, the defaults Glance uses) that
 * protection files rely on: sections kept in file order, {@code key = value} or {@code key: value}
 * with case-insensitive keys, whole-line {@code #}/{@code ;} comments, indented continuation
 * lines, and a {@code [DEFAULT]} section whose values every section inherits. Whatever
 * configparser rejects (duplicates, text before the first section, lines without a delimiter)
 * is rejected here too.
 */
final class IniFile {

    static final String DEFAULT_SECTION = "DEFAULT";

    /** A value and the line it started on. */
    record Value(String text, int line) {}

    /** A section in file order; option keys are lower-cased. */
    record Section(String name, int line, Map<String, Value> options) {}

    private final List<Section> sections;
    private final Map<String, Value> defaults;

    private IniFile(List<Section> sections, Map<String, Value> defaults) {
        // The parser fills the maps in place; freeze copies, keeping file order.
        this.sections = sections.stream()
                .map(s ->
                        new Section(s.name(), s.line(), Collections.unmodifiableMap(new LinkedHashMap<>(s.options()))))
                .toList();
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    List<Section> sections() {
        return sections;
    }

    /** A section's own value, else the {@code [DEFAULT]} one. */
    Optional<Value> get(Section section, String key) {
        return Optional.ofNullable(section.options().get(key)).or(() -> Optional.ofNullable(defaults.get(key)));
    }

    Map<String, Value> defaults() {
        return defaults;
    }

    static IniFile parse(String source, List<String> lines) {
        return new Parser(source).parse(lines);
    }

    private static final class Parser {
        private final String source;
        private final List<Section> sections = new ArrayList<>();
        private final Map<String, Value> defaults = new LinkedHashMap<>();
        private final Map<String, Integer> sectionLines = new LinkedHashMap<>();
        private Map<String, Value> current;
        private String currentKey;
        private int currentKeyIndent;

        Parser(String source) {
            this.source = source;
        }

        IniFile parse(List<String> lines) {
            for (int index = 0; index < lines.size(); index++) {
                parseLine(lines.get(index), index + 1);
            }
            interpolateAll(defaults);
            sections.forEach(section -> interpolateAll(section.options()));
            return new IniFile(sections, defaults);
        }

        private void parseLine(String line, int number) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                return;
            }
            int indent = line.length() - line.stripLeading().length();
            if (currentKey != null && indent > currentKeyIndent) {
                Value value = current.get(currentKey);
                current.put(currentKey, new Value(value.text() + "\n" + stripped, value.line()));
                return;
            }
            if (stripped.startsWith("[") && stripped.lastIndexOf(']') > 1) {
                startSection(stripped.substring(1, stripped.lastIndexOf(']')), number);
                return;
            }
            if (current == null) {
                throw error(number, "text before the first [section]: " + stripped);
            }
            int delimiter = firstDelimiter(stripped);
            if (delimiter < 0) {
                throw error(number, "expected 'key = value', found: " + stripped);
            }
            String key = stripped.substring(0, delimiter).strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw error(number, "missing key before '" + stripped.charAt(delimiter) + "'");
            }
            if (current.containsKey(key)) {
                throw error(
                        number,
                        "'" + key + "' is set twice in the same section (first at line "
                                + current.get(key).line() + ")");
            }
            current.put(key, new Value(stripped.substring(delimiter + 1).strip(), number));
            currentKey = key;
            currentKeyIndent = indent;
        }

        private void startSection(String name, int number) {
            currentKey = null;
            Integer previous = sectionLines.putIfAbsent(name, number);
            if (previous != null) {
                throw error(number, "section [" + name + "] appears twice (first at line " + previous + ")");
            }
            if (name.equals(DEFAULT_SECTION)) {
                current = defaults;
            } else {
                current = new LinkedHashMap<>();
                sections.add(new Section(name, number, current));
            }
        }

        private void interpolateAll(Map<String, Value> options) {
            options.replaceAll((key, value) -> new Value(interpolate(value.text(), value.line()), value.line()));
        }

        /** configparser's BasicInterpolation: {@code %%} is a literal percent; we do not support {@code %(name)s}. */
        private String interpolate(String value, int line) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '%') {
                    out.append(c);
                } else if (i + 1 < value.length() && value.charAt(i + 1) == '%') {
                    out.append('%');
                    i++;
                } else {
                    throw error(line, "'%' must be written '%%' (interpolation is not supported): " + value);
                }
            }
            return out.toString();
        }

        private static int firstDelimiter(String text) {
            int equals = text.indexOf('=');
            int colon = text.indexOf(':');
            if (equals < 0) {
                return colon;
            }
            return colon < 0 ? equals : Math.min(equals, colon);
        }

        private PolicyConfigurationException error(int line, String problem) {
            return new PolicyConfigurationException(
                    "Invalid property protection file " + source + " (line " + line + "): " + problem);
        }
    }
}
