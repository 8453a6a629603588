package io.glimpse.policy.protection;

/**
 * Protection sections are Python regular expressions. Java's syntax is nearly the same; this
 * rewrites Python's named-group spellings so an operator's existing file keeps working.
 */
final class PythonRegex {

    private PythonRegex() {}

    static String toJava(String python) {
        return python.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
    }
}
