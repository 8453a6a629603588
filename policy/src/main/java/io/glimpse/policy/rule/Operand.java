package io.glimpse.policy.rule;

import java.util.List;
import java.util.Objects;

/**
 * The left side of a generic check: a constant, or a dotted path into the caller's credentials.
 * Quoted strings, integers, {@code True}, {@code False} and {@code None} are constants; any
 * other text is a credential path.
 */
public sealed interface Operand permits Operand.Literal, Operand.CredentialPath {

    /** A constant, already in the string form Python's {@code str()} would give it. */
    record Literal(String value, String source) implements Operand {
        public Literal {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String toString() {
            return source;
        }
    }

    /** {@code a.b.c}: credential {@code a}, then keys {@code b} and {@code c} of nested maps. */
    record CredentialPath(List<String> segments) implements Operand {
        public CredentialPath {
            segments = List.copyOf(segments);
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("credential path must not be empty");
            }
        }

        @Override
        public String toString() {
            return String.join(".", segments);
        }
    }
}
