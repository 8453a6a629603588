package io.glimpse.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The helper-thread digests, around the batch boundaries and when abandoned. */
class DigestCalculatorTest {

    private static final int BATCH = DigestCalculator.BATCH_SIZE;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BATCH - 1, BATCH, BATCH + 1, DigestCalculator.BATCHES * BATCH, 11 * BATCH + 12345})
    void everyDigestEqualsOneComputedAlone(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        DigestCalculator.Digests digests;
        try (DigestCalculator calculator =
                new DigestCalculator(DigestSpec.glanceDefault().withSignatureHash(HashAlgorithm.SHA256))) {
            // Uneven pieces, as reads from a socket come.
            int offset = 0;
            for (int piece = 1; offset < size; piece = piece * 3 % 70001 + 1) {
                int n = Math.min(piece, size - offset);
                calculator.update(data, offset, n);
                offset += n;
            }
            digests = calculator.finish();
        }
        HexFormat hex = HexFormat.of();
        assertThat(digests.md5Hex()).isEqualTo(hex.formatHex(TestStreams.digest("MD5", data)));
        assertThat(digests.osHashHex()).isEqualTo(hex.formatHex(TestStreams.digest("SHA-512", data)));
        assertThat(digests.signatureDigest())
                .hasValueSatisfying(digest -> assertThat(digest).isEqualTo(TestStreams.digest("SHA-256", data)));
    }

    @Test
    void md5AsTheOsHashNeedsNoHelper() {
        byte[] data = new byte[3 * BATCH];
        new Random(7).nextBytes(data);
        DigestCalculator calculator = new DigestCalculator(DigestSpec.of(HashAlgorithm.MD5));
        calculator.update(data, 0, data.length);
        DigestCalculator.Digests digests = calculator.finish();
        assertThat(digests.osHashHex()).isEqualTo(digests.md5Hex());
        assertThat(helpers()).isZero();
    }

    @Test
    void anAbandonedCalculatorStopsItsHelper() throws InterruptedException {
        DigestCalculator calculator = new DigestCalculator(DigestSpec.glanceDefault());
        calculator.update(new byte[3 * BATCH], 0, 3 * BATCH);
        assertThat(helpers()).isPositive();
        calculator.close();
        for (int i = 0; i < 100 && helpers() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(helpers()).isZero();
        assertThatThrownBy(() -> calculator.update(new byte[8 * BATCH], 0, 8 * BATCH))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theWarmUpRunsTheWholeIngestPathAndLeavesNoHelperBehind() throws InterruptedException {
        DataPathWarmUp.run();

        for (int i = 0; i < 100 && helpers() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(helpers()).isZero();
    }

    private static long helpers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("digest-") && thread.isAlive())
                .count();
    }
}
