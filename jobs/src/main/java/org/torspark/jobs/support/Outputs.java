package org.torspark.jobs.support;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.torspark.jobs.JobArgException;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;

/**
 * Writes a job's output tables: {@code OUT/<table>/date=YYYY-MM-DD/part-*.parquet}, partitioned by
 * the UTC date column {@code date}, with dynamic partition overwrite. A re-run replaces exactly the
 * dates it produces rows for and leaves every other date alone, so jobs can be run day by day or
 * month by month into one output. Spark writes into a staging directory and moves the partitions in
 * place when the job commits, so a failed run leaves the previous partitions, never half-written ones.
 */
public final class Outputs {
  public static final JobOption OUT = JobOption.of("out", null,
      "output folder; one Parquet table per sub-folder, partitioned by date (re-runs replace those dates)");
  /** The partition column every output table has. */
  public static final String DATE = "date";

  private final String root;
  private final List<String> summary = new ArrayList<>();

  private Outputs(String root) {
    this.root = root.replaceAll("/+$", "");
  }

  public static Outputs of(JobArgs args) {
    String out = args.get(OUT.name());
    if (out == null || out.isBlank()) {
      throw new JobArgException("option --out is required (the output folder)");
    }
    return new Outputs(out.trim());
  }

  public static Outputs at(String root) {
    return new Outputs(root);
  }

  public String path(String table) {
    return root + "/" + table;
  }

  /** Writes one table (which must have a {@code date} column) and returns the rows written. */
  public long write(String table, Dataset<Row> rows) {
    if (!List.of(rows.columns()).contains(DATE)) {
      throw new IllegalStateException(table + ": output tables are partitioned by '" + DATE + "'");
    }
    Observation written = new Observation(table);
    rows.observe(written, count(lit(1)).as("rows")).repartition(col(DATE))
        .write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
        .partitionBy(DATE).parquet(path(table));
    long n;
    try {
      // Spark reports no metrics row when the query had no partitions to run: nothing was written
      Map<String, Object> m = written.getAsJava();
      Object rowsWritten = m.get("rows");
      n = rowsWritten == null ? 0 : ((Number) rowsWritten).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(table + ": interrupted while waiting for the row count", e);
    }
    summary.add(String.format("%-28s %9d rows  %s", table, n, path(table)));
    return n;
  }

  /** One line per table written: name, rows, where. */
  public List<String> summary() {
    return summary;
  }
}
