package io.glimpse.policy;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {

    @Test
    void rolesAreLowerCasedTrimmedAndBlankOnesDropped() {
        Credentials creds = new Credentials("u", "p", Set.of("Admin", " Member ", " "), Map.of());
        assertThat(creds.roles()).containsExactlyInAnyOrder("admin", "member");
        assertThat(creds.hasRole("ADMIN")).isTrue();
        assertThat(creds.hasRole("reader")).isFalse();
    }

    @Test
    void additionalRolesAreMerged() {
        Credentials merged = Personas.CAROL.withAdditionalRoles(List.of("Service"));
        assertThat(merged.roles()).containsExactlyInAnyOrder("reader", "service");
        assertThat(Personas.CAROL.roles()).containsExactly("reader");
    }

    @Test
    void policyValuesExposeIdentityOverClaims() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("project_id", "spoofed");
        claims.put("domain_id", "default");
        claims.put("nothing", null);
        Credentials creds = new Credentials("u", "p", Set.of("reader"), claims);
        assertThat(creds.policyValues())
                .containsEntry("project_id", "p")
                .containsEntry("user_id", "u")
                .containsEntry("roles", List.of("reader"))
                .containsEntry("domain_id", "default")
                .containsEntry("nothing", null);
    }

    @Test
    void claimsAreCopied() {
        Map<String, Object> claims = new HashMap<>(Map.of("a", "1"));
        Credentials creds = new Credentials("u", "p", Set.of(), claims);
        claims.put("b", "2");
        assertThat(creds.claims()).containsOnlyKeys("a");
        assertThatThrownBy(() -> creds.claims().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void identityIsRequired() {
        assertThatThrownBy(() -> Credentials.of(null, "p")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Credentials.of("u", null)).isInstanceOf(NullPointerException.class);
    }
}
