package io.glimpse.policy.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The match side of a check, in Python {@code %}-format: oslo.policy computes
 * {@code match % target}. Only {@code %(key)s} and {@code %%} are accepted; anything else would
 * make Python raise at enforcement time, so we reject it when the rule is parsed.
 */
public record TargetTemplate(List<Part> parts) {

    /** A piece of a template. */
    public sealed interface Part permits Text, Placeholder {}

    /** Literal text. */
    public record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code %(key)s}: the target attribute {@code key}. */
    public record Placeholder(String key) implements Part {
        public Placeholder {
            Objects.requireNonNull(key, "key");
        }
    }

    public TargetTemplate {
        parts = List.copyOf(parts);
    }

    public static TargetTemplate parse(String raw) throws RuleSyntaxException {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            if (raw.startsWith("%%", i)) {
                text.append('%');
                i += 2;
                continue;
            }
            if (!raw.startsWith("%(", i)) {
                throw new RuleSyntaxException("unsupported '%' in " + raw + " (only %(name)s and %% are allowed)");
            }
            int close = raw.indexOf(')', i + 2);
            if (close < 0) {
                throw new RuleSyntaxException("unterminated %( in " + raw);
            }
            if (close + 1 >= raw.length() || raw.charAt(close + 1) != 's') {
                throw new RuleSyntaxException("unsupported conversion after %(" + raw.substring(i + 2, close) + ") in "
                        + raw + " (only %(name)s is allowed)");
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            parts.add(new Placeholder(raw.substring(i + 2, close)));
            i = close + 2;
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new TargetTemplate(parts);
    }

    /**
     * Renders the template against the target; empty when a placeholder names an attribute the
     * target does not have (oslo.policy's KeyError, which makes the check false).
     */
    public Optional<String> render(Map<String, ?> target) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text t -> out.append(t.text());
                case Placeholder p -> {
                    if (!target.containsKey(p.key())) {
                        return Optional.empty();
                    }
                    out.append(PythonStrings.str(target.get(p.key())));
                }
            }
        }
        return Optional.of(out.toString());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text t -> out.append(t.text().replace("%", "%%"));
                case Placeholder p -> out.append("%(").append(p.key()).append(")s");
            }
        }
        return out.toString();
    }
}
