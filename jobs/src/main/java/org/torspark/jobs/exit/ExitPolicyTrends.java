package org.torspark.jobs.exit;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.torspark.jobs.support.Columns.flooredMean;
import static org.torspark.jobs.support.Columns.ratio;
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
    Dataset<Row> groups = entryGroups(pass.filter(col("kind").equalTo(ExitEntryPass.GROUP))).cache();
    Dataset<Row> hourly = ExitEntryPass.hourly(spark, pass, ports.size(), withDescriptors);

    Dataset<Row> portsHourly = portsHourly(hourly, ports, withDescriptors);
    out.write("port_exits_hourly", portsHourly);
    out.write("port_exits_daily", portsDaily(portsHourly, minConsensuses, withDescriptors));
    Dataset<Row> exitsHourly = exitsHourly(hourly, withDescriptors);
    out.write("exits_hourly", exitsHourly);
    out.write("exits_daily", exitsDaily(exitsHourly, minConsensuses));
    Dataset<Row> perDay = consensusesPerDay(hourly, minConsensuses).cache();
    out.write("policy_summaries_daily", summaryDistribution(groups, perDay, top));
    out.write("policy_classes_daily", classDistribution(groups, perDay));
    Dataset<Row> changes = spansInOrder(pass) ? passChanges(pass, range) : summaryChanges(entries, range);
    if (withDescriptors) {
      changes = changes.unionByName(descriptorChanges(descriptors, range));
      out.write("policy_disagreements", disagreements(pass));
    }
    out.write("policy_changes", changes);
    List<String> lines = new ArrayList<>();
    lines.add(NAME + ": " + hourly.count() + " consensuses" + (withDescriptors ? " with server descriptors" : "")
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
   * The {@link ExitEntryPass} groups merged across tasks: per UTC date, exit_policy and exit the
   * running entries {@code n} of the day's consensuses and the sum of their {@code bandwidth}.
   */
  static Dataset<Row> entryGroups(Dataset<Row> passGroups) {
    return passGroups.groupBy(date_from_unix_date(col("day")).as("date"), col("exit_policy"), col("exit"))
        .agg(sum(col("n")).as("n"), sum(col("bandwidth")).as("bandwidth"));
  }

  /** Entries of the groups where {@code condition} holds (null counts as false). */
  private static Column entriesWhere(Column condition) {
    return when(condition, col("n")).otherwise(lit(0L));
  }

  static Dataset<Row> portsHourly(Dataset<Row> hourly, PortList ports, boolean withDescriptors) {
    Column probabilityDenominator = when(col("weights_present"), col("exit_weight"));
    List<Column> perPort = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      List<Column> fields = new ArrayList<>(List.of(
          lit(ports.port(i)).as("port"), lit(ports.service(i)).cast("string").as("service"),
          col("e_" + i).as("exits"), coalesce(col("w_" + i), lit(0L)).as("consensus_weight"),
          ratio(coalesce(col("w_" + i), lit(0L)), col("consensus_weight")).as("consensus_weight_fraction"),
          ratio(coalesce(col("p_" + i), lit(0.0)), probabilityDenominator).as("exit_probability")));
      if (withDescriptors) {
        fields.add(col("de_" + i).as("descriptor_exits"));
        fields.add(ratio(coalesce(col("dw_" + i), lit(0L)), col("consensus_weight")).as("descriptor_consensus_weight_fraction"));
        fields.add(ratio(coalesce(col("dp_" + i), lit(0.0)), probabilityDenominator).as("descriptor_exit_probability"));
        fields.add(col("so_" + i).as("summary_only"));
        fields.add(col("do_" + i).as("descriptor_only"));
      } else {
        fields.add(lit(null).cast("long").as("descriptor_exits"));
        fields.add(lit(null).cast("double").as("descriptor_consensus_weight_fraction"));
        fields.add(lit(null).cast("double").as("descriptor_exit_probability"));
        fields.add(lit(null).cast("long").as("summary_only"));
        fields.add(lit(null).cast("long").as("descriptor_only"));
      }
      perPort.add(struct(fields.toArray(new Column[0])));
    }
    Column withDescriptor = withDescriptors ? col("exits_with_descriptor") : lit(null).cast("long");
    return hourly.select(col("date"), col("valid_after"), col("exits").as("exits_total"),
            withDescriptor.as("exits_with_descriptor"), explode(array(perPort.toArray(new Column[0]))).as("p"))
        .select(col("date"), col("valid_after"), col("p.port"), col("p.service"), col("exits_total"),
            col("p.exits"), col("p.consensus_weight"), col("p.consensus_weight_fraction"), col("p.exit_probability"),
            col("exits_with_descriptor"), col("p.descriptor_exits"),
            col("p.descriptor_consensus_weight_fraction"), col("p.descriptor_exit_probability"),
            col("p.summary_only"), col("p.descriptor_only"));
  }

  static Dataset<Row> portsDaily(Dataset<Row> portsHourly, int minConsensuses, boolean withDescriptors) {
    Column n = count(lit(1));
    return portsHourly.groupBy(col("date"), col("port"), col("service"))
        .agg(n.as("consensuses"), flooredMean(sum(col("exits_total")), n).as("exits_total"),
            flooredMean(sum(col("exits")), n).as("exits"),
            avg(col("consensus_weight_fraction")).as("consensus_weight_fraction"),
            avg(col("exit_probability")).as("exit_probability"),
            flooredMean(sum(col("descriptor_exits")), n).as("descriptor_exits"),
            avg(col("descriptor_consensus_weight_fraction")).as("descriptor_consensus_weight_fraction"),
            avg(col("descriptor_exit_probability")).as("descriptor_exit_probability"),
            flooredMean(sum(col("summary_only")), n).as("summary_only"),
            flooredMean(sum(col("descriptor_only")), n).as("descriptor_only"))
        .filter(col("consensuses").geq(minConsensuses));
  }

  static Dataset<Row> exitsHourly(Dataset<Row> hourly, boolean withDescriptors) {
    Column weight = when(col("weights_present"), col("exit_weight"));
    return hourly.select(col("date"), col("valid_after"), col("running_relays"), col("exits"), col("bad_exits"),
        col("consensus_weight"), coalesce(col("exit_consensus_weight"), lit(0L)).as("exit_consensus_weight"),
        ratio(coalesce(col("exit_consensus_weight"), lit(0L)), col("consensus_weight"))
            .as("exit_consensus_weight_fraction"),
        col("weights_present"),
        withDescriptors ? col("exits_with_descriptor") : lit(null).cast("long").as("exits_with_descriptor"),
        withDescriptors ? col("ipv6_exits") : lit(null).cast("long").as("ipv6_exits"),
        withDescriptors ? ratio(col("ipv6_exits"), col("exits_with_descriptor")).as("ipv6_exit_fraction")
            : lit(null).cast("double").as("ipv6_exit_fraction"),
        withDescriptors ? ratio(coalesce(col("ipv6_exit_weight"), lit(0.0)), weight).as("ipv6_exit_probability")
            : lit(null).cast("double").as("ipv6_exit_probability"));
  }

  static Dataset<Row> exitsDaily(Dataset<Row> exitsHourly, int minConsensuses) {
    Column n = count(lit(1));
    return exitsHourly.groupBy(col("date"))
        .agg(n.as("consensuses"), flooredMean(sum(col("running_relays")), n).as("running_relays"),
            flooredMean(sum(col("exits")), n).as("exits"), flooredMean(sum(col("bad_exits")), n).as("bad_exits"),
            avg(col("exit_consensus_weight_fraction")).as("exit_consensus_weight_fraction"),
            flooredMean(sum(col("exits_with_descriptor")), n).as("exits_with_descriptor"),
            flooredMean(sum(col("ipv6_exits")), n).as("ipv6_exits"),
            avg(col("ipv6_exit_fraction")).as("ipv6_exit_fraction"),
            avg(col("ipv6_exit_probability")).as("ipv6_exit_probability"))
        .filter(col("consensuses").geq(minConsensuses));
  }

  /** Consensuses per UTC day, for days with at least {@code minConsensuses}. */
  static Dataset<Row> consensusesPerDay(Dataset<Row> hourly, int minConsensuses) {
    return hourly.groupBy(col("date")).agg(count(lit(1)).as("consensuses"))
        .filter(col("consensuses").geq(minConsensuses));
  }

  /**
   * The most frequent {@code p} summaries of running relays per day: mean relays per consensus
   * (floored), their share of the day's running-relay entries, how many were exits; ranks beyond
   * {@code top} are folded into one row with summary {@code (other)} and a null rank.
   */
  static Dataset<Row> summaryDistribution(Dataset<Row> groups, Dataset<Row> perDay, int top) {
    Dataset<Row> bySummary = groups.join(broadcast(perDay), "date")
        .groupBy(col("date"), coalesce(col("exit_policy"), lit("(none)")).as("summary"))
        .agg(sum(col("n")).as("entries"), sum(entriesWhere(col("exit"))).as("exit_entries"),
            first(col("consensuses")).as("consensuses"));
    WindowSpec byDate = Window.partitionBy(col("date")).orderBy(col("entries").desc(), col("summary"));
    WindowSpec day = Window.partitionBy(col("date"));
    Dataset<Row> ranked = bySummary.withColumn("rank", row_number().over(byDate))
        .withColumn("day_entries", sum(col("entries")).over(day))
        .withColumn("summary", when(col("rank").leq(top), col("summary")).otherwise(lit("(other)")))
        .withColumn("rank", when(col("rank").leq(top), col("rank")));
    return ranked.groupBy(col("date"), col("rank"), col("summary"))
        .agg(sum(col("entries")).as("entries"), sum(col("exit_entries")).as("exit_entries"),
            first(col("consensuses")).as("consensuses"), first(col("day_entries")).as("day_entries"))
        .select(col("date"), col("rank"), col("summary"),
            PolicyUdfs.policyClass().apply(when(col("rank").isNotNull(), col("summary"))).as("policy_class"),
            col("consensuses"), flooredMean(col("entries"), col("consensuses")).as("relays"),
            ratio(col("entries"), col("day_entries")).as("relay_share"),
            flooredMean(col("exit_entries"), col("consensuses")).as("exits"));
  }

  /** Running relays per policy class per day; exits and consensus-weight share per class. */
  static Dataset<Row> classDistribution(Dataset<Row> groups, Dataset<Row> perDay) {
    Dataset<Row> byClass = groups.join(broadcast(perDay), "date")
        .withColumn("policy_class", PolicyUdfs.policyClass().apply(col("exit_policy")))
        .groupBy(col("date"), col("policy_class"))
        .agg(sum(col("n")).as("entries"), sum(entriesWhere(col("exit"))).as("exit_entries"),
            sum(col("bandwidth")).as("weight"), first(col("consensuses")).as("consensuses"));
    WindowSpec day = Window.partitionBy(col("date"));
    return byClass.withColumn("day_entries", sum(col("entries")).over(day))
        .withColumn("day_weight", sum(col("weight")).over(day))
        .select(col("date"), col("policy_class"), col("consensuses"),
            flooredMean(col("entries"), col("consensuses")).as("relays"),
            ratio(col("entries"), col("day_entries")).as("relay_share"),
            flooredMean(col("exit_entries"), col("consensuses")).as("exits"),
            ratio(coalesce(col("weight"), lit(0L)), col("day_weight")).as("consensus_weight_fraction"));
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
