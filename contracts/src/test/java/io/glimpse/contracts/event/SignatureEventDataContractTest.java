package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.internal.VerificationResult;
import io.glimpse.contracts.model.VerificationOutcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire forms of signature events and of the internal verification call are fixed by fixtures. */
class SignatureEventDataContractTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void eventFixtureReadsIntoTheRecordAndWritesBackUnchanged() throws IOException {
        String fixture = fixture("events/image.signature.verified.json");

        SignatureEventData data = EventJson.read(fixture, SignatureEventData.class);

        assertThat(data.sequence()).isEqualTo(2);
        assertThat(data.actor()).isEqualTo(new Actor("project-a", "alice"));
        assertThat(data.verification().outcome()).isEqualTo(VerificationOutcome.VERIFIED);
        assertThat(data.verification().hashMethod()).isEqualTo("SHA-256");
        assertThat(data.verification().createdAt()).isEqualTo(Instant.parse("2026-11-25T03:00:00.123456Z"));
        assertThat(PLAIN.readTree(EventJson.write(data))).isEqualTo(PLAIN.readTree(fixture));
    }

    @Test
    void verificationRequestFixtureRoundTrips() throws IOException {
        String fixture = fixture("internal/verification-request.json");

        VerificationRequest request = EventJson.read(fixture, VerificationRequest.class);

        assertThat(request.signatureBase64()).isEqualTo("c2lnbmF0dXJl");
        assertThat(request.digestBase64()).isEqualTo("ZGlnZXN0");
        assertThat(request.projectId()).isEqualTo("project-a");
        assertThat(PLAIN.readTree(EventJson.write(request))).isEqualTo(PLAIN.readTree(fixture));
    }

    @Test
    void resultsUseLowerCaseOutcomesAndRejectUnknownOnes() {
        String json = EventJson.write(
                new VerificationResult("v-1", false, VerificationOutcome.CERTIFICATE_EXPIRED, "expired"));

        assertThat(json).contains("\"outcome\":\"certificate_expired\"", "\"verification_id\":\"v-1\"");
        assertThatThrownBy(() -> EventJson.read("{\"outcome\":\"maybe\"}", VerificationResult.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maybe");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in =
                SignatureEventDataContractTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
