package io.glimpse.policy.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a check string exactly like oslo.policy's {@code _parse_tokenize}: on whitespace, then
 * peeling leading {@code (} and trailing {@code )} off each word. Parentheses inside a word are
 * left alone, which is what lets {@code %(owner)s} through. {@code and}/{@code or}/{@code not}
 * are keywords in any letter case.
 */
final class Tokenizer {

    private Tokenizer() {}

    static List<Token> tokenize(String rule) {
        List<Token> tokens = new ArrayList<>();
        for (String word : splitOnWhitespace(rule)) {
            int start = 0;
            while (start < word.length() && word.charAt(start) == '(') {
                tokens.add(new Token(Token.Type.LEFT_PAREN, "(", tokens.size() + 1));
                start++;
            }
            int end = word.length();
            while (end > start && word.charAt(end - 1) == ')') {
                end--;
            }
            String core = word.substring(start, end);
            if (!core.isEmpty()) {
                tokens.add(new Token(classify(core), core, tokens.size() + 1));
            }
            for (int i = end; i < word.length(); i++) {
                tokens.add(new Token(Token.Type.RIGHT_PAREN, ")", tokens.size() + 1));
            }
        }
        return tokens;
    }

    private static Token.Type classify(String core) {
        switch (core.toLowerCase(Locale.ROOT)) {
            case "and" -> {
                return Token.Type.AND;
            }
            case "or" -> {
                return Token.Type.OR;
            }
            case "not" -> {
                return Token.Type.NOT;
            }
            default -> {}
        }
        char first = core.charAt(0);
        boolean quoted =
                core.length() >= 2 && (first == '\'' || first == '"') && core.charAt(core.length() - 1) == first;
        return quoted ? Token.Type.QUOTED_STRING : Token.Type.CHECK;
    }

    private static List<String> splitOnWhitespace(String rule) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < rule.length()) {
            while (i < rule.length() && Character.isWhitespace(rule.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < rule.length() && !Character.isWhitespace(rule.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(rule.substring(start, i));
            }
        }
        return words;
    }
}
