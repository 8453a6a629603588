package io.glimpse.policy.rule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleParserTest {

    private static Check parse(String rule) throws RuleSyntaxException {
        return RuleParser.parse(rule);
    }

    private static TargetTemplate template(String raw) throws RuleSyntaxException {
        return TargetTemplate.parse(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void emptyRuleAlwaysAllows(String rule) throws Exception {
        assertThat(parse(rule)).isEqualTo(new AlwaysAllow());
    }

    @Test
    void specialChecks() throws Exception {
        assertThat(parse("@")).isEqualTo(new AlwaysAllow());
        assertThat(parse("!")).isEqualTo(new AlwaysDeny());
        assertThat(parse("(!)")).isEqualTo(new AlwaysDeny());
    }

    @Test
    void buildsTypedNodes() throws Exception {
        assertThat(parse("rule:context_is_admin")).isEqualTo(new RuleReference("context_is_admin"));
        assertThat(parse("role:Admin")).isEqualTo(new RoleCheck(template("Admin")));
        assertThat(parse("project_id:%(owner)s"))
                .isEqualTo(new GenericCheck(new Operand.CredentialPath(List.of("project_id")), template("%(owner)s")));
        assertThat(parse("'public':%(visibility)s"))
                .isEqualTo(new GenericCheck(new Operand.Literal("public", "'public'"), template("%(visibility)s")));
        assertThat(parse("\"shared\":%(visibility)s"))
                .isEqualTo(new GenericCheck(new Operand.Literal("shared", "\"shared\""), template("%(visibility)s")));
        assertThat(parse("is_admin:True"))
                .isEqualTo(new GenericCheck(new Operand.CredentialPath(List.of("is_admin")), template("True")));
        assertThat(parse("token.user.domain:%(domain)s"))
                .isEqualTo(new GenericCheck(
                        new Operand.CredentialPath(List.of("token", "user", "domain")), template("%(domain)s")));
    }

    @Test
    void pythonLiteralKindsAreNormalisedLikeStr() throws Exception {
        assertThat(((GenericCheck) parse("True:%(enabled)s")).kind()).isEqualTo(new Operand.Literal("True", "True"));
        assertThat(((GenericCheck) parse("None:%(owner)s")).kind()).isEqualTo(new Operand.Literal("None", "None"));
        assertThat(((GenericCheck) parse("+42:%(n)s")).kind()).isEqualTo(new Operand.Literal("42", "+42"));
        assertThat(((GenericCheck) parse("-7:%(n)s")).kind()).isEqualTo(new Operand.Literal("-7", "-7"));
        // lower-case true is not a Python literal: it names a credential
        assertThat(((GenericCheck) parse("true:%(n)s")).kind()).isEqualTo(new Operand.CredentialPath(List.of("true")));
    }

    @Test
    void onlyTheFirstColonSeparatesKindFromMatch() throws Exception {
        assertThat(parse("role:compute:admin")).isEqualTo(new RoleCheck(template("compute:admin")));
        assertThat(parse("rule:a:b")).isEqualTo(new RuleReference("a:b"));
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                // precedence: not > and > or
                "role:a or role:b and role:c               | (role:a or (role:b and role:c))",
                "role:a and role:b or role:c               | ((role:a and role:b) or role:c)",
                "role:a and role:b or role:c and role:d    | ((role:a and role:b) or (role:c and role:d))",
                "not role:a and role:b                     | (not role:a and role:b)",
                "role:a and not role:b                     | (role:a and not role:b)",
                "not role:a or role:b                      | (not role:a or role:b)",
                "not not role:a                            | not not role:a",
                "role:a or role:b or role:c                | (role:a or role:b or role:c)",
                "role:a and role:b and role:c              | (role:a and role:b and role:c)",
                // parentheses override precedence
                "(role:a or role:b) and role:c             | ((role:a or role:b) and role:c)",
                "role:a and (role:b or role:c)             | (role:a and (role:b or role:c))",
                "not (role:a or role:b)                    | not (role:a or role:b)",
                "((role:a))                                | role:a",
                "( role:a )                                | role:a",
                // Glance's get_member default relies on 'and' binding tighter than 'or'
                "rule:context_is_admin or role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)"
                        + " | (rule:context_is_admin or (role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)))",
                "@ or !                                    | (@ or !)",
            })
    void precedenceAndParentheses(String rule, String expected) throws Exception {
        assertThat(parse(rule)).hasToString(expected);
    }

    @Test
    void renderedTreeParsesBackToTheSameTree() throws Exception {
        String rule = "not (role:a or 'public':%(visibility)s) and (project_id:%(owner)s or rule:x) or !";
        Check check = parse(rule);
        assertThat(parse(check.toString())).isEqualTo(check);
    }

    @Test
    void nestedGroupsStayNested() throws Exception {
        assertThat(parse("(role:a and role:b) and role:c"))
                .isEqualTo(new And(List.of(
                        new And(List.of(new RoleCheck(template("a")), new RoleCheck(template("b")))),
                        new RoleCheck(template("c")))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "role:a and                 | unexpected end of rule after 'and' (token 2)",
                "or role:a                  | expected a check but found 'or' (token 1)",
                "role:a role:b              | unexpected 'role:b' (token 2)",
                "(role:a                    | unexpected end of rule after 'role:a' (token 2)",
                "role:a)                    | unexpected ')' (token 2)",
                "()                         | expected a check but found ')' (token 2)",
                "not                        | unexpected end of rule after 'not' (token 1)",
                "'public'                   | a quoted string is not a check: ''public'' (token 1)",
                "role:a and 'x'             | a quoted string is not a check: ''x'' (token 3)",
                "admin                      | check has no ':' (expected kind:match) in 'admin' (token 1)",
                "role:a or rule:            | 'rule:' needs a rule name in 'rule:' (token 3)",
                ":x                         | empty kind before ':' in ':x' (token 1)",
                "http://example.com/check   | 'http:' checks are not supported in 'http://example.com/check' (token 1)",
                "'abc:%(x)s                 | unterminated quoted literal 'abc in ''abc:%(x)s' (token 1)",
                "1.5:%(x)s                  | unsupported literal 1.5 (use a quoted string, an integer, True, False or None) in '1.5:%(x)s' (token 1)",
                "[1]:%(x)s                  | unsupported literal [1] (use a quoted string, an integer, True, False or None) in '[1]:%(x)s' (token 1)",
                "project_id:%(owner         | unterminated %( in %(owner in 'project_id:%(owner' (token 1)",
                "project_id:%(owner)d       | unsupported conversion after %(owner) in %(owner)d (only %(name)s is allowed) in 'project_id:%(owner)d' (token 1)",
                "role:100%                  | unsupported '%' in 100% (only %(name)s and %% are allowed) in 'role:100%' (token 1)",
                "project_id:%s              | unsupported '%' in %s (only %(name)s and %% are allowed) in 'project_id:%s' (token 1)",
            })
    void rejectsWhatOsloCouldNotUnderstand(String rule, String message) {
        assertThatThrownBy(() -> parse(rule))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessage(message);
    }
}
