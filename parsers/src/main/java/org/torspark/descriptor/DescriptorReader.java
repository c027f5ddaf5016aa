package org.torspark.descriptor;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.torspark.archive.ArchiveReader;
import org.torspark.descriptor.parse.DescriptorParseException;
import org.torspark.descriptor.parse.Document;
import org.torspark.descriptor.parse.DocumentSplitter;
import org.torspark.descriptor.parse.DocumentSplitter.Piece;
import org.torspark.descriptor.parse.Parsers;

/**
 * Reads one CollecTor file (plain, tarball, compressed) as a stream of {@link ParsedDocument}s:
 * archive entries one at a time, each cut into documents, each parsed on demand. Lenient by
 * default: a broken document becomes an error and reading goes on; a corrupt or truncated archive
 * yields one error for its unreadable rest. In strict mode the first error is thrown as a
 * {@link DescriptorException}.
 *
 * <p>Whoever opens a reader closes it, which closes the stream it was given.
 */
public final class DescriptorReader implements Iterator<ParsedDocument>, Closeable {

  /**
   * @param type the type to read, or null to detect per document; documents of other types are
   *     skipped and counted in {@link ReadStats#skipped()}
   * @param strict throw on the first error instead of returning it
   * @param maxEntryBytes the largest archive entry or plain file accepted
   * @param readAhead decompress on a thread of its own, overlapping with parsing (see {@link ArchiveReader})
   * @param parseThreads how many batches of documents may be parsed at once on the JVM's shared parse
   *     pool ({@link ParseQueue}), with two more read and waiting; 1 parses on the calling thread.
   *     Documents come out in file order either way. Strict readers always parse on the calling
   *     thread, so the first error stops them.
   */
  public record Options(DescriptorType type, boolean strict, int maxEntryBytes, boolean readAhead, int parseThreads) {
    public Options {
      if (parseThreads < 1) {
        throw new IllegalArgumentException("parseThreads must be at least 1, not " + parseThreads);
      }
    }

    /** Without read-ahead: everything on the calling thread. */
    public Options(DescriptorType type, boolean strict, int maxEntryBytes) {
      this(type, strict, maxEntryBytes, false, 1);
    }

    /** Any type, errors as records, the default entry limit, read-ahead on, parsing on the calling thread. */
    public static Options lenient() {
      return new Options(null, false, ArchiveReader.MAX_ENTRY_BYTES_DEFAULT, true, 1);
    }

    public Options withType(DescriptorType t) {
      return new Options(t, strict, maxEntryBytes, readAhead, parseThreads);
    }

    public Options withStrict(boolean s) {
      return new Options(type, s, maxEntryBytes, readAhead, parseThreads);
    }

    public Options withReadAhead(boolean r) {
      return new Options(type, strict, maxEntryBytes, r, parseThreads);
    }

    public Options withParseThreads(int n) {
      return new Options(type, strict, maxEntryBytes, readAhead, n);
    }

    boolean parallel() {
      return parseThreads > 1 && !strict;
    }
  }

  private final InputStream in;
  private final String fileName;
  private final Options options;
  private final ReadStats stats = new ReadStats();
  private ParseQueue queue;
  private ArchiveReader archive;
  private DescriptorSource entrySource;
  private List<Piece> pieces = List.of();
  /** The archive buffer the last entry was read into, when it was taken over rather than copied. */
  private byte[] takenBuffer;
  private int shard;
  private int shards = 1;
  /** Documents seen so far in file order, this reader's share or not. */
  private long documentIndex;
  private int pieceIndex;
  /** The next document, or with {@link #map} its value. */
  private Object next;
  private Function<ParsedDocument, ?> mapper;
  private boolean done;

  private DescriptorReader(InputStream in, String fileName, Options options) {
    this.in = in;
    this.fileName = fileName;
    this.options = options;
    // Two batches beyond the parsing ones keep the reader (and the decompressor feeding it) going
    // while every parse thread is busy: with a window of exactly parseThreads, decompression stalled
    // each time the window filled, and one month of consensuses read no faster than without the pool.
    this.queue = options.parallel() ? new ParseQueue(options.parseThreads() + 2, this::parse) : null;
    stats.files = 1;
  }

  /** Reads {@code in}, which holds the file named {@code fileName} (used in errors and for type hints). */
  public static DescriptorReader open(InputStream in, String fileName, Options options) {
    return new DescriptorReader(in, fileName, options);
  }

  /**
   * Makes this reader hand out only share {@code index} of {@code count} of the file's documents:
   * those whose position in the file (0, 1, 2, ... counting errors too) is {@code index} modulo
   * {@code count}. {@code count} readers of one file, one per index, together hand out every document
   * exactly once, each decompressing the whole file but parsing only its share. Files, entries and
   * bytes are counted by share 0 only. Call before reading.
   */
  public DescriptorReader shard(int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + " of " + count);
    }
    if (documentIndex > 0 || archive != null) {
      throw new IllegalStateException("shard() must come before reading");
    }
    shard = index;
    shards = count;
    stats.files = index == 0 ? 1 : 0;
    return this;
  }

  /**
   * What was read so far. With parallel parsing, entries and bytes count when read, documents when
   * handed out.
   */
  public ReadStats stats() {
    return stats;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !(done && (queue == null || queue.isEmpty()))) {
      if (queue == null) {
        advance();
      } else {
        advanceParallel();
      }
    }
    return next != null;
  }

  @Override
  public ParsedDocument next() {
    if (mapper != null) {
      throw new IllegalStateException("this reader hands out mapped values: use the iterator map() returned");
    }
    return (ParsedDocument) take();
  }

  private Object take() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Object result = next;
    next = null;
    return result;
  }

  /**
   * This reader's documents, each turned into a value by {@code fn} as soon as it is parsed: on the
   * parse pool when parsing is parallel ({@link Options#parseThreads}), else on the calling thread.
   * Values come out in file order, as the documents would. {@code fn} sees each document while its
   * bytes are still its own (a lazily parsed document may be read in full), must be thread-safe, and
   * must not return null; what it throws comes out of the iterator. Call before reading; closing
   * this reader ends the iterator.
   */
  public <R> Iterator<R> map(Function<ParsedDocument, R> fn) {
    if (documentIndex > 0 || archive != null || mapper != null) {
      throw new IllegalStateException("map() must come before reading, once");
    }
    mapper = java.util.Objects.requireNonNull(fn);
    if (queue != null) {
      queue = new ParseQueue(options.parseThreads() + 2, this::parse, fn);
    }
    return new Iterator<R>() {
      @Override
      public boolean hasNext() {
        return DescriptorReader.this.hasNext();
      }

      @SuppressWarnings("unchecked")
      @Override
      public R next() {
        return (R) take();
      }
    };
  }

  private void advance() {
    ParsedDocument d = null;
    if (pieceIndex < pieces.size()) {
      d = parse(pieces.get(pieceIndex++), entrySource, stats);
    } else {
      DescriptorError failure = readEntry();
      pieceIndex = 0;
      if (failure != null && isMine()) {
        d = error(failure, stats);
      }
    }
    if (d != null) {
      next = mapper == null ? d : java.util.Objects.requireNonNull(mapper.apply(d), "mapped document");
    }
  }

  /**
   * Keeps the parse queue full with the next entries' documents, then hands out the oldest batch's
   * results. Entries are read (and cut into documents) on this thread. The archive reader reuses its
   * buffer, so a small entry is copied and a large one takes the buffer along (see ParseQueue).
   */
  private void advanceParallel() {
    while (!done && queue.wantsMore()) {
      DescriptorError failure = readEntry();
      if (failure != null) {
        if (isMine()) {
          queue.addParsed(error(failure, stats));
        }
      } else if (!done) {
        queue.addAll(pieces, entrySource);
      }
      if (takenBuffer != null) {
        // after the entry's last document, so the buffer is free again only once all are parsed
        queue.usesBuffer(takenBuffer);
        takenBuffer = null;
      }
    }
    if (done) {
      queue.flush();
    }
    next = queue.next(stats);
  }

  /**
   * Reads the next archive entry and keeps this reader's share of its documents in {@link #pieces};
   * sets {@link #done} at the end. Returns the error for an unreadable archive (then done) or an
   * entry with no documents: one more document, counted towards the shares like the others.
   */
  private DescriptorError readEntry() {
    pieces = List.of();
    ArchiveReader.Entry entry;
    try {
      if (archive == null) {
        archive = ArchiveReader.open(in, options.maxEntryBytes(), options.readAhead());
      }
      entry = archive.nextEntry();
    } catch (IOException | RuntimeException e) {
      done = true;
      String what = archive == null ? "unreadable file" : "unreadable " + archive.format() + " file";
      return new DescriptorError(options.type(), DescriptorSource.ofFile(fileName), -1, 0, null,
          what + ": " + describe(e) + "; the rest of this file was not read");
    }
    if (entry == null) {
      done = true;
      return null;
    }
    if (shard == 0) {
      stats.entries++;
      stats.bytes += entry.length();
    }
    entrySource = new DescriptorSource(fileName, entry.name());
    byte[] bytes = entry.bytes();
    // parsed on another thread while the reader reads on, an entry needs bytes of its own: a small
    // one is copied, a large one takes the archive reader's buffer if any of its documents is ours
    boolean large = entry.length() >= ParseQueue.OWN_BUFFER_BYTES;
    if (queue != null && !large) {
      bytes = Arrays.copyOf(bytes, entry.length());
    }
    List<Piece> all = DocumentSplitter.split(bytes, entry.length(), entrySource, options.type());
    if (all.isEmpty()) {
      return new DescriptorError(options.type(), entrySource, 0, 0, null,
          entry.length() == 0 ? "empty file: no descriptors" : "no descriptors: only blank or annotation lines");
    }
    pieces = ourShare(all);
    if (queue != null && large && !pieces.isEmpty()) {
      archive.giveAwayBuffer(queue.spareBuffer());
      takenBuffer = bytes;
    }
    return null;
  }

  /** True if the next document in file order is this reader's (see {@link #shard}); counts it. */
  private boolean isMine() {
    return shards == 1 || documentIndex++ % shards == shard;
  }

  private List<Piece> ourShare(List<Piece> all) {
    if (shards == 1) {
      return all;
    }
    List<Piece> mine = new ArrayList<>();
    for (Piece p : all) {
      if (isMine()) {
        mine.add(p);
      }
    }
    return mine;
  }

  /** Parses one document, counting it in {@code counts}; null for a skipped document of another type. */
  private ParsedDocument parse(Piece piece, DescriptorSource source, ReadStats counts) {
    Document doc = piece.document();
    DescriptorType wanted = options.type();
    if (wanted != null && isOtherType(piece, wanted)) {
      counts.documents++;
      counts.skipped++;
      return null;
    }
    if (piece.problem() != null) {
      String firstLine = firstLine(doc);
      return error(new DescriptorError(doc.type() != null ? doc.type() : wanted, source, doc.offset(),
          doc.firstLine(), firstLine, piece.problem()), counts);
    }
    try {
      Descriptor d = Parsers.forType(doc.type()).parse(doc);
      counts.documents++;
      counts.descriptors++;
      return new ParsedDocument(doc.type(), source, doc.offset(), doc.firstLine(), d, null);
    } catch (DescriptorParseException e) {
      int line = e.lineInDocument() > 0 ? doc.firstLine() + e.lineInDocument() - 1 : doc.firstLine();
      String text = e.lineInDocument() > 0 ? e.line() : null;
      return error(new DescriptorError(doc.type(), source, doc.offset(), line, text, e.getMessage()), counts);
    } catch (RuntimeException e) {
      // A parser bug, not bad input; still an error row rather than a lost file.
      return error(new DescriptorError(doc.type(), source, doc.offset(), doc.firstLine(), null,
          "internal parser error: " + describe(e)), counts);
    }
  }

  private static boolean isOtherType(Piece piece, DescriptorType wanted) {
    DescriptorType t = piece.document().type();
    if (t != null) {
      return t != wanted;
    }
    return piece.annotationName() != null && !piece.annotationName().equals(wanted.typeName());
  }

  private ParsedDocument error(DescriptorError e, ReadStats counts) {
    counts.documents++;
    counts.errors++;
    if (options.strict()) {
      throw new DescriptorException(e);
    }
    return new ParsedDocument(e.type(), e.source(), e.offset(), e.lineNumber(), null, e);
  }

  private static String firstLine(Document doc) {
    String text = doc.length() > 512 ? new String(doc.bytes(), doc.start(), 512,
        java.nio.charset.StandardCharsets.ISO_8859_1) : doc.text();
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  @Override
  public void close() {
    if (queue != null) {
      queue.cancel();
    }
    try {
      if (archive != null) {
        archive.close();
      } else {
        in.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + fileName, e);
    }
  }
}
