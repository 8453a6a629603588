package io.glimpse.systemtests;

import io.glimpse.testsupport.GlimpseSuite;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.glimpse.systemtests.ImageSignatureTest.assertRefused;
import static io.glimpse.systemtests.ImageSignatureTest.data;
import static io.glimpse.systemtests.ImageSignatureTest.signedImage;
import static io.glimpse.systemtests.ImageSignatureTest.storeCertificate;
import static io.glimpse.systemtests.ImageSignatureTest.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator who trusts only their own CA (signature-service started with {@code enforce-trusted-ca} and a CA
 * directory, as its environment variables set them): uploads signed under that CA verify through the gateway,
 * self-signed and foreign-CA certificates are refused. signature-service is restarted with its default
 * configuration afterwards.
 */
class TrustedCaEnforcementTest extends ThroughTheGateway {

    @TempDir
    static Path dir;

    private static OpensslPki pki;
    private static Path trustedCaKey;
    private static Path trustedCa;

    @BeforeAll
    static void restartSignatureServiceTrustingOneCa() throws IOException {
        pki = new OpensslPki(dir);
        trustedCaKey = pki.rsaKey("trusted-ca");
        trustedCa = pki.certificateAuthority(trustedCaKey, "trusted-ca");
        Path trustedDirectory = Files.createDirectories(dir.resolve("trusted.d"));
        Files.copy(trustedCa, trustedDirectory.resolve("trusted-ca.pem"));

        GlimpseSuite.glimpse("stop", "signature-service");
        GlimpseSuite.glimpseWith(
                Map.of(
                        "GLIMPSE_SIGNATURE_ENFORCE_TRUSTED_CA",
                        "true",
                        "GLIMPSE_SIGNATURE_TRUSTED_CA_DIRECTORY",
                        trustedDirectory.toString()),
                "start",
                "signature-service");
    }

    @AfterAll
    static void restoreTheDefaultConfiguration() {
        GlimpseSuite.glimpse("stop", "signature-service");
        GlimpseSuite.glimpse("start", "signature-service");
    }

    @Test
    void aCertificateIssuedByTheTrustedCaVerifies() {
        Path key = pki.ecKey("leaf", "P-384");
        String certificate = storeCertificate(pki.der(pki.issuedBy(trustedCaKey, trustedCa, key, "leaf")));
        byte[] data = data(200 * 1024);
        String id = signedImage(pki.sign(key, "SHA-384", false, data), "SHA-384", "ECC_SECP384R1", certificate);

        Response uploaded = upload(id, "file", data);

        assertThat(uploaded.statusCode()).as(uploaded.asString()).isEqualTo(204);
        assertThat(as("alice").get("/v2/images/" + id).jsonPath().getString("status"))
                .isEqualTo("active");
    }

    @Test
    void aSelfSignedCertificateIsNoLongerEnough() {
        Path key = pki.rsaKey("self");
        String certificate = storeCertificate(pki.der(pki.selfSigned(key, "self")));
        byte[] data = data(100 * 1024);
        String id = signedImage(pki.sign(key, "SHA-256", true, data), "SHA-256", "RSA-PSS", certificate);

        Response refused = assertRefused(id, "file", data);

        assertThat(refused.asString()).contains("Signature verification failed").contains("trusted CA");
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        Path foreignCaKey = pki.rsaKey("foreign-ca");
        Path foreignCa = pki.certificateAuthority(foreignCaKey, "foreign-ca");
        Path key = pki.dsaKey("foreign-leaf");
        String certificate = storeCertificate(pki.der(pki.issuedBy(foreignCaKey, foreignCa, key, "foreign-leaf")));
        byte[] data = data(150 * 1024);
        String id = signedImage(pki.sign(key, "SHA-256", false, data), "SHA-256", "DSA", certificate);

        Response refused = assertRefused(id, "s3", data);

        assertThat(refused.asString()).contains("trusted CA");
    }
}
