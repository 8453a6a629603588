package io.glimpse.store;

/**
 * Sees every byte of a write, in order, in the same pass that stores and digests them, so the
 * data never has to be read twice (the format inspector hangs here).
 *
 * <p>Contract: the buffer is only valid during the call and must not be modified or kept. The
 * call may come from a thread other than the caller's (the S3 SDK reads the stream on its own
 * threads), but never concurrently. Throwing aborts the write: the partial data is deleted and
 * the very exception thrown here reaches the caller of {@link ImageStore#write}.
 */
@FunctionalInterface
public interface ByteSink {

    /** A sink that ignores everything. */
    ByteSink NONE = (buffer, offset, length) -> {};

    void accept(byte[] buffer, int offset, int length);
}
