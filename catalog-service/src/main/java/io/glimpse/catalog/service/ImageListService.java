package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageQuery;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** {@code GET /v2/images} (§4): one keyset page of what the caller may see. */
@ApplicationScoped
public class ImageListService {
    private final ImageRepository images;
    private final ImageLookup lookup;
    private final ImagePolicy policy;

    public ImageListService(ImageRepository images, ImageLookup lookup, ImagePolicy policy) {
        this.images = images;
        this.lookup = lookup;
        this.policy = policy;
    }

    /** A page, and the marker of the next one when the database filled the page. */
    public record Page(List<Image> images, Optional<String> nextMarker) {}

    @WithSession
    public Uni<Page> list(Caller caller, ImageQuery query) {
        policy.authorizeList(caller);
        boolean admin = policy.isAdmin(caller);
        return marker(caller, query)
                .chain(marker -> images.page(query, caller.projectId(), admin, marker.orElse(null)))
                .map(rows -> new Page(
                        rows.stream()
                                .filter(image -> policy.listable(caller, image))
                                .toList(),
                        !rows.isEmpty() && rows.size() == query.limit()
                                ? Optional.of(rows.getLast().id)
                                : Optional.empty()));
    }

    /** A marker that does not exist (or was deleted) → 400; one the caller may not see → 403 (§4.2). */
    private Uni<Optional<Image>> marker(Caller caller, ImageQuery query) {
        if (query.marker().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String id = query.marker().get();
        return images.findLive(id)
                .onFailure(GlimpseException.NotFound.class)
                .transform(e -> new GlimpseException.BadRequest("Invalid marker. Image " + id + " could not be found."))
                .chain(image -> lookup.membership(caller, image).map(membership -> {
                    if (!policy.canSee(caller, image, membership)) {
                        throw new GlimpseException.Forbidden("Invalid marker. Image " + id + " is not visible.");
                    }
                    return Optional.of(image);
                }));
    }
}
