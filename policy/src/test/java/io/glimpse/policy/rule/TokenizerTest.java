package io.glimpse.policy.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {

    private static List<String> render(String rule) {
        return Tokenizer.tokenize(rule).stream()
                .map(t -> t.type() + ":" + t.text())
                .toList();
    }

    @Test
    void peelsParenthesesOffWordsButKeepsThemInsideChecks() {
        assertThat(render("((role:a or (project_id:%(owner)s))) "))
                .containsExactly(
                        "LEFT_PAREN:(",
                        "LEFT_PAREN:(",
                        "CHECK:role:a",
                        "OR:or",
                        "LEFT_PAREN:(",
                        "CHECK:project_id:%(owner)s",
                        "RIGHT_PAREN:)",
                        "RIGHT_PAREN:)",
                        "RIGHT_PAREN:)");
    }

    @Test
    void wordsAreOnlySplitOnWhitespaceLikeOslo() {
        // oslo.policy needs a space before '(': "or(" is one (invalid) check word, not a keyword.
        assertThat(render("role:a or(role:b)")).containsExactly("CHECK:role:a", "CHECK:or(role:b", "RIGHT_PAREN:)");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(render("NOT role:a AnD role:b oR role:c"))
                .containsExactly("NOT:NOT", "CHECK:role:a", "AND:AnD", "CHECK:role:b", "OR:oR", "CHECK:role:c");
    }

    @Test
    void splitsOnAnyWhitespace() {
        assertThat(render("\trole:a\n and\r\nrole:b  ")).containsExactly("CHECK:role:a", "AND:and", "CHECK:role:b");
    }

    @Test
    void wholeQuotedWordsAreStringsButQuotedKindsAreChecks() {
        assertThat(render("'public' 'public':%(visibility)s \"x\""))
                .containsExactly("QUOTED_STRING:'public'", "CHECK:'public':%(visibility)s", "QUOTED_STRING:\"x\"");
    }

    @Test
    void numbersTokensFromOne() {
        assertThat(Tokenizer.tokenize("(role:a)").stream().map(Token::number)).containsExactly(1, 2, 3);
    }
}
