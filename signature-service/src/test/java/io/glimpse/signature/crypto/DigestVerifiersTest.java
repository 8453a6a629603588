package io.glimpse.signature.crypto;

import io.glimpse.signature.TestPki;
import io.glimpse.signature.TestPki.Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.DSAPublicKeySpec;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-hashed verifiers against signatures OpenSSL made over the data itself, the way Glance's
 * users sign ({@code openssl dgst -<hash> -sign}, PSS with the maximum salt): every key type with every
 * hash method verifies, and any changed bit does not.
 */
class DigestVerifiersTest {
    private static final byte[] DATA =
            "a small disk image, signed as Glance users do\n".repeat(300).getBytes(StandardCharsets.UTF_8);
    private static final String[] HASHES = {"SHA-224", "SHA-256", "SHA-384", "SHA-512"};

    static Stream<Arguments> keysAndHashes() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String hash : HASHES) {
            cases.add(Arguments.of("RSA 2048", SignatureKeyType.RSA_PSS, TestPki.rsaKey(2048), hash));
            // 2049 bits: emLen is one octet shorter than the modulus (RFC 8017 §8.1.2 step 2c).
            cases.add(Arguments.of("RSA 2049", SignatureKeyType.RSA_PSS, TestPki.rsaKey(2049), hash));
            cases.add(Arguments.of("RSA 3072", SignatureKeyType.RSA_PSS, TestPki.rsaKey(3072), hash));
            cases.add(Arguments.of("DSA 2048/256", SignatureKeyType.DSA, TestPki.dsaKey(2048, 256), hash));
            cases.add(Arguments.of("DSA 2048/224", SignatureKeyType.DSA, TestPki.dsaKey(2048, 224), hash));
            cases.add(Arguments.of("DSA 1024/160", SignatureKeyType.DSA, TestPki.dsaKey(1024, 160), hash));
            cases.add(Arguments.of("EC P-384", SignatureKeyType.ECC_SECP384R1, TestPki.ecKey("P-384"), hash));
            cases.add(Arguments.of("EC P-521", SignatureKeyType.ECC_SECP521R1, TestPki.ecKey("P-521"), hash));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} with {3}")
    @MethodSource("keysAndHashes")
    void opensslSignaturesVerifyOverTheDigestAndNothingElseDoes(
            String label, SignatureKeyType type, java.nio.file.Path key, String hashName) {
        Identity signer = TestPki.selfSigned(key);
        PublicKey publicKey = certificate(signer).getPublicKey();
        HashMethod hash = HashMethod.fromGlanceName(hashName).orElseThrow();
        byte[] signature = signer.sign(hashName, DATA, type == SignatureKeyType.RSA_PSS);
        byte[] digest = TestPki.digest(hashName, DATA);
        DigestVerifier verifier = SignatureVerifier.verifierFor(type);

        assertThat(type.mismatch(publicKey)).isEmpty();
        assertThat(verifier.verify(publicKey, hash, digest, signature)).isTrue();
        assertThat(verifier.verify(publicKey, hash, flipBit(digest, 3), signature))
                .isFalse();
        // Within the first 160 bits: DSA and ECDSA sign only the digest's leftmost bits up to the group order's size.
        assertThat(verifier.verify(publicKey, hash, flipBit(digest, 8 * 19 + 7), signature))
                .isFalse();
        assertThat(verifier.verify(publicKey, hash, digest, flipBit(signature, signature.length * 4)))
                .isFalse();
        assertThat(verifier.verify(publicKey, hash, digest, Arrays.copyOf(signature, signature.length - 1)))
                .isFalse();
        assertThat(verifier.verify(publicKey, hash, digest, new byte[] {0x30, 0x00}))
                .isFalse();
    }

    @Test
    void pssSignaturesWithAShorterSaltAreRejectedAsGlanceRejectsThem() {
        Identity signer = TestPki.selfSigned(TestPki.rsaKey(2048));
        PublicKey key = certificate(signer).getPublicKey();
        byte[] digest = TestPki.digest("SHA-256", DATA);
        DigestVerifier verifier = SignatureVerifier.verifierFor(SignatureKeyType.RSA_PSS);

        assertThat(verifier.verify(key, HashMethod.SHA_256, digest, signer.signPssWithSalt("SHA-256", DATA, "max")))
                .isTrue();
        assertThat(verifier.verify(key, HashMethod.SHA_256, digest, signer.signPssWithSalt("SHA-256", DATA, "digest")))
                .isFalse();
    }

    @Test
    void aSignatureMadeWithAnotherHashDoesNotVerify() {
        Identity signer = TestPki.selfSigned(TestPki.ecKey("P-384"));
        PublicKey key = certificate(signer).getPublicKey();
        byte[] signedWithSha512 = signer.sign("SHA-512", DATA, false);
        byte[] sha384 = TestPki.digest("SHA-384", DATA);

        assertThat(SignatureVerifier.verifierFor(SignatureKeyType.ECC_SECP384R1)
                        .verify(key, HashMethod.SHA_384, sha384, signedWithSha512))
                .isFalse();
    }

    @Test
    void keyTypesNameTheMismatch() {
        PublicKey rsa = certificate(TestPki.selfSigned(TestPki.rsaKey(2048))).getPublicKey();
        PublicKey p256 = certificate(TestPki.selfSigned(TestPki.ecKey("P-256"))).getPublicKey();
        PublicKey p384 = certificate(TestPki.selfSigned(TestPki.ecKey("P-384"))).getPublicKey();

        assertThat(SignatureKeyType.DSA.mismatch(rsa)).get().asString().contains("RSA public key", "DSA");
        assertThat(SignatureKeyType.ECC_SECP384R1.mismatch(p256))
                .get()
                .asString()
                .contains("secp256r1", "secp384r1");
        assertThat(SignatureKeyType.ECC_SECP521R1.mismatch(p384))
                .get()
                .asString()
                .contains("secp384r1");
        assertThat(SignatureKeyType.ECC_SECP384R1.mismatch(p384)).isEmpty();
        assertThat(SignatureKeyType.RSA_PSS.mismatch(p384)).isPresent();
    }

    @Test
    void oversizedDsaKeysAreRefusedBeforeAnyArithmetic() throws java.security.GeneralSecurityException {
        BigInteger p = BigInteger.ONE.shiftLeft(4095).add(BigInteger.ONE);
        BigInteger q = BigInteger.ONE.shiftLeft(255).add(BigInteger.ONE);
        PublicKey oversized = KeyFactory.getInstance("DSA")
                .generatePublic(new DSAPublicKeySpec(BigInteger.valueOf(3), p, q, BigInteger.TWO));

        assertThat(SignatureKeyType.DSA.mismatch(oversized)).get().asString().contains("FIPS 186-4");
    }

    @Test
    void derSignaturesAreReadStrictly() {
        byte[] valid = {0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07};

        assertThat(DerSignature.decode(valid)).get().satisfies(rs -> {
            assertThat(rs[0].intValue()).isEqualTo(5);
            assertThat(rs[1].intValue()).isEqualTo(7);
        });
        assertThat(DerSignature.decode(Arrays.copyOf(valid, 9))).isEmpty();
        assertThat(DerSignature.decode(Arrays.copyOf(valid, 7))).isEmpty();
        assertThat(DerSignature.decode(new byte[] {0x31, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07}))
                .isEmpty();
        assertThat(DerSignature.decode(new byte[] {0x30, (byte) 0x85, 0, 0, 0, 0, 6}))
                .isEmpty();
        assertThat(DerSignature.decode(new byte[0])).isEmpty();
    }

    private static byte[] flipBit(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static X509Certificate certificate(Identity identity) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(identity.certificatePem()));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
