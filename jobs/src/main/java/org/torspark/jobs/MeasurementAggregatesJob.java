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
import org.torspark.bandwidth.SbwsResult;

/**
 * {@code measurement-aggregates}: daily aggregates of measurements, one part per source. Parts
 * write their own tables under {@code --out} and are chosen with {@code --part}; this class holds
 * the part table so that others (histories, network) can be added beside {@code sbws}.
 */
public final class MeasurementAggregatesJob implements Job {
  static final String SBWS_RELAY_DAILY = "sbws_relay_daily";
  static final String SBWS_NETWORK_DAILY = "sbws_network_daily";

  /** The parts this job knows; a part is one source's aggregates. */
  static final List<String> PARTS = List.of("sbws");

  static final StructType RESULT_SCHEMA = new StructType()
      .add("fingerprint", DataTypes.StringType)
      .add("nickname", DataTypes.StringType)
      .add("type", DataTypes.StringType)
      .add("time", DataTypes.DoubleType)
      .add("dest_url", DataTypes.StringType)
      .add("speeds", DataTypes.createArrayType(DataTypes.DoubleType))
      .add("date", DataTypes.DateType);

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
    return List.of(
        JobOption.repeatable("in", "sbws result files (JSON lines) or folders, repeatable"),
        JobOption.of("out", null, "output folder (one sub-folder per table)"),
        JobOption.of("part", "sbws", "which aggregates: " + String.join(", ", PARTS)),
        JobOption.of("start", null, "first UTC date or instant (result time)"),
        JobOption.of("end", null, "last UTC date (inclusive) or instant"));
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args) throws Exception {
    String part = args.get("part");
    if (!PARTS.contains(part)) {
      throw new JobArgException("option --part: '" + part + "' is not one of " + String.join(", ", PARTS));
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
    JavaRDD<SbwsResult> parsed = read.results().cache();
    JavaRDD<Row> rows = parsed.map(r -> {
      double[] s = r.isSuccess() ? r.speeds() : new double[0];
      List<Double> speeds = new ArrayList<>(s.length);
      for (double x : s) {
        speeds.add(x);
      }
      return RowFactory.create(r.fingerprint(), r.nickname(), r.type(), r.time(), r.destUrl(),
          scala.jdk.javaapi.CollectionConverters.asScala(speeds).toSeq(),
          JobIO.utcDate(Instant.ofEpochMilli((long) Math.floor(r.time() * 1000))));
    });
    Dataset<Row> results = spark.createDataFrame(rows, RESULT_SCHEMA);
    results.createOrReplaceTempView("sbws_results");
    // per relay: counts per result; throughput over the downloads of the successful results
    Dataset<Row> relayDaily = spark.sql(String.join("\n",
        "WITH per_result AS (",
        "  SELECT date, fingerprint, max_by(nickname, time) AS nickname, count(*) AS attempts,",
        "    sum(if(type = 'success', 1, 0)) AS successes,",
        "    sum(if(type = 'error-stream', 1, 0)) AS error_stream,",
        "    sum(if(type = 'error-circ', 1, 0)) AS error_circ,",
        "    sum(if(type = 'error-misc', 1, 0)) AS error_misc,",
        "    sum(if(type = 'error-destination', 1, 0)) AS error_destination,",
        "    sum(if(type = 'error-second-relay', 1, 0)) AS error_second_relay,",
        "    sum(if(type <> 'success' AND type NOT IN ('error-stream', 'error-circ', 'error-misc',",
        "        'error-destination', 'error-second-relay'), 1, 0)) AS error_other,",
        "    sum(size(speeds)) AS downloads,",
        "    count(DISTINCT dest_url) AS destinations,",
        "    array_sort(collect_set(dest_url)) AS destination_urls,",
        "    timestamp_seconds(min(time)) AS first_result, timestamp_seconds(max(time)) AS last_result",
        "  FROM sbws_results GROUP BY date, fingerprint),",
        "per_speed AS (",
        "  SELECT date, fingerprint, avg(speed) AS mean_throughput, percentile(speed, 0.5) AS median_throughput,",
        "    max(speed) AS max_throughput",
        "  FROM sbws_results LATERAL VIEW explode(speeds) e AS speed GROUP BY date, fingerprint)",
        "SELECT r.fingerprint, r.nickname, r.attempts, r.successes, r.error_stream, r.error_circ, r.error_misc,",
        "  r.error_destination, r.error_second_relay, r.error_other, r.downloads, s.mean_throughput,",
        "  s.median_throughput, s.max_throughput, r.destinations, r.destination_urls, r.first_result,",
        "  r.last_result, r.date",
        "FROM per_result r LEFT JOIN per_speed s ON r.date = s.date AND r.fingerprint = s.fingerprint"));
    relayDaily.createOrReplaceTempView("sbws_relay_daily");
    Dataset<Row> network = spark.sql(String.join("\n",
        "SELECT count(*) AS relays, sum(if(successes > 0, 1, 0)) AS relays_with_success,",
        "  sum(attempts) AS attempts, sum(successes) AS successes,",
        "  sum(successes) / sum(attempts) AS success_rate,",
        "  sum(error_stream) AS error_stream, sum(error_circ) AS error_circ, sum(error_misc) AS error_misc,",
        "  sum(error_destination) AS error_destination, sum(error_second_relay) AS error_second_relay,",
        "  sum(error_other) AS error_other, sum(downloads) AS downloads,",
        "  min(median_throughput) AS relay_median_throughput_min,",
        "  percentile(median_throughput, 0.1) AS relay_median_throughput_p10,",
        "  percentile(median_throughput, 0.25) AS relay_median_throughput_p25,",
        "  percentile(median_throughput, 0.5) AS relay_median_throughput_p50,",
        "  percentile(median_throughput, 0.75) AS relay_median_throughput_p75,",
        "  percentile(median_throughput, 0.9) AS relay_median_throughput_p90,",
        "  max(median_throughput) AS relay_median_throughput_max,",
        "  max(max_throughput) AS max_throughput,",
        "  date",
        "FROM sbws_relay_daily GROUP BY date"));
    JobIO.writeByDate(relayDaily, out + "/" + SBWS_RELAY_DAILY);
    JobIO.writeByDate(network, out + "/" + SBWS_NETWORK_DAILY);
    long days = network.count();
    parsed.unpersist();
    return List.of(String.format(Locale.ROOT,
        "measurement-aggregates sbws: %s and %s written (%d days); %d lines were not sbws results",
        out + "/" + SBWS_RELAY_DAILY, out + "/" + SBWS_NETWORK_DAILY, days, read.badLines().value()));
  }
}
