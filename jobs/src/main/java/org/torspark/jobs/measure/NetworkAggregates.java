package org.torspark.jobs.measure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.torspark.jobs.JobArgException;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.support.InternalRows;
import org.torspark.jobs.support.Inputs;
import org.torspark.jobs.support.Inputs.Kind;
import org.torspark.jobs.support.Outputs;
import org.torspark.jobs.support.TimeRange;

/**
 * {@code measurement-aggregates --part network}: running relays and their bandwidth per consensus
 * and per UTC day, by flag, guard/exit position, tor version, operating system and IPv6 capability
 * (Tor Metrics' networksize, relayflags, versions, platforms, relays-ipv6, bandwidth-flags,
 * advbw-ipv6), and the advertised-bandwidth distribution (advbwdist).
 */
final class NetworkAggregates implements MeasurementPart {
  static final JobOption MISSING_DESCRIPTORS = JobOption.of("missing-descriptors", "skip",
      "skip: leave out a consensus when >= 0.1% of the server descriptors it references are missing"
          + " (Tor Metrics); keep: use it anyway");
  /** Tor Metrics' threshold: a consensus is skipped when this fraction of its descriptors is missing. */
  static final double MISSING_THRESHOLD = 0.001;
  /** Consensuses reference descriptors published up to about a day earlier. */
  static final Duration DESCRIPTOR_LOOKBACK = Duration.ofDays(2);

  @Override
  public String name() {
    return "network";
  }

  @Override
  public String description() {
    return "relays and bandwidth by flag/version/platform/IPv6, advertised bandwidth distribution";
  }

  @Override
  public List<JobOption> options() {
    return List.of(MISSING_DESCRIPTORS);
  }

  @Override
  public void check(SparkSession spark, JobArgs args) {
    skipIncomplete(args);
    Inputs.paths(spark, args, Kind.CONSENSUSES, true);
    Inputs.paths(spark, args, Kind.SERVER_DESCRIPTORS, false);
  }

  static boolean skipIncomplete(JobArgs args) {
    String v = args.get(MISSING_DESCRIPTORS.name());
    switch (v == null ? "skip" : v.trim().toLowerCase(Locale.ROOT)) {
      case "skip":
        return true;
      case "keep":
        return false;
      default:
        throw new JobArgException("option --" + MISSING_DESCRIPTORS.name() + ": '" + v + "' is not skip or keep");
    }
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args, TimeRange range, Outputs out) {
    boolean skipIncomplete = skipIncomplete(args);
    int minConsensuses = args.getInt(MeasurementParts.MIN_CONSENSUSES.name(), 1, 1440);
    List<String> consensusPaths = Inputs.paths(spark, args, Kind.CONSENSUSES, true);
    List<String> descriptorPaths = Inputs.paths(spark, args, Kind.SERVER_DESCRIPTORS, false);
    boolean withDescriptors = !descriptorPaths.isEmpty();

    Broadcast<ConsensusCounts.Descriptors> descriptors = null;
    if (withDescriptors) {
      // some fifty thousand facts a month: looked up in the pass rather than joined to millions of entries
      TimeRange descriptorRange = range.widen(DESCRIPTOR_LOOKBACK, Duration.ZERO);
      // each descriptor's facts made on the parse thread that parsed it: no rows, no shuffle
      descriptors = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new ConsensusCounts.Descriptors(
          Inputs.documents(spark, args, Kind.SERVER_DESCRIPTORS, descriptorPaths, descriptorRange.from(),
              descriptorRange.to(), (file, doc) -> ConsensusCounts.Facts.of(doc, descriptorRange)).collect()));
    }
    // One pass over the consensuses counts everything per consensus in plain Java (ConsensusCounts),
    // each document on the parse thread that parsed it: no row per entry (5 million a month), no
    // explode of each entry into a dozen dimension rows, and no collect_list over the entries.
    Broadcast<ConsensusCounts.Descriptors> facts = descriptors;
    Dataset<Row> counts = ConsensusCounts.of(spark, Inputs.documents(spark, args, Kind.CONSENSUSES, consensusPaths,
        range.from(), range.to(), (file, doc) -> ConsensusCounts.count(file, doc, facts == null ? null : facts.value(),
            range)))
        .cache();
    // the tables in plain Java (NetworkTables): the counts are some thirty rows per consensus, merged
    // on the driver; the advertised-bandwidth lists become distribution points in the tasks
    NetworkTables tables = new NetworkTables(withDescriptors, skipIncomplete, minConsensuses).collect(counts);
    out.write("network_hourly", InternalRows.createDataFrame(spark, tables.networkHourly(), NetworkTables.NETWORK_HOURLY));
    out.write("relays_hourly", InternalRows.createDataFrame(spark, tables.relaysHourly(), NetworkTables.RELAYS_HOURLY));
    out.write("relays_daily", InternalRows.createDataFrame(spark, tables.relaysDaily(), NetworkTables.RELAYS_DAILY));
    if (withDescriptors) {
      JavaRDD<InternalRow> distribution = tables.distributionHourly(counts).cache();
      out.write("advbw_distribution_hourly",
          InternalRows.createDataFrame(spark, distribution, NetworkTables.DISTRIBUTION_HOURLY));
      out.write("advbw_distribution_daily", InternalRows.createDataFrame(spark,
          tables.distributionDaily(distribution), NetworkTables.DISTRIBUTION_DAILY));
      distribution.unpersist();
    }
    List<String> summary = List.of("network: " + tables.consensuses() + " consensuses, " + tables.kept() + " used"
        + (withDescriptors ? "" : " (no server descriptors: flags and positions only)"));
    counts.unpersist();
    if (descriptors != null) {
      descriptors.destroy();
    }
    return summary;
  }
}
