package org.torspark.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.torspark.bandwidth.SbwsRelayDay;
import org.torspark.jobs.measure.MeasurementParts;
import scala.Tuple2;

/**
 * {@code measurement-aggregates}: daily aggregates of measurements, one part per source. Parts
 * write their own tables under {@code --out} and are chosen with {@code --part}; this class holds
 * the part table so that others (histories, network) can be added beside {@code sbws}.
 */
public final class MeasurementAggregatesJob implements Job {
  static final String SBWS_RELAY_DAILY = "sbws_relay_daily";
  static final String SBWS_NETWORK_DAILY = "sbws_network_daily";

  /** The parts this job knows; a part is one source's aggregates (histories, network: {@link MeasurementParts}). */
  static final List<String> PARTS = java.util.stream.Stream.concat(java.util.stream.Stream.of("sbws"),
      MeasurementParts.names().stream()).toList();

  static final StructType RELAY_DAILY_SCHEMA = new StructType()
      .add("fingerprint", DataTypes.StringType)
      .add("nickname", DataTypes.StringType)
      .add("attempts", DataTypes.LongType)
      .add("successes", DataTypes.LongType)
      .add("error_stream", DataTypes.LongType)
      .add("error_circ", DataTypes.LongType)
      .add("error_misc", DataTypes.LongType)
      .add("error_destination", DataTypes.LongType)
      .add("error_second_relay", DataTypes.LongType)
      .add("error_other", DataTypes.LongType)
      .add("downloads", DataTypes.LongType)
      .add("mean_throughput", DataTypes.DoubleType)
      .add("median_throughput", DataTypes.DoubleType)
      .add("max_throughput", DataTypes.DoubleType)
      .add("destinations", DataTypes.LongType)
      .add("destination_urls", DataTypes.createArrayType(DataTypes.StringType))
      .add("first_result", DataTypes.TimestampType)
      .add("last_result", DataTypes.TimestampType)
      .add("date", DataTypes.DateType);
  private static final int DATE = RELAY_DAILY_SCHEMA.fieldIndex("date");

  @Override
  public String name() {
    return "measurement-aggregates";
  }

  @Override
  public String description() {
    return "daily measurement aggregates: sbws results per relay and network-wide";
  }

  @Override
  public List<JobOption> options() {
    List<JobOption> options = new ArrayList<>(List.of(
        JobOption.repeatable("in", "sbws: result files (JSON lines) or folders; histories/network: a CollecTor"
            + " tree (relay-descriptors/... under recent/ and archive/); repeatable"),
        JobOption.of("out", null, "output folder (one sub-folder per table)"),
        JobOption.of("part", "sbws", "which aggregates: " + String.join(", ", PARTS)),
        JobOption.of("start", null, "first UTC date or instant (result time)"),
        JobOption.of("end", null, "last UTC date (inclusive) or instant")));
    options.addAll(MeasurementParts.options());
    return options;
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args) throws Exception {
    String part = args.get("part");
    if (!PARTS.contains(part)) {
      throw new JobArgException("option --part: '" + part + "' is not one of " + String.join(", ", PARTS));
    }
    if (MeasurementParts.byName(part).isPresent()) {
      return MeasurementParts.run(MeasurementParts.byName(part).get(), spark, args);
    }
    List<String> in = args.all("in");
    if (in.isEmpty()) {
      throw new JobArgException("option --in is required");
    }
    String out = args.require("out");
    args.requireOrderedRange("start", "end");
    JobIO.requireInputs(spark, "in", in);
    return sbws(spark, in, out, args.instant("start"), args.endInstant("end"));
  }

  static List<String> sbws(SparkSession spark, List<String> in, String out, Instant start, Instant end) {
    SbwsResults.Read read = SbwsResults.read(spark, in, start, end);
    // Per relay and day in one pass: Spark SQL needed a join of two aggregations, each an object
    // aggregate (percentile, collect_set) that falls back to sorting beyond 128 groups per task,
    // and ran the plan again for the network table. Each task first combines its results in a
    // plain map (SbwsRelayDay.combine); Spark's map-side combine, keyed by (partition, key)
    // tuples, was 30% of the task time. The shuffle then merges one aggregate per group and task.
    JavaRDD<Row> relayRows = read.results()
        .mapPartitionsToPair(SbwsRelayDay::combine)
        .reduceByKey(SbwsRelayDay::merge)
        .map(t -> relayRow(t._1(), t._2()))
        .cache();
    try {
      Dataset<Row> relayDaily = spark.createDataFrame(relayRows, RELAY_DAILY_SCHEMA);
      JobIO.writeByDate(relayDaily, out + "/" + SBWS_RELAY_DAILY);
      // one row per day, summed per task and merged by day in plain Java (SbwsNetworkDay), from the
      // cached relay rows
      List<Row> days = relayRows.mapToPair(r -> new Tuple2<>(r.get(DATE), SbwsNetworkDay.of(r)))
          .reduceByKey(SbwsNetworkDay::merge).map(t -> t._2().row(t._1())).collect();
      JobIO.writeByDate(spark.createDataFrame(days, SbwsNetworkDay.SCHEMA), out + "/" + SBWS_NETWORK_DAILY);
      return List.of(String.format(Locale.ROOT,
          "measurement-aggregates sbws: %s and %s written (%d days); %d lines were not sbws results",
          out + "/" + SBWS_RELAY_DAILY, out + "/" + SBWS_NETWORK_DAILY, days.size(), read.badLines().value()));
    } finally {
      relayRows.unpersist();
    }
  }

  static Row relayRow(SbwsRelayDay.Key key, SbwsRelayDay d) {
    List<String> urls = d.destinationUrls();
    return RowFactory.create(key.fingerprint(), d.nickname(), d.attempts(), d.successes(), d.errorStream(),
        d.errorCirc(), d.errorMisc(), d.errorDestination(), d.errorSecondRelay(), d.errorOther(), d.downloads(),
        d.meanThroughput(), d.medianThroughput(), d.maxThroughput(), (long) urls.size(),
        scala.jdk.javaapi.CollectionConverters.asScala(urls).toSeq(), instant(d.firstResultMicros()),
        instant(d.lastResultMicros()), JobIO.utcDate(Instant.ofEpochSecond(key.day() * 86400L)));
  }

  private static Instant instant(Long micros) {
    return micros == null ? null
        : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
