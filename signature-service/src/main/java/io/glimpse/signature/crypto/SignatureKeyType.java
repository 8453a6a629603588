package io.glimpse.signature.crypto;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Glance's {@code img_signature_key_type} values that Glimpse verifies. Glance registers only the ECC
 * curves its crypto backend supports and only those of at least 384 bits (glance-v2-api.md §6); the
 * JDK has no binary (SECT*) curves, so those two prime curves remain.
 */
public enum SignatureKeyType {
    RSA_PSS("RSA-PSS", "RSA", null),
    DSA("DSA", "DSA", null),
    ECC_SECP384R1("ECC_SECP384R1", "EC", "secp384r1"),
    ECC_SECP521R1("ECC_SECP521R1", "EC", "secp521r1");

    private static final int MAX_DSA_P_BITS = 3072;
    private static final int MAX_DSA_Q_BITS = 256;

    private final String glanceName;
    private final String keyAlgorithm;
    private final String curve;

    SignatureKeyType(String glanceName, String keyAlgorithm, String curve) {
        this.glanceName = glanceName;
        this.keyAlgorithm = keyAlgorithm;
        this.curve = curve;
    }

    public String glanceName() {
        return glanceName;
    }

    public static Optional<SignatureKeyType> fromGlanceName(String value) {
        return Arrays.stream(values())
                .filter(type -> type.glanceName.equals(value))
                .findFirst();
    }

    /** Why {@code key} cannot have made a signature of this type, if it cannot (Glance checks the key class; the curve too here). */
    public Optional<String> mismatch(PublicKey key) {
        boolean algorithmMatches = switch (this) {
            case RSA_PSS -> key instanceof RSAPublicKey;
            case DSA -> key instanceof DSAPublicKey;
            case ECC_SECP384R1, ECC_SECP521R1 -> key instanceof ECPublicKey;
        };
        if (!algorithmMatches) {
            return Optional.of("the certificate's " + key.getAlgorithm() + " public key does not match key type "
                    + glanceName + " (needs " + keyAlgorithm + ")");
        }
        if (key instanceof DSAPublicKey dsa
                && (dsa.getParams().getP().bitLength() > MAX_DSA_P_BITS
                        || dsa.getParams().getQ().bitLength() > MAX_DSA_Q_BITS)) {
            // Verification is modular arithmetic on the event loop: a crafted oversized key must not stall it.
            return Optional.of("the certificate's DSA key is larger than FIPS 186-4 allows (p of at most "
                    + MAX_DSA_P_BITS + " bits, q of at most " + MAX_DSA_Q_BITS + ")");
        }
        if (curve != null) {
            String keyCurve = curveName((ECPublicKey) key);
            if (!curve.equals(keyCurve)) {
                return Optional.of("the certificate's EC key is on curve " + keyCurve + ", not " + curve
                        + " as key type " + glanceName + " requires");
            }
        }
        return Optional.empty();
    }

    private static String curveName(ECPublicKey key) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(key.getParams());
            return parameters.getParameterSpec(ECGenParameterSpec.class).getName();
        } catch (GeneralSecurityException e) {
            return "an unnamed curve";
        }
    }
}
