package org.torspark.descriptor;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.torspark.descriptor.parse.DocumentSplitter.Piece;

/**
 * One reader's documents on their way through the JVM's shared parse pool: documents are gathered
 * into batches of about {@link #BATCH_BYTES} (or one whole document, if larger), at most
 * {@code window} batches are in the pool at once, and results come back in the order the documents
 * were added, so a parallel reader hands out exactly what a sequential one would, in the same order.
 *
 * <p>The pool has one daemon thread per available processor and is shared by every reader in the
 * JVM (all of a Spark executor's tasks), so parsing never runs on more threads than there are cores
 * however many files are open. Only the reader's own thread calls this class.
 */
final class ParseQueue {
  /** Enough documents per batch that handing a batch over costs little next to parsing it. */
  static final int BATCH_BYTES = 256 * 1024;
  /**
   * Entries at least this large (status documents, bandwidth files) keep the archive reader's buffer
   * instead of a copy; it is reused once their batch is handed out. Smaller ones are copied.
   */
  static final int OWN_BUFFER_BYTES = 1 << 20;
  private static final int SPARE_BUFFERS = 2;

  /** Parses one document, counting it; null for a document that is skipped. */
  interface Parser {
    ParsedDocument parse(Piece piece, DescriptorSource source, ReadStats counts);
  }

  private static final class Pool {
    static final ExecutorService INSTANCE = Executors.newFixedThreadPool(
        Runtime.getRuntime().availableProcessors(), new ThreadFactory() {
          private final AtomicInteger n = new AtomicInteger();

          @Override
          public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "torspark-parse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          }
        });
  }

  /** A document to parse, or one already made (such as an error found while reading). */
  private record Item(Piece piece, DescriptorSource source, ParsedDocument ready) {}

  /** Documents in reading order. */
  private static final class Batch {
    final List<Item> items = new ArrayList<>();
    final ReadStats counts = new ReadStats();
    /** Archive buffers the batch's documents are in, free again once the batch is parsed. */
    final List<byte[]> buffers = new ArrayList<>(1);
    long bytes;

    boolean isEmpty() {
      return items.isEmpty();
    }

    List<Object> parse(Parser parser, Function<ParsedDocument, ?> mapper) {
      List<Object> out = new ArrayList<>(items.size());
      for (Item item : items) {
        ParsedDocument d = item.ready() != null ? item.ready() : parser.parse(item.piece(), item.source(), counts);
        if (d != null) {
          out.add(mapper == null ? d : Objects.requireNonNull(mapper.apply(d), "mapped document"));
        }
      }
      return out;
    }
  }

  private record Done(List<Object> documents, ReadStats counts, List<byte[]> buffers) {}

  private final int window;
  private final Parser parser;
  /** Applied to each parsed document on the pool, while its bytes are still its own; null: none. */
  private final Function<ParsedDocument, ?> mapper;
  private final ArrayDeque<Future<Done>> inFlight = new ArrayDeque<>();
  private Batch filling = new Batch();
  private List<Object> current = List.of();
  private int currentIndex;
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>(SPARE_BUFFERS);

  ParseQueue(int window, Parser parser) {
    this(window, parser, null);
  }

  /**
   * A queue whose documents are also mapped on the pool: {@link #next} then hands out
   * {@code mapper}'s values (never null) instead of the documents, in the same order.
   */
  ParseQueue(int window, Parser parser, Function<ParsedDocument, ?> mapper) {
    this.window = window;
    this.parser = parser;
    this.mapper = mapper;
  }

  /** True while fewer than {@code window} batches are in the pool. */
  boolean wantsMore() {
    return inFlight.size() < window;
  }

  /** Adds the documents of one entry. */
  void addAll(List<Piece> pieces, DescriptorSource source) {
    for (Piece p : pieces) {
      filling.items.add(new Item(p, source, null));
      filling.bytes += p.document().length();
      if (filling.bytes >= BATCH_BYTES) {
        flush();
      }
    }
  }

  /**
   * The documents added so far (some perhaps in batches already sent) are in {@code buffer}: it is
   * reused once the batch being gathered, the last to hold any of them, has been handed out.
   */
  void usesBuffer(byte[] buffer) {
    filling.buffers.add(buffer);
  }

  /**
   * A buffer for the archive reader to go on with: one that no document uses any more, or a small
   * new one it grows as it needs (a plain file has no next entry: nothing large is allocated for it).
   */
  byte[] spareBuffer() {
    byte[] b = spare.poll();
    return b != null ? b : new byte[1 << 16];
  }

  /** Adds a document that needs no parsing (an error found while reading), keeping its place in order. */
  void addParsed(ParsedDocument d) {
    filling.items.add(new Item(null, d.source(), d));
  }

  /** Sends the batch being gathered to the pool, if it holds anything. */
  void flush() {
    if (filling.isEmpty()) {
      return;
    }
    Batch b = filling;
    filling = new Batch();
    inFlight.add(Pool.INSTANCE.submit(() -> new Done(b.parse(parser, mapper), b.counts, b.buffers)));
  }

  /** True when nothing is left to hand out: no batch gathering, in the pool or half handed out. */
  boolean isEmpty() {
    return filling.isEmpty() && inFlight.isEmpty() && currentIndex >= current.size();
  }

  /**
   * The next document (or its mapped value) in order, waiting for its batch if need be; null if none
   * is in the pool (or a whole batch was skipped). A batch's counts are added to {@code stats} when it is taken.
   */
  Object next(ReadStats stats) {
    if (currentIndex >= current.size()) {
      Future<Done> head = inFlight.poll();
      if (head == null) {
        return null;
      }
      Done done = await(head);
      stats.add(done.counts());
      for (byte[] b : done.buffers()) {
        if (spare.size() < SPARE_BUFFERS) {
          spare.add(b);
        }
      }
      current = done.documents();
      currentIndex = 0;
      if (current.isEmpty()) {
        return null;
      }
    }
    return current.get(currentIndex++);
  }

  private static Done await(Future<Done> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          new InterruptedIOException("interrupted while waiting for documents to be parsed"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Drops everything not yet handed out; batches already parsing finish on their own and are discarded. */
  void cancel() {
    for (Future<Done> f : inFlight) {
      f.cancel(false);
    }
    inFlight.clear();
    filling = new Batch();
    current = List.of();
  }
}
