package io.glimpse.store;

/**
 * Measures how much heap stays reachable while a write runs: a baseline after a GC, then samples
 * after a GC at checkpoints during the write. Sampling after a GC counts what is retained (the
 * buffers a store holds), not the garbage it churns through.
 */
final class HeapProbe {

    private final long baseline;
    private volatile long peak;

    HeapProbe() {
        this.baseline = usedAfterGc();
        this.peak = baseline;
    }

    void sample() {
        long used = usedAfterGc();
        if (used > peak) {
            peak = used;
        }
    }

    long growthBytes() {
        return Math.max(0, peak - baseline);
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
