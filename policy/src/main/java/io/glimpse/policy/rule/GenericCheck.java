package io.glimpse.policy.rule;

import java.util.Objects;

/**
 * Any other {@code kind:match} check. The match side is a template rendered against the target;
 * the kind side is either a literal ({@code 'public':%(visibility)s}) or a path into the caller's
 * credentials ({@code project_id:%(owner)s}). True when both sides are equal as strings.
 */
public record GenericCheck(Operand kind, TargetTemplate match) implements Check {

    public GenericCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(match, "match");
    }

    @Override
    public String toString() {
        return kind + ":" + match;
    }
}
