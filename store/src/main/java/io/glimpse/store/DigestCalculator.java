package io.glimpse.store;

import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds each chunk to every digest a {@link DigestSpec} asks for. An algorithm asked for twice
 * (e.g. a SHA-512 signature over a SHA-512 {@code os_hash}) is computed once.
 *
 * <p>When there is more than MD5 to compute, MD5 runs on one helper thread and every other digest on
 * a second, so the calling thread only reads, copies and writes, and an upload is bounded by the
 * slowest digest (SHA-512: ~530 MiB/s in Java here, MD5 ~770 MiB/s) rather than by MD5 plus the
 * I/O. Both helpers read the same copies of the data, in batches of {@value #BATCH_SIZE} bytes,
 * at most {@value #BATCHES} of them allocated and in flight; a batch comes back when both helpers
 * are done with it. When a helper falls behind, {@link #update} waits for a batch to come back,
 * so memory stays bounded whatever the size. The helpers start with the first full batch (small
 * writes never start them). MD5 alone (an {@code os_hash} of MD5) runs on the calling thread.
 * {@link #finish} waits for the helpers; {@link #close} stops them when the write is abandoned.
 *
 * <p>{@link #update} and {@link #finish} may be called from different threads (the S3 SDK reads
 * on its own threads), never concurrently.
 */
final class DigestCalculator implements AutoCloseable {

    static final int BATCH_SIZE = 128 * 1024;
    static final int BATCHES = 8;
    /** Handed to a writer waiting for a free batch once a helper stopped early. */
    private static final byte[] STOPPED = new byte[0];

    /** Result of one pass. */
    record Digests(String md5Hex, HashAlgorithm osHash, String osHashHex, Optional<byte[]> signatureDigest) {}

    /** A copy of the data and how many helpers still have to digest it. */
    private record Batch(byte[] data, int length, AtomicInteger unread) {
        static final Batch END = new Batch(STOPPED, -1, new AtomicInteger());
    }

    /** One helper thread, the digests it updates and the batches it has yet to digest. */
    private final class Helper {
        final String name;
        final List<MessageDigest> digests;
        /** Batches outstanding are at most BATCHES, plus END: a put never waits. */
        final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);

        Thread thread;
        volatile boolean done;

        Helper(String name, List<MessageDigest> digests) {
            this.name = name;
            this.digests = digests;
        }

        void start() {
            thread = Thread.ofPlatform().daemon().name(name).start(this::digestBatches);
        }

        /** Digests batches in order until END, giving each one back once every helper has read it. */
        private void digestBatches() {
            try {
                while (true) {
                    Batch batch = full.take();
                    if (batch == Batch.END) {
                        done = true;
                        return;
                    }
                    for (MessageDigest digest : digests) {
                        digest.update(batch.data(), 0, batch.length());
                    }
                    if (batch.unread().decrementAndGet() == 0) {
                        free.add(batch.data());
                    }
                }
            } catch (InterruptedException e) {
                // Abandoned by close(): the digests are not needed any more.
            } finally {
                if (!done) {
                    free.offer(STOPPED); // whoever waits for a batch fails instead of waiting for ever
                }
            }
        }

        void await() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while digesting", e);
            }
            if (!done) {
                throw new IllegalStateException("the digest helper stopped before the end of the data");
            }
        }
    }

    private final DigestSpec spec;
    private final MessageDigest md5 = HashAlgorithm.MD5.newDigest();
    /** Every digest but MD5, updated by a helper only (and read after it ended). */
    private final Map<HashAlgorithm, MessageDigest> others = new EnumMap<>(HashAlgorithm.class);
    /** Empty when MD5 is all there is to compute. */
    private final List<Helper> helpers;

    /** Room for every batch plus each helper's STOPPED: an offer never fails for lack of room. */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BATCHES + 2);

    private int allocated;
    private byte[] filling;
    private int filled;
    private boolean started;
    private boolean finished;

    DigestCalculator(DigestSpec spec) {
        this.spec = spec;
        if (spec.osHash() != HashAlgorithm.MD5) {
            others.put(spec.osHash(), spec.osHash().newDigest());
        }
        spec.signatureHash()
                .filter(algorithm -> algorithm != HashAlgorithm.MD5)
                .ifPresent(algorithm -> others.computeIfAbsent(algorithm, HashAlgorithm::newDigest));
        this.helpers = others.isEmpty()
                ? List.of()
                : List.of(
                        new Helper("digest-md5", List.of(md5)),
                        new Helper("digest-" + spec.osHash().glanceName(), List.copyOf(others.values())));
    }

    void update(byte[] buffer, int offset, int length) {
        if (helpers.isEmpty()) {
            md5.update(buffer, offset, length);
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
        if (!started) {
            started = true;
            helpers.forEach(Helper::start);
        }
        Batch batch = new Batch(filling, filled, new AtomicInteger(helpers.size()));
        helpers.forEach(helper -> helper.full.add(batch));
        filling = null;
        filled = 0;
    }

    /** Completes every digest; the calculator must not be used afterwards. */
    Digests finish() {
        finished = true;
        if (!started) {
            // Never handed anything over: what was filled is digested here.
            if (filling != null) {
                md5.update(filling, 0, filled);
                for (MessageDigest digest : others.values()) {
                    digest.update(filling, 0, filled);
                }
            }
        } else {
            if (filling != null && filled > 0) {
                handOver();
            }
            helpers.forEach(helper -> helper.full.add(Batch.END));
            helpers.forEach(Helper::await);
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

    /** Stops the helpers of an abandoned write; nothing after {@link #finish}. */
    @Override
    public void close() {
        if (!finished && started) {
            helpers.forEach(helper -> helper.thread.interrupt());
        }
    }
}
