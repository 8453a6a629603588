package io.glimpse.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * What {@link FileImageStore#read} returns: an ordinary stream over {@code length} bytes of one
 * file from {@code offset}, that also names the file and the span, so that an HTTP layer can send
 * the same bytes with sendfile(2) (no copy through the JVM) instead of reading the stream. A
 * caller that does so still closes this stream.
 */
public final class FileSegmentStream extends InputStream {

    private final FileChannel channel;
    private final Path path;
    private final long offset;
    private final long length;
    private long position;

    FileSegmentStream(FileChannel channel, Path path, long offset, long length) {
        this.channel = channel;
        this.path = path;
        this.offset = offset;
        this.length = length;
        this.position = offset;
    }

    /** The file, absolute. */
    public Path path() {
        return path;
    }

    /** Where the bytes start in the file. */
    public long offset() {
        return offset;
    }

    /** How many bytes this stream carries. */
    public long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        if (position >= offset + length || channel.read(one, position) <= 0) {
            return -1;
        }
        position++;
        return one.get(0) & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        long remaining = offset + length - position;
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, remaining)), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, offset + length - position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
