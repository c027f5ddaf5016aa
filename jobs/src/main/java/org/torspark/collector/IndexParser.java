package org.torspark.collector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Streams a CollecTor {@code index.json} (formats.md §1.2) into {@link IndexEntry}s with Jackson's
 * token parser, never building a tree. Unknown fields are skipped, so old indexes (path, size,
 * last_modified only) and future ones parse alike. The index is untrusted: an entry that is unsafe
 * or malformed (path with {@code ..}, a URL or absolute path, absurd or negative size, bad digest or
 * time, a duplicate) is rejected with a message and the others are kept; broken JSON, too deep
 * nesting or too many entries reject the whole index.
 */
final class IndexParser {
  static final int MAX_DIRECTORY_DEPTH = 32;
  static final int MAX_ENTRIES = 5_000_000;
  static final int MAX_TYPES_PER_FILE = 64;

  static final DateTimeFormatter INDEX_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(2 * MAX_DIRECTORY_DEPTH + 8)
          .maxStringLength(1 << 20)
          .maxNumberLength(64)
          .maxNameLength(1024)
          .build())
      .build();

  private final long maxFileSize;
  private final List<IndexEntry> entries = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();
  private final Set<String> seenPaths = new HashSet<>();

  private IndexParser(long maxFileSize) {
    this.maxFileSize = maxFileSize;
  }

  /** A whole index refused: malformed JSON, too deep, too large. The message is one line. */
  static final class IndexException extends IOException {
    private static final long serialVersionUID = 1L;

    IndexException(String message) {
      super(message);
    }

    IndexException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Parses the whole stream; does not close it. */
  static CollectorIndex parse(InputStream in, long maxFileSize) throws IOException {
    return new IndexParser(maxFileSize).parseRoot(in);
  }

  private CollectorIndex parseRoot(InputStream in) throws IOException {
    String created = null;
    String revision = null;
    String basePath = null;
    try (JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IndexException("index is not a JSON object");
      }
      List<Pending> pending = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "index_created" -> created = stringOrNull(p, value);
          case "build_revision" -> revision = stringOrNull(p, value);
          case "path" -> basePath = stringOrNull(p, value);
          case "files" -> parseFiles(p, value, pending, 0);
          case "directories" -> parseDirectories(p, value, pending, 0);
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IndexException("index root object is not closed");
      }
      if (p.nextToken() != null) {
        throw new IndexException("unexpected content after the index object at "
            + location(p));
      }
      for (Pending e : pending) {
        accept(e, "");
      }
    } catch (StreamConstraintsException e) {
      throw new IndexException("index exceeds a parser limit: " + firstLine(e.getOriginalMessage()), e);
    } catch (JsonProcessingException e) {
      throw new IndexException("index is not valid JSON: " + firstLine(e.getOriginalMessage()) + " at "
          + location(e), e);
    }
    return new CollectorIndex(created, revision, basePath, entries, rejected);
  }

  /** An entry parsed inside a directory whose own path may come later in the object. */
  private record Pending(String relPath, IndexEntry entry, String error) {
    Pending prefixed(String dir) {
      return new Pending(dir + "/" + relPath, entry, error);
    }
  }

  private void parseDirectories(JsonParser p, JsonToken value, List<Pending> out, int depth)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new IndexException("'directories' is not an array at " + location(p));
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new IndexException("directory is not an object at " + location(p));
      }
      parseDirectory(p, out, depth + 1);
    }
  }

  private void parseDirectory(JsonParser p, List<Pending> out, int depth) throws IOException {
    if (depth > MAX_DIRECTORY_DEPTH) {
      throw new IndexException("directories nested deeper than " + MAX_DIRECTORY_DEPTH + " levels");
    }
    String name = null;
    String nameError = null;
    List<Pending> inner = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "path" -> {
          if (value == JsonToken.VALUE_STRING) {
            name = p.getText();
          } else {
            p.skipChildren();
            nameError = "directory 'path' is not a string";
          }
        }
        case "files" -> parseFiles(p, value, inner, depth);
        case "directories" -> parseDirectories(p, value, inner, depth);
        default -> p.skipChildren();
      }
    }
    if (nameError == null) {
      nameError = name == null ? "directory without 'path'" : SafePaths.checkSegment(name);
    }
    if (nameError != null) {
      String dir = name == null ? "?" : SafePaths.printable(name);
      if (!inner.isEmpty()) {
        rejected.add("directory '" + dir + "': " + nameError + " (" + inner.size() + " entries below it skipped)");
      } else {
        rejected.add("directory '" + dir + "': " + nameError);
      }
      return;
    }
    for (Pending e : inner) {
      out.add(e.prefixed(name));
    }
  }

  private void parseFiles(JsonParser p, JsonToken value, List<Pending> out, int depth) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new IndexException("'files' is not an array at " + location(p));
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new IndexException("file entry is not an object at " + location(p));
      }
      if (entries.size() + out.size() >= MAX_ENTRIES) {
        throw new IndexException("index lists more than " + MAX_ENTRIES + " files");
      }
      out.add(parseFile(p));
    }
  }

  private Pending parseFile(JsonParser p) throws IOException {
    String path = null;
    Long size = null;
    Instant lastModified = null;
    Instant first = null;
    Instant last = null;
    String sha256 = null;
    List<String> types = new ArrayList<>();
    String error = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      String problem = null;
      switch (field) {
        case "path" -> {
          if (value == JsonToken.VALUE_STRING) {
            path = p.getText();
          } else {
            problem = "'path' is not a string";
          }
        }
        case "size" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            problem = "'size' is not a whole number";
          } else if (p.getNumberType() != JsonParser.NumberType.INT
              && p.getNumberType() != JsonParser.NumberType.LONG) {
            problem = "absurd size " + abbreviate(p.getText()) + " (more than --max-file-size "
                + maxFileSize + ")";
          } else {
            size = p.getLongValue();
          }
        }
        case "last_modified" -> {
          lastModified = time(p, value);
          if (lastModified == null && value != JsonToken.VALUE_NULL) {
            problem = "bad last_modified " + quoted(p);
          }
        }
        case "first_published" -> {
          first = time(p, value);
          if (first == null && value != JsonToken.VALUE_NULL) {
            problem = "bad first_published " + quoted(p);
          }
        }
        case "last_published" -> {
          last = time(p, value);
          if (last == null && value != JsonToken.VALUE_NULL) {
            problem = "bad last_published " + quoted(p);
          }
        }
        case "sha256" -> {
          if (value == JsonToken.VALUE_STRING) {
            sha256 = p.getText();
            problem = checkSha256(sha256);
          } else if (value != JsonToken.VALUE_NULL) {
            problem = "'sha256' is not a string";
          }
        }
        case "types" -> problem = readTypes(p, value, types);
        default -> { }
      }
      p.skipChildren();
      if (problem != null && error == null) {
        error = problem;
      }
    }
    if (error == null && path == null) {
      error = "file entry without 'path'";
    }
    if (error == null && size == null) {
      error = "file entry without 'size'";
    }
    if (error == null) {
      error = SafePaths.checkSegment(path);
    }
    if (error == null && size < 0) {
      error = "negative size " + size;
    }
    if (error == null && size > maxFileSize) {
      error = "absurd size " + size + " (more than --max-file-size " + maxFileSize + ")";
    }
    if (error != null) {
      return new Pending(path == null ? "?" : SafePaths.printable(path), null, error);
    }
    return new Pending(path, new IndexEntry(path, size, lastModified, types, first, last, sha256), null);
  }

  private void accept(Pending e, String prefix) {
    String full = prefix.isEmpty() ? e.relPath() : prefix + "/" + e.relPath();
    if (e.error() != null) {
      rejected.add("'" + full + "': " + e.error());
      return;
    }
    String why = SafePaths.checkPath(full);
    if (why != null) {
      rejected.add("'" + SafePaths.printable(full) + "': " + why);
      return;
    }
    if (!seenPaths.add(full)) {
      rejected.add("'" + full + "': listed twice; the later entry is ignored");
      return;
    }
    IndexEntry x = e.entry();
    entries.add(new IndexEntry(full, x.size(), x.lastModified(), x.types(), x.firstPublished(),
        x.lastPublished(), x.sha256()));
  }

  private static String readTypes(JsonParser p, JsonToken value, List<String> types) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_ARRAY) {
      return "'types' is not an array";
    }
    String problem = null;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        p.skipChildren();
        problem = "'types' holds a non-string";
        continue;
      }
      String t = p.getText();
      if (t.isEmpty() || t.length() > 100 || !t.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        problem = "bad type '" + SafePaths.printable(t) + "'";
      } else if (types.size() >= MAX_TYPES_PER_FILE) {
        problem = "more than " + MAX_TYPES_PER_FILE + " types";
      } else if (!types.contains(t)) {
        types.add(t);
      }
    }
    return problem;
  }

  static String checkSha256(String b64) {
    try {
      byte[] raw = Base64.getDecoder().decode(b64);
      if (raw.length != 32) {
        return "sha256 decodes to " + raw.length + " bytes, not 32";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "sha256 is not Base64: '" + SafePaths.printable(b64) + "'";
    }
  }

  private static Instant time(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      return null;
    }
    return parseTime(p.getText());
  }

  /** {@code YYYY-MM-DD HH:MM} UTC, as the index writes times; null when malformed. */
  static Instant parseTime(String s) {
    if (s == null || s.length() != 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' '
        || s.charAt(13) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute).toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null; // e.g. February 30
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  static String formatTime(Instant t) {
    return t == null ? null : INDEX_TIME.format(t);
  }

  private static String stringOrNull(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return SafePaths.printable(p.getText());
    }
    p.skipChildren();
    return null;
  }

  private static String quoted(JsonParser p) throws IOException {
    return "'" + abbreviate(p.currentToken().isScalarValue() ? p.getText() : "...") + "'";
  }

  private static String abbreviate(String s) {
    return SafePaths.printable(s.length() > 40 ? s.substring(0, 40) + "..." : s);
  }

  private static String location(JsonParser p) {
    return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "unknown position"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return SafePaths.printable(nl < 0 ? s : s.substring(0, nl));
  }
}
