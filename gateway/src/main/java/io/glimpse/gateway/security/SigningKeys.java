package io.glimpse.gateway.security;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One fetched JSON Web Key Set, reduced to the public signing keys by key id. Immutable, so it is
 * swapped whole when refreshed.
 */
public record SigningKeys(
        Map<String, PublicJsonWebKey> byKeyId, List<PublicJsonWebKey> withoutKeyId, Instant fetchedAt) {

    public static final SigningKeys NONE = new SigningKeys(Map.of(), List.of(), Instant.EPOCH);

    public static SigningKeys parse(String jwksJson, Instant fetchedAt) throws JoseException {
        Map<String, PublicJsonWebKey> byKeyId = new LinkedHashMap<>();
        List<PublicJsonWebKey> withoutKeyId = new java.util.ArrayList<>();
        for (JsonWebKey key : new JsonWebKeySet(jwksJson).getJsonWebKeys()) {
            // Keycloak also publishes encryption keys ("use": "enc"); only signing keys verify tokens.
            boolean signing = key.getUse() == null || key.getUse().equals("sig");
            if (signing && key instanceof PublicJsonWebKey publicKey) {
                if (key.getKeyId() == null) {
                    withoutKeyId.add(publicKey);
                } else {
                    byKeyId.put(key.getKeyId(), publicKey);
                }
            }
        }
        return new SigningKeys(Map.copyOf(byKeyId), List.copyOf(withoutKeyId), fetchedAt);
    }

    public boolean isEmpty() {
        return byKeyId.isEmpty() && withoutKeyId.isEmpty();
    }

    public int size() {
        return byKeyId.size() + withoutKeyId.size();
    }

    /** The key a token names; a token without {@code kid} is accepted only when the set has a single key. */
    public Optional<PublicJsonWebKey> find(Optional<String> keyId) {
        if (keyId.isPresent()) {
            return Optional.ofNullable(byKeyId.get(keyId.get()));
        }
        if (size() == 1) {
            return Optional.of(
                    withoutKeyId.isEmpty() ? byKeyId.values().iterator().next() : withoutKeyId.getFirst());
        }
        return Optional.empty();
    }
}
