package org.torspark.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.torspark.archive.ArchiveReader;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.parse.DocumentSplitter;
import org.torspark.descriptor.parse.DocumentSplitter.Piece;
import org.torspark.descriptor.parse.TypeDetector;
import org.torspark.source.FileListing.SourceFile;

/**
 * Tells which descriptor type a set of files holds when the {@code type} option is omitted, from the
 * first document of each file. Files are grouped by directory and by what their name suggests
 * (CollecTor keeps one type per directory); up to 16 files per group, spread over the group, are
 * opened, so that detection stays cheap on object stores. More than one type, an unknown
 * {@code @type}, or nothing recognisable is an error that says which option to set. The reader
 * checks every document later, so a file that was not opened here still cannot slip through.
 */
final class TypeDetection {
  private static final int FILES_SNIFFED_PER_GROUP = 16;
  private static final int ENTRIES_TRIED_PER_FILE = 5;

  private TypeDetection() {}

  static DescriptorType detect(List<SourceFile> files, Configuration conf, int maxEntryBytes) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no files to read, so the descriptor type cannot be detected;"
          + " set option type to one of " + DescriptorType.names());
    }
    Map<String, List<SourceFile>> groups = new LinkedHashMap<>();
    for (SourceFile f : files) {
      String dir = f.path().substring(0, Math.max(0, f.path().lastIndexOf('/')));
      groups.computeIfAbsent(dir + "|" + TypeDetector.fromFileName(f.path()), k -> new ArrayList<>()).add(f);
    }
    Map<DescriptorType, String> found = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (List<SourceFile> group : groups.values()) {
      for (SourceFile f : spread(group, FILES_SNIFFED_PER_GROUP)) {
        Sniff s = sniff(f, conf, maxEntryBytes);
        if (s.unknownType != null) {
          throw new IllegalArgumentException(f.path() + ": " + s.unknownType + ". Set option type to the"
              + " type you want to read (documents of other types are then skipped and counted), or leave"
              + " this file out with pathGlobFilter or a narrower path.");
        }
        if (s.type != null) {
          found.putIfAbsent(s.type, f.path());
        } else {
          problems.add(f.path() + ": " + s.problem);
        }
      }
    }
    if (found.size() == 1) {
      return found.keySet().iterator().next();
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("cannot detect the descriptor type of " + files.size() + " file(s) ("
          + String.join("; ", problems.subList(0, Math.min(3, problems.size()))) + "); set option type to one"
          + " of " + DescriptorType.names());
    }
    StringBuilder sb = new StringBuilder("the files hold several descriptor types: ");
    found.forEach((t, f) -> sb.append(t.typeName()).append(" (e.g. ").append(f).append("), "));
    sb.setLength(sb.length() - 2);
    sb.append(". Set option type to the one to read (documents of other types are then skipped and counted),"
        + " or narrow path / pathGlobFilter to files of one type.");
    throw new IllegalArgumentException(sb.toString());
  }

  /** Up to {@code n} files of {@code group}, evenly spaced, first and last included. */
  static List<SourceFile> spread(List<SourceFile> group, int n) {
    if (group.size() <= n) {
      return group;
    }
    List<SourceFile> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(group.get((int) ((long) i * (group.size() - 1) / (n - 1))));
    }
    return out;
  }

  /** What the first documents of a file say: a type, an unknown {@code @type}, or a problem. */
  private record Sniff(DescriptorType type, String unknownType, String problem) {}

  private static Sniff sniff(SourceFile f, Configuration conf, int maxEntryBytes) {
    Path path = new Path(f.path());
    try (InputStream in = path.getFileSystem(conf).open(path);
        ArchiveReader archive = ArchiveReader.open(in, maxEntryBytes)) {
      for (int i = 0; i < ENTRIES_TRIED_PER_FILE; i++) {
        ArchiveReader.Entry entry = archive.nextEntry();
        if (entry == null) {
          break;
        }
        DescriptorSource source = new DescriptorSource(f.path(), entry.name());
        List<Piece> pieces = DocumentSplitter.split(entry.bytes(), entry.length(), source, null);
        if (pieces.isEmpty()) {
          continue;
        }
        Piece first = pieces.get(0);
        if (first.problem() != null && first.annotationName() != null
            && DescriptorType.fromName(first.annotationName()).isEmpty()) {
          return new Sniff(null, (entry.name() == null ? "" : "entry " + entry.name() + ": ") + first.problem(), null);
        }
        if (first.document().type() != null) {
          return new Sniff(first.document().type(), null, null);
        }
        return new Sniff(null, null, Objects.toString(first.problem(), "type not recognised"));
      }
      return new Sniff(null, null, "no documents");
    } catch (IOException | RuntimeException e) {
      return new Sniff(null, null, "unreadable: " + e.getMessage());
    }
  }
}
