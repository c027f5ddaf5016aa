package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementAggregatesJobTest {
  static SparkSession spark;
  static final String R0325 = JobTestSpark.fixture("sbws-results/2019-03-25.txt");
  static final String R0511 = JobTestSpark.fixture("sbws-results/2019-05-11.txt");

  @BeforeAll
  static void start() {
    spark = JobTestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<String> run(String... args) throws Exception {
    MeasurementAggregatesJob job = new MeasurementAggregatesJob();
    return job.run(spark, JobArgs.parse(List.of(args), job.options()));
  }

  @Test
  void perRelayPerDayFromTheSampleResults(@TempDir Path out) throws Exception {
    run("--in", R0325, "--in", R0511, "--out", out.toString());
    Dataset relays = new Dataset(spark.read().parquet(out + "/sbws_relay_daily").collectAsList());
    assertThat(relays.rows()).hasSize(30); // 15 relays on each of the two days
    // relay1mbyteMAB on 2019-03-25, computed here from the raw JSON
    JsonNode raw = null;
    for (String line : Files.readAllLines(Path.of(R0325))) {
      JsonNode n = new ObjectMapper().readTree(line);
      if (n.get("nickname").asText().equals("relay1mbyteMAB")) {
        raw = n;
      }
    }
    List<Double> speeds = new ArrayList<>();
    for (JsonNode dl : raw.get("downloads")) {
      speeds.add(dl.get("amount").asDouble() / dl.get("duration").asDouble());
    }
    double[] sorted = speeds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Row r = relays.rows().stream().filter(x -> x.getAs("nickname").equals("relay1mbyteMAB")
        && x.getAs("date").toString().equals("2019-03-25")).findFirst().orElseThrow();
    assertThat(r.<Long>getAs("attempts")).isEqualTo(1);
    assertThat(r.<Long>getAs("successes")).isEqualTo(1);
    assertThat(r.<Long>getAs("downloads")).isEqualTo(speeds.size());
    assertThat(r.<Double>getAs("max_throughput")).isEqualTo(sorted[sorted.length - 1]);
    assertThat(r.<Double>getAs("median_throughput")).isCloseTo(sorted[sorted.length / 2],
        org.assertj.core.data.Offset.offset(1e-6)); // 5 downloads: the middle one
    assertThat(r.<Double>getAs("mean_throughput")).isCloseTo(Arrays.stream(sorted).average().orElseThrow(),
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.<Long>getAs("destinations")).isEqualTo(1);
    // an error relay: one error-stream result, no throughput
    Row e = relays.rows().stream().filter(x -> x.getAs("nickname").equals("exit2")
        && x.getAs("date").toString().equals("2019-03-25")).findFirst().orElseThrow();
    assertThat(e.<Long>getAs("error_stream")).isEqualTo(1);
    assertThat(e.<Double>getAs("median_throughput")).isNull();

    List<Row> network = spark.read().parquet(out + "/sbws_network_daily").orderBy("date").collectAsList();
    assertThat(network).hasSize(2);
    // the PROVENANCE counts: 15 results, 11 error-stream and 4 successes per file
    assertThat(network.get(0).<Long>getAs("relays")).isEqualTo(15);
    assertThat(network.get(0).<Long>getAs("attempts")).isEqualTo(15);
    assertThat(network.get(0).<Long>getAs("successes")).isEqualTo(4);
    assertThat(network.get(0).<Long>getAs("error_stream")).isEqualTo(11);
    assertThat(network.get(0).<Long>getAs("relays_with_success")).isEqualTo(4);
  }

  record Dataset(List<Row> rows) {}

  @Test
  void missingFieldsAndBrokenLinesAreToleratedAndCounted(@TempDir Path in, @TempDir Path out) throws Exception {
    Files.writeString(in.resolve("2020-01-01.txt"), String.join("\n",
        // a success without downloads, dest_url or nickname
        "{\"fingerprint\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\", \"type\": \"success\", \"time\": 1577836800.5}",
        "{\"type\": \"success\", \"time\": 1577836801}",
        "not json at all",
        "{\"fingerprint\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\", \"type\": \"error-auth\", \"time\": 1577836900}",
        ""));
    List<String> summary = run("--in", in.toString(), "--out", out.toString());
    assertThat(summary.get(0)).contains("2 lines were not sbws results").contains("1 days");
    Row r = spark.read().parquet(out + "/sbws_relay_daily").first();
    assertThat(r.<Long>getAs("attempts")).isEqualTo(2);
    assertThat(r.<Long>getAs("successes")).isEqualTo(1);
    assertThat(r.<Long>getAs("error_other")).isEqualTo(1);
    assertThat(r.<Long>getAs("downloads")).isEqualTo(0);
    assertThat(r.<Long>getAs("destinations")).isEqualTo(0);
  }

  @Test
  void emptyInputAndOneDay(@TempDir Path in, @TempDir Path out) throws Exception {
    assertThat(run("--in", in.toString(), "--out", out.toString()).get(0)).contains("(0 days)");
    Path out2 = out.resolve("second");
    run("--in", R0325, "--in", R0511, "--out", out2.toString(), "--start", "2019-05-11", "--end", "2019-05-11");
    assertThat(spark.read().parquet(out2 + "/sbws_network_daily").count()).isEqualTo(1);
  }

  @Test
  void unknownPartIsAnOptionError(@TempDir Path out) {
    assertThatThrownBy(() -> run("--in", R0325, "--out", out.toString(), "--part", "histories"))
        .isInstanceOf(JobArgException.class).hasMessageStartingWith("option --part: 'histories'");
  }
}
