package io.glimpse.signature.rest;

import io.glimpse.contracts.model.VerificationOutcome;
import io.glimpse.signature.TestPki;
import io.glimpse.signature.TestPki.Identity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.glimpse.signature.rest.VerificationResourceTest.DATA;
import static io.glimpse.signature.rest.VerificationResourceTest.assertOutcome;
import static io.glimpse.signature.rest.VerificationResourceTest.request;
import static io.glimpse.signature.rest.VerificationResourceTest.storeAsAlice;
import static org.assertj.core.api.Assertions.assertThat;

/** With {@code glimpse.signature.enforce-trusted-ca} on, only certificates issued by a trusted CA may sign. */
@QuarkusTest
@TestProfile(TrustedCaEnforcementTest.EnforceTrustedCa.class)
class TrustedCaEnforcementTest {

    public static class EnforceTrustedCa implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path ca = TestPki.trustedCa().certificate();
            return Map.of(
                    "glimpse.signature.enforce-trusted-ca",
                    "true",
                    "glimpse.signature.trusted-ca-directory",
                    ca.getParent().toString());
        }
    }

    @Test
    void aCertificateIssuedByATrustedCaVerifies() {
        Identity leaf = TestPki.issuedBy(TestPki.trustedCa(), TestPki.ecKey("P-384"), "digitalSignature");

        assertOutcome(
                request(
                        UUID.randomUUID().toString(),
                        storeAsAlice(leaf),
                        leaf.sign("SHA-384", DATA, false),
                        "SHA-384",
                        "ECC_SECP384R1",
                        DATA),
                VerificationOutcome.VERIFIED);
    }

    @Test
    void intermediatesStoredWithTheCertificateCompleteTheChain() {
        Identity intermediate = TestPki.intermediateCa(TestPki.trustedCa(), TestPki.rsaKey(3072));
        Identity leaf = TestPki.issuedBy(intermediate, TestPki.ecKey("P-521"), "digitalSignature,nonRepudiation");
        String bundle = new String(leaf.certificatePem(), StandardCharsets.US_ASCII)
                + new String(intermediate.certificatePem(), StandardCharsets.US_ASCII);
        String withChain = SecretResourceTest.storedId(
                "alice", Map.of("secret_type", "certificate", "payload", bundle, "payload_content_type", "text/plain"));
        byte[] signature = leaf.sign("SHA-512", DATA, false);

        assertOutcome(
                request(UUID.randomUUID().toString(), withChain, signature, "SHA-512", "ECC_SECP521R1", DATA),
                VerificationOutcome.VERIFIED);
        assertOutcome(
                request(UUID.randomUUID().toString(), storeAsAlice(leaf), signature, "SHA-512", "ECC_SECP521R1", DATA),
                VerificationOutcome.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void selfSignedAndForeignCertificatesAreUntrusted() {
        Identity selfSigned = TestPki.selfSigned(TestPki.rsaKey(2048));
        Identity foreign = TestPki.issuedBy(TestPki.untrustedCa(), TestPki.rsaKey(2048), "digitalSignature");
        byte[] signature = selfSigned.sign("SHA-256", DATA, true);

        Response untrusted = assertOutcome(
                request(UUID.randomUUID().toString(), storeAsAlice(selfSigned), signature, "SHA-256", "RSA-PSS", DATA),
                VerificationOutcome.UNTRUSTED_CERTIFICATE);
        assertThat(untrusted.jsonPath().getString("reason")).contains("does not chain to a trusted CA");
        assertOutcome(
                request(UUID.randomUUID().toString(), storeAsAlice(foreign), signature, "SHA-256", "RSA-PSS", DATA),
                VerificationOutcome.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aTrustedLeafThatMayNotSignIsUntrusted() {
        Identity encipherOnly = TestPki.issuedBy(TestPki.trustedCa(), TestPki.rsaKey(2048), "keyEncipherment");

        Response result = assertOutcome(
                request(
                        UUID.randomUUID().toString(),
                        storeAsAlice(encipherOnly),
                        encipherOnly.sign("SHA-256", DATA, true),
                        "SHA-256",
                        "RSA-PSS",
                        DATA),
                VerificationOutcome.UNTRUSTED_CERTIFICATE);
        assertThat(result.jsonPath().getString("reason")).contains("key usage");
    }
}
