package org.torspark.collector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.torspark.archive.ArchiveReader;

/**
 * What {@link IndexWriter} says about a file beyond size and digest: the {@code @type} annotations
 * in it and its publication range, the way CollecTor's indexer defines them (formats.md §1.2: the
 * {@code published}, {@code valid-after}, {@code dir-key-published}, {@code Downloaded} or
 * bandwidth-file time of each document; none for microdescriptors). It scans lines only (streaming
 * through tarballs with {@link ArchiveReader}), no full parsing: once the descriptor parsers land,
 * this is the one class to switch to {@code DescriptorReader}. Files without annotations get their
 * type from the directory layout ({@link CollectorLayout}), versioned {@code 1.0}.
 */
final class DescriptorFacts {
  private DescriptorFacts() {}

  record Facts(List<String> types, Instant firstPublished, Instant lastPublished) {}

  static Facts scan(Path file, String relPath) throws IOException {
    Scan s = new Scan(CollectorLayout.typesFromPath(relPath));
    try (InputStream in = Files.newInputStream(file); ArchiveReader r = ArchiveReader.open(in)) {
      ArchiveReader.Entry e;
      while ((e = r.nextEntry()) != null) {
        s.entry(e.name(), e.bytes(), e.length());
      }
    } catch (IOException e) {
      // Not a readable descriptor archive (e.g. a web log): layout types, no times.
    }
    List<String> types = new ArrayList<>(s.types);
    if (types.isEmpty()) {
      for (String t : CollectorLayout.typesFromPath(relPath)) {
        types.add(t + " 1.0");
      }
    }
    return new Facts(types, s.first, s.last);
  }

  /** Collects annotations and times over the entries of one file. */
  private static final class Scan {
    final List<String> layoutTypes;
    final TreeSet<String> types = new TreeSet<>();
    Instant first;
    Instant last;

    Scan(List<String> layoutTypes) {
      this.layoutTypes = layoutTypes;
    }

    void entry(String name, byte[] b, int length) {
      String type = defaultType(name);
      boolean docTimeSeen = false;
      boolean firstContentLine = true;
      int pos = 0;
      while (pos < length) {
        int end = pos;
        while (end < length && b[end] != '\n') {
          end++;
        }
        String line = new String(b, pos, Math.min(end - pos, 200), StandardCharsets.ISO_8859_1);
        pos = end + 1;
        if (line.startsWith("@type ")) {
          String annotation = line.substring(6).trim();
          types.add(annotation);
          type = CollectorLayout.typeName(annotation);
          docTimeSeen = false;
          firstContentLine = true;
          continue;
        }
        if (line.startsWith("@") || line.isBlank()) {
          continue;
        }
        boolean firstLine = firstContentLine;
        firstContentLine = false;
        if (type == null) {
          continue;
        }
        Instant t = documentTime(type, line, firstLine, docTimeSeen);
        if (t != null) {
          docTimeSeen = true;
          first = first == null || t.isBefore(first) ? t : first;
          last = last == null || t.isAfter(last) ? t : last;
        }
      }
    }

    /** The type of an entry without annotation: from its member path (microdescs tarballs hold two). */
    private String defaultType(String memberName) {
      if (layoutTypes.size() == 1) {
        return layoutTypes.get(0);
      }
      if (memberName != null && memberName.contains("/consensus-microdesc/")) {
        return "network-status-microdesc-consensus-3";
      }
      if (memberName != null && memberName.contains("/micro/")) {
        return "microdescriptor";
      }
      return null;
    }
  }

  /** The publication time a line gives for a document of this type, or null. */
  static Instant documentTime(String type, String line, boolean firstLine, boolean docTimeSeen) {
    switch (type) {
      case "server-descriptor", "extra-info", "bridge-server-descriptor", "bridge-extra-info" -> {
        return keywordTime(line, "published ");
      }
      case "network-status-consensus-3", "network-status-microdesc-consensus-3", "network-status-vote-3" -> {
        return keywordTime(line, "valid-after ");
      }
      case "bridge-network-status", "network-status-2", "directory" -> {
        return docTimeSeen ? null : keywordTime(line, "published ");
      }
      case "dir-key-certificate-3" -> {
        return keywordTime(line, "dir-key-published ");
      }
      case "tordnsel" -> {
        return docTimeSeen ? null : keywordTime(line, "Downloaded ");
      }
      case "bridge-pool-assignment" -> {
        return docTimeSeen ? null : keywordTime(line, "bridge-pool-assignment ");
      }
      case "bandwidth-file" -> {
        if (line.startsWith("file_created=")) {
          return isoTime(line.substring("file_created=".length()).trim());
        }
        if (firstLine && !docTimeSeen) {
          return unixTime(line.trim());
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static Instant keywordTime(String line, String keyword) {
    if (!line.startsWith(keyword) || line.length() < keyword.length() + 19) {
      return null;
    }
    String t = line.substring(keyword.length(), keyword.length() + 19);
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant isoTime(String s) {
    try {
      return LocalDateTime.parse(s.length() >= 19 ? s.substring(0, 19) : s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant unixTime(String s) {
    if (s.length() < 9 || s.length() > 11 || !s.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Instant.ofEpochSecond(Long.parseLong(s));
  }
}
