package io.glimpse.signature.repository;

import io.glimpse.signature.domain.Certificate;
import io.glimpse.signature.domain.SecretNotFoundException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Certificate rows; a secret past its Barbican expiration is invisible to every lookup here. */
@ApplicationScoped
public class CertificateRepository implements PanacheRepositoryBase<Certificate, UUID> {
    private static final String AVAILABLE = "(expiration is null or expiration > :now)";

    /** @throws SecretNotFoundException (as a failed Uni) when there is no available secret with this id */
    public Uni<Certificate> findAvailable(String id) {
        Optional<UUID> uuid = parseUuid(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().failure(new SecretNotFoundException(id));
        }
        return find(
                        "id = :id and " + AVAILABLE,
                        Parameters.with("id", uuid.get()).and("now", now()))
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> new SecretNotFoundException(id));
    }

    /** One page in Barbican's order (oldest first), of one project's secrets or, with no owner, of all. */
    public Uni<List<Certificate>> page(Optional<String> owner, Optional<String> name, int offset, int limit) {
        Filter filter = filter(owner, name);
        return find(filter.query, Sort.by("createdAt").and("id"), filter.parameters)
                .range(offset, offset + limit - 1)
                .list();
    }

    public Uni<Long> count(Optional<String> owner, Optional<String> name) {
        Filter filter = filter(owner, name);
        return count(filter.query, filter.parameters);
    }

    private static Filter filter(Optional<String> owner, Optional<String> name) {
        StringBuilder query = new StringBuilder(AVAILABLE);
        Parameters parameters = Parameters.with("now", now());
        owner.ifPresent(project -> {
            query.append(" and owner = :owner");
            parameters.and("owner", project);
        });
        name.ifPresent(value -> {
            query.append(" and name = :name");
            parameters.and("name", value);
        });
        return new Filter(query.toString(), parameters);
    }

    private record Filter(String query, Parameters parameters) {}

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static Optional<UUID> parseUuid(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            // UUID.fromString accepts short forms such as "1-2-3-4-5"; only the canonical spelling is an id.
            return uuid.toString().equalsIgnoreCase(id) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
