package org.torspark.jobs.exit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.torspark.jobs.support.Columns.utcDate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.torspark.jobs.Job;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.support.Consensuses;
import org.torspark.jobs.support.Inputs;
import org.torspark.jobs.support.Inputs.Kind;
import org.torspark.jobs.support.Outputs;
import org.torspark.jobs.support.TimeRange;

/**
 * {@code exit-policy-trends}: what the network lets clients reach, per consensus and per UTC day.
 * Port figures come from the consensus {@code p} summaries; with server descriptors the full
 * policies (joined by descriptor digest) are evaluated too and disagreements are listed. Output
 * tables and every choice are described in docs/jobs.md.
 */
public final class ExitPolicyTrends implements Job {
  public static final String NAME = "exit-policy-trends";

  static final JobOption PORTS = JobOption.of("ports", PortList.DEFAULT, "ports to report, comma-separated");
  static final JobOption TOP = JobOption.of("top", "20",
      "summary strings listed per day; the rest are one '(other)' row");
  static final JobOption MIN_CONSENSUSES = JobOption.of("min-consensuses", "12",
      "daily tables skip days with fewer consensuses (Tor Metrics uses 12)");

  /** Summary changes are found against the previous consensus: read this much before --start. */
  static final Duration CONSENSUS_LOOKBACK = Duration.ofDays(1);
  /** Consensuses reference descriptors published up to about a day earlier; full-policy changes need the previous one. */
  static final Duration DESCRIPTOR_LOOKBACK = Duration.ofDays(2);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "exits per port, weight and exit probability; summary distribution; policy changes";
  }

  @Override
  public List<JobOption> options() {
    return List.of(Inputs.IN, Kind.CONSENSUSES.jobOption(), Kind.SERVER_DESCRIPTORS.jobOption(), Outputs.OUT,
        TimeRange.START, TimeRange.END, PORTS, TOP, MIN_CONSENSUSES, Inputs.READ_OPTION);
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args) {
    // every option is checked before anything is read
    TimeRange range = TimeRange.of(args);
    PortList ports = PortList.parse(PORTS.name(), args.get(PORTS.name()));
    int top = args.getInt(TOP.name(), 1, 100_000);
    int minConsensuses = args.getInt(MIN_CONSENSUSES.name(), 1, 1440);
    Outputs out = Outputs.of(args);
    List<String> consensusPaths = Inputs.paths(spark, args, Kind.CONSENSUSES, true);
    List<String> descriptorPaths = Inputs.paths(spark, args, Kind.SERVER_DESCRIPTORS, false);
    boolean withDescriptors = !descriptorPaths.isEmpty();

    Consensuses consensuses = Consensuses.read(spark, args, consensusPaths, range.widen(CONSENSUS_LOOKBACK, Duration.ZERO),
        List.of("fingerprint", "nickname", "digest", "flags", "bandwidth", "exit_policy"),
        List.of("bandwidth_weights", "params"));
    Column inRange = Inputs.timeFilter("valid_after", range.from(), range.to());
    Dataset<Row> entries = consensuses.entries().select(col("valid_after"), col("fingerprint"), col("nickname"),
        col("digest"), col("exit_policy"), col("bandwidth"), col("flags"));
    Dataset<Row> weights = consensuses.documents().filter(inRange).select(col("valid_after"),
        col("bandwidth_weights").getItem("Wee").as("wee"), col("bandwidth_weights").getItem("Wed").as("wed"),
        coalesce(col("params").getItem("bwweightscale"), lit(10_000L)).as("scale"));

    Dataset<Row> descriptors = null;
    if (withDescriptors) {
      TimeRange descriptorRange = range.widen(DESCRIPTOR_LOOKBACK, Duration.ZERO);
      // a descriptor read twice (recent/ and archive/) needs no de-duplication, which cost a shuffle:
      // the answers are kept by digest, and a copy next to itself is no policy change (same policy)
      descriptors = Inputs.read(spark, args, Kind.SERVER_DESCRIPTORS, descriptorPaths, false, descriptorRange.from(),
          descriptorRange.to()).select("digest", "fingerprint", "nickname", "published", "exit_policy", "exit_policy_v6")
          .cache();
    }

    // One read of the entries gives the groups, the disagreements and the summary changes (ExitEntryPass).
    Broadcast<ExitEntryPass.Context> context = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new ExitEntryPass.Context(ports.ports(), weightsByHour(weights),
            withDescriptors ? ExitEntryPass.descriptors(descriptorAnswers(descriptors, ports).collectAsList()) : null,
            range.from() == null ? Long.MIN_VALUE : ExitEntryPass.micros(range.from()),
            range.to() == null ? Long.MAX_VALUE : ExitEntryPass.micros(range.to())));
    Dataset<Row> pass = ExitEntryPass.of(entries, context).cache();
    // the hourly and daily tables are a few thousand rows, made in plain Java (TrendTables)
    TrendTables tables = ExitEntryPass.tables(pass, new TrendTables(ports, withDescriptors, minConsensuses),
        ports.size());
    out.write("port_exits_hourly", tables.portsHourly(spark));
    out.write("port_exits_daily", tables.portsDaily(spark));
    out.write("exits_hourly", tables.exitsHourly(spark));
    out.write("exits_daily", tables.exitsDaily(spark));
    out.write("policy_summaries_daily", tables.summaryDistribution(spark, top));
    out.write("policy_classes_daily", tables.classDistribution(spark));
    Dataset<Row> changes = spansInOrder(pass) ? passChanges(pass, range) : summaryChanges(entries, range);
    if (withDescriptors) {
      changes = changes.unionByName(descriptorChanges(descriptors, range));
      out.write("policy_disagreements", disagreements(pass));
    }
    out.write("policy_changes", changes);
    List<String> lines = new ArrayList<>();
    lines.add(NAME + ": " + tables.consensuses() + " consensuses" + (withDescriptors ? " with server descriptors" : "")
        + ", ports " + ports);
    lines.addAll(out.summary());
    return lines;
  }

  /** The consensuses' bandwidth weights by valid_after (epoch microseconds), from a few hundred rows. */
  static Map<Long, ExitEntryPass.Weights> weightsByHour(Dataset<Row> weights) {
    Map<Long, ExitEntryPass.Weights> out = new HashMap<>();
    for (Row r : weights.collectAsList()) {
      out.put(ExitEntryPass.micros(r.get(0)), new ExitEntryPass.Weights(r.isNullAt(1) ? null : r.getLong(1),
          r.isNullAt(2) ? null : r.getLong(2), r.getLong(3)));
    }
    return out;
  }

  /**
   * Per descriptor digest: which report ports its full policy allows to some address (null when a
   * rule does not parse) and whether it exits to IPv6; ~50,000 small rows a month, for the driver.
   */
  static Dataset<Row> descriptorAnswers(Dataset<Row> descriptors, PortList ports) {
    return descriptors.select(col("digest"), PolicyUdfs.descriptorPorts(ports.ports()).apply(col("exit_policy")),
        PolicyUdfs.ipv6Exiting().apply(col("exit_policy_v6")));
  }

  /**
   * Whether every task of the pass read its consensuses in time order and no two tasks' spans of
   * valid_after overlap (one task per monthly tarball, or per run of hourly files), so that
   * {@link #passChanges} is exact; else the changes come from {@link #summaryChanges}.
   */
  static boolean spansInOrder(Dataset<Row> pass) {
    List<Row> spans = new ArrayList<>(pass.filter(col("kind").equalTo(ExitEntryPass.SPAN))
        .select(col("valid_after"), col("previous_seen"), col("exit")).collectAsList());
    spans.sort(java.util.Comparator.comparingLong(r -> ExitEntryPass.micros(r.get(0))));
    long previousLast = Long.MIN_VALUE;
    for (Row r : spans) {
      if (!r.getBoolean(2) || ExitEntryPass.micros(r.get(0)) <= previousLast) {
        return false;
      }
      previousLast = ExitEntryPass.micros(r.get(1));
    }
    return true;
  }

  /**
   * Summary changes from the pass: those within a task as found there, and those between tasks from
   * each relay's first listing in a task against its last listing in the task before (by time).
   * Same rows as {@link #summaryChanges} when {@link #spansInOrder} holds.
   */
  static Dataset<Row> passChanges(Dataset<Row> pass, TimeRange range) {
    WindowSpec byRelay = Window.partitionBy(col("fingerprint")).orderBy(col("valid_after"));
    Dataset<Row> across = pass.filter(col("kind").equalTo(ExitEntryPass.BOUNDARY))
        .withColumn("before_seen", lag(col("previous_seen"), 1).over(byRelay))
        .withColumn("before_policy", lag(col("old_policy"), 1).over(byRelay))
        .filter(col("before_seen").isNotNull().and(not(col("before_policy").eqNullSafe(col("exit_policy"))))
            .and(Inputs.timeFilter("valid_after", range.from(), range.to())))
        .select(col("fingerprint"), col("nickname"), col("valid_after"), col("before_seen").as("previous_seen"),
            col("before_policy").as("old_policy"), col("exit_policy"));
    Dataset<Row> within = pass.filter(col("kind").equalTo(ExitEntryPass.CHANGE))
        .select(col("fingerprint"), col("nickname"), col("valid_after"), col("previous_seen"), col("old_policy"),
            col("exit_policy"));
    return changeRows(within.unionByName(across));
  }

  /**
   * A relay's {@code p} summary differing from the one in the previous consensus that listed it.
   * The first listing in the input is not a change; the lookback day before --start supplies the
   * previous state for changes at the start of the range.
   */
  static Dataset<Row> summaryChanges(Dataset<Row> entries, TimeRange range) {
    WindowSpec byRelay = Window.partitionBy(col("fingerprint")).orderBy(col("valid_after"));
    return changeRows(entries.select(col("fingerprint"), col("nickname"), col("valid_after"), col("exit_policy"))
        .withColumn("old_policy", lag(col("exit_policy"), 1).over(byRelay))
        .withColumn("previous_seen", lag(col("valid_after"), 1).over(byRelay))
        .filter(col("previous_seen").isNotNull().and(not(col("old_policy").eqNullSafe(col("exit_policy"))))
            .and(Inputs.timeFilter("valid_after", range.from(), range.to()))));
  }

  /** policy_changes rows of kind summary from (fingerprint, nickname, valid_after, previous_seen, old_policy, exit_policy). */
  private static Dataset<Row> changeRows(Dataset<Row> changes) {
    UserDefinedFunction policyClass = PolicyUdfs.policyClass();
    return changes.select(utcDate("valid_after").as("date"), col("fingerprint"), col("nickname"),
        lit("summary").as("kind"), col("valid_after").as("changed_at"), col("previous_seen"), col("old_policy"),
        col("exit_policy").as("new_policy"), policyClass.apply(col("old_policy")).as("old_class"),
        policyClass.apply(col("exit_policy")).as("new_class"));
  }

  /**
   * A relay's full policy (IPv4 rules, kind {@code full}) or ipv6-policy (kind {@code ipv6})
   * differing from its previous server descriptor's, in publication order.
   */
  static Dataset<Row> descriptorChanges(Dataset<Row> descriptors, TimeRange range) {
    WindowSpec byRelay = Window.partitionBy(col("fingerprint")).orderBy(col("published"), col("digest"));
    Dataset<Row> d = descriptors.filter(col("fingerprint").isNotNull())
        .select(col("fingerprint"), col("nickname"), col("published"), col("digest"),
            org.apache.spark.sql.functions.concat_ws(", ", col("exit_policy")).as("full"),
            coalesce(col("exit_policy_v6"), lit("reject 1-65535")).as("ipv6"))
        .withColumn("old_full", lag(col("full"), 1).over(byRelay))
        .withColumn("old_ipv6", lag(col("ipv6"), 1).over(byRelay))
        .withColumn("previous_seen", lag(col("published"), 1).over(byRelay))
        .filter(col("previous_seen").isNotNull().and(Inputs.timeFilter("published", range.from(), range.to())));
    Dataset<Row> full = d.filter(not(col("old_full").eqNullSafe(col("full"))))
        .select(utcDate("published").as("date"), col("fingerprint"), col("nickname"), lit("full").as("kind"),
            col("published").as("changed_at"), col("previous_seen"), col("old_full").as("old_policy"),
            col("full").as("new_policy"), lit(null).cast("string").as("old_class"),
            lit(null).cast("string").as("new_class"));
    Dataset<Row> ipv6 = d.filter(not(col("old_ipv6").eqNullSafe(col("ipv6"))))
        .select(utcDate("published").as("date"), col("fingerprint"), col("nickname"), lit("ipv6").as("kind"),
            col("published").as("changed_at"), col("previous_seen"), col("old_ipv6").as("old_policy"),
            col("ipv6").as("new_policy"), lit(null).cast("string").as("old_class"),
            lit(null).cast("string").as("new_class"));
    return full.unionByName(ipv6);
  }

  /**
   * Running exits whose consensus summary and full descriptor policy answer a report port
   * differently: {@code summary_only} ports the summary allows but no address in the full policy
   * does, {@code descriptor_only} ports some address is allowed on but the summary rejects (subnet
   * accepts, rejects of more than two /8s: formats.md §3.4).
   */
  static Dataset<Row> disagreements(Dataset<Row> pass) {
    return pass.filter(col("kind").equalTo(ExitEntryPass.DISAGREEMENT))
        .select(utcDate("valid_after").as("date"), col("valid_after"), col("fingerprint"), col("nickname"),
            col("digest"), col("exit_policy").as("summary"), col("summary_only_ports"), col("descriptor_only_ports"));
  }
}
