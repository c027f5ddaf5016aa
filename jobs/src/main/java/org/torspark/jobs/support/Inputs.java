package org.torspark.jobs.support;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.JobArgException;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.source.DocumentFunction;
import org.torspark.source.DocumentScan;

/**
 * Where a job's descriptors come from: either a CollecTor tree given with {@code --in} (the job
 * reads {@code recent/} and {@code archive/} {@code relay-descriptors/<kind>/} below it, as CollecTor
 * and the mirror lay them out), or explicit paths per kind ({@code --consensuses} etc.), which win
 * over {@code --in}. Every path is checked before Spark starts reading, so a typo is a one-line error
 * naming the option.
 */
public final class Inputs {
  public static final JobOption IN = JobOption.repeatable("in",
      "CollecTor tree (local, hdfs://, s3a://): reads {recent,archive}/relay-descriptors/<kind>/ below it"
          + " (repeatable)");
  public static final JobOption READ_OPTION = JobOption.repeatable("read-option",
      "tordesc read option k=v, e.g. mode=DROPMALFORMED (repeatable)");

  /** The descriptor kinds the jobs read, with their option and CollecTor folder. */
  public enum Kind {
    CONSENSUSES("consensuses", "network-status-consensus-3", "relay-descriptors/consensuses", "valid_after"),
    SERVER_DESCRIPTORS("server-descriptors", "server-descriptor", "relay-descriptors/server-descriptors", "published"),
    EXTRA_INFOS("extra-infos", "extra-info", "relay-descriptors/extra-infos", "published");

    private final String option;
    private final String type;
    private final String folder;
    private final String timeColumn;

    Kind(String option, String type, String folder, String timeColumn) {
      this.option = option;
      this.type = type;
      this.folder = folder;
      this.timeColumn = timeColumn;
    }

    /** The option naming explicit paths of this kind, e.g. {@code consensuses}. */
    public String option() {
      return option;
    }

    public String type() {
      return type;
    }

    public String timeColumn() {
      return timeColumn;
    }

    public JobOption jobOption() {
      return JobOption.repeatable(option, type + " files, folders, archives or globs (repeatable; instead of --in)");
    }
  }

  private Inputs() {}

  /**
   * The paths to read for a kind: the explicit option's values, else the CollecTor folders below
   * {@code --in} that exist. Empty when neither gives any and the kind is optional.
   *
   * @throws JobArgException when a given path does not exist, or a required kind has no paths
   */
  public static List<String> paths(SparkSession spark, JobArgs args, Kind kind, boolean required) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> given = args.all(kind.option());
    if (!given.isEmpty()) {
      List<String> out = new ArrayList<>();
      for (String g : given) {
        for (String p : g.split(",")) {
          if (p.isBlank()) {
            continue;
          }
          if (!exists(conf, p.trim())) {
            throw new JobArgException("option --" + kind.option() + ": '" + p.trim() + "' does not exist");
          }
          out.add(p.trim());
        }
      }
      return out;
    }
    List<String> roots = args.all(IN.name());
    if (roots.isEmpty()) {
      if (required) {
        throw new JobArgException("option --in or --" + kind.option() + " is required (where the "
            + kind.type() + " descriptors are)");
      }
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String root : roots) {
      if (!exists(conf, root)) {
        throw new JobArgException("option --in: '" + root + "' does not exist");
      }
      for (String top : new String[] {"recent", "archive"}) {
        String p = root.replaceAll("/+$", "") + "/" + top + "/" + kind.folder;
        if (exists(conf, p)) {
          out.add(p);
        }
      }
    }
    String root = String.join(", ", roots);
    if (out.isEmpty() && required) {
      throw new JobArgException("option --in: no " + kind.type() + " descriptors under '" + root
          + "' (looked for recent/" + kind.folder + " and archive/" + kind.folder + "); or give --" + kind.option());
    }
    return out;
  }

  /**
   * Reads the paths with {@code tordesc} at row grain (or document grain), keeping only rows whose
   * time column is in {@code [from, to)} (null bounds: unbounded). The filter lets the source skip
   * files whose CollecTor name is outside the range. Error rows are dropped here: jobs count them
   * separately (the source's {@code _corrupt_record} column).
   */
  public static Dataset<Row> read(SparkSession spark, JobArgs args, Kind kind, List<String> paths, boolean document,
      Instant from, Instant to) {
    Dataset<Row> rows = raw(spark, args, kind, paths, document);
    return rows.filter(timeFilter(kind.timeColumn(), from, to));
  }

  /** The source rows, error rows included. */
  public static Dataset<Row> raw(SparkSession spark, JobArgs args, Kind kind, List<String> paths, boolean document) {
    Map<String, String> options = options(args, kind);
    if (document) {
      options.put("grain", "document");
    }
    try {
      return spark.read().format("tordesc").options(options).load(paths.toArray(new String[0]));
    } catch (IllegalArgumentException e) {
      throw optionError(kind, e);
    }
  }

  /**
   * Each document of the paths mapped by {@code fn} on the executors' parse pools ({@link
   * DocumentScan}), read as {@link #read} reads them (the same options and files), for a pass that
   * sums over documents and needs no rows. Files whose name puts them outside {@code [from, to)} are
   * not read; {@code fn} sees error records (mode PERMISSIVE) and documents outside the range, and
   * leaves them out itself.
   */
  public static <T> JavaRDD<T> documents(SparkSession spark, JobArgs args, Kind kind, List<String> paths,
      Instant from, Instant to, DocumentFunction<T> fn) {
    try {
      return DocumentScan.map(spark, options(args, kind), paths, from, to, fn);
    } catch (IllegalArgumentException e) {
      throw optionError(kind, e);
    }
  }

  /** The tordesc options of a read of {@code kind}: recursive, the --read-option values, the type. */
  private static Map<String, String> options(JobArgs args, Kind kind) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("recursiveFileLookup", "true");
    for (String kv : args.all(READ_OPTION.name())) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new JobArgException("option --" + READ_OPTION.name() + ": '" + kv + "' is not key=value");
      }
      options.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
    options.put("type", kind.type());
    return options;
  }

  private static JobArgException optionError(Kind kind, IllegalArgumentException e) {
    if (e instanceof JobArgException j) {
      return j;
    }
    return new JobArgException("option --" + kind.option() + " / --" + READ_OPTION.name() + ": "
        + e.getMessage().lines().findFirst().orElse(""));
  }

  /** {@code start <= time < end}, each bound optional; always excludes error rows (null time). */
  public static Column timeFilter(String timeColumn, Instant from, Instant to) {
    Column c = col(timeColumn).isNotNull();
    if (from != null) {
      c = c.and(col(timeColumn).geq(lit(Timestamp.from(from))));
    }
    if (to != null) {
      c = c.and(col(timeColumn).lt(lit(Timestamp.from(to))));
    }
    return c;
  }

  private static boolean exists(Configuration conf, String p) {
    try {
      Path path = new Path(p);
      FileSystem fs = path.getFileSystem(conf);
      if (p.contains("*") || p.contains("?") || p.contains("[") || p.contains("{")) {
        FileStatus[] matched = fs.globStatus(path);
        return matched != null && matched.length > 0;
      }
      return fs.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check '" + p + "': " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
