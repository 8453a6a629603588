package io.glimpse.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The single pass over incoming image data: every byte a store reads through this stream is
 * counted against the size cap and the announced size, digested, and shown to the observer.
 *
 * <p>A violation throws a typed {@link StoreException} from {@code read} and is also remembered
 * in {@link #failure()}. That matters for S3: the SDK reads the stream on its own threads and
 * re-wraps what it throws, so the store asks this stream what really went wrong. Once failed,
 * every further read throws the same exception. The source is never closed here: its owner does.
 */
final class IngestInputStream extends InputStream {

    private final InputStream source;
    private final long expectedSize;
    private final long sizeCap;
    /** The digests' feed ({@link DigestCalculator#update}), or {@link ByteSink#NONE} for a copy of known data. */
    private final ByteSink digests;

    private final ByteSink observer;

    private long bytesRead;
    private boolean reachedEnd;
    private RuntimeException failure;

    /**
     * @param expectedSize announced size, or -1 when unknown
     * @param sizeCap largest acceptable size in bytes (inclusive)
     */
    IngestInputStream(InputStream source, long expectedSize, long sizeCap, ByteSink digests, ByteSink observer) {
        this.source = source;
        this.expectedSize = expectedSize;
        this.sizeCap = sizeCap;
        this.digests = digests;
        this.observer = observer;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (failure != null) {
            throw failure;
        }
        if (reachedEnd) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = readSource(buffer, offset, length);
        if (n < 0) {
            onEnd();
            return -1;
        }
        bytesRead += n;
        if (bytesRead > sizeCap) {
            throw fail(new ImageTooLargeException(sizeCap));
        }
        if (expectedSize >= 0 && bytesRead > expectedSize) {
            throw fail(new SizeMismatchException(expectedSize, bytesRead));
        }
        digests.accept(buffer, offset, n);
        try {
            observer.accept(buffer, offset, n);
        } catch (RuntimeException e) {
            throw fail(e);
        }
        return n;
    }

    private int readSource(byte[] buffer, int offset, int length) {
        try {
            return source.read(buffer, offset, length);
        } catch (IOException e) {
            throw fail(new SourceStreamException(e));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private void onEnd() {
        if (expectedSize >= 0 && bytesRead != expectedSize) {
            throw fail(new SizeMismatchException(expectedSize, bytesRead));
        }
        reachedEnd = true;
    }

    private RuntimeException fail(RuntimeException e) {
        failure = e;
        return e;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** True once the source ended with every check passed. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }
}
