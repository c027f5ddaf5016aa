package org.torspark.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers whether the file system itself failed, and the file's first bytes. The descriptor reader turns any exception while
 * reading an archive into an error record ("unreadable archive"); that is right for corrupt bytes but
 * wrong for a dropped connection, which must fail the task so that Spark retries it.
 */
final class TrackedInputStream extends FilterInputStream {
  private final byte[] head = new byte[512];
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

  /** Whether the file's first bytes are what its name promises (.xz, .gz, .bz2, .tar); true if it promises nothing. */
  boolean contentMatchesName(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".xz")) {
      return starts(0xFD, '7', 'z', 'X', 'Z', 0);
    }
    if (n.endsWith(".gz") || n.endsWith(".tgz")) {
      return starts(0x1F, 0x8B);
    }
    if (n.endsWith(".bz2") || n.endsWith(".tbz2") || n.endsWith(".tbz")) {
      return starts('B', 'Z', 'h');
    }
    if (n.endsWith(".tar")) {
      return bytesRead >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
          && head[261] == 'r';
    }
    return true;
  }

  private boolean starts(int... magic) {
    if (bytesRead < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      if (b >= 0) {
        if (bytesRead < head.length) {
          head[(int) bytesRead] = (byte) b;
        }
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
        if (bytesRead < head.length) {
          System.arraycopy(b, off, head, (int) bytesRead, (int) Math.min(n, head.length - bytesRead));
        }
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
