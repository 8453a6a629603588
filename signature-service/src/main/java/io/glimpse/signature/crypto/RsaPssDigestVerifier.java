package io.glimpse.signature.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) over a pre-computed digest, with MGF1 over the same hash and the
 * maximum salt length (emLen - hLen - 2), exactly what Glance's cursive asks of cryptography
 * ({@code PSS.MAX_LENGTH}). The JDK's RSASSA-PSS Signature hashes its input again and has no pre-hashed
 * form, so the encoding check (§9.1.2 EMSA-PSS-VERIFY) is done here; the RSA step is public-key only.
 */
final class RsaPssDigestVerifier implements DigestVerifier {
    private static final byte TRAILER = (byte) 0xbc;

    @Override
    public boolean verify(PublicKey key, HashMethod hash, byte[] digest, byte[] signature) {
        RSAPublicKey rsa = (RSAPublicKey) key;
        BigInteger n = rsa.getModulus();
        int modBits = n.bitLength();
        int k = (modBits + 7) / 8;
        if (signature.length != k) {
            return false;
        }
        BigInteger s = new BigInteger(1, signature);
        if (s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger m = s.modPow(rsa.getPublicExponent(), n);
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        if (m.bitLength() > emBits) {
            return false;
        }
        return emsaPssVerify(digest, toOctets(m, emLen), emBits, hash);
    }

    /** RFC 8017 §9.1.2 with sLen = emLen - hLen - 2; the step numbers are the RFC's. */
    private static boolean emsaPssVerify(byte[] mHash, byte[] em, int emBits, HashMethod hash) {
        MessageDigest digest = messageDigest(hash);
        int hLen = mHash.length;
        int emLen = em.length;
        int sLen = emLen - hLen - 2;
        if (hLen != hash.digestLength() || sLen < 0) { // steps 2-3
            return false;
        }
        if (em[emLen - 1] != TRAILER) { // step 4
            return false;
        }
        int dbLen = emLen - hLen - 1;
        byte[] maskedDb = Arrays.copyOfRange(em, 0, dbLen); // step 5
        byte[] h = Arrays.copyOfRange(em, dbLen, dbLen + hLen);
        int unusedBits = 8 * emLen - emBits;
        int topMask = 0xff >>> unusedBits;
        if ((maskedDb[0] & ~topMask & 0xff) != 0) { // step 6
            return false;
        }
        byte[] dbMask = mgf1(digest, h, dbLen); // step 7
        byte[] db = new byte[dbLen];
        for (int i = 0; i < dbLen; i++) { // step 8
            db[i] = (byte) (maskedDb[i] ^ dbMask[i]);
        }
        db[0] &= (byte) topMask; // step 9
        int padLen = emLen - hLen - sLen - 2; // 0 with the maximum salt
        for (int i = 0; i < padLen; i++) { // step 10
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[padLen] != 0x01) {
            return false;
        }
        digest.reset(); // steps 11-13
        digest.update(new byte[8]);
        digest.update(mHash);
        digest.update(db, dbLen - sLen, sLen);
        return MessageDigest.isEqual(h, digest.digest()); // step 14
    }

    /** MGF1 (RFC 8017 B.2.1). */
    private static byte[] mgf1(MessageDigest digest, byte[] seed, int length) {
        byte[] mask = new byte[length];
        int filled = 0;
        for (int counter = 0; filled < length; counter++) {
            digest.reset();
            digest.update(seed);
            digest.update(
                    new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
                    });
            byte[] block = digest.digest();
            int take = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, mask, filled, take);
            filled += take;
        }
        return mask;
    }

    /** I2OSP: the unsigned big-endian value in exactly {@code length} octets (it fits, checked by the caller). */
    private static byte[] toOctets(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] octets = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, octets, length - copy, copy);
        return octets;
    }

    private static MessageDigest messageDigest(HashMethod hash) {
        try {
            return MessageDigest.getInstance(hash.glanceName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + hash.glanceName(), e);
        }
    }
}
