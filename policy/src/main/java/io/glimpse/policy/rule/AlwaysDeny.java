package io.glimpse.policy.rule;

/** {@code !}. */
public record AlwaysDeny() implements Check {

    @Override
    public String toString() {
        return "!";
    }
}
