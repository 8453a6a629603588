package io.glimpse.policy.rule;

/** One token of a check string; {@code number} is 1-based, for error messages. */
record Token(Type type, String text, int number) {

    enum Type {
        LEFT_PAREN,
        RIGHT_PAREN,
        AND,
        OR,
        NOT,
        CHECK,
        QUOTED_STRING
    }

    String describe() {
        return "'" + text + "' (token " + number + ")";
    }
}
