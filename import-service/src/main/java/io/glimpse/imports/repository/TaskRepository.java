package io.glimpse.imports.repository;

import io.glimpse.contracts.model.TaskStatus;
import io.glimpse.imports.domain.Task;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tasks, and the leases of the imports they record. Lease times are the database's clock ({@code now()}), the one
 * clock every instance shares.
 */
@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<Task, String> {

    /** A visible (accepted, unexpired) task. */
    public Uni<Optional<Task>> findVisible(String id) {
        return find("id = ?1 and accepted = true", id).firstResult().map(Optional::ofNullable);
    }

    /** The task locked for this transaction, whatever its state. */
    public Uni<Optional<Task>> findForUpdate(String id) {
        return find("id", id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .map(Optional::ofNullable);
    }

    /** Visible tasks of an image, newest first. */
    public Uni<List<Task>> ofImage(String imageId) {
        return list("imageId = ?1 and accepted = true order by createdAt desc", imageId);
    }

    /** The unfinished import of an image, if any (at most one holds catalog's lock). */
    public Uni<List<Task>> unfinishedOfImage(String imageId) {
        return list("imageId = ?1 and status in ?2", imageId, List.of(TaskStatus.PENDING, TaskStatus.PROCESSING));
    }

    /**
     * Takes the lease of an unfinished import nobody runs now (never claimed, or its lease ran out) and starts its
     * next attempt.
     *
     * @return the new attempt number, or empty when the task is finished or another instance holds it
     */
    public Uni<Optional<Long>> claim(String id, String owner, Duration lease) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update task set attempt = attempt + 1, lease_owner = ?1, lease_until = now() + ?2 * "
                                        + "interval '1 millisecond' where id = ?3 and accepted and status in ('pending', "
                                        + "'processing') and (lease_until is null or lease_until < now()) returning attempt",
                                Long.class)
                        .setParameter(1, owner)
                        .setParameter(2, lease.toMillis())
                        .setParameter(3, id)
                        .getResultList()
                        .map(attempts -> attempts.stream().findFirst()));
    }

    /**
     * Imports to resume or start here: those whose lease ran out, and those the hand-out never started.
     *
     * @return task ids, oldest first
     */
    public Uni<List<String>> orphaned(Duration unclaimedAfter, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select id from task where status in ('pending', 'processing') and accepted and "
                                        + "((lease_until is null and created_at < now() - ?1 * interval '1 millisecond') "
                                        + "or lease_until < now()) order by created_at limit ?2",
                                String.class)
                        .setParameter(1, unclaimedAfter.toMillis())
                        .setParameter(2, limit)
                        .getResultList());
    }

    /**
     * Renews the lease of {@code attempt}.
     *
     * @return whether the task was cancelled (its image deleted), or empty when the attempt lost the lease
     */
    public Uni<Optional<Boolean>> renew(String id, long attempt, Duration lease) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update task set lease_until = now() + ?1 * interval '1 millisecond' where id = ?2 and "
                                        + "attempt = ?3 and status in ('pending', 'processing') returning cancelled",
                                Boolean.class)
                        .setParameter(1, lease.toMillis())
                        .setParameter(2, id)
                        .setParameter(3, attempt)
                        .getResultList()
                        .map(cancelled -> cancelled.stream().findFirst()));
    }

    /** Tasks whose lock request catalog never confirmed (the instance died in between), oldest first. */
    public Uni<List<Task>> unsettled(Duration olderThan, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select * from task where not accepted and created_at < now() - ?1 * interval '1 millisecond' "
                                        + "order by created_at limit ?2",
                                Task.class)
                        .setParameter(1, olderThan.toMillis())
                        .setParameter(2, limit)
                        .getResultList());
    }

    /** Deletes tasks past their {@code expires_at} (task_time_to_live); their steps go with them. */
    public Uni<Integer> deleteExpired() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from task where expires_at < now()")
                        .executeUpdate());
    }

    /** Marks the unfinished imports of a deleted image cancelled; their workers stop at their next heartbeat. */
    public Uni<Integer> cancelImportsOf(String imageId) {
        return update(
                "cancelled = true where imageId = ?1 and status in ?2",
                imageId,
                List.of(TaskStatus.PENDING, TaskStatus.PROCESSING));
    }
}
