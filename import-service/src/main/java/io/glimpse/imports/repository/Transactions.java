package io.glimpse.imports.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * Runs reactive database work from a worker thread and waits for it: stages and imports stream bytes on worker
 * threads, while Hibernate Reactive must run on a Vert.x context.
 */
public final class Transactions {
    private Transactions() {}

    /** {@code work} in one transaction, committed before this returns. */
    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    /** {@code work} in a session without a transaction (reads). */
    public static <T> T inSession(Supplier<Uni<T>> work) {
        return await(() -> Panache.withSession(work));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
