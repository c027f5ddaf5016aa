package org.torspark.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Finds the files to read the way Spark's file sources do: each path may be a file, a directory or
 * a glob; names starting with {@code .} or {@code _} inside directories are skipped (checksums,
 * {@code _SUCCESS}); {@code pathGlobFilter} keeps files whose name matches; subdirectories are read
 * only with {@code recursiveFileLookup}. A path that matches nothing is an error, not an empty read.
 */
public final class FileListing {

  /** One file to read: its fully qualified path and length in bytes. */
  public record SourceFile(String path, long length) implements Serializable {
    public String name() {
      int slash = path.lastIndexOf('/');
      return slash < 0 ? path : path.substring(slash + 1);
    }
  }

  /**
   * The files found, sorted by path, plus the subdirectories that were not read because
   * {@code recursiveFileLookup} is off.
   */
  public record Listing(List<SourceFile> files, List<String> skippedDirectories) {}

  private FileListing() {}

  public static Listing list(List<String> paths, Configuration conf, boolean recursive, String pathGlobFilter) {
    try {
      GlobFilter nameFilter = pathGlobFilter == null ? null : new GlobFilter(pathGlobFilter);
      Map<String, SourceFile> files = new TreeMap<>();
      List<String> skipped = new ArrayList<>();
      for (String p : paths) {
        listOne(p, conf, recursive, nameFilter, files, skipped);
      }
      return new Listing(List.copyOf(files.values()), List.copyOf(skipped));
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + String.join(", ", paths) + ": " + e.getMessage(), e);
    }
  }

  private static void listOne(String given, Configuration conf, boolean recursive, GlobFilter nameFilter,
      Map<String, SourceFile> files, List<String> skipped) throws IOException {
    Path path = new Path(given);
    FileSystem fs = path.getFileSystem(conf);
    FileStatus[] matches = glob(path, fs);
    for (FileStatus match : matches) {
      if (match.isFile()) {
        add(match, nameFilter, files);
      } else if (recursive && !"file".equals(fs.getScheme())) {
        // one flat listing on object stores instead of one request per directory
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
        String root = match.getPath().toUri().getPath();
        while (it.hasNext()) {
          LocatedFileStatus s = it.next();
          if (!hiddenBelow(root, s.getPath())) {
            add(s, nameFilter, files);
          }
        }
      } else if (recursive) {
        // locally, listFiles builds LocatedFileStatus, which forks 'ls -ld' per file for permissions
        walk(fs, match.getPath(), nameFilter, files);
      } else {
        boolean anyFile = false;
        List<String> dirs = new ArrayList<>();
        RemoteIterator<FileStatus> it = fs.listStatusIterator(match.getPath());
        while (it.hasNext()) {
          FileStatus s = it.next();
          if (isHidden(s.getPath().getName())) {
            continue;
          }
          if (s.isFile()) {
            anyFile = true;
            add(s, nameFilter, files);
          } else {
            dirs.add(s.getPath().toString());
          }
        }
        if (!anyFile && !dirs.isEmpty()) {
          throw new IllegalArgumentException(match.getPath() + " holds only directories (" + dirs.size()
              + ", e.g. " + dirs.get(0) + "); set option recursiveFileLookup to true to read the files"
              + " below them, or point path at the directory that holds the files");
        }
        skipped.addAll(dirs);
      }
    }
  }

  private static void walk(FileSystem fs, Path dir, GlobFilter nameFilter, Map<String, SourceFile> files)
      throws IOException {
    RemoteIterator<FileStatus> it = fs.listStatusIterator(dir);
    while (it.hasNext()) {
      FileStatus s = it.next();
      if (isHidden(s.getPath().getName())) {
        continue;
      }
      if (s.isFile()) {
        add(s, nameFilter, files);
      } else if (s.isDirectory()) {
        walk(fs, s.getPath(), nameFilter, files);
      }
    }
  }

  /** What a path or glob matches; throws, naming the path, if nothing. */
  static FileStatus[] glob(Path path, FileSystem fs) throws IOException {
    FileStatus[] matches;
    try {
      matches = fs.globStatus(path);
    } catch (FileNotFoundException e) {
      matches = null;
    }
    if (matches == null || matches.length == 0) {
      throw new IllegalArgumentException("path does not exist: " + fs.makeQualified(path)
          + " (option path). Check the spelling and the scheme (file://, hdfs://, s3a://); globs such as"
          + " consensuses-2019-0[1-3].tar.xz are allowed.");
    }
    return matches;
  }

  /** Checks that every path matches something, without listing directories. */
  static void checkExist(List<String> paths, Configuration conf) {
    for (String p : paths) {
      Path path = new Path(p);
      try {
        glob(path, path.getFileSystem(conf));
      } catch (IOException e) {
        throw new UncheckedIOException("checking path " + p + ": " + e.getMessage(), e);
      }
    }
  }

  private static void add(FileStatus s, GlobFilter nameFilter, Map<String, SourceFile> files) {
    if (nameFilter != null && !nameFilter.accept(s.getPath())) {
      return;
    }
    String qualified = s.getPath().toString();
    files.put(qualified, new SourceFile(qualified, s.getLen()));
  }

  /**
   * True if a path component below {@code root} (a path without scheme) is hidden (e.g.
   * {@code _temporary/...}), as Hadoop's file inputs skip such files.
   */
  public static boolean hiddenBelow(String root, Path file) {
    String p = file.toUri().getPath();
    String rel = p.startsWith(root) ? p.substring(root.length()) : file.getName();
    for (String part : rel.split("/")) {
      if (!part.isEmpty() && isHidden(part)) {
        return true;
      }
    }
    return false;
  }

  static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }
}
