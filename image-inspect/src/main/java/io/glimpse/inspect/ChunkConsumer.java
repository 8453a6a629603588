package io.glimpse.inspect;

/** Receives a slice of the chunk being inspected; the array must not be kept. */
@FunctionalInterface
interface ChunkConsumer {
    void accept(byte[] buffer, int offset, int length);
}
