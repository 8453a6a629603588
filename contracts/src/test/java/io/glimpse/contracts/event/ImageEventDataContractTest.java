package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.model.Visibility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire form of image events is fixed by a fixture: a renamed field breaks this test, not a consumer. */
class ImageEventDataContractTest {

    @Test
    void fixtureReadsIntoTheRecordAndWritesBackUnchanged() throws IOException {
        String fixture = fixture("events/image.create.json");

        ImageEventData data = EventJson.read(fixture, ImageEventData.class);

        assertThat(data.sequence()).isEqualTo(1);
        assertThat(data.actor()).isEqualTo(new Actor("project-a", "alice"));
        assertThat(data.image().status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(data.image().visibility()).isEqualTo(Visibility.SHARED);
        assertThat(data.image().isProtected()).isFalse();
        assertThat(data.image().properties()).containsEntry("hw_disk_bus", "scsi");
        assertThat(data.image().createdAt()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
        ObjectMapper plain = new ObjectMapper();
        assertThat(plain.readTree(EventJson.write(data))).isEqualTo(plain.readTree(fixture));
    }

    @Test
    void unknownEnumValueIsRejectedWithTheAllowedValues() {
        String bad = "{\"sequence\":1,\"image\":{\"status\":\"sleeping\"}}";

        assertThatThrownBy(() -> EventJson.read(bad, ImageEventData.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sleeping");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ImageEventDataContractTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
