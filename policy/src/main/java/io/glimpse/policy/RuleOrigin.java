package io.glimpse.policy;

/** Where a rule was written: a file (or the built-in defaults) and the line in it. */
record RuleOrigin(String source, int line) {

    String describe(String ruleName) {
        return "Invalid policy file " + source + ": rule '" + ruleName + "' (line " + line + ")";
    }
}
