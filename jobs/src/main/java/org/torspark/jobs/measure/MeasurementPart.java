package org.torspark.jobs.measure;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.support.Outputs;
import org.torspark.jobs.support.TimeRange;

/**
 * One part of {@code measurement-aggregates} ({@code --part NAME}): a set of output tables computed
 * from the same inputs. Parts share the job's common options (inputs, --out, --start/--end) and add
 * their own; {@link MeasurementParts} lists them.
 */
public interface MeasurementPart {

  /** The {@code --part} value, e.g. {@code histories}. */
  String name();

  /** One line for the job's help. */
  String description();

  /** Options only this part reads (the job adds the common ones). */
  List<JobOption> options();

  /**
   * Checks this part's options and inputs before anything runs (so a bad option of the last part
   * fails before the first part writes).
   *
   * @throws org.torspark.jobs.JobArgException naming the option
   */
  void check(SparkSession spark, JobArgs args);

  /** Computes and writes the part's tables under {@code out}; returns summary lines. */
  List<String> run(SparkSession spark, JobArgs args, TimeRange range, Outputs out);
}
