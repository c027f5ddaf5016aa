package org.torspark.collector;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The mirror's destination directory on any Hadoop file system, and the only code that writes there.
 *
 * <p>Nothing partial is ever visible under a final name: on stores whose output streams can be
 * aborted (S3A: a multipart upload only appears when completed) a file is written straight to its
 * final name and aborted when verification fails; elsewhere (local, HDFS) it is written under
 * {@code _staging/<run>/} and renamed into place, replacing an older version in one step where the
 * file system can. Every final path is built from segments that passed {@link SafePaths} and is
 * checked to lie below the root. The local file system is used raw, without {@code .crc} files, so
 * the copy is exact.
 */
final class Destination {
  static final String MANIFEST_DIR = "_manifest";
  static final String STAGING_DIR = "_staging";

  private final FileSystem fs;
  private final Path root;
  private final String rootPath;
  private final Configuration conf;
  private final boolean direct;

  private Destination(FileSystem fs, Path root, Configuration conf) throws IOException {
    this.fs = fs;
    this.root = root;
    this.rootPath = root.toUri().getPath().endsWith("/") ? root.toUri().getPath()
        : root.toUri().getPath() + "/";
    this.conf = conf;
    this.direct = fs.hasPathCapability(root, CommonPathCapabilities.ABORTABLE_STREAM);
  }

  /** Opens the destination; the file system comes from Hadoop's cache and is not closed by us. */
  static Destination open(String dest, Configuration conf) throws IOException {
    Path p = new Path(dest);
    FileSystem fs = p.getFileSystem(conf);
    if (fs instanceof LocalFileSystem local) {
      fs = local.getRaw();
    }
    return new Destination(fs, fs.makeQualified(p), conf);
  }

  Path root() {
    return root;
  }

  URI uri() {
    return root.toUri();
  }

  FileSystem fs() {
    return fs;
  }

  /** True when files are written to their final name and aborted on failure (S3A). */
  boolean writesDirect() {
    return direct;
  }

  /** The final path of an index path; refuses anything that is not a safe relative path. */
  Path finalPath(String rel) {
    String why = SafePaths.checkPath(rel);
    if (why != null) {
      throw new IllegalArgumentException("unsafe path '" + SafePaths.printable(rel) + "': " + why);
    }
    Path p = new Path(root, rel);
    if (!p.toUri().getPath().startsWith(rootPath)) {
      throw new IllegalArgumentException("path '" + rel + "' leaves the destination");
    }
    return p;
  }

  Path manifestDir() {
    return new Path(root, MANIFEST_DIR);
  }

  Path stagingDir(String runId) {
    return new Path(new Path(root, STAGING_DIR), runId);
  }

  /** What a listing tells about a file already at the destination. */
  record Present(long size, long modificationTime) {}

  /**
   * Every file below the root, by relative path, except the mirror's own {@code _manifest} and
   * {@code _staging} trees and hidden names. An absent root is an empty destination.
   */
  Map<String, Present> list() throws IOException {
    Map<String, Present> out = new HashMap<>();
    try {
      if (!fs.exists(root)) {
        return out;
      }
      if (fs instanceof RawLocalFileSystem) {
        walkLocal(out);
        return out;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true); // one flat listing on object stores
      while (it.hasNext()) {
        add(it.next(), out);
      }
    } catch (FileNotFoundException e) {
      return out;
    }
    return out;
  }

  /**
   * The local file system walked with java.nio, one stat per file: Hadoop's located statuses for
   * local files load permissions by running {@code ls} once per file, which made a 2,821-file
   * listing take seconds.
   */
  private void walkLocal(Map<String, Present> out) throws IOException {
    java.nio.file.Path base = java.nio.file.Path.of(root.toUri());
    java.nio.file.Files.walkFileTree(base, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(java.nio.file.Path dir,
          java.nio.file.attribute.BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return !dir.equals(base) && (name.startsWith("_") || name.startsWith("."))
            ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(java.nio.file.Path file,
          java.nio.file.attribute.BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          String rel = base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
          if (!isOurs(rel)) {
            out.put(rel, new Present(attrs.size(), attrs.lastModifiedTime().toMillis()));
          }
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
  }

  private void add(LocatedFileStatus s, Map<String, Present> out) {
    String path = s.getPath().toUri().getPath();
    if (!s.isFile() || !path.startsWith(rootPath)) {
      return;
    }
    String rel = path.substring(rootPath.length());
    if (!isOurs(rel)) {
      out.put(rel, new Present(s.getLen(), s.getModificationTime()));
    }
  }

  private static boolean isOurs(String rel) {
    for (String seg : rel.split("/")) {
      if (seg.startsWith(".") || seg.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  /** Removes leftovers of runs that were killed: partial files never visible under final names. */
  void cleanStaging() throws IOException {
    Path staging = new Path(root, STAGING_DIR);
    if (fs.exists(staging)) {
      fs.delete(staging, true);
    }
  }

  boolean delete(String rel) throws IOException {
    return fs.delete(finalPath(rel), false);
  }

  /** A sink for one file: staged or direct, published by {@link Sink#commit()} only. */
  Sink sink(String rel, String runId, String attemptTag) throws IOException {
    Path target = finalPath(rel);
    Path staging = direct ? null : new Path(stagingDir(runId), rel + "." + attemptTag);
    return new Sink(target, staging);
  }

  /** Writes a small file (the manifest) so that readers see the old or the new version, never a part. */
  void writeAtomically(Path target, byte[] content, String runId) throws IOException {
    Path staging = direct ? null : new Path(stagingDir(runId), "_manifest-" + target.getName());
    try (Sink s = new Sink(target, staging)) {
      s.write(content, 0, content.length);
      s.commit();
    }
  }

  /**
   * Bytes on their way to one final path. {@link #commit()} publishes them; closing without a commit
   * discards them (aborts the upload or deletes the staging file).
   */
  final class Sink implements HttpFetcher.Sink, Closeable {
    private final Path target;
    private final Path staging;
    private FSDataOutputStream out;
    private boolean committed;

    private Sink(Path target, Path staging) throws IOException {
      this.target = target;
      this.staging = staging;
      open();
    }

    private void open() throws IOException {
      Path p = staging != null ? staging : target;
      if (staging != null) {
        fs.mkdirs(staging.getParent());
      }
      out = fs.create(p, true);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void restart() throws IOException {
      discardStream();
      open();
    }

    /** Publishes the file under its final name. */
    void commit() throws IOException {
      FSDataOutputStream o = out;
      out = null;
      o.close(); // on S3A this completes the upload: the object appears whole
      if (staging != null) {
        fs.mkdirs(target.getParent());
        renameReplacing(staging, target);
      }
      committed = true;
    }

    private void discardStream() {
      FSDataOutputStream o = out;
      out = null;
      if (o == null) {
        return;
      }
      if (staging == null) {
        o.abort(); // nothing becomes visible
        closeQuietly(o);
      } else {
        closeQuietly(o);
        try {
          fs.delete(staging, false);
        } catch (IOException ignored) {
          // the next run cleans _staging
        }
      }
    }

    @Override
    public void close() {
      if (!committed) {
        discardStream();
      }
    }
  }

  /** One FileContext per file system and JVM: each one may hold its own client (a DFSClient). */
  private static final ConcurrentHashMap<URI, FileContext> CONTEXTS = new ConcurrentHashMap<>();

  private void renameReplacing(Path src, Path dst) throws IOException {
    try {
      FileContext fc = CONTEXTS.get(fs.getUri());
      if (fc == null) {
        fc = FileContext.getFileContext(fs.getUri(), conf);
        CONTEXTS.putIfAbsent(fs.getUri(), fc);
      }
      fc.rename(src, dst, Options.Rename.OVERWRITE);
      return;
    } catch (UnsupportedOperationException e) {
      // fall through to the two-step replace below
    }
    if (fs.exists(dst)) {
      fs.delete(dst, false);
    }
    if (!fs.rename(src, dst)) {
      throw new IOException("could not rename " + src + " to " + dst);
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // discarding anyway
    }
  }
}
