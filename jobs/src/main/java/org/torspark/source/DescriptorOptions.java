package org.torspark.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.torspark.archive.ArchiveReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Tables.Grain;

/**
 * Every option of the {@code tordesc} source, parsed once. Each key is a constant with its default
 * beside it; every validation error names the option and the bad value, and says what is allowed.
 */
public final class DescriptorOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One path, glob allowed (set by {@code load(path)} and SQL {@code OPTIONS (path ...)}). */
  public static final String PATH = "path";
  /** Several paths as a JSON array (set by {@code load(p1, p2, ...)}). */
  public static final String PATHS = "paths";
  /** The descriptor type to read, as in {@code @type}; detected from the files when omitted. */
  public static final String TYPE = "type";
  /** {@code row}: one row per descriptor or status entry; {@code document}: one per document. */
  public static final String GRAIN = "grain";
  public static final String GRAIN_DEFAULT = "row";
  /** What to do with malformed documents: PERMISSIVE, DROPMALFORMED or FAILFAST. */
  public static final String MODE = "mode";
  public static final ReadMode MODE_DEFAULT = ReadMode.PERMISSIVE;
  /** Name of the column that holds the parse error of an error row. */
  public static final String CORRUPT_COLUMN = "columnNameOfCorruptRecord";
  public static final String CORRUPT_COLUMN_DEFAULT = "_corrupt_record";
  /** Small plain files are packed into one partition up to this many bytes. */
  public static final String MAX_PARTITION_BYTES = "maxPartitionBytes";
  public static final long MAX_PARTITION_BYTES_DEFAULT = 128L << 20;
  /** What opening one file costs, in bytes of reading, when packing small files. */
  public static final String OPEN_COST_BYTES = "openCostInBytes";
  public static final long OPEN_COST_BYTES_DEFAULT = 4L << 20;
  /** Read files in subdirectories of the given directories too. */
  public static final String RECURSIVE = "recursiveFileLookup";
  public static final boolean RECURSIVE_DEFAULT = false;
  /** Only read files whose name matches this glob (e.g. {@code *-consensus}). */
  public static final String PATH_GLOB_FILTER = "pathGlobFilter";
  /** Skip files whose CollecTor-style name proves they hold no rows in the filtered time range. */
  public static final String TIME_PRUNING = "fileNameTimePruning";
  public static final boolean TIME_PRUNING_DEFAULT = true;
  /** The largest archive entry or plain file read into memory. */
  public static final String MAX_ENTRY_BYTES = "maxEntryBytes";
  public static final int MAX_ENTRY_BYTES_DEFAULT = ArchiveReader.MAX_ENTRY_BYTES_DEFAULT;
  /** Decompress each compressed file on a thread of its own, overlapping with parsing. */
  public static final String READ_AHEAD = "readAhead";
  public static final boolean READ_AHEAD_DEFAULT = true;
  /**
   * How many batches of one file's documents are parsed at once on the executor's shared parse
   * pool (one thread per core); 1 parses on the task's own thread. Default: the executor's cores.
   */
  public static final String PARSE_THREADS = "parseThreads";
  /**
   * Each tarball is read by this many tasks, each decompressing all of it and parsing every n-th
   * document, so that what follows the scan (aggregation, Parquet encoding) runs in n tasks;
   * {@code auto}: as many as it takes for the scan to have one task per core
   * ({@link PartitionPacker#autoSplits}).
   */
  public static final String ARCHIVE_SPLITS = "archiveSplits";
  public static final int ARCHIVE_SPLITS_DEFAULT = 1;
  /** {@link #archiveSplits()} for {@code archiveSplits=auto}. */
  public static final int ARCHIVE_SPLITS_AUTO = 0;

  /**
   * A copy of {@code given} (keeping its order) with {@code archiveSplits=auto} unless it sets
   * archiveSplits itself, in any case: how archives-to-parquet reads, and its benchmark.
   */
  public static Map<String, String> withAutoArchiveSplits(Map<String, String> given) {
    Map<String, String> options = new LinkedHashMap<>(given);
    if (options.keySet().stream().noneMatch(ARCHIVE_SPLITS::equalsIgnoreCase)) {
      options.put(ARCHIVE_SPLITS, "auto");
    }
    return options;
  }

  /** Keys this source reads; all other options are handed to Hadoop's configuration. */
  static final List<String> KEYS = List.of(PATH, PATHS, TYPE, GRAIN, MODE, CORRUPT_COLUMN,
      MAX_PARTITION_BYTES, OPEN_COST_BYTES, RECURSIVE, PATH_GLOB_FILTER, TIME_PRUNING, MAX_ENTRY_BYTES,
      READ_AHEAD, PARSE_THREADS, ARCHIVE_SPLITS);

  /** How malformed documents are handled, as in Spark's JSON and CSV sources. */
  public enum ReadMode {
    /** Malformed documents become error rows: null fields, the error in the corrupt-record column. */
    PERMISSIVE,
    /** Malformed documents are dropped (and counted in the scan's metrics). */
    DROPMALFORMED,
    /** The first malformed document fails the query, naming file, entry, offset and line. */
    FAILFAST
  }

  private final List<String> paths;
  private final DescriptorType type;
  private final Grain grain;
  private final ReadMode mode;
  private final String corruptColumn;
  private final long maxPartitionBytes;
  private final long openCostBytes;
  private final boolean recursive;
  private final String pathGlobFilter;
  private final boolean timePruning;
  private final int maxEntryBytes;
  private final boolean readAhead;
  private final Integer parseThreads;
  private final int archiveSplits;

  private DescriptorOptions(CaseInsensitiveStringMap o) {
    paths = paths(o);
    type = type(o.get(TYPE));
    grain = grain(o.getOrDefault(GRAIN, GRAIN_DEFAULT));
    mode = mode(o.get(MODE));
    corruptColumn = corruptColumn(o.getOrDefault(CORRUPT_COLUMN, CORRUPT_COLUMN_DEFAULT));
    maxPartitionBytes = bytes(o, MAX_PARTITION_BYTES, MAX_PARTITION_BYTES_DEFAULT, 1);
    openCostBytes = bytes(o, OPEN_COST_BYTES, OPEN_COST_BYTES_DEFAULT, 0);
    recursive = bool(o, RECURSIVE, RECURSIVE_DEFAULT);
    pathGlobFilter = blankToNull(o.get(PATH_GLOB_FILTER));
    timePruning = bool(o, TIME_PRUNING, TIME_PRUNING_DEFAULT);
    long entry = bytes(o, MAX_ENTRY_BYTES, MAX_ENTRY_BYTES_DEFAULT, 1);
    if (entry > Integer.MAX_VALUE - 8) {
      throw bad(MAX_ENTRY_BYTES, o.get(MAX_ENTRY_BYTES), "at most " + (Integer.MAX_VALUE - 8) + " bytes (2 GB)");
    }
    maxEntryBytes = (int) entry;
    readAhead = bool(o, READ_AHEAD, READ_AHEAD_DEFAULT);
    parseThreads = positiveIntOrNull(o, PARSE_THREADS, "a whole number from 1 to 1024");
    if ("auto".equalsIgnoreCase(o.getOrDefault(ARCHIVE_SPLITS, "").trim())) {
      archiveSplits = ARCHIVE_SPLITS_AUTO;
    } else {
      Integer splits = positiveIntOrNull(o, ARCHIVE_SPLITS, "a whole number from 1 to 1024, or auto");
      archiveSplits = splits == null ? ARCHIVE_SPLITS_DEFAULT : splits;
    }
    if (type != null && grain == Grain.DOCUMENT && !type.oneDocumentPerFile()) {
      throw new IllegalArgumentException("option " + GRAIN + ": 'document' applies to whole-file documents"
          + " (status documents, bandwidth files, exit lists), not to " + type.typeName()
          + "; remove the option or set it to 'row'");
    }
  }

  /** Parses and validates {@code options}; throws IllegalArgumentException naming the bad option. */
  public static DescriptorOptions parse(CaseInsensitiveStringMap options) {
    return new DescriptorOptions(options);
  }

  public static DescriptorOptions parse(Map<String, String> options) {
    return parse(new CaseInsensitiveStringMap(options));
  }

  public List<String> paths() {
    return paths;
  }

  /** The requested type, or null when it is to be detected. */
  public DescriptorType type() {
    return type;
  }

  public Grain grain() {
    return grain;
  }

  public ReadMode mode() {
    return mode;
  }

  public String corruptColumn() {
    return corruptColumn;
  }

  public long maxPartitionBytes() {
    return maxPartitionBytes;
  }

  public long openCostBytes() {
    return openCostBytes;
  }

  public boolean recursive() {
    return recursive;
  }

  /** The file-name glob, or null. */
  public String pathGlobFilter() {
    return pathGlobFilter;
  }

  public boolean timePruning() {
    return timePruning;
  }

  public int maxEntryBytes() {
    return maxEntryBytes;
  }

  public boolean readAhead() {
    return readAhead;
  }

  /** Tasks per tarball, or {@link #ARCHIVE_SPLITS_AUTO}. */
  public int archiveSplits() {
    return archiveSplits;
  }

  /**
   * The parseThreads option; when not set, the executor's cores ({@code spark.executor.cores} where
   * set, else the processors of the JVM that reads), asked on the executor, not on the driver.
   */
  public int parseThreads() {
    if (parseThreads != null) {
      return parseThreads;
    }
    org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
    int cores = env == null ? 0 : env.conf().getInt("spark.executor.cores", 0);
    return cores > 0 ? cores : Runtime.getRuntime().availableProcessors();
  }

  private static List<String> paths(CaseInsensitiveStringMap o) {
    List<String> out = new ArrayList<>();
    String one = blankToNull(o.get(PATH));
    if (one != null) {
      out.add(one);
    }
    String many = o.get(PATHS);
    if (many != null && !many.isBlank()) {
      try {
        out.addAll(Arrays.asList(new ObjectMapper().readValue(many, String[].class)));
      } catch (JsonProcessingException e) {
        throw bad(PATHS, many, "a JSON array of path strings");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("option " + PATH + " is missing: give the files or directories to"
          + " read, e.g. load(\"hdfs:///collector/recent/relay-descriptors/consensuses\") or OPTIONS (path '...')");
    }
    return List.copyOf(out);
  }

  private static DescriptorType type(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return DescriptorType.fromName(value)
        .orElseThrow(() -> bad(TYPE, value, "one of " + DescriptorType.names() + " (or omit it to detect)"));
  }

  private static Grain grain(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "row":
        return Grain.ROW;
      case "document":
        return Grain.DOCUMENT;
      default:
        throw bad(GRAIN, value, "'row' or 'document'");
    }
  }

  private static ReadMode mode(String value) {
    if (value == null || value.isBlank()) {
      return MODE_DEFAULT;
    }
    try {
      return ReadMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(MODE, value, "one of PERMISSIVE, DROPMALFORMED, FAILFAST");
    }
  }

  private static String corruptColumn(String value) {
    if (value.isBlank()) {
      throw bad(CORRUPT_COLUMN, value, "a column name");
    }
    return value.trim();
  }

  private static boolean bool(CaseInsensitiveStringMap o, String key, boolean def) {
    String value = o.get(key);
    if (value == null || value.isBlank()) {
      return def;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw bad(key, value, "true or false");
    }
  }

  private static Integer positiveIntOrNull(CaseInsensitiveStringMap o, String key, String allowed) {
    String value = o.get(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 1024) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, value, allowed);
  }

  /** Accepts {@code 1048576}, {@code 512k}, {@code 64m}, {@code 1g} (also with a trailing b). */
  static long bytes(CaseInsensitiveStringMap o, String key, long def, long min) {
    String value = o.get(key);
    if (value == null || value.isBlank()) {
      return def;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.endsWith("b")) {
      v = v.substring(0, v.length() - 1);
    }
    int shift = 0;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'k': shift = 10; break;
        case 'm': shift = 20; break;
        case 'g': shift = 30; break;
        case 't': shift = 40; break;
        default: shift = -1;
      }
      if (shift >= 0) {
        v = v.substring(0, v.length() - 1);
      } else {
        shift = 0;
      }
    }
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw bad(key, value, "a byte size such as 134217728, 512k, 128m or 1g");
    }
    if (n < 0 || (n << shift) >> shift != n || (n << shift) < min) {
      throw bad(key, value, "a byte size of at least " + min);
    }
    return n << shift;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static IllegalArgumentException bad(String key, String value, String allowed) {
    return new IllegalArgumentException("option " + key + ": '" + value + "' is not valid; use " + allowed);
  }
}
