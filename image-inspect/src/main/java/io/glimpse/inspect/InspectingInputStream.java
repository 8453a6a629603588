package io.glimpse.inspect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Passes a stream through unchanged while an {@link ImageInspector} looks at every byte read, so
 * the inspection happens in the same pass as whatever consumes the stream (e.g. a store upload).
 * Skipped bytes are read and inspected too; mark/reset is not supported. Closing closes the
 * underlying stream.
 */
public final class InspectingInputStream extends FilterInputStream {

    private final ImageInspector inspector;
    private final byte[] single = new byte[1];

    public InspectingInputStream(InputStream in) {
        this(in, new ImageInspector());
    }

    public InspectingInputStream(InputStream in, ImageInspector inspector) {
        super(Objects.requireNonNull(in, "in"));
        this.inspector = Objects.requireNonNull(inspector, "inspector");
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            inspector.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be seen, or every later offset would be wrong.
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int got = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would replay bytes the inspector has already counted
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    public ImageInspector inspector() {
        return inspector;
    }

    /** Finishes the inspection; meaningful once the stream has been read to its end. */
    public InspectionResult result() {
        return inspector.finish();
    }
}
