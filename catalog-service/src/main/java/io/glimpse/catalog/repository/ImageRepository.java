package io.glimpse.catalog.repository;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageNotFoundException;
import io.glimpse.catalog.domain.ImageQuery;
import io.glimpse.catalog.domain.ImageSearch;
import io.glimpse.contracts.model.ImageStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Image rows; soft-deleted rows are invisible to every lookup here. */
@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<Image, String> {

    /** @throws ImageNotFoundException (as a failed Uni) when there is no live image with this id */
    public Uni<Image> findLive(String id) {
        return find("id = ?1 and deletedAt is null", id)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> new ImageNotFoundException(id));
    }

    /**
     * The live image, locked for the rest of the transaction: writers of one image take turns, so its
     * event sequence never forks.
     */
    public Uni<Image> findLiveForUpdate(String id) {
        return find("id = ?1 and deletedAt is null", id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> new ImageNotFoundException(id));
    }

    public Uni<Boolean> idTaken(String id) {
        return count("id", id).map(count -> count > 0);
    }

    /**
     * The conditional status change every transition goes through.
     *
     * @return false when the image is no longer in {@code expected} (the caller lost a race)
     */
    public Uni<Boolean> compareAndSetStatus(String id, ImageStatus expected, ImageStatus target, OffsetDateTime now) {
        return update(
                        "status = ?1, updatedAt = ?2 where id = ?3 and status = ?4 and deletedAt is null",
                        target,
                        now,
                        id,
                        expected)
                .map(updated -> updated == 1);
    }

    /** One page of a listing (see {@link ImageListSql}). */
    @SuppressWarnings("unchecked")
    public Uni<List<Image>> page(ImageQuery query, String projectId, boolean admin, Image marker) {
        ImageListSql sql = new ImageListSql(query, new ListScope(projectId, admin), marker);
        return Panache.getSession().chain(session -> {
            var nativeQuery = session.createNativeQuery(sql.sql(query.limit()), Image.class);
            sql.parameters().forEach(nativeQuery::setParameter);
            return nativeQuery.getResultList();
        });
    }

    /**
     * One page of a search, best first, and the total of visible matches (see {@link ImageSearchSql}).
     *
     * @param matchProperties whether words may match the indexed additional properties, not only names and tags
     */
    @SuppressWarnings("unchecked")
    public Uni<ImageSearch.Result> search(
            ImageSearch search, String projectId, boolean admin, boolean matchProperties) {
        ImageSearchSql sql = new ImageSearchSql(search, new ListScope(projectId, admin), matchProperties);
        return Panache.getSession().chain(session -> {
            var nativeQuery = session.createNativeQuery(sql.sql(), Object[].class);
            sql.parameters().forEach(nativeQuery::setParameter);
            return nativeQuery.getResultList().chain(rows -> {
                long total = 0;
                Map<String, Double> scores = new LinkedHashMap<>();
                for (Object[] row : rows) {
                    if (row[0] == null) {
                        total = ((Number) row[2]).longValue();
                    } else {
                        scores.put((String) row[0], ((Number) row[1]).doubleValue());
                    }
                }
                boolean exact = total <= ImageSearchSql.CANDIDATES;
                long found = Math.min(total, ImageSearchSql.CANDIDATES);
                if (scores.isEmpty()) {
                    return Uni.createFrom().item(new ImageSearch.Result(found, exact, List.of()));
                }
                return find("id in ?1 and deletedAt is null", List.copyOf(scores.keySet()))
                        .list()
                        .map(images -> {
                            Map<String, Image> byId = new HashMap<>();
                            images.forEach(image -> byId.put(image.id, image));
                            return new ImageSearch.Result(
                                    found,
                                    exact,
                                    scores.entrySet().stream()
                                            .filter(hit -> byId.containsKey(hit.getKey()))
                                            .map(hit -> new ImageSearch.Hit(byId.get(hit.getKey()), hit.getValue()))
                                            .toList());
                        });
            });
        });
    }

    /** Whether any live image has a location with this URL. */
    public Uni<Boolean> urlInUse(String url) {
        return urlUsedByAnotherImage(url, "");
    }

    /**
     * Whether another live image has a location with this URL (PATCH may point two images at one object); the
     * containment test is answered by the GIN index {@code images_location_items} (V6).
     */
    public Uni<Boolean> urlUsedByAnotherImage(String url, String imageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from images where id <> ?1 and deleted_at is null and locations->'items' @> "
                                        + "jsonb_build_array(jsonb_build_object('url', cast(?2 as text)))",
                                Long.class)
                        .setParameter(1, imageId)
                        .setParameter(2, url)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /**
     * Live images whose location hash (§7.3) has not settled: they carry {@code os_glance_hash_op_host}. The
     * predicate is the one of the partial index {@code images_hash_in_progress} (V6), literally.
     */
    public Uni<List<Image>> withHashInProgress() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select " + ImageColumns.of("")
                                        + " from images where deleted_at is null and jsonb_exists(properties, 'os_glance_hash_op_host')",
                                Image.class)
                        .getResultList());
    }

    /**
     * Whether import-service is writing this live image's data into some store ({@code os_glance_importing_to_stores}
     * not empty): its partial writes are import-service's, which holds its own lease on them.
     */
    public Uni<Boolean> importInProgress(String imageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from images where id = ?1 and deleted_at is null "
                                        + "and coalesce(properties->>'os_glance_importing_to_stores', '') <> ''",
                                Long.class)
                        .setParameter(1, imageId)
                        .getSingleResult())
                .map(count -> count > 0);
    }
}
