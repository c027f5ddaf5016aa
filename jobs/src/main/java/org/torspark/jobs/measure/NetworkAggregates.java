package org.torspark.jobs.measure;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.torspark.jobs.support.Columns.flooredMean;
import static org.torspark.jobs.support.Columns.utcDate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.torspark.jobs.JobArgException;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.support.Consensuses;
import org.torspark.jobs.support.Inputs;
import org.torspark.jobs.support.Inputs.Kind;
import org.torspark.jobs.support.Outputs;
import org.torspark.jobs.support.TimeRange;
import org.torspark.policy.PolicyFormatException;
import org.torspark.policy.PolicySummary;

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

    // Running, exit and guard are told from the flags in the pass (ConsensusCounts)
    Dataset<Row> entries = Inputs.read(spark, args, Kind.CONSENSUSES, consensusPaths, false, range.from(), range.to())
        .select(col("valid_after"), col("source_file"), col("source_entry"), col("digest"), col("flags"),
            col("bandwidth"), col("or_addresses"));
    Broadcast<ConsensusCounts.Descriptors> descriptors = null;
    if (withDescriptors) {
      // some ten thousand facts a month: looked up in the pass rather than joined to millions of entries
      TimeRange descriptorRange = range.widen(DESCRIPTOR_LOOKBACK, Duration.ZERO);
      descriptors = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new ConsensusCounts.Descriptors(
          descriptorFacts(Inputs.read(spark, args, Kind.SERVER_DESCRIPTORS, descriptorPaths, false,
              descriptorRange.from(), descriptorRange.to())).collectAsList()));
    }
    // One pass over the entries counts everything per consensus copy in plain Java (ConsensusCounts):
    // no cache of millions of wide rows, no explode of each entry into a dozen dimension rows, and no
    // collect_list over the entries (an object aggregate that sorts once it holds 128 groups).
    Dataset<Row> counts = ConsensusCounts.of(entries, descriptors).cache();
    // Built here, once: the first table's query starts two stages over the counts together, and an
    // unbuilt cache would run the whole pass in each of them.
    counts.count();
    // a consensus copy is one document, read by one task; the merge only keeps a repeated input path
    // counted as the aggregate over the entries counted it
    Dataset<Row> consensusTotals = counts.filter(col("dimension").isNull())
        .groupBy(col("valid_after"), col("source_file"), col("source_entry"))
        .agg(sum(col("relays")).as("running_relays"), sum(col("referenced_descriptors")).as("referenced_descriptors"),
            sum(col("missing_descriptors")).as("missing_descriptors"), sum(col("consensus_weight")).as("consensus_weight"),
            sum(col("advertised_bandwidth")).as("advertised_bandwidth"),
            flatten(collect_list(col("advbw_all"))).as("advbw_all"),
            flatten(collect_list(col("advbw_exits"))).as("advbw_exits"));
    // one copy per valid-after (recent/ and archive/ may both hold it), chosen on the small totals
    Dataset<Row> chosen = consensusTotals.groupBy(col("valid_after"))
        .agg(min(struct(col("source_file"), col("source_entry"))).as("src"))
        .select(col("valid_after"), col("src.source_file").as("source_file"), col("src.source_entry").as("source_entry"));
    Column missingFraction = col("missing_descriptors").cast("double")
        .divide(when(col("referenced_descriptors").gt(0), col("referenced_descriptors")));
    Dataset<Row> hourly = Consensuses.sameSource(consensusTotals, chosen)
        .withColumn("skipped", lit(withDescriptors && skipIncomplete)
            .and(coalesce(missingFraction.geq(MISSING_THRESHOLD), lit(false))))
        .withColumn("date", utcDate("valid_after"))
        .cache();
    out.write("network_hourly", hourly.select(col("date"), col("valid_after"), col("running_relays"),
        withDescriptors ? col("referenced_descriptors") : lit(null).cast("long").as("referenced_descriptors"),
        withDescriptors ? col("missing_descriptors") : lit(null).cast("long").as("missing_descriptors"),
        col("skipped"), col("consensus_weight"),
        withDescriptors ? col("advertised_bandwidth") : lit(null).cast("long").as("advertised_bandwidth")));

    Dataset<Row> kept = hourly.filter(functions.not(col("skipped")))
        .select(col("valid_after"), col("source_file"), col("source_entry"), col("date"));
    Dataset<Row> perDay = kept.groupBy(col("date")).agg(count(lit(1)).as("consensuses"))
        .filter(col("consensuses").geq(minConsensuses));

    Dataset<Row> dimensionTotals = counts.filter(col("dimension").isNotNull())
        .groupBy(col("valid_after"), col("source_file"), col("source_entry"), col("dimension"), col("value"))
        .agg(sum(col("relays")).as("relays"), sum(col("advertised_bandwidth")).as("advertised_bandwidth"),
            sum(col("consensus_weight")).as("consensus_weight"));
    Dataset<Row> relaysHourly = Consensuses.sameSource(dimensionTotals, kept)
        .select(utcDate("valid_after").as("date"), col("valid_after"), col("dimension"), col("value"), col("relays"),
            col("advertised_bandwidth"), col("consensus_weight"))
        .cache();
    out.write("relays_hourly", relaysHourly);
    out.write("relays_daily", relaysHourly.groupBy(col("date"), col("dimension"), col("value"))
        .agg(sum(col("relays")).as("relays"), sum(col("advertised_bandwidth")).as("advertised_bandwidth"),
            sum(col("consensus_weight")).as("consensus_weight"))
        .join(broadcast(perDay), "date")
        .select(col("date"), col("dimension"), col("value"), col("consensuses"),
            flooredMean(col("relays"), col("consensuses")).as("relays"),
            flooredMean(col("advertised_bandwidth"), col("consensuses")).as("advertised_bandwidth"),
            flooredMean(col("consensus_weight"), col("consensuses")).as("consensus_weight")));

    if (withDescriptors) {
      Dataset<Row> distribution = distributionHourly(hourly).cache();
      out.write("advbw_distribution_hourly", distribution);
      Dataset<Row> consensusesPerDay = hourly.groupBy(col("date")).agg(count(lit(1)).as("consensuses"))
          .filter(col("consensuses").geq(minConsensuses));
      out.write("advbw_distribution_daily", distribution.groupBy(col("date"), col("population"), col("kind"), col("k"))
          .agg(floor(percentile(col("advertised_bandwidth"), lit(0.5))).cast("long").as("advertised_bandwidth"),
              count(lit(1)).as("values"))
          .join(broadcast(consensusesPerDay), "date")
          .select(col("date"), col("population"), col("kind"), col("k"), col("consensuses"), col("values"),
              col("advertised_bandwidth")));
    }
    List<String> summary = List.of("network: " + hourly.count() + " consensuses, " + kept.count() + " used"
        + (withDescriptors ? "" : " (no server descriptors: flags and positions only)"));
    counts.unpersist();
    if (descriptors != null) {
      descriptors.destroy();
    }
    return summary;
  }

  /**
   * Per descriptor digest (first column): advertised bandwidth, version, OS, OR addresses (IPv6
   * announced is decided from them in {@link ConsensusCounts.Descriptors}) and IPv6 exiting.
   */
  static Dataset<Row> descriptorFacts(Dataset<Row> descriptors) {
    UserDefinedFunction version = functions.udf((UDF1<String, String>) Platforms::version, DataTypes.StringType);
    UserDefinedFunction os = functions.udf((UDF1<String, String>) Platforms::os, DataTypes.StringType);
    UserDefinedFunction ipv6Exiting = functions.udf((UDF1<String, Boolean>) NetworkAggregates::ipv6Exiting,
        DataTypes.BooleanType);
    return descriptors.select("digest", "platform", "bandwidth_avg", "bandwidth_burst", "bandwidth_observed",
            "or_addresses", "exit_policy_v6")
        .dropDuplicates("digest")
        .select(col("digest"),
            least(col("bandwidth_avg"), col("bandwidth_burst"), coalesce(col("bandwidth_observed"), col("bandwidth_avg")))
                .as("advbw"),
            version.apply(col("platform")).as("version"), os.apply(col("platform")).as("os"),
            col("or_addresses"),
            ipv6Exiting.apply(col("exit_policy_v6")).as("ipv6_exiting"));
  }

  /** ipv6-policy present and not {@code reject 1-65535} (any summary allowing no port counts as that). */
  static boolean ipv6Exiting(String policy) {
    if (policy == null) {
      return false;
    }
    try {
      return PolicySummary.parse(policy).isExitingAllowed();
    } catch (PolicyFormatException e) {
      return false;
    }
  }

  /** Percentiles and n-th fastest advertised bandwidth per consensus, of all running relays and of exits. */
  static Dataset<Row> distributionHourly(Dataset<Row> hourly) {
    StructType point = new StructType().add("kind", DataTypes.StringType, false).add("k", DataTypes.IntegerType, false)
        .add("advertised_bandwidth", DataTypes.LongType, false);
    UserDefinedFunction points = functions.udf((UDF1<scala.collection.Seq<Long>, List<Row>>) values -> {
      List<Row> out = new ArrayList<>();
      for (Percentiles.Point p : Percentiles.distribution(
          new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(values)))) {
        out.add(RowFactory.create(p.kind(), p.k(), p.value()));
      }
      return out;
    }, DataTypes.createArrayType(point, false));
    Dataset<Row> all = hourly.select(col("date"), col("valid_after"), lit("all").as("population"),
        explode(points.apply(col("advbw_all"))).as("p"));
    Dataset<Row> exits = hourly.select(col("date"), col("valid_after"), lit("exits").as("population"),
        explode(points.apply(col("advbw_exits"))).as("p"));
    return all.unionByName(exits).select(col("date"), col("valid_after"), col("population"), col("p.kind"),
        col("p.k"), col("p.advertised_bandwidth"));
  }
}
