package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.ImageSearch;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * {@code GET /v2/search/images} (ADR 0014): the images of the listing's default set whose name, tags or descriptive
 * properties match the caller's words, best first, with their total.
 */
@ApplicationScoped
public class ImageSearchService {
    /** The additional properties whose values are searched (V8 {@code image_search_vector}, weight C). */
    public static final List<String> SEARCHED_PROPERTIES =
            List.of("description", "os_distro", "os_version", "os_type", "architecture");

    private final ImageRepository images;
    private final ImagePolicy policy;

    public ImageSearchService(ImageRepository images, ImagePolicy policy) {
        this.images = images;
        this.policy = policy;
    }

    @WithSession
    public Uni<ImageSearch.Result> search(Caller caller, ImageSearch search) {
        policy.authorizeSearch(caller);
        boolean admin = policy.isAdmin(caller);
        // A value the caller may not read must not make an image match: then only names and tags are searched.
        boolean matchProperties = SEARCHED_PROPERTIES.stream().allMatch(name -> policy.canReadProperty(caller, name));
        return images.search(search, caller.projectId(), admin, matchProperties)
                .map(result -> new ImageSearch.Result(
                        result.total(),
                        result.totalExact(),
                        result.hits().stream()
                                .filter(hit -> policy.listable(caller, hit.image()))
                                .toList()));
    }
}
