package io.glimpse.signature.policy;

import io.glimpse.signature.domain.Certificate;
import io.glimpse.signature.domain.SecretNotFoundException;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The authorization matrix of the secrets API (Barbican's secure-RBAC defaults, scoped by project) and of the internal
 * verify call: persona × operation → allowed, 403 or 404. The secret belongs to project-a.
 */
class SecretPolicyTest {
    private static final SecretPolicy POLICY = new SecretPolicy();

    private static final Map<String, Caller> PERSONAS = Map.of(
            "owner", caller("project-a", "member", "reader"),
            "owner-reader", caller("project-a", "reader"),
            "owner-no-role", caller("project-a"),
            "stranger", caller("project-b", "member", "reader"),
            "admin", caller("admin-project", "admin", "member", "reader"),
            "service", caller("service", "service"),
            "no-project", caller(null, "member", "reader"));

    enum SecretOperation {
        STORE,
        READ,
        DELETE,
        VERIFY
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        // storing: a member (or admin) of a project, for that project
        "owner,         STORE,  allowed",
        "owner-reader,  STORE,  403",
        "owner-no-role, STORE,  403",
        "stranger,      STORE,  allowed",
        "admin,         STORE,  allowed",
        "service,       STORE,  403",
        "no-project,    STORE,  403",
        // reading project-a's secret (metadata and payload): its readers and members, and admins
        "owner,         READ,   allowed",
        "owner-reader,  READ,   allowed",
        "owner-no-role, READ,   404",
        "stranger,      READ,   404",
        "admin,         READ,   allowed",
        "service,       READ,   404",
        "no-project,    READ,   404",
        // deleting it: its members and admins; who may not even read it gets 404
        "owner,         DELETE, allowed",
        "owner-reader,  DELETE, 403",
        "owner-no-role, DELETE, 404",
        "stranger,      DELETE, 404",
        "admin,         DELETE, allowed",
        "service,       DELETE, 404",
        // verifying a signature: Glimpse's services only
        "service,       VERIFY, allowed",
        "admin,         VERIFY, 403",
        "owner,         VERIFY, 403",
    })
    void matrix(String persona, SecretOperation operation, String expected) {
        Caller caller = PERSONAS.get(persona);
        Certificate secret = secretOf("project-a");

        Throwable denial = catchThrowable(() -> {
            switch (operation) {
                case STORE -> POLICY.authorizeStore(caller);
                case READ -> POLICY.authorizeRead(caller, secret);
                case DELETE -> POLICY.authorizeDelete(caller, secret);
                case VERIFY -> POLICY.authorizeVerify(caller);
            }
        });

        switch (expected) {
            case "allowed" -> assertThat(denial).isNull();
            case "403" -> assertThat(denial).isInstanceOf(GlimpseException.Forbidden.class);
            case "404" -> assertThat(denial).isInstanceOf(SecretNotFoundException.class);
            default -> throw new IllegalArgumentException(expected);
        }
    }

    @ParameterizedTest(name = "{0} lists the secrets of: {1}")
    @CsvSource({
        "owner,         project-a",
        "owner-reader,  project-a",
        "stranger,      project-b",
        "admin,         every project",
        "owner-no-role, 403",
        "service,       403",
        "no-project,    403",
    })
    void listing(String persona, String expected) {
        Caller caller = PERSONAS.get(persona);

        if (expected.equals("403")) {
            assertThat(catchThrowable(() -> POLICY.authorizeList(caller)))
                    .isInstanceOf(GlimpseException.Forbidden.class);
        } else {
            Optional<String> scope = POLICY.authorizeList(caller);
            assertThat(scope.orElse("every project")).isEqualTo(expected);
        }
    }

    private static Certificate secretOf(String project) {
        Certificate secret = new Certificate();
        secret.id = UUID.fromString("0f7a4e2e-3333-4c1c-9d7e-000000000001");
        secret.owner = project;
        return secret;
    }

    private static Caller caller(String project, String... roles) {
        return new Caller("user-of-" + project, project, Set.of(roles), "req-test");
    }
}
