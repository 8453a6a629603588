package io.glimpse.policy.rule;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns one check word ({@code role:admin}, {@code @}, ...) into its node, like oslo's {@code _parse_check}. */
final class CheckAtoms {

    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?(0|[1-9][0-9]*)");
    private static final Set<String> PYTHON_CONSTANTS = Set.of("True", "False", "None");

    private CheckAtoms() {}

    static Check parse(String word) throws RuleSyntaxException {
        if (word.equals("@")) {
            return new AlwaysAllow();
        }
        if (word.equals("!")) {
            return new AlwaysDeny();
        }
        int colon = word.indexOf(':');
        if (colon < 0) {
            throw new RuleSyntaxException("check has no ':' (expected kind:match)");
        }
        String kind = word.substring(0, colon);
        String match = word.substring(colon + 1);
        return switch (kind) {
            case "rule" -> {
                if (match.isEmpty()) {
                    throw new RuleSyntaxException("'rule:' needs a rule name");
                }
                // oslo.policy does not interpolate rule names.
                yield new RuleReference(match);
            }
            case "role" -> new RoleCheck(TargetTemplate.parse(match));
            // oslo's remote HTTP checks call out to a URL; Glimpse does not support them.
            case "http", "https" -> throw new RuleSyntaxException("'" + kind + ":' checks are not supported");
            default -> new GenericCheck(parseKind(kind), TargetTemplate.parse(match));
        };
    }

    /**
     * oslo.policy runs {@code ast.literal_eval} on the kind: if that yields a Python literal, the
     * literal's {@code str()} is compared, otherwise the text is a dotted path into the
     * credentials. We accept the literal forms that make sense in a policy (quoted strings,
     * integers, {@code True}/{@code False}/{@code None}) and reject the other Python literal
     * shapes rather than guess what Python would print for them.
     */
    static Operand parseKind(String kind) throws RuleSyntaxException {
        if (kind.isEmpty()) {
            throw new RuleSyntaxException("empty kind before ':'");
        }
        char first = kind.charAt(0);
        if (first == '\'' || first == '"') {
            if (kind.length() < 2 || kind.charAt(kind.length() - 1) != first) {
                throw new RuleSyntaxException("unterminated quoted literal " + kind);
            }
            String inner = kind.substring(1, kind.length() - 1);
            if (inner.indexOf(first) >= 0 || inner.indexOf('\\') >= 0) {
                throw new RuleSyntaxException("unsupported quoting in literal " + kind);
            }
            return new Operand.Literal(inner, kind);
        }
        if (PYTHON_CONSTANTS.contains(kind)) {
            return new Operand.Literal(kind, kind);
        }
        if (PYTHON_INT.matcher(kind).matches()) {
            // str(int) drops a leading '+'
            String value = kind.startsWith("+") ? kind.substring(1) : kind;
            return new Operand.Literal(value.equals("-0") ? "0" : value, kind);
        }
        if (Character.isDigit(first) || "+-.([{".indexOf(first) >= 0) {
            throw new RuleSyntaxException(
                    "unsupported literal " + kind + " (use a quoted string, an integer, True, False or None)");
        }
        return new Operand.CredentialPath(List.of(kind.split("\\.", -1)));
    }
}
