package io.glimpse.gateway.security;

import io.glimpse.gateway.support.TestKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysTest {

    @Test
    void keepsSigningKeysByIdAndSkipsEncryptionKeys() throws Exception {
        JsonObject encryption = new JsonObject(TestKeys.ROTATED.publicJwkJson())
                .put("use", "enc")
                .put("kid", "enc-key");
        String jwks = new JsonObject()
                .put(
                        "keys",
                        new JsonArray()
                                .add(new JsonObject(TestKeys.TRUSTED.publicJwkJson()))
                                .add(encryption))
                .encode();

        SigningKeys keys = SigningKeys.parse(jwks, Instant.now());

        assertThat(keys.byKeyId().keySet()).containsExactly(TestKeys.TRUSTED.keyId());
        assertThat(keys.find(Optional.of(TestKeys.TRUSTED.keyId()))).isPresent();
        assertThat(keys.find(Optional.of("enc-key"))).isEmpty();
        // With a single key, a token without kid may use it.
        assertThat(keys.find(Optional.empty())).isPresent();
    }
}
