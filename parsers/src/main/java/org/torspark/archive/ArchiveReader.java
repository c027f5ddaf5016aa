package org.torspark.archive;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Streams the files inside a CollecTor file: a plain descriptor file, a {@code .tar}, or either of
 * them compressed with xz, gzip or bzip2. Formats are told by their magic bytes, not by the name.
 * Entries come one at a time, each read whole into one reused buffer, so memory is bounded by the
 * largest entry (a status document, a few MB), never by the archive.
 *
 * <p>With read-ahead, a compressed file is decompressed on a thread of its own, a few MB ahead of
 * the entries handed out, so decompression overlaps with parsing (a second core then works on one
 * archive); errors and their messages are the same either way.
 *
 * <p>Whoever opens an ArchiveReader closes it; closing closes the underlying stream.
 */
public final class ArchiveReader implements Closeable {
  /** Refuse entries larger than this: a 2019 vote is ~4 MB, a recent/ batch file tens of MB. */
  public static final int MAX_ENTRY_BYTES_DEFAULT = 512 * 1024 * 1024;

  private static final int BUFFER = 1 << 16;

  private final InputStream raw;
  private final InputStream data;
  private final TarArchiveInputStream tar;
  private final Compression compression;
  private final int maxEntryBytes;
  private byte[] buffer = new byte[1 << 16];
  private boolean plainDone;
  private long uncompressedBytes;
  private String lastEntryName;

  /** How the file was compressed, told by magic bytes. */
  public enum Compression {
    NONE(""), XZ("xz"), GZIP("gz"), BZIP2("bz2");

    private final String suffix;

    Compression(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }
  }

  /** One file inside the archive: {@code bytes[0, length)} is valid until the next call. */
  public record Entry(String name, byte[] bytes, int length) {}

  private ArchiveReader(InputStream raw, InputStream data, TarArchiveInputStream tar,
      Compression compression, int maxEntryBytes) {
    this.raw = raw;
    this.data = data;
    this.tar = tar;
    this.compression = compression;
    this.maxEntryBytes = maxEntryBytes;
  }

  public static ArchiveReader open(InputStream in) throws IOException {
    return open(in, MAX_ENTRY_BYTES_DEFAULT);
  }

  public static ArchiveReader open(InputStream in, int maxEntryBytes) throws IOException {
    return open(in, maxEntryBytes, false);
  }

  /**
   * Detects the format from the first bytes and prepares to stream entries; {@code readAhead}:
   * decompress on a thread of its own (no effect on uncompressed files).
   */
  public static ArchiveReader open(InputStream in, int maxEntryBytes, boolean readAhead) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    Compression compression = detectCompression(buffered);
    InputStream decompressed;
    try {
      switch (compression) {
        case XZ:
          decompressed = buffer(new XZInputStream(buffered), readAhead, compression);
          break;
        case GZIP:
          decompressed = buffer(new GZIPInputStream(buffered, BUFFER), readAhead, compression);
          break;
        case BZIP2:
          decompressed = buffer(new BZip2CompressorInputStream(buffered, true), readAhead, compression);
          break;
        default:
          decompressed = buffered;
      }
    } catch (IOException e) {
      throw new IOException("not a valid " + compression.suffix() + " stream: " + e.getMessage(), e);
    }
    TarArchiveInputStream tar = null;
    if (looksLikeTar(decompressed)) {
      tar = new TarArchiveInputStream(decompressed);
    }
    return new ArchiveReader(in, decompressed, tar, compression, maxEntryBytes);
  }

  private static InputStream buffer(InputStream decompressor, boolean readAhead, Compression compression) {
    return new BufferedInputStream(readAhead ? new ReadAheadInputStream(decompressor, compression.suffix())
        : decompressor, BUFFER);
  }

  static Compression detectCompression(BufferedInputStream in) throws IOException {
    byte[] magic = new byte[6];
    in.mark(magic.length);
    int n = in.readNBytes(magic, 0, magic.length);
    in.reset();
    if (n >= 6 && (magic[0] & 0xff) == 0xFD && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X'
        && magic[4] == 'Z' && magic[5] == 0) {
      return Compression.XZ;
    }
    if (n >= 2 && (magic[0] & 0xff) == 0x1F && (magic[1] & 0xff) == 0x8B) {
      return Compression.GZIP;
    }
    if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
      return Compression.BZIP2;
    }
    return Compression.NONE;
  }

  private static boolean looksLikeTar(InputStream in) throws IOException {
    byte[] header = new byte[512];
    in.mark(header.length);
    int n;
    try {
      n = in.readNBytes(header, 0, header.length);
    } finally {
      in.reset();
    }
    return n == header.length && TarArchiveInputStream.matches(header, n);
  }

  public boolean isTar() {
    return tar != null;
  }

  public Compression compression() {
    return compression;
  }

  /** e.g. {@code tar.xz}, {@code xz}, {@code tar}, {@code plain}. */
  public String format() {
    String c = compression.suffix();
    if (tar != null) {
      return c.isEmpty() ? "tar" : "tar." + c;
    }
    return c.isEmpty() ? "plain" : c;
  }

  /** Uncompressed bytes handed out so far. */
  public long uncompressedBytes() {
    return uncompressedBytes;
  }

  /** The name of the last entry returned (null for plain files), for error messages. */
  public String lastEntryName() {
    return lastEntryName;
  }

  /**
   * The next regular file, or null at the end. Directories, links and other non-files in a tarball
   * are skipped. Throws when the archive is corrupt or truncated; the reader cannot go on after that.
   */
  public Entry nextEntry() throws IOException {
    if (tar == null) {
      if (plainDone) {
        return null;
      }
      plainDone = true;
      int length = readFully(data, -1, null);
      lastEntryName = null;
      return new Entry(null, buffer, length);
    }
    TarArchiveEntry entry;
    while ((entry = nextTarEntry()) != null) {
      if (!entry.isFile()) {
        continue;
      }
      String name = entry.getName();
      long size = entry.getSize();
      if (size > maxEntryBytes) {
        throw new IOException("entry " + name + " is " + size + " bytes, more than the "
            + maxEntryBytes + "-byte limit for one entry");
      }
      int length;
      try {
        length = readFully(tar, size, name);
      } catch (IOException e) {
        throw new IOException("archive unreadable inside entry " + name + " (" + size + " bytes, at "
            + uncompressedBytes + " uncompressed bytes into the archive): " + e.getMessage(), e);
      }
      if (length != size) {
        throw new EOFException("archive truncated inside entry " + name + ": " + length + " of "
            + size + " bytes");
      }
      lastEntryName = name;
      return new Entry(name, buffer, length);
    }
    return null;
  }

  /**
   * Hands the buffer of the entry last returned to the caller for good and reads later entries into
   * {@code replacement} (grown as needed), so a large entry can be parsed elsewhere without a copy.
   */
  public void giveAwayBuffer(byte[] replacement) {
    buffer = replacement;
  }

  private TarArchiveEntry nextTarEntry() throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      String where = lastEntryName == null ? "at its start" : "after entry " + lastEntryName;
      throw new IOException("archive unreadable " + where + " (at " + uncompressedBytes
          + " uncompressed bytes): " + e.getMessage(), e);
    }
  }

  private int readFully(InputStream in, long expected, String name) throws IOException {
    if (expected > buffer.length) {
      buffer = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(expected, buffer.length * 2L))];
    } else if (expected < 0) {
      // A plain file: what the stream says it holds (a whole local file) saves doubling the buffer
      // from 64 KB, which allocated and copied four times the file's size.
      int hint = (int) Math.min(maxEntryBytes, in.available());
      if (hint > buffer.length) {
        buffer = new byte[hint];
      }
    }
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length >= maxEntryBytes) {
          throw new IOException((name == null ? "file" : "entry " + name)
              + " is larger than the " + maxEntryBytes + "-byte limit for one entry");
        }
        // Grow only if there is more: the buffer may hold the file exactly.
        int more = in.read();
        if (more < 0) {
          break;
        }
        byte[] bigger = new byte[(int) Math.min(maxEntryBytes, buffer.length * 2L)];
        System.arraycopy(buffer, 0, bigger, 0, length);
        buffer = bigger;
        buffer[length++] = (byte) more;
        if (expected >= 0 && length == expected) {
          break;
        }
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        break;
      }
      length += n;
      if (expected >= 0 && length == expected) {
        break;
      }
    }
    uncompressedBytes += length;
    return length;
  }

  @Override
  public void close() throws IOException {
    try {
      data.close();
    } finally {
      raw.close();
    }
  }
}
