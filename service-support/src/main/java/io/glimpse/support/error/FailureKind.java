package io.glimpse.support.error;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What an untyped failure means for the caller, read from its cause chain: the database (or another component)
 * is unreachable, which is an outage to answer 503; the database refused a value the request carried (a NUL
 * byte, an unsupported escape), which is bad input to answer 400; a concurrent request created the same thing
 * first (a unique key), which is a conflict to answer 409; or anything else, which is a bug.
 */
public enum FailureKind {
    /** An infrastructure component cannot serve now: 503 with {@code Retry-After}. */
    UNAVAILABLE,
    /** PostgreSQL's "data exception" class (SQLSTATE 22xxx): the request carried a value it cannot hold. */
    BAD_INPUT,
    /**
     * PostgreSQL's unique violation (SQLSTATE 23505): two requests raced to create the same thing and this one
     * lost. Every service checks for duplicates before it writes; only a race gets past that check.
     */
    CONFLICT,
    /** Nothing the caller or the infrastructure did: 500. */
    BUG;

    /**
     * SQLSTATE classes and codes that mean "not now": 08 connection exception, 53 insufficient resources, 57P01
     * admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now.
     */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53");

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private static final String UNIQUE_VIOLATION = "23505";

    public static FailureKind of(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            FailureKind kind = direct(cause);
            if (kind != BUG) {
                return kind;
            }
        }
        return BUG;
    }

    private static FailureKind direct(Throwable cause) {
        String sqlState = sqlState(cause);
        if (sqlState != null) {
            return ofSqlState(sqlState);
        }
        // SocketException: refused, no route, and also "Connection reset" from a PostgreSQL that shut down under
        // a statement. Only connections this service opened reach the mapper: a client's own reset never does.
        if (cause instanceof SocketException
                || cause instanceof UnknownHostException
                || cause instanceof ClosedConnectionException
                || cause instanceof ClosedChannelException
                || cause instanceof TimeoutException) {
            return UNAVAILABLE;
        }
        // The reactive pool reports "no connection in time" and a connection lost mid-statement with plain
        // VertxExceptions; their messages are the only distinction.
        if (cause instanceof VertxException && cause.getMessage() != null) {
            String message = cause.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("timeout") || message.contains("connection") || message.contains("closed")) {
                return UNAVAILABLE;
            }
        }
        return BUG;
    }

    static FailureKind ofSqlState(String sqlState) {
        if (sqlState.length() != 5) {
            return BUG;
        }
        String sqlClass = sqlState.substring(0, 2);
        if (UNAVAILABLE_CLASSES.contains(sqlClass) || UNAVAILABLE_STATES.contains(sqlState)) {
            return UNAVAILABLE;
        }
        if (sqlState.equals(UNIQUE_VIOLATION)) {
            return CONFLICT;
        }
        return sqlClass.equals("22") ? BAD_INPUT : BUG;
    }

    private static String sqlState(Throwable cause) {
        if (cause instanceof DatabaseException database) {
            return database.getSqlState();
        }
        if (cause instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }
}
