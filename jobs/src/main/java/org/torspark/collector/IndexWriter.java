package org.torspark.collector;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes a CollecTor {@code index.json} for a local tree, the way CollecTor's indexer does
 * (formats.md §1.2): nested {@code directories}/{@code files}, per file {@code path, size,
 * last_modified, types, first_published, last_published, sha256} (Base64 of the raw SHA-256), empty
 * and null fields omitted, plus the {@code .gz}, {@code .bz2} and {@code .xz} forms of the same
 * bytes. Each of the four is replaced atomically, so a server can keep serving while it is rewritten.
 * The {@code index/} directory itself and hidden or {@code _}-names are not listed.
 */
public final class IndexWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private IndexWriter() {}

  /** Files and bytes listed. */
  public record Summary(int files, long bytes, byte[] json) {}

  public static Summary write(Path root, String basePath) throws IOException {
    return write(root, basePath, Instant.now());
  }

  public static Summary write(Path root, String basePath, Instant created) throws IOException {
    Dir tree = new Dir("");
    int[] files = {0};
    long[] bytes = {0};
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> all = walk.filter(Files::isRegularFile).sorted().toList();
      for (Path p : all) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith("index/") || SafePaths.checkPath(rel) != null) {
          continue;
        }
        tree.add(rel.split("/"), 0, describe(p, rel));
        files[0]++;
        bytes[0] += Files.size(p);
      }
    }
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(json, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("index_created", IndexParser.formatTime(created));
      g.writeStringField("build_revision", "torspark");
      g.writeStringField("path", basePath);
      tree.writeChildren(g);
      g.writeEndObject();
    }
    byte[] b = json.toByteArray();
    Path dir = root.resolve("index");
    Files.createDirectories(dir);
    replace(dir, "index.json", b, null);
    replace(dir, "index.json.gz", b, GZIPOutputStream::new);
    replace(dir, "index.json.bz2", b, BZip2CompressorOutputStream::new);
    replace(dir, "index.json.xz", b, o -> new XZOutputStream(o, new LZMA2Options(6)));
    return new Summary(files[0], bytes[0], b);
  }

  private interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static void replace(Path dir, String name, byte[] content, Compressor c) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp);
           OutputStream out = c == null ? raw : c.wrap(raw)) {
        out.write(content);
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** One file's index entry, computed from its bytes. */
  static IndexEntry describe(Path file, String rel) throws IOException {
    MessageDigest md = HttpFetcher.sha256();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        size += n;
      }
    }
    Instant mtime = Files.getLastModifiedTime(file).toInstant();
    DescriptorFacts.Facts facts = DescriptorFacts.scan(file, rel);
    return new IndexEntry(rel, size, IndexParser.parseTime(IndexParser.formatTime(mtime)), facts.types(),
        truncate(facts.firstPublished()), truncate(facts.lastPublished()),
        Base64.getEncoder().encodeToString(md.digest()));
  }

  private static Instant truncate(Instant t) {
    return t == null ? null : IndexParser.parseTime(IndexParser.formatTime(t));
  }

  private static final class Dir {
    final String name;
    final TreeMap<String, Dir> dirs = new TreeMap<>();
    final List<IndexEntry> files = new ArrayList<>();

    Dir(String name) {
      this.name = name;
    }

    void add(String[] parts, int i, IndexEntry e) {
      if (i == parts.length - 1) {
        files.add(e);
        return;
      }
      dirs.computeIfAbsent(parts[i], Dir::new).add(parts, i + 1, e);
    }

    void writeChildren(JsonGenerator g) throws IOException {
      if (!files.isEmpty()) {
        g.writeArrayFieldStart("files");
        for (IndexEntry e : files) {
          writeFile(g, e);
        }
        g.writeEndArray();
      }
      if (!dirs.isEmpty()) {
        g.writeArrayFieldStart("directories");
        for (Dir d : dirs.values()) {
          g.writeStartObject();
          g.writeStringField("path", d.name);
          d.writeChildren(g);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
    }

    private static void writeFile(JsonGenerator g, IndexEntry e) throws IOException {
      g.writeStartObject();
      g.writeStringField("path", e.fileName());
      g.writeNumberField("size", e.size());
      if (e.lastModified() != null) {
        g.writeStringField("last_modified", IndexParser.formatTime(e.lastModified()));
      }
      if (!e.types().isEmpty()) {
        g.writeArrayFieldStart("types");
        for (String t : e.types()) {
          g.writeString(t);
        }
        g.writeEndArray();
      }
      if (e.firstPublished() != null) {
        g.writeStringField("first_published", IndexParser.formatTime(e.firstPublished()));
      }
      if (e.lastPublished() != null) {
        g.writeStringField("last_published", IndexParser.formatTime(e.lastPublished()));
      }
      g.writeStringField("sha256", e.sha256());
      g.writeEndObject();
    }
  }

  /** {@code IndexWriter ROOT BASE_URL}: writes ROOT/index/ for the tree under ROOT. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: IndexWriter ROOT BASE_URL");
      System.exit(2);
    }
    Summary s = write(Path.of(args[0]), args[1]);
    System.out.println("indexed " + s.files() + " files, " + s.bytes() + " bytes");
  }
}
