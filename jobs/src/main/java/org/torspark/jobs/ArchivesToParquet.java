package org.torspark.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.torspark.descriptor.DescriptorType;
import org.torspark.source.DescriptorDataSource;
import org.torspark.source.DescriptorOptions;

/**
 * {@code torspark run archives-to-parquet --type T --in PATH... --out DIR [--option k=v]...}: reads CollecTor files of one type
 * through {@code tordesc} and writes Parquet partitioned by the UTC date of the type's time column
 * ({@code date=YYYY-MM-DD}; error rows, which have no time, go to the null partition). Re-running
 * replaces exactly the dates it writes (dynamic partition overwrite), so it is idempotent and can be
 * run month by month into one output. Microdescriptors have no time column and are written
 * unpartitioned, replacing the output. Reading is PERMISSIVE unless told otherwise, so malformed
 * documents are kept as error rows and counted.
 *
 * <p>Unless {@code --option archiveSplits=N} says otherwise, the read uses {@code archiveSplits=auto}:
 * a month's one tarball read alone is shared by the cores, each task decompressing all of it and
 * encoding its share of the rows. Parquet encoding, not parsing, is the cost of this job, and it
 * runs in the task that reads the rows (month corpus, {@code scripts/bench-jobs} in local[2]: 96 s
 * for 5.1M consensus entries in one task, 65-67 s in two, for about a tenth more CPU).
 */
public final class ArchivesToParquet implements Job {
  public static final String NAME = "archives-to-parquet";
  /** The partition column. */
  public static final String DATE = "date";

  /** What a run wrote: rows in total, of which error rows. */
  public record Result(String type, String output, long rows, long errors) {
    @Override
    public String toString() {
      return NAME + ": wrote " + rows + " rows (" + errors + " error rows) of " + type + " to " + output;
    }
  }

  /** Reads {@code inputs} as {@code type} and writes {@code output}; see the class comment. */
  public static Result run(SparkSession spark, String type, List<String> inputs, String output,
      Map<String, String> readOptions) {
    DescriptorType t = DescriptorType.fromName(type).orElseThrow(() -> new IllegalArgumentException(
        NAME + ": '" + type + "' is not a descriptor type; use one of " + DescriptorType.names()));
    Map<String, String> options = DescriptorOptions.withAutoArchiveSplits(readOptions);
    options.put(DescriptorOptions.TYPE, t.typeName());
    Dataset<Row> rows = spark.read().format(DescriptorDataSource.SHORT_NAME).options(options)
        .load(inputs.toArray(new String[0]));
    String corrupt = options.getOrDefault(DescriptorOptions.CORRUPT_COLUMN, DescriptorOptions.CORRUPT_COLUMN_DEFAULT);
    String time = t.timeColumn();
    if (time != null && rows.schema().getFieldIndex(time).isDefined()) {
      // UTC date by arithmetic, independent of spark.sql.session.timeZone
      rows = rows.withColumn(DATE,
          expr("date_from_unix_date(CAST(floor(unix_micros(`" + time + "`) / 86400000000) AS INT))"));
    }
    Observation observed = new Observation(NAME);
    Dataset<Row> counted = rows.observe(observed, count(lit(1)).as("rows"), count(col("`" + corrupt + "`")).as("errors"));
    DataFrameWriter<Row> writer = counted.write().mode(SaveMode.Overwrite);
    if (rows.schema().getFieldIndex(DATE).isDefined()) {
      writer = writer.option("partitionOverwriteMode", "dynamic").partitionBy(DATE);
    }
    writer.parquet(output);
    Map<String, Object> m;
    try {
      m = observed.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(NAME + ": interrupted while waiting for the counts", e);
    }
    return new Result(t.typeName(), output, ((Number) m.get("rows")).longValue(),
        ((Number) m.get("errors")).longValue());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CollecTor files of one type -> Parquet partitioned by date; re-runs replace the dates they write";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.of("type", null, "descriptor type: " + DescriptorType.names()),
        JobOption.repeatable("in", "file, directory or glob on any Hadoop file system (repeatable)"),
        JobOption.of("out", null, "Parquet directory, partitioned by date"),
        JobOption.repeatable("option", "tordesc read option k=v, e.g. recursiveFileLookup=true (repeatable)"));
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args) {
    String type = args.require("type");
    if (DescriptorType.fromName(type).isEmpty()) {
      throw new JobArgException("option --type: '" + type + "' is not a descriptor type; use one of "
          + DescriptorType.names());
    }
    List<String> inputs = args.all("in");
    if (inputs.isEmpty()) {
      throw new JobArgException("option --in is required");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (String kv : args.all("option")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new JobArgException("option --option: '" + kv + "' is not key=value");
      }
      options.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return List.of(run(spark, type, inputs, args.require("out"), options).toString());
  }
}
