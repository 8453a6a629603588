package io.glimpse.store;

import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Feeds each chunk to every digest a {@link DigestSpec} asks for. An algorithm asked for twice
 * (e.g. a SHA-512 signature over a SHA-512 {@code os_hash}) is computed once.
 *
 * <p>MD5 runs on the calling thread; every other digest runs on one helper thread, so an upload
 * is bounded by the slower digest rather than by their sum. The helper gets copies of the data in
 * batches of {@value #BATCH_SIZE} bytes, at most {@value #BATCHES} of them allocated and in
 * flight: when it falls behind, {@link #update} waits for a batch to come back, so memory stays
 * bounded whatever the size. The helper starts with the first full batch (small writes never
 * start it). {@link #finish} waits for it; {@link #close} stops it when the write is abandoned.
 *
 * <p>{@link #update} and {@link #finish} may be called from different threads (the S3 SDK reads
 * on its own threads), never concurrently.
 */
final class DigestCalculator implements AutoCloseable {

    static final int BATCH_SIZE = 128 * 1024;
    static final int BATCHES = 4;
    /** Handed to a writer waiting for a free batch once the helper stopped early. */
    private static final byte[] STOPPED = new byte[0];

    /** Result of one pass. */
    record Digests(String md5Hex, HashAlgorithm osHash, String osHashHex, Optional<byte[]> signatureDigest) {}

    private record Batch(byte[] data, int length) {
        static final Batch END = new Batch(STOPPED, -1);
    }

    private final DigestSpec spec;
    private final MessageDigest md5 = HashAlgorithm.MD5.newDigest();
    /** Every digest but MD5, updated by the helper only (and read after it ended). */
    private final Map<HashAlgorithm, MessageDigest> others = new EnumMap<>(HashAlgorithm.class);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BATCHES);
    /** Batches outstanding are at most BATCHES, plus END: a put never waits. */
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);

    private int allocated;
    private byte[] filling;
    private int filled;
    private Thread helper;
    private volatile boolean helperDone;
    private boolean finished;

    DigestCalculator(DigestSpec spec) {
        this.spec = spec;
        if (spec.osHash() != HashAlgorithm.MD5) {
            others.put(spec.osHash(), spec.osHash().newDigest());
        }
        spec.signatureHash()
                .filter(algorithm -> algorithm != HashAlgorithm.MD5)
                .ifPresent(algorithm -> others.computeIfAbsent(algorithm, HashAlgorithm::newDigest));
    }

    void update(byte[] buffer, int offset, int length) {
        md5.update(buffer, offset, length);
        if (others.isEmpty()) {
            return;
        }
        while (length > 0) {
            if (filling == null) {
                filling = freeBatch();
                filled = 0;
            }
            int n = Math.min(length, filling.length - filled);
            System.arraycopy(buffer, offset, filling, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == filling.length) {
                handOver();
            }
        }
    }

    /** A batch to fill: a returned one, a new one while fewer than BATCHES exist, else waits. */
    private byte[] freeBatch() {
        byte[] batch = free.poll();
        if (batch != null) {
            return checked(batch);
        }
        if (allocated < BATCHES) {
            allocated++;
            return new byte[BATCH_SIZE];
        }
        try {
            return checked(free.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while digesting", e);
        }
    }

    private static byte[] checked(byte[] batch) {
        if (batch == STOPPED) {
            throw new IllegalStateException("the digest helper stopped before the end of the data");
        }
        return batch;
    }

    private void handOver() {
        startHelper();
        full.add(new Batch(filling, filled));
        filling = null;
        filled = 0;
    }

    private void startHelper() {
        if (helper == null) {
            helper = Thread.ofPlatform()
                    .daemon()
                    .name("digest-" + spec.osHash().glanceName())
                    .start(this::digestBatches);
        }
    }

    /** The helper: digests batches in order until END, giving each one back. */
    private void digestBatches() {
        try {
            while (true) {
                Batch batch = full.take();
                if (batch == Batch.END) {
                    helperDone = true;
                    return;
                }
                for (MessageDigest digest : others.values()) {
                    digest.update(batch.data(), 0, batch.length());
                }
                free.add(batch.data());
            }
        } catch (InterruptedException e) {
            // Abandoned by close(): the digests are not needed any more.
        } finally {
            if (!helperDone) {
                free.offer(STOPPED); // whoever waits for a batch fails instead of waiting for ever
            }
        }
    }

    /** Completes every digest; the calculator must not be used afterwards. */
    Digests finish() {
        finished = true;
        if (helper == null) {
            // Never handed anything over: what was filled is digested here.
            if (filling != null) {
                for (MessageDigest digest : others.values()) {
                    digest.update(filling, 0, filled);
                }
            }
        } else {
            if (filling != null && filled > 0) {
                full.add(new Batch(filling, filled));
            }
            full.add(Batch.END);
            awaitHelper();
        }
        filling = null;
        Map<HashAlgorithm, byte[]> results = new EnumMap<>(HashAlgorithm.class);
        results.put(HashAlgorithm.MD5, md5.digest());
        others.forEach((algorithm, digest) -> results.put(algorithm, digest.digest()));
        HexFormat hex = HexFormat.of();
        return new Digests(
                hex.formatHex(results.get(HashAlgorithm.MD5)),
                spec.osHash(),
                hex.formatHex(results.get(spec.osHash())),
                spec.signatureHash().map(results::get));
    }

    private void awaitHelper() {
        try {
            helper.join();
        } catch (InterruptedException e) {
            helper.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while digesting", e);
        }
        if (!helperDone) {
            throw new IllegalStateException("the digest helper stopped before the end of the data");
        }
    }

    /** Stops the helper of an abandoned write; nothing after {@link #finish}. */
    @Override
    public void close() {
        if (!finished && helper != null) {
            helper.interrupt();
        }
    }
}
