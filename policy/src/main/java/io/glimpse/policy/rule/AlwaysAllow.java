package io.glimpse.policy.rule;

/** {@code @}, and also what an empty check string means. */
public record AlwaysAllow() implements Check {

    @Override
    public String toString() {
        return "@";
    }
}
