package org.torspark.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers whether the file system itself failed. The descriptor reader turns any exception while
 * reading an archive into an error record ("unreadable archive"); that is right for corrupt bytes but
 * wrong for a dropped connection, which must fail the task so that Spark retries it.
 */
final class TrackedInputStream extends FilterInputStream {
  private IOException failure;
  private long bytesRead;

  TrackedInputStream(InputStream in) {
    super(in);
  }

  /** The first I/O error of the underlying stream, or null. */
  IOException failure() {
    return failure;
  }

  long bytesRead() {
    return bytesRead;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      if (b >= 0) {
        bytesRead++;
      }
      return b;
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = super.read(b, off, len);
      if (n > 0) {
        bytesRead += n;
      }
      return n;
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
