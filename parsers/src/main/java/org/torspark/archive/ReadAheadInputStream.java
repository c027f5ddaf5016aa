package org.torspark.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the caller, so that decompressing
 * an archive ({@code xz} is the costliest step of reading a CollecTor tarball) overlaps with
 * splitting and parsing what was already decompressed. Memory is bounded: {@link #DEPTH} chunks of
 * {@link #CHUNK} bytes, recycled.
 *
 * <p>An {@link IOException} of the source reaches the caller unchanged (same object, same message),
 * after the bytes read before it, at the point where a direct reader would have met it. Not thread
 * safe: one reader. {@link #close()} stops the thread and closes the source.
 */
final class ReadAheadInputStream extends InputStream {
  static final int CHUNK = 1 << 20;
  static final int DEPTH = 3;
  /**
   * Bytes asked of the source per read: a decompressor that fails inside a read loses what it
   * decoded in that call, so the reads are as small as a reader without read-ahead makes them.
   */
  static final int READ = 1 << 16;

  /** {@code length < 0}: the end of the source; {@code error != null}: the source failed. */
  private record Chunk(byte[] bytes, int length, Throwable error) {}

  private static final Chunk END = new Chunk(new byte[0], -1, null);

  private final InputStream source;
  private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(DEPTH + 1);
  private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(DEPTH + 1);
  private final Thread producer;
  private volatile boolean closed;
  private Chunk current;
  private int position;

  ReadAheadInputStream(InputStream source, String name) {
    this.source = source;
    for (int i = 0; i < DEPTH; i++) {
      empty.add(new byte[CHUNK]);
    }
    producer = new Thread(this::produce, "torspark-read-ahead-" + name);
    producer.setDaemon(true);
    producer.start();
  }

  private void produce() {
    try {
      while (!closed) {
        byte[] bytes = empty.poll(100, TimeUnit.MILLISECONDS);
        if (bytes == null) {
          continue; // the reader is slow, or closed: look at closed again
        }
        int length = 0;
        int n = 0;
        Throwable error = null;
        try {
          while (length < bytes.length && (n = source.read(bytes, length, Math.min(READ, bytes.length - length))) >= 0) {
            length += n;
          }
        } catch (Throwable e) { // handed to the reader, which would have met it reading directly
          error = e;
        }
        if (length > 0 && !hand(new Chunk(bytes, length, null))) {
          return;
        }
        if (error != null || n < 0) {
          hand(error == null ? END : new Chunk(null, -1, error));
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed: nobody waits for more
    }
  }

  /**
   * Queues a chunk for the reader; false once the reader has closed. Waits in short steps rather
   * than in put(), whose interrupt a source may already have swallowed, leaving the thread blocked.
   */
  private boolean hand(Chunk chunk) throws InterruptedException {
    while (!closed) {
      if (filled.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  /** The next chunk with bytes left, or {@link #END}; throws the source's error where it occurred. */
  private Chunk chunk() throws IOException {
    if (current != null && position < current.length()) {
      return current;
    }
    if (current == END) {
      return END;
    }
    if (current != null) {
      empty.offer(current.bytes());
    }
    try {
      current = filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for decompressed bytes");
    }
    position = 0;
    if (current.error() != null) {
      Throwable error = current.error();
      current = END;
      if (error instanceof IOException io) {
        throw io;
      }
      if (error instanceof RuntimeException re) {
        throw re;
      }
      throw (Error) error;
    }
    return current;
  }

  @Override
  public int read() throws IOException {
    Chunk c = chunk();
    return c == END ? -1 : c.bytes()[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    Chunk c = chunk();
    if (c == END) {
      return -1;
    }
    int n = Math.min(len, c.length() - position);
    System.arraycopy(c.bytes(), position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current == null || current == END ? 0 : current.length() - position;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    producer.interrupt();
    try {
      producer.join(1_000); // wakes at once when waiting to hand over a chunk, else within one chunk
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
