package org.torspark.collector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.XZInputStream;

/**
 * Fetches and parses a CollecTor instance's {@code index/index.json}. Tries the variants in the
 * given order (by default the most compact first: {@code .xz}, {@code .bz2}, {@code .gz}, plain,
 * as stem does) and falls back to the next on any failure: missing variant, HTTP error, corrupt
 * compression, a decompression bomb (more than {@code maxIndexBytes} out), broken JSON. Every failed
 * variant is reported; the run stops only when none is usable.
 */
public final class IndexClient {
  /** xz's decoder refuses streams whose dictionary needs more memory than this (KiB). */
  static final int XZ_MEMORY_LIMIT_KIB = 128 * 1024;

  private IndexClient() {}

  /** The four forms CollecTor serves, all from the same JSON. */
  public enum Variant {
    XZ("xz", ".xz"), BZ2("bz2", ".bz2"), GZ("gz", ".gz"), JSON("json", "");

    private final String optionName;
    private final String suffix;

    Variant(String optionName, String suffix) {
      this.optionName = optionName;
      this.suffix = suffix;
    }

    public String fileName() {
      return "index.json" + suffix;
    }

    static Variant fromName(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      for (Variant v : values()) {
        if (v.optionName.equals(n) || v.fileName().equals(n) || (v == JSON && n.equals("plain"))) {
          return v;
        }
      }
      return null;
    }
  }

  /** The parsed index, the variant that worked, and why the ones tried before it failed. */
  public record Result(CollectorIndex index, Variant variant, URI url, long compressedBytes,
      List<String> failedVariants) {}

  /** All variants failed; the message lists each reason. */
  public static final class NoIndexException extends IOException {
    private static final long serialVersionUID = 1L;

    NoIndexException(String message) {
      super(message);
    }
  }

  static Result fetch(URI base, List<Variant> variants, HttpFetcher.Settings settings, long maxIndexBytes,
      long maxFileSize) throws NoIndexException {
    HttpFetcher fetcher = new HttpFetcher(settings);
    List<String> failures = new ArrayList<>();
    for (Variant v : variants) {
      URI url = URI.create(base.toString() + "/index/" + v.fileName());
      MemorySink sink = new MemorySink();
      HttpFetcher.Outcome out = fetcher.fetch(url, -1, null, maxIndexBytes, sink, HttpFetcher.Listener.NONE);
      if (!out.ok()) {
        failures.add(v.fileName() + ": " + out.error());
        continue;
      }
      try {
        CollectorIndex index = parse(new ByteArrayInputStream(sink.bytes.toByteArray()), v, maxIndexBytes,
            maxFileSize);
        return new Result(index, v, url, sink.bytes.size(), failures);
      } catch (IOException e) {
        failures.add(v.fileName() + ": " + Redact.message(e));
      }
    }
    throw new NoIndexException("no usable index at " + Redact.uri(base) + "/index/: "
        + String.join("; ", failures));
  }

  /** Decompresses (as {@code variant} says) and parses, refusing more than {@code maxIndexBytes} of JSON. */
  static CollectorIndex parse(InputStream compressed, Variant variant, long maxIndexBytes, long maxFileSize)
      throws IOException {
    InputStream json;
    try {
      json = switch (variant) {
        case XZ -> new XZInputStream(compressed, XZ_MEMORY_LIMIT_KIB);
        case BZ2 -> new BZip2CompressorInputStream(compressed, true);
        case GZ -> new GZIPInputStream(compressed, 1 << 16);
        case JSON -> compressed;
      };
    } catch (MemoryLimitException e) {
      throw new IndexParser.IndexException("xz stream needs " + e.getMemoryNeeded() / 1024
          + " MiB to decompress, more than the " + XZ_MEMORY_LIMIT_KIB / 1024 + " MiB allowed");
    } catch (IOException e) {
      throw new IndexParser.IndexException("not a valid " + variant.optionName + " stream: "
          + Redact.message(e), e);
    }
    try (InputStream limited = new LimitedInputStream(json, maxIndexBytes, variant)) {
      return IndexParser.parse(limited, maxFileSize);
    } catch (IndexParser.IndexException e) {
      throw e;
    } catch (MemoryLimitException e) {
      throw new IndexParser.IndexException("xz stream needs " + e.getMemoryNeeded() / 1024
          + " MiB to decompress, more than the " + XZ_MEMORY_LIMIT_KIB / 1024 + " MiB allowed");
    } catch (IOException e) {
      // Only the decompressor throws plain IOExceptions here; JSON problems are IndexExceptions.
      throw new IndexParser.IndexException("corrupt " + variant.optionName + " stream: " + Redact.message(e), e);
    }
  }

  /** Refuses to deliver more than {@code limit} bytes: the decompression-bomb guard. */
  static final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final Variant variant;
    private long count;

    LimitedInputStream(InputStream in, long limit, Variant variant) {
      super(in);
      this.limit = limit;
      this.variant = variant;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) throws IOException {
      count += n;
      if (count > limit) {
        throw new IndexParser.IndexException(variant.fileName() + " decompresses to more than " + limit
            + " bytes (--max-index-bytes); refusing it as a possible decompression bomb");
      }
    }
  }

  /** Collects a download in memory; the fetcher bounds its size. */
  private static final class MemorySink implements HttpFetcher.Sink {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);

    @Override
    public void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    @Override
    public void restart() {
      bytes.reset();
    }
  }
}
