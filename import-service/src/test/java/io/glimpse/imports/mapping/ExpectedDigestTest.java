package io.glimpse.imports.mapping;

import io.glimpse.store.HashAlgorithm;
import io.glimpse.support.error.GlimpseException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** web-download's validation_data: what is accepted, and the 400 of what is not. */
class ExpectedDigestTest {
    private static final String SHA256 = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    @Test
    void noValidationDataAsksForNothing() {
        assertThat(ExpectedDigest.of(Map.of("name", "web-download"))).isEmpty();
    }

    @Test
    void aKnownAlgorithmWithAValueOfItsLengthIsExpectedInLowerCase() {
        assertThat(ExpectedDigest.of(method(Map.of("os_hash_algo", "sha256", "os_hash_value", SHA256))))
                .contains(new ExpectedDigest(HashAlgorithm.SHA256, SHA256.toLowerCase()));
        assertThat(ExpectedDigest.of(method(Map.of("os_hash_algo", "md5", "os_hash_value", "0".repeat(32)))))
                .map(ExpectedDigest::algorithm)
                .contains(HashAlgorithm.MD5);
    }

    @Test
    void anythingElseIsABadRequest() {
        refused(method("sha256:" + SHA256), "validation_data must be an object.");
        refused(method(Map.of("os_hash_value", SHA256)), "requires 'os_hash_algo'");
        refused(method(Map.of("os_hash_algo", "SHA-256", "os_hash_value", SHA256)), "os_hash_algo must be one of");
        refused(method(Map.of("os_hash_algo", "crc32", "os_hash_value", "00000000")), "os_hash_algo must be one of");
        refused(method(Map.of("os_hash_algo", "sha256")), "is not valid hexadecimal value for algorithm sha256");
        refused(
                method(Map.of("os_hash_algo", "sha256", "os_hash_value", SHA256.substring(2))),
                "is not valid hexadecimal value");
        refused(
                method(Map.of("os_hash_algo", "sha256", "os_hash_value", "g" + SHA256.substring(1))),
                "is not valid hexadecimal value");
        refused(
                method(Map.of("os_hash_algo", "sha256", "os_hash_value", SHA256, "checksum", "x")),
                "('checksum' was unexpected)");
    }

    private static Map<String, Object> method(Object validationData) {
        Map<String, Object> method = new HashMap<>();
        method.put("name", "web-download");
        method.put("validation_data", validationData);
        return method;
    }

    private static void refused(Map<String, Object> method, String message) {
        assertThatThrownBy(() -> ExpectedDigest.of(method))
                .isInstanceOf(GlimpseException.BadRequest.class)
                .hasMessageContaining(message);
    }
}
