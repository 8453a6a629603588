package io.glimpse.imports.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/** One step of an import and its result; a resumed attempt skips the steps that are done. */
@Entity
@Table(name = "import_step")
public class ImportStep extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public StepStatus status;

    @Column(nullable = false)
    public long attempt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> result;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Task, step name and target store ({@code ""} for steps that have none). */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "task_id")
        public String taskId;

        public String name;

        public String store;

        public Key() {}

        public Key(String taskId, String name, String store) {
            this.taskId = taskId;
            this.name = name;
            this.store = store;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && taskId.equals(key.taskId)
                    && name.equals(key.name)
                    && store.equals(key.store);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, name, store);
        }
    }
}
