package org.torspark.jobs;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A batch job, runnable as {@code torspark run NAME --option value ...} in local mode and through
 * {@code spark-submit --class org.torspark.cli.Main torspark.jar run NAME ...} on a cluster.
 */
public interface Job {

  /** The sub-command name, e.g. {@code archives-to-parquet}. */
  String name();

  /** One line for {@code torspark run --help}. */
  String description();

  /** The options this job accepts (the common {@code --conf} and {@code --master} are added by the runner). */
  List<JobOption> options();

  /**
   * Runs the job. Bad options throw {@link JobArgException}; the returned lines are the job's
   * summary (rows written, errors, where the output is).
   */
  List<String> run(SparkSession spark, JobArgs args) throws Exception;
}
