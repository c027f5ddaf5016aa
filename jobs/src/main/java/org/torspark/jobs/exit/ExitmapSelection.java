package org.torspark.jobs.exit;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.torspark.jobs.support.Columns.ratio;
import static org.torspark.jobs.support.Columns.utcDate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.torspark.jobs.Job;
import org.torspark.jobs.JobArgException;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.exit.PolicyChecks.Destination;
import org.torspark.jobs.support.Consensuses;
import org.torspark.jobs.support.Inputs;
import org.torspark.jobs.support.Inputs.Kind;
import org.torspark.jobs.support.Outputs;
import org.torspark.jobs.support.TimeRange;
import org.torspark.net.IpAddress;
import org.torspark.net.Ports;

/**
 * {@code exitmap-selection}: the exit relays exitmap would scan for the given destinations at a
 * consensus hour (formats.md §6): relays with the Exit flag in the consensus, BadExit handled as
 * exitmap's {@code --bad-exits}/{@code --all-exits} do, whose server descriptor (the one the
 * consensus references) allows exiting at all and, with destinations, can exit to at least one of
 * them by its full policy.
 */
public final class ExitmapSelection implements Job {
  public static final String NAME = "exitmap-selection";

  static final JobOption DESTINATION = JobOption.repeatable("destination",
      "IP:PORT[,IP:PORT...] ([IPv6]:PORT); relays must exit to at least one (default: no destination filter)");
  static final JobOption AT = JobOption.of("at", null,
      "consensus hour YYYY-MM-DDTHH:MMZ (or use --start/--end for every consensus in a range)");
  static final JobOption BAD_EXITS = JobOption.of("bad-exits", "exclude",
      "exclude (exitmap default), only (exitmap --bad-exits) or include (exitmap --all-exits)");

  /** Consensuses reference descriptors published up to about a day earlier. */
  static final Duration DESCRIPTOR_LOOKBACK = Duration.ofDays(2);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the exits exitmap would scan for destinations at a consensus hour";
  }

  @Override
  public List<JobOption> options() {
    return List.of(Inputs.IN, Kind.CONSENSUSES.jobOption(), Kind.SERVER_DESCRIPTORS.jobOption(), Outputs.OUT,
        DESTINATION, AT, TimeRange.START, TimeRange.END, BAD_EXITS, Inputs.READ_OPTION);
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args) {
    List<Destination> destinations = destinations(args.all(DESTINATION.name()));
    TimeRange range = range(args);
    String badExits = badExits(args.get(BAD_EXITS.name()));
    Outputs out = Outputs.of(args);
    List<String> consensusPaths = Inputs.paths(spark, args, Kind.CONSENSUSES, true);
    List<String> descriptorPaths = Inputs.paths(spark, args, Kind.SERVER_DESCRIPTORS, true);

    Consensuses consensuses = Consensuses.read(spark, args, consensusPaths, range,
        List.of("fingerprint", "nickname", "digest", "address", "flags", "version", "bandwidth"),
        List.of("bandwidth_weights", "params"));
    TimeRange descriptorRange = range.widen(DESCRIPTOR_LOOKBACK, Duration.ZERO);
    Dataset<Row> descriptors = Inputs.read(spark, args, Kind.SERVER_DESCRIPTORS, descriptorPaths, false,
            descriptorRange.from(), descriptorRange.to())
        .select("digest", "published", "platform", "exit_policy", "exit_policy_v6").dropDuplicates("digest");
    Dataset<Row> selected = select(consensuses.entries(), consensuses.documents(), descriptors, destinations, badExits)
        .cache();
    out.write("exitmap_selection", selected);
    List<String> lines = new ArrayList<>();
    lines.add(NAME + ": " + selected.select("valid_after").distinct().count() + " consensuses, destinations "
        + (destinations.isEmpty() ? "(none)" : destinations) + ", bad exits " + badExits);
    lines.addAll(out.summary());
    return lines;
  }

  /** The selection as a table: one row per consensus and selected relay. */
  static Dataset<Row> select(Dataset<Row> entries, Dataset<Row> documents, Dataset<Row> descriptors,
      List<Destination> destinations, String badExits) {
    Column badExit = array_contains(col("flags"), "BadExit");
    Column flagRule = array_contains(col("flags"), "Exit");
    switch (badExits) {
      case "only":
        flagRule = flagRule.and(badExit);
        break;
      case "include":
        break;
      default:
        flagRule = flagRule.and(not(badExit));
    }
    UserDefinedFunction allowed = allowedUdf(destinations);
    UserDefinedFunction exiting = functions.udf(
        (UDF1<scala.collection.Seq<String>, Boolean>) r -> PolicyChecks.exitingAllowed(PolicyUdfs.toJava(r)),
        DataTypes.BooleanType);
    Dataset<Row> weights = documents.select(col("valid_after"),
        col("bandwidth_weights").getItem("Wee").as("wee"), col("bandwidth_weights").getItem("Wed").as("wed"));
    Dataset<Row> candidates = entries.filter(flagRule)
        .join(descriptors.withColumnRenamed("digest", "descriptor_digest"),
            col("digest").equalTo(col("descriptor_digest")))
        .filter(exiting.apply(col("exit_policy")))
        .withColumn("allowed_destinations", allowed.apply(col("exit_policy"), col("exit_policy_v6")))
        .filter(destinations.isEmpty() ? lit(true) : size(col("allowed_destinations")).gt(0));
    // what clients would give each candidate in the exit position (Wee/Wed), as a share of the
    // candidates: which of them a scan result matters most for
    Column weight = col("bandwidth").cast("double").multiply(
        when(array_contains(col("flags"), "Guard"), col("wed")).otherwise(col("wee")));
    return candidates.join(broadcast(weights), "valid_after")
        .withColumn("w", weight)
        .withColumn("selection_weight_fraction", ratio(col("w"), sum(col("w")).over(Window.partitionBy("valid_after"))))
        .select(utcDate("valid_after").as("date"), col("valid_after"), col("fingerprint"), col("nickname"),
            col("address"), badExit.as("bad_exit"), array_contains(col("flags"), "Guard").as("guard"), col("version"),
            col("bandwidth"), col("digest"), col("published").as("descriptor_published"), col("platform"),
            col("allowed_destinations"), col("selection_weight_fraction"));
  }

  private static UserDefinedFunction allowedUdf(List<Destination> destinations) {
    return functions.udf(new AllowedDestinations(destinations.stream().map(Destination::toString).toList()),
        DataTypes.createArrayType(DataTypes.StringType, false));
  }

  /** Ships destinations as text (addresses are not serialisable) and parses them once per task. */
  private static final class AllowedDestinations implements UDF2<scala.collection.Seq<String>, String, List<String>> {
    private static final long serialVersionUID = 1L;
    private final List<String> texts;
    private transient List<Destination> parsed;

    AllowedDestinations(List<String> texts) {
      this.texts = new ArrayList<>(texts);
    }

    @Override
    public List<String> call(scala.collection.Seq<String> rules, String ipv6Policy) {
      if (parsed == null) {
        parsed = destinations(texts);
      }
      return PolicyChecks.allowedDestinations(PolicyUdfs.toJava(rules), ipv6Policy, parsed);
    }
  }

  /**
   * Parses {@code --destination} values: {@code IP:PORT}, IPv6 as {@code [addr]:PORT}, several
   * comma-separated or the option repeated. Host names are refused: what they resolved to at the
   * time is not in the archives.
   */
  static List<Destination> destinations(List<String> values) {
    List<Destination> out = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        String d = part.trim();
        if (d.isEmpty()) {
          continue;
        }
        int colon = d.lastIndexOf(':');
        String host = colon < 0 ? d : d.substring(0, colon);
        String port = colon < 0 ? "" : d.substring(colon + 1);
        if (host.startsWith("[") != host.endsWith("]") || (!host.startsWith("[") && host.contains(":"))) {
          throw new JobArgException("option --" + DESTINATION.name() + ": '" + d
              + "' is not IP:PORT (write IPv6 addresses as [addr]:PORT)");
        }
        IpAddress address = IpAddress.tryParse(host);
        if (address == null) {
          throw new JobArgException("option --" + DESTINATION.name() + ": '" + host + "' in '" + d
              + "' is not an IP address (host names cannot be resolved as of the consensus time)");
        }
        if (!Ports.isValidPort(port)) {
          throw new JobArgException("option --" + DESTINATION.name() + ": '" + port + "' in '" + d
              + "' is not a port (1-65535)");
        }
        out.add(new Destination(address, Integer.parseInt(port)));
      }
    }
    return out;
  }

  /** {@code --at} (one consensus hour) or {@code --start}/{@code --end}; one of them is required. */
  static TimeRange range(JobArgs args) {
    String at = args.get(AT.name());
    if (at != null) {
      if (args.has(TimeRange.START.name()) || args.has(TimeRange.END.name())) {
        throw new JobArgException("option --" + AT.name() + " selects one consensus; leave out --start/--end");
      }
      Instant t = args.instant(AT.name());
      return new TimeRange(t, t.plusSeconds(1));
    }
    if (!args.has(TimeRange.START.name()) && !args.has(TimeRange.END.name())) {
      throw new JobArgException("option --" + AT.name() + " is required (or --start/--end): which consensus to select from");
    }
    return TimeRange.of(args);
  }

  static String badExits(String value) {
    String v = value == null ? "exclude" : value.trim().toLowerCase(Locale.ROOT);
    if (!v.equals("exclude") && !v.equals("only") && !v.equals("include")) {
      throw new JobArgException("option --" + BAD_EXITS.name() + ": '" + value + "' is not exclude, only or include");
    }
    return v;
  }
}
