package io.glimpse.policy;

import io.glimpse.policy.rule.Check;
import io.glimpse.policy.rule.RuleParser;
import io.glimpse.policy.rule.RuleSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** oslo.policy evaluation semantics, one feature at a time. */
class CheckEvaluatorTest {

    private static final Map<String, Object> IMAGE =
            Map.of("owner", "project-a", "project_id", "project-a", "visibility", "shared");

    private static Check parse(String rule) {
        try {
            return RuleParser.parse(rule);
        } catch (RuleSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean eval(String rule, Credentials creds, Map<String, ?> target) {
        return eval(Map.of(), rule, creds, target);
    }

    private static boolean eval(Map<String, String> rules, String rule, Credentials creds, Map<String, ?> target) {
        Map<String, Check> parsed = new LinkedHashMap<>();
        rules.forEach((name, text) -> parsed.put(name, parse(text)));
        return new CheckEvaluator(parsed).evaluate(parse(rule), creds, target);
    }

    @Test
    void constants() {
        assertThat(eval("", Personas.SVC, Map.of())).isTrue();
        assertThat(eval("@", Personas.SVC, Map.of())).isTrue();
        assertThat(eval("!", Personas.ADMIN, Map.of())).isFalse();
    }

    @Test
    void roleChecksIgnoreCase() {
        assertThat(eval("role:ADMIN", Personas.ADMIN, Map.of())).isTrue();
        assertThat(eval("role:Admin", Personas.ALICE, Map.of())).isFalse();
        Credentials mixedCase = new Credentials("u", "p", Set.of("Member"), Map.of());
        assertThat(eval("role:member", mixedCase, Map.of())).isTrue();
    }

    @Test
    void roleNameMayComeFromTheTarget() {
        assertThat(eval("role:%(required)s", Personas.CAROL, Map.of("required", "Reader")))
                .isTrue();
        assertThat(eval("role:%(required)s", Personas.CAROL, Map.of("required", "member")))
                .isFalse();
        assertThat(eval("role:%(required)s", Personas.CAROL, Map.of())).isFalse();
    }

    @Test
    void credentialAgainstTarget() {
        assertThat(eval("project_id:%(owner)s", Personas.ALICE, IMAGE)).isTrue();
        assertThat(eval("project_id:%(owner)s", Personas.BOB, IMAGE)).isFalse();
        assertThat(eval("user_id:%(user)s", Personas.BOB, Map.of("user", "bob")))
                .isTrue();
    }

    @Test
    void credentialAgainstConstant() {
        assertThat(eval("project_id:project-a", Personas.CAROL, Map.of())).isTrue();
        assertThat(eval("project_id:project-a", Personas.BOB, Map.of())).isFalse();
        // As in oslo.policy, quotes on the match side are part of the compared text.
        assertThat(eval("project_id:'project-a'", Personas.CAROL, Map.of())).isFalse();
    }

    @Test
    void literalAgainstTarget() {
        assertThat(eval("'shared':%(visibility)s", Personas.BOB, IMAGE)).isTrue();
        assertThat(eval("\"shared\":%(visibility)s", Personas.BOB, IMAGE)).isTrue();
        assertThat(eval("'public':%(visibility)s", Personas.BOB, IMAGE)).isFalse();
        assertThat(eval("3:%(size)s", Personas.BOB, Map.of("size", 3))).isTrue();
        assertThat(eval("True:%(protected)s", Personas.BOB, Map.of("protected", true)))
                .isTrue();
        assertThat(eval("True:%(protected)s", Personas.BOB, Map.of("protected", "true")))
                .isFalse();
    }

    @Test
    void nullTargetValueIsPythonNone() {
        Map<String, Object> ownerless = new HashMap<>();
        ownerless.put("owner", null);
        assertThat(eval("None:%(owner)s", Personas.BOB, ownerless)).isTrue();
        assertThat(eval("project_id:%(owner)s", Personas.BOB, ownerless)).isFalse();
    }

    @Test
    void missingTargetKeyMakesOnlyThatCheckFalse() {
        assertThat(eval("project_id:%(member_id)s", Personas.BOB, IMAGE)).isFalse();
        assertThat(eval("not project_id:%(member_id)s", Personas.BOB, IMAGE)).isTrue();
        assertThat(eval("project_id:%(member_id)s or role:member", Personas.BOB, IMAGE))
                .isTrue();
    }

    @Test
    void missingCredentialIsFalse() {
        assertThat(eval("domain_id:%(domain)s", Personas.BOB, Map.of("domain", "default")))
                .isFalse();
    }

    @Test
    void claimsAreReachableByDottedPathAndListsMatchAnyElement() {
        Credentials creds = new Credentials(
                "u",
                "p",
                Set.of(),
                Map.of(
                        "token", Map.of("user", Map.of("domain", "default")),
                        "groups", List.of("ops", "dev"),
                        "is_admin", true));
        assertThat(eval("token.user.domain:default", creds, Map.of())).isTrue();
        assertThat(eval("token.user.domain:other", creds, Map.of())).isFalse();
        assertThat(eval("token.user.missing:default", creds, Map.of())).isFalse();
        assertThat(eval("groups:dev", creds, Map.of())).isTrue();
        assertThat(eval("groups:qa", creds, Map.of())).isFalse();
        assertThat(eval("is_admin:True", creds, Map.of())).isTrue();
        assertThat(eval("roles:reader", Personas.CAROL, Map.of())).isTrue();
    }

    @Test
    void booleanOperatorsAndPrecedence() {
        assertThat(eval("role:admin or role:reader and role:member", Personas.CAROL, Map.of()))
                .isFalse();
        assertThat(eval("role:admin or role:reader and not role:member", Personas.CAROL, Map.of()))
                .isTrue();
        assertThat(eval("(role:admin or role:reader) and role:member", Personas.CAROL, Map.of()))
                .isFalse();
        assertThat(eval("not (role:admin or role:member)", Personas.CAROL, Map.of()))
                .isTrue();
        assertThat(eval("not role:reader or role:member", Personas.CAROL, Map.of()))
                .isFalse();
    }

    @Test
    void ruleReferences() {
        Map<String, String> rules = Map.of("is_reader", "role:reader", "owner", "project_id:%(owner)s");
        assertThat(eval(rules, "rule:is_reader and rule:owner", Personas.CAROL, IMAGE))
                .isTrue();
        assertThat(eval(rules, "rule:is_reader and rule:owner", Personas.BOB, IMAGE))
                .isFalse();
        assertThat(eval(rules, "rule:missing", Personas.ADMIN, IMAGE)).isFalse();
        assertThat(eval(rules, "not rule:missing", Personas.ADMIN, IMAGE)).isTrue();
    }

    @Test
    void cyclesFailClosedAtRuntimeToo() {
        Map<String, String> rules = Map.of("a", "rule:b", "b", "role:admin or rule:a");
        assertThat(eval(rules, "rule:a", Personas.ADMIN, Map.of())).isTrue();
        assertThat(eval(rules, "rule:a", Personas.ALICE, Map.of())).isFalse();
    }
}
