package io.glimpse.catalog.domain;

import org.junit.jupiter.api.Test;

import static io.glimpse.contracts.model.ImageStatus.ACTIVE;
import static io.glimpse.contracts.model.ImageStatus.DEACTIVATED;
import static io.glimpse.contracts.model.ImageStatus.DELETED;
import static io.glimpse.contracts.model.ImageStatus.IMPORTING;
import static io.glimpse.contracts.model.ImageStatus.KILLED;
import static io.glimpse.contracts.model.ImageStatus.PENDING_DELETE;
import static io.glimpse.contracts.model.ImageStatus.QUEUED;
import static io.glimpse.contracts.model.ImageStatus.SAVING;
import static io.glimpse.contracts.model.ImageStatus.UPLOADING;
import static org.assertj.core.api.Assertions.assertThat;

/** The graph of glance-v2-api.md §2.4, edge by edge. */
class ImageStatusGraphTest {

    @Test
    void theEdgesAreGlances() {
        assertThat(ImageStatusGraph.next(QUEUED))
                .containsExactlyInAnyOrder(SAVING, UPLOADING, IMPORTING, ACTIVE, DELETED);
        assertThat(ImageStatusGraph.next(SAVING)).containsExactlyInAnyOrder(ACTIVE, KILLED, DELETED, QUEUED);
        assertThat(ImageStatusGraph.next(UPLOADING)).containsExactlyInAnyOrder(IMPORTING, QUEUED, DELETED);
        assertThat(ImageStatusGraph.next(IMPORTING)).containsExactlyInAnyOrder(ACTIVE, DELETED, QUEUED);
        assertThat(ImageStatusGraph.next(ACTIVE)).containsExactlyInAnyOrder(PENDING_DELETE, DELETED, DEACTIVATED);
        assertThat(ImageStatusGraph.next(KILLED)).containsExactly(DELETED);
        assertThat(ImageStatusGraph.next(PENDING_DELETE)).containsExactlyInAnyOrder(DELETED, ACTIVE);
        assertThat(ImageStatusGraph.next(DEACTIVATED)).containsExactlyInAnyOrder(ACTIVE, DELETED);
        assertThat(ImageStatusGraph.next(DELETED)).isEmpty();
    }

    @Test
    void formatsStayEditableOnlyWhileQueuedOrImporting() {
        assertThat(ImageStatusGraph.formatsEditable(QUEUED)).isTrue();
        assertThat(ImageStatusGraph.formatsEditable(IMPORTING)).isTrue();
        assertThat(ImageStatusGraph.formatsEditable(ACTIVE)).isFalse();
        assertThat(ImageStatusGraph.allows(DEACTIVATED, QUEUED)).isFalse();
    }
}
