package io.glimpse.inspect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The building blocks that make chunk boundaries irrelevant. */
class BufferingTest {

    private static final byte[] DATA = TestImages.random(1000, 9);

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 13, 64, 1000})
    void captureRegionCollectsItsWindowAcrossAnyChunking(int chunkSize) {
        CaptureRegion inside = new CaptureRegion(3, 9);
        CaptureRegion straddling = new CaptureRegion(990, 100);
        CaptureRegion whole = new CaptureRegion(0, 1000);

        feed(chunkSize, (start, chunk) -> {
            inside.capture(start, chunk, 0, chunk.length);
            straddling.capture(start, chunk, 0, chunk.length);
            whole.capture(start, chunk, 0, chunk.length);
        });

        assertThat(Arrays.copyOf(inside.data(), inside.filled())).isEqualTo(Arrays.copyOfRange(DATA, 3, 12));
        assertThat(inside.complete()).isTrue();
        assertThat(straddling.complete()).isFalse();
        assertThat(Arrays.copyOf(straddling.data(), straddling.filled()))
                .isEqualTo(Arrays.copyOfRange(DATA, 990, 1000));
        assertThat(whole.data()).isEqualTo(DATA);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 64, 1000})
    void regionDefinedTooLateKnowsItMissedItsStart(int chunkSize) {
        CaptureRegion late = new CaptureRegion(0, 10);
        feed(chunkSize, (start, chunk) -> {
            if (start > 0) {
                late.capture(start, chunk, 0, chunk.length);
            }
        });

        assertThat(late.missed()).isEqualTo(chunkSize < 1000);
        assertThat(late.retainedBytes()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 13, 64, 1000})
    void tailWindowKeepsTheLastBytes(int chunkSize) {
        TailWindow tail = new TailWindow(32);
        feed(chunkSize, (start, chunk) -> tail.append(chunk, 0, chunk.length));

        assertThat(tail.full()).isTrue();
        assertThat(tail.lastBytes()).isEqualTo(Arrays.copyOfRange(DATA, 968, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaab", "abab", "aab", "createtype"})
    void substringCounterCountsLikeANaiveOverlappingSearch(String pattern) {
        Random random = new Random(pattern.hashCode());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append(random.nextInt(8) == 0 ? pattern : "abct".charAt(random.nextInt(4)));
        }
        String haystack = text.toString();
        SubstringCounter counter = new SubstringCounter(pattern);
        int naive = 0;
        for (int i = 0; i < haystack.length(); i++) {
            counter.feed((byte) haystack.charAt(i));
            if (haystack.startsWith(pattern, i)) {
                naive++;
            }
        }

        assertThat(naive).isPositive();
        assertThat(counter.count()).isEqualTo(naive);
    }

    private interface ChunkSink {
        void accept(long start, byte[] chunk);
    }

    private static void feed(int chunkSize, ChunkSink sink) {
        for (int at = 0; at < DATA.length; at += chunkSize) {
            sink.accept(at, Arrays.copyOfRange(DATA, at, Math.min(DATA.length, at + chunkSize)));
        }
    }
}
