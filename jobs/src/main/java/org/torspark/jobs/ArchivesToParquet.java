package org.torspark.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.LinkedHashMap;
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
 * {@code archives-to-parquet TYPE INPUT OUTPUT [option=value ...]}: reads CollecTor files of one type
 * through {@code tordesc} and writes Parquet partitioned by the UTC date of the type's time column
 * ({@code date=YYYY-MM-DD}; error rows, which have no time, go to the null partition). Re-running
 * replaces exactly the dates it writes (dynamic partition overwrite), so it is idempotent and can be
 * run month by month into one output. Microdescriptors have no time column and are written
 * unpartitioned, replacing the output. Reading is PERMISSIVE unless told otherwise, so malformed
 * documents are kept as error rows and counted.
 */
public final class ArchivesToParquet {
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

  private ArchivesToParquet() {}

  public static Result run(SparkSession spark, String type, String input, String output,
      Map<String, String> readOptions) {
    DescriptorType t = DescriptorType.fromName(type).orElseThrow(() -> new IllegalArgumentException(
        NAME + ": '" + type + "' is not a descriptor type; use one of " + DescriptorType.names()));
    Map<String, String> options = new LinkedHashMap<>(readOptions);
    options.put(DescriptorOptions.TYPE, t.typeName());
    Dataset<Row> rows = spark.read().format(DescriptorDataSource.SHORT_NAME).options(options).load(input);
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

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: " + NAME + " TYPE INPUT OUTPUT [option=value ...]\n"
          + "  TYPE    one of " + DescriptorType.names() + "\n"
          + "  INPUT   files, directories or globs on any Hadoop file system\n"
          + "  OUTPUT  Parquet directory, partitioned by date; re-runs replace the dates they write\n"
          + "  options tordesc read options, e.g. recursiveFileLookup=true mode=DROPMALFORMED");
      System.exit(2);
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(NAME + ": '" + args[i] + "' is not option=value");
      }
      options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    SparkSession spark = SparkSession.builder().appName(NAME).getOrCreate();
    try {
      System.out.println(run(spark, args[0], args[1], args[2], options));
    } finally {
      spark.stop();
    }
  }
}
