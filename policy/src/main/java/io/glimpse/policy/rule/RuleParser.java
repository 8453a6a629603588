package io.glimpse.policy.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a check string into a {@link Check} tree. Grammar (precedence {@code not} > {@code and}
 * > {@code or}, which is what oslo.policy's shift-reduce parser produces for every input it
 * accepts):
 *
 * <pre>
 * rule    := "" | or
 * or      := and ("or" and)*
 * and     := not ("and" not)*
 * not     := "not" not | primary
 * primary := "(" or ")" | check
 * check   := "@" | "!" | kind ":" match
 * </pre>
 *
 * oslo.policy logs an unparsable rule and treats it as {@code !}; we reject it instead so that a
 * broken policy file stops the service at start-up rather than silently denying.
 */
public final class RuleParser {

    private final List<Token> tokens;
    private int position;

    private RuleParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Check parse(String checkString) throws RuleSyntaxException {
        List<Token> tokens = Tokenizer.tokenize(checkString);
        if (tokens.isEmpty()) {
            // oslo.policy: an empty rule always passes.
            return new AlwaysAllow();
        }
        RuleParser parser = new RuleParser(tokens);
        Check check = parser.parseOr();
        if (parser.position < tokens.size()) {
            throw new RuleSyntaxException(
                    "unexpected " + tokens.get(parser.position).describe());
        }
        return check;
    }

    private Check parseOr() throws RuleSyntaxException {
        List<Check> operands = new ArrayList<>();
        operands.add(parseAnd());
        while (accept(Token.Type.OR)) {
            operands.add(parseAnd());
        }
        return operands.size() == 1 ? operands.getFirst() : new Or(operands);
    }

    private Check parseAnd() throws RuleSyntaxException {
        List<Check> operands = new ArrayList<>();
        operands.add(parseNot());
        while (accept(Token.Type.AND)) {
            operands.add(parseNot());
        }
        return operands.size() == 1 ? operands.getFirst() : new And(operands);
    }

    private Check parseNot() throws RuleSyntaxException {
        if (accept(Token.Type.NOT)) {
            return new Not(parseNot());
        }
        return parsePrimary();
    }

    private Check parsePrimary() throws RuleSyntaxException {
        Token token = next();
        switch (token.type()) {
            case LEFT_PAREN -> {
                Check inner = parseOr();
                Token close = next();
                if (close.type() != Token.Type.RIGHT_PAREN) {
                    throw new RuleSyntaxException("expected ')' but found " + close.describe());
                }
                return inner;
            }
            case CHECK -> {
                try {
                    return CheckAtoms.parse(token.text());
                } catch (RuleSyntaxException e) {
                    throw new RuleSyntaxException(e.getMessage() + " in " + token.describe());
                }
            }
            case QUOTED_STRING -> throw new RuleSyntaxException("a quoted string is not a check: " + token.describe());
            default -> throw new RuleSyntaxException("expected a check but found " + token.describe());
        }
    }

    private Token next() throws RuleSyntaxException {
        if (position >= tokens.size()) {
            Token last = tokens.getLast();
            throw new RuleSyntaxException("unexpected end of rule after " + last.describe());
        }
        return tokens.get(position++);
    }

    private boolean accept(Token.Type type) {
        if (position < tokens.size() && tokens.get(position).type() == type) {
            position++;
            return true;
        }
        return false;
    }
}
