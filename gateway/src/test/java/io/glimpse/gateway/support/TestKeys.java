package io.glimpse.gateway.support;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA keys of the tests, checked in under {@code src/test/resources/keys}: {@code trusted} is
 * published in the test key set next to Keycloak's real keys, {@code rotated} only after a
 * "rotation", {@code untrusted} never.
 */
public enum TestKeys {
    TRUSTED("trusted-signing-key", "glimpse-test-trusted"),
    ROTATED("rotated-signing-key", "glimpse-test-rotated"),
    UNTRUSTED("untrusted-signing-key", "glimpse-test-untrusted");

    private final String file;
    private final String keyId;

    TestKeys(String file, String keyId) {
        this.file = file;
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }

    /** The key pair as a JWK (private part included), with this key's id. */
    public RsaJsonWebKey jwk() {
        try {
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey)
                    KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody()));
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
            jwk.setPrivateKey(privateKey);
            jwk.setKeyId(keyId);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            return jwk;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read test key " + file, e);
        }
    }

    /** The public half as JSON, for a key set. */
    public String publicJwkJson() {
        return jwk().toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private byte[] pemBody() {
        try (InputStream in = TestKeys.class.getResourceAsStream("/keys/" + file + ".pem")) {
            if (in == null) {
                throw new IllegalStateException("missing /keys/" + file + ".pem");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
