package io.glimpse.imports.repository;

import io.glimpse.imports.domain.StagedData;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Staging attempts, and the leases of those in progress (database clock). */
@ApplicationScoped
public class StagedDataRepository implements PanacheRepositoryBase<StagedData, String> {

    /** The image's staged data: its newest attempt that finished staging. */
    public Uni<Optional<StagedData>> stagedFor(String imageId) {
        return find("imageId = ?1 and state = ?2 order by updatedAt desc", imageId, StagedData.STAGED)
                .firstResult()
                .map(Optional::ofNullable);
    }

    /** Every attempt of an image, whatever its state. */
    public Uni<List<StagedData>> allFor(String imageId) {
        return list("imageId", imageId);
    }

    /** (Re)starts an attempt's lease on the database clock; 0 when the attempt is no longer staging. */
    public Uni<Integer> lease(String token, String owner, Duration lease) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update staged_data set lease_owner = ?1, lease_until = now() + ?2 * interval "
                                        + "'1 millisecond' where stage_token = ?3 and state = 'staging'")
                        .setParameter(1, owner)
                        .setParameter(2, lease.toMillis())
                        .setParameter(3, token)
                        .executeUpdate());
    }

    /** Attempts whose instance stopped renewing their lease: their data and their image's uploading state are stale. */
    public Uni<List<StagedData>> abandoned(int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select * from staged_data where state = 'staging' and lease_until < now() "
                                        + "order by lease_until limit ?1 for update skip locked",
                                StagedData.class)
                        .setParameter(1, limit)
                        .getResultList());
    }
}
