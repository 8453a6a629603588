package io.glimpse.policy.rule;

/** A check string that is not valid policy language. The message says what is wrong and where. */
public final class RuleSyntaxException extends Exception {

    public RuleSyntaxException(String message) {
        super(message);
    }
}
