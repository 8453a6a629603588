package io.glimpse.store;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenSSL's digests must be in use on machines of this kind (Debian with libssl3) and equal the JDK's, byte for byte. */
class OpenSslDigestsTest {

    @Test
    void sha512IsComputedByOpenSslHere() {
        assertThat(OpenSslDigests.available()).as(OpenSslDigests.status()).isPresent();
        assertThat(OpenSslDigests.status()).startsWith("OpenSSL 3");
        assertThat(HashAlgorithm.SHA512.newDigest().getClass().getName()).contains("OpenSslDigests");
        assertThat(DataPathWarmUp.sha512Implementation()).startsWith("SHA-512 by OpenSSL 3");
        // Only where OpenSSL is the faster one here.
        assertThat(HashAlgorithm.MD5.newDigest().getClass().getName()).doesNotContain("OpenSslDigests");
    }

    @Test
    void equalsTheJdkWhateverTheSlicingAndAfterReuse() {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        for (HashAlgorithm algorithm : new HashAlgorithm[] {HashAlgorithm.SHA384, HashAlgorithm.SHA512}) {
            MessageDigest openSsl = algorithm.newDigest();
            byte[] expected = algorithm.newJdkDigest().digest(data);
            assertThat(openSsl.getAlgorithm()).isEqualTo(algorithm.jcaName());
            assertThat(openSsl.getDigestLength()).isEqualTo(expected.length);

            // Slices at odd offsets, single bytes and empty updates, from a heap array.
            openSsl.update(data[0]);
            openSsl.update(data, 1, 0);
            int offset = 1;
            int step = 1;
            while (offset < data.length) {
                int length = Math.min(step, data.length - offset);
                openSsl.update(data, offset, length);
                offset += length;
                step = step * 3 + 1;
            }
            assertThat(openSsl.digest()).isEqualTo(expected);

            // digest() resets: the same object computes the next one from scratch, as reset() does.
            assertThat(openSsl.digest(data)).isEqualTo(expected);
            openSsl.update(data, 0, 100);
            openSsl.reset();
            assertThat(openSsl.digest()).isEqualTo(algorithm.newJdkDigest().digest());
        }
    }
}
