package io.glimpse.signature.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * ECDSA over a pre-computed digest with the JDK's {@code NONEwithECDSA}, which takes the digest as is
 * (truncating it to the curve order's length as ECDSA prescribes) and a DER signature.
 */
final class EcdsaDigestVerifier implements DigestVerifier {

    @Override
    public boolean verify(PublicKey key, HashMethod hash, byte[] digest, byte[] signature) {
        try {
            Signature ecdsa = Signature.getInstance("NONEwithECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(digest);
            return ecdsa.verify(signature);
        } catch (GeneralSecurityException e) {
            // SignatureException on a malformed signature: simply not a valid one.
            return false;
        }
    }
}
