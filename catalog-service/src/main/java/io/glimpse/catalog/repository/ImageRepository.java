package io.glimpse.catalog.repository;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageNotFoundException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Image rows; soft-deleted rows are invisible to every lookup here. */
@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<Image, String> {

    /** @throws ImageNotFoundException (as a failed Uni) when there is no live image with this id */
    public Uni<Image> findLive(String id) {
        return find("id = ?1 and deletedAt is null", id).firstResult()
                .onItem().ifNull().failWith(() -> new ImageNotFoundException(id));
    }

    public Uni<Boolean> idTaken(String id) {
        return count("id", id).map(count -> count > 0);
    }
}
