package io.glimpse.imports.repository;

import io.glimpse.imports.domain.StagedData;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Staged data and the leases of stages in progress (database clock). */
@ApplicationScoped
public class StagedDataRepository implements PanacheRepositoryBase<StagedData, String> {

    public Uni<Optional<StagedData>> of(String imageId) {
        return findById(imageId).map(Optional::ofNullable);
    }

    public Uni<Optional<StagedData>> forUpdate(String imageId) {
        return findById(imageId, LockModeType.PESSIMISTIC_WRITE).map(Optional::ofNullable);
    }

    /** Starts a stage's lease on the database clock. */
    public Uni<Integer> lease(String imageId, String token, String owner, Duration lease) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update staged_data set lease_owner = ?1, lease_until = now() + ?2 * interval '1 millisecond'"
                                        + " where image_id = ?3 and stage_token = ?4 and state = 'staging'")
                        .setParameter(1, owner)
                        .setParameter(2, lease.toMillis())
                        .setParameter(3, imageId)
                        .setParameter(4, token)
                        .executeUpdate());
    }

    /** Stages whose instance stopped renewing their lease: their data and their image's uploading state are stale. */
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
