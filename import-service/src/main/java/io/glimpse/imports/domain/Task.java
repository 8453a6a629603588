package io.glimpse.imports.domain;

import io.glimpse.contracts.model.TaskStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A task (glance-v2-api.md §8.6). An import task is also the record of a durable import: what it was asked to do,
 * which instance runs it until when (its lease), and which attempt that is (the fencing token of every write).
 */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {
    /** Glance's type of an import through {@code POST /v2/images/{id}/import}. */
    public static final String API_IMAGE_IMPORT = "api_image_import";

    @Id
    public String id;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public TaskStatus status;

    public String owner;

    @Column(name = "image_id")
    public String imageId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "user_id")
    public String userId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> input = Map.of();

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> result;

    @Column(nullable = false)
    public String message = "";

    /** One entry per phase and target store; a JSON object, as Hibernate Reactive maps JSON columns. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public TaskProgress progress = new TaskProgress(List.of());

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    public String method;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> targets = List.of();

    @Column(name = "all_stores_must_succeed", nullable = false)
    public boolean allStoresMustSucceed = true;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "user_roles", nullable = false)
    public List<String> userRoles = List.of();

    /** False until catalog granted the import lock; hidden until then. */
    @Column(nullable = false)
    public boolean accepted = true;

    @Column(nullable = false)
    public long attempt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    /** The image was deleted: the work stops and cleans up. */
    @Column(nullable = false)
    public boolean cancelled;

    public boolean isFinished() {
        return status == TaskStatus.SUCCESS || status == TaskStatus.FAILURE;
    }
}
