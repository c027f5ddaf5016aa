package org.torspark.jobs;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.torspark.jobs.measure.Percentiles;

/**
 * One day of {@code sbws_network_daily}, summed over that day's {@code sbws_relay_daily} rows in
 * plain Java (per task, then merged by day): as a Spark SQL aggregate with five percentiles the
 * table took 2.3 s of a 17.8 s run over a week of results, most of it planning and compiling
 * the query. The figures are the SQL's: sums of the relays' counts, {@code success_rate} =
 * successes / attempts, and the minimum, maximum and percentiles of the relays' median throughput
 * (relays without one left out) with Spark's {@code percentile}: linear interpolation between the
 * closest ranks at position (n - 1) * p.
 */
final class SbwsNetworkDay implements Serializable {
  private static final long serialVersionUID = 1L;
  static final double[] PERCENTILES = {0.1, 0.25, 0.5, 0.75, 0.9};

  static final StructType SCHEMA = new StructType().add("relays", DataTypes.LongType)
      .add("relays_with_success", DataTypes.LongType).add("attempts", DataTypes.LongType)
      .add("successes", DataTypes.LongType).add("success_rate", DataTypes.DoubleType)
      .add("error_stream", DataTypes.LongType).add("error_circ", DataTypes.LongType)
      .add("error_misc", DataTypes.LongType).add("error_destination", DataTypes.LongType)
      .add("error_second_relay", DataTypes.LongType).add("error_other", DataTypes.LongType)
      .add("downloads", DataTypes.LongType).add("relay_median_throughput_min", DataTypes.DoubleType)
      .add("relay_median_throughput_p10", DataTypes.DoubleType).add("relay_median_throughput_p25", DataTypes.DoubleType)
      .add("relay_median_throughput_p50", DataTypes.DoubleType).add("relay_median_throughput_p75", DataTypes.DoubleType)
      .add("relay_median_throughput_p90", DataTypes.DoubleType).add("relay_median_throughput_max", DataTypes.DoubleType)
      .add("max_throughput", DataTypes.DoubleType).add("date", DataTypes.DateType);

  // the sbws_relay_daily columns summed, in the order of SCHEMA's sums (attempts .. downloads, less
  // success_rate): indexes into MeasurementAggregatesJob.RELAY_DAILY_SCHEMA
  private static final String[] SUMMED = {"attempts", "successes", "error_stream", "error_circ", "error_misc",
      "error_destination", "error_second_relay", "error_other", "downloads"};
  private static final int[] SUMMED_AT = Arrays.stream(SUMMED)
      .mapToInt(MeasurementAggregatesJob.RELAY_DAILY_SCHEMA::fieldIndex).toArray();
  private static final int SUCCESSES = MeasurementAggregatesJob.RELAY_DAILY_SCHEMA.fieldIndex("successes");
  private static final int MEDIAN = MeasurementAggregatesJob.RELAY_DAILY_SCHEMA.fieldIndex("median_throughput");
  private static final int MAX = MeasurementAggregatesJob.RELAY_DAILY_SCHEMA.fieldIndex("max_throughput");

  private long relays;
  private long relaysWithSuccess;
  private final long[] sums = new long[SUMMED.length];
  private double[] medians = new double[16];
  private int nMedians;
  private Double maxThroughput;

  /** A day of one relay row (of {@code MeasurementAggregatesJob.RELAY_DAILY_SCHEMA}). */
  static SbwsNetworkDay of(Row relayDay) {
    SbwsNetworkDay d = new SbwsNetworkDay();
    d.relays = 1;
    d.relaysWithSuccess = !relayDay.isNullAt(SUCCESSES) && relayDay.getLong(SUCCESSES) > 0 ? 1 : 0;
    for (int i = 0; i < SUMMED_AT.length; i++) {
      d.sums[i] = relayDay.isNullAt(SUMMED_AT[i]) ? 0 : relayDay.getLong(SUMMED_AT[i]);
    }
    if (!relayDay.isNullAt(MEDIAN)) {
      d.medians[d.nMedians++] = relayDay.getDouble(MEDIAN);
    }
    d.maxThroughput = relayDay.isNullAt(MAX) ? null : relayDay.getDouble(MAX);
    return d;
  }

  /** This day and {@code o}'s relays together (merged into this). */
  SbwsNetworkDay merge(SbwsNetworkDay o) {
    relays += o.relays;
    relaysWithSuccess += o.relaysWithSuccess;
    for (int i = 0; i < sums.length; i++) {
      sums[i] = Math.addExact(sums[i], o.sums[i]);
    }
    if (nMedians + o.nMedians > medians.length) {
      medians = Arrays.copyOf(medians, Math.max(2 * medians.length, nMedians + o.nMedians));
    }
    System.arraycopy(o.medians, 0, medians, nMedians, o.nMedians);
    nMedians += o.nMedians;
    if (o.maxThroughput != null && (maxThroughput == null || Double.compare(o.maxThroughput, maxThroughput) > 0)) {
      maxThroughput = o.maxThroughput;
    }
    return this;
  }

  /** The table's row for this day ({@code date} as the relay rows hold it). */
  Row row(Object date) {
    double[] sorted = Arrays.copyOf(medians, nMedians);
    Arrays.sort(sorted);
    Object[] v = new Object[SCHEMA.size()];
    int i = 0;
    v[i++] = relays;
    v[i++] = relaysWithSuccess;
    v[i++] = sums[0];
    v[i++] = sums[1];
    // every relay row has at least one attempt; SQL would fail on a day of none
    v[i++] = sums[0] == 0 ? null : (double) sums[1] / (double) sums[0];
    for (int s = 2; s < sums.length; s++) {
      v[i++] = sums[s];
    }
    v[i++] = sorted.length == 0 ? null : sorted[0];
    for (double p : PERCENTILES) {
      v[i++] = percentile(sorted, p);
    }
    v[i++] = sorted.length == 0 ? null : sorted[sorted.length - 1];
    v[i++] = maxThroughput;
    v[i] = date;
    return RowFactory.create(v);
  }

  /** Spark's {@code percentile(x, p)} ({@link Percentiles#sparkPercentile}). */
  static Double percentile(double[] sorted, double p) {
    return Percentiles.sparkPercentile(sorted, p);
  }
}
