package io.glimpse.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Small stream helpers for the store tests. */
final class TestStreams {

    private TestStreams() {}

    /** Counts what was read from the source, to prove a write reads it exactly once. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    /** Delivers {@code failAfter} bytes of its source, then throws the given IOException. */
    static final class FailingInputStream extends FilterInputStream {
        private final IOException failure;
        private long remaining;

        FailingInputStream(InputStream in, long failAfter, IOException failure) {
            super(in);
            this.remaining = failAfter;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                throw failure;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    static String hex(String jcaAlgorithm, byte[] data) {
        return HexFormat.of().formatHex(digest(jcaAlgorithm, data));
    }

    static byte[] digest(String jcaAlgorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(jcaAlgorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex digest of a whole stream, read in chunks (never held in memory). Closes it. */
    static String hex(String jcaAlgorithm, InputStream in) {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance(jcaAlgorithm);
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
