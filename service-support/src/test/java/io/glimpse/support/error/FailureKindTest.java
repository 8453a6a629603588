package io.glimpse.support.error;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** How untyped failures are sorted into 503, 400 and 500 (ADR 0008), read from their cause chain. */
class FailureKindTest {

    @Test
    void aDatabaseThatWentAwayIsAnOutage() {
        // What a statement in flight gets when PostgreSQL shuts down (fast shutdown closes every connection).
        RuntimeException reset =
                new RuntimeException("org.hibernate.HibernateException", new SocketException("Connection reset"));
        assertThat(FailureKind.of(reset)).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(FailureKind.of(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(FailureKind.ofSqlState("57P01")).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(FailureKind.ofSqlState("08006")).isEqualTo(FailureKind.UNAVAILABLE);
    }

    @Test
    void aValueTheDatabaseCannotHoldIsBadInput() {
        PgException nul = new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null);
        assertThat(FailureKind.of(new RuntimeException(nul))).isEqualTo(FailureKind.BAD_INPUT);
    }

    @Test
    void aCreateThatLostARaceIsAConflict() {
        PgException duplicate = new PgException(
                "duplicate key value violates unique constraint \"metadef_namespaces_namespace_key\"",
                "ERROR",
                "23505",
                null);
        assertThat(FailureKind.of(new RuntimeException(new RuntimeException(duplicate))))
                .isEqualTo(FailureKind.CONFLICT);
        // Other integrity violations (a foreign key, a check) are not a race this service expects: still a bug.
        assertThat(FailureKind.ofSqlState("23503")).isEqualTo(FailureKind.BUG);
    }

    @Test
    void anythingElseIsABug() {
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.BUG);
        assertThat(FailureKind.ofSqlState("42P01")).isEqualTo(FailureKind.BUG);
    }
}
