package org.torspark.collector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The manifest table at {@code <dest>/_manifest/}: JSON Lines, one {@link ManifestRecord} per
 * mirrored file, sorted by path, with the columns {@code path, size, sha256, last_modified,
 * fetched_at, types, first_published, last_published} (times ISO-8601 UTC). Spark reads it with
 * {@code spark.read.json(dest + "/_manifest/manifest.jsonl")}.
 *
 * <ul>
 *   <li>{@code manifest.jsonl} is the snapshot, replaced whole at the end of each run (readers see
 *       the old or the new one);
 *   <li>{@code journal/<run>-<task>.jsonl} is written by each download task when it ends, so the
 *       files a killed run completed are known without hashing them again; the next snapshot absorbs
 *       and removes the journals.
 * </ul>
 */
public final class Manifest {
  static final String SNAPSHOT = "manifest.jsonl";
  static final String JOURNAL_DIR = "journal";
  private static final JsonFactory JSON = new JsonFactory();

  private Manifest() {}

  /**
   * The records of a mirror at {@code dest} (snapshot plus journals of a run that did not finish),
   * sorted by path: what readers use to find files by type or time without listing or opening them.
   * An absent manifest gives an empty list.
   */
  public static List<ManifestRecord> read(String dest, org.apache.hadoop.conf.Configuration conf)
      throws IOException {
    List<ManifestRecord> out = new ArrayList<>(load(Destination.open(dest, conf)).records().values());
    out.sort(Comparator.comparing(ManifestRecord::path));
    return out;
  }

  /** Records by path, and the journal files they came from (deleted once a snapshot holds them). */
  record Loaded(Map<String, ManifestRecord> records, List<Path> journals, int badLines) {}

  static Loaded load(Destination dest) throws IOException {
    FileSystem fs = dest.fs();
    Map<String, ManifestRecord> records = new LinkedHashMap<>();
    int[] bad = {0};
    Path snapshot = new Path(dest.manifestDir(), SNAPSHOT);
    readInto(fs, snapshot, records, bad);
    List<Path> journals = new ArrayList<>();
    Path journalDir = new Path(dest.manifestDir(), JOURNAL_DIR);
    try {
      FileStatus[] listed = fs.listStatus(journalDir);
      java.util.Arrays.sort(listed, Comparator.comparing(s -> s.getPath().getName()));
      for (FileStatus s : listed) {
        if (s.isFile() && s.getPath().getName().endsWith(".jsonl")) {
          journals.add(s.getPath());
          readInto(fs, s.getPath(), records, bad);
        }
      }
    } catch (FileNotFoundException e) {
      // no journals
    }
    return new Loaded(records, journals, bad[0]);
  }

  private static void readInto(FileSystem fs, Path p, Map<String, ManifestRecord> into, int[] bad)
      throws IOException {
    FSDataInputStream in;
    try {
      in = fs.open(p);
    } catch (FileNotFoundException e) {
      return;
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        ManifestRecord rec = parseLine(line);
        if (rec == null) {
          bad[0]++;
          continue;
        }
        ManifestRecord old = into.get(rec.path());
        if (old == null || old.fetchedAt() == null
            || (rec.fetchedAt() != null && !rec.fetchedAt().isBefore(old.fetchedAt()))) {
          into.put(rec.path(), rec);
        }
      }
    }
  }

  /** One line, or null when it is not a usable record (then the file is verified by hashing). */
  static ManifestRecord parseLine(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ManifestRecord r = parseObject(p);
      return p.nextToken() == null ? r : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static ManifestRecord parseObject(JsonParser p) throws IOException {
    String path = null;
    long size = -1;
    String sha = null;
    Instant lastModified = null;
    Instant fetchedAt = null;
    Instant first = null;
    Instant last = null;
    List<String> types = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "path" -> path = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "size" -> size = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
        case "sha256" -> sha = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "last_modified" -> lastModified = instant(p, v);
        case "fetched_at" -> fetchedAt = instant(p, v);
        case "first_published" -> first = instant(p, v);
        case "last_published" -> last = instant(p, v);
        case "types" -> {
          if (v == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              types.add(p.getText());
            }
          }
        }
        default -> { }
      }
      p.skipChildren();
    }
    if (path == null || size < 0 || SafePaths.checkPath(path) != null
        || (sha != null && IndexParser.checkSha256(sha) != null)) {
      return null;
    }
    return new ManifestRecord(path, size, sha, lastModified, fetchedAt, types, first, last);
  }

  private static Instant instant(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      return null;
    }
    String s = p.getText();
    if (s.length() == 20 && s.charAt(10) == 'T' && s.endsWith(":00Z")) {
      // what we write for minute-precision index times: parse without the ISO formatter
      Instant t = IndexParser.parseTime(s.substring(0, 10) + " " + s.substring(11, 16));
      if (t != null) {
        return t;
      }
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static byte[] toBytes(Collection<ManifestRecord> records) throws IOException {
    List<ManifestRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(ManifestRecord::path));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (ManifestRecord r : sorted) {
      writeLine(r, bytes);
    }
    return bytes.toByteArray();
  }

  private static void writeLine(ManifestRecord r, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.writeStartObject();
      g.writeStringField("path", r.path());
      g.writeNumberField("size", r.size());
      g.writeStringField("sha256", r.sha256());
      g.writeStringField("last_modified", str(r.lastModified()));
      g.writeStringField("fetched_at", str(r.fetchedAt()));
      g.writeArrayFieldStart("types");
      for (String t : r.types()) {
        g.writeString(t);
      }
      g.writeEndArray();
      g.writeStringField("first_published", str(r.firstPublished()));
      g.writeStringField("last_published", str(r.lastPublished()));
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }

  /** Replaces the snapshot, then removes the journals it absorbed. */
  static void writeSnapshot(Destination dest, Collection<ManifestRecord> records, List<Path> absorbedJournals,
      String runId) throws IOException {
    dest.fs().mkdirs(dest.manifestDir());
    dest.writeAtomically(new Path(dest.manifestDir(), SNAPSHOT), toBytes(records), runId);
    for (Path j : absorbedJournals) {
      dest.fs().delete(j, false);
    }
  }

  /** Called by a download task: the records of the files it published. */
  static Path writeJournal(Destination dest, String runId, String taskTag, Collection<ManifestRecord> records)
      throws IOException {
    Path p = new Path(new Path(dest.manifestDir(), JOURNAL_DIR), runId + "-" + taskTag + ".jsonl");
    dest.writeAtomically(p, toBytes(records), runId);
    return p;
  }

  static List<Path> journalsOfRun(Destination dest, String runId) throws IOException {
    List<Path> out = new ArrayList<>();
    try {
      for (FileStatus s : dest.fs().listStatus(new Path(dest.manifestDir(), JOURNAL_DIR))) {
        if (s.getPath().getName().startsWith(runId + "-")) {
          out.add(s.getPath());
        }
      }
    } catch (FileNotFoundException e) {
      // none
    }
    return out;
  }
}
