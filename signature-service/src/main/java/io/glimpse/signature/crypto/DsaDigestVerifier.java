package io.glimpse.signature.crypto;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.util.Optional;

/**
 * DSA verification (FIPS 186-4 §4.7) over a pre-computed digest. The JDK's {@code NONEwithDSA} only
 * takes 20-byte (SHA-1) input, while Glance signs SHA-224…SHA-512 digests with keys whose q has 160,
 * 224 or 256 bits; so the (public-key only) arithmetic is done here. The signature is DER
 * {@code SEQUENCE {r INTEGER, s INTEGER}}, as OpenSSL and cryptography write it.
 */
final class DsaDigestVerifier implements DigestVerifier {

    @Override
    public boolean verify(PublicKey key, HashMethod hash, byte[] digest, byte[] signature) {
        DSAPublicKey dsa = (DSAPublicKey) key;
        DSAParams params = dsa.getParams();
        BigInteger p = params.getP();
        BigInteger q = params.getQ();
        Optional<BigInteger[]> rs = DerSignature.decode(signature);
        if (rs.isEmpty()) {
            return false;
        }
        BigInteger r = rs.get()[0];
        BigInteger s = rs.get()[1];
        if (r.signum() <= 0 || r.compareTo(q) >= 0 || s.signum() <= 0 || s.compareTo(q) >= 0) {
            return false;
        }
        // z: the leftmost min(N, outlen) bits of the digest
        BigInteger z = new BigInteger(1, digest);
        int excessBits = digest.length * 8 - q.bitLength();
        if (excessBits > 0) {
            z = z.shiftRight(excessBits);
        }
        BigInteger w = s.modInverse(q);
        BigInteger u1 = z.multiply(w).mod(q);
        BigInteger u2 = r.multiply(w).mod(q);
        BigInteger v = params.getG()
                .modPow(u1, p)
                .multiply(dsa.getY().modPow(u2, p))
                .mod(p)
                .mod(q);
        return v.equals(r);
    }
}
