package io.glimpse.store;

import java.io.IOException;
import java.io.InputStream;

/** Passes on at most {@code limit} bytes of its source; closing it closes the source. */
final class BoundedInputStream extends InputStream {

  private final InputStream source;
  private long remaining;

  BoundedInputStream(InputStream source, long limit) {
    this.source = source;
    this.remaining = limit;
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = source.read();
    if (b >= 0) {
      remaining--;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (remaining <= 0) {
      return length == 0 ? 0 : -1;
    }
    int n = source.read(buffer, offset, (int) Math.min(length, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(source.available(), remaining);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
