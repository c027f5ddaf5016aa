package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.jobs.JobArgException;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.MeasurementAggregatesJob;
import org.torspark.jobs.testing.ConsensusText;
import org.torspark.jobs.testing.RawConsensus;
import org.torspark.jobs.testing.RawServerDescriptors;
import org.torspark.jobs.testing.TestData;

/**
 * measurement-aggregates --part network: consensuses built around the four real descriptors of
 * server-descriptor/2017-07-17-17-20-00-server-descriptors (so every referenced descriptor is
 * there), one consensus with a missing descriptor, and the real 2020-02-29 10:00 consensus, where
 * the one-hour descriptor file leaves most descriptors missing.
 */
class NetworkAggregatesTest {
  private static final String D2017 = "server-descriptor/2017-07-17-17-20-00-server-descriptors";
  private static final String C10 = "consensus/2020-02-29-10-00-00-consensus";
  private static final String D2020 = "server-descriptor/2020-02-29-10-05-00-server-descriptors";

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path out;
  private static Path consensuses;
  private static Path descriptors;
  private static List<String> digests;

  @BeforeAll
  static void run() {
    spark = TestData.spark();
    descriptors = TestData.folder(tmp.resolve("d2017"), D2017);
    // WinterNight0 (0.2.5.12 Linux, advbw 6156209), tortomofterelay (0.2.9.9 Linux, 687104),
    // Ajorcel (0.2.5.14 Linux, 102400), CookieNode (0.3.0.7 FreeBSD, 182272)
    digests = new ArrayList<>(RawServerDescriptors.read(TestData.fixture(D2017)).keySet());
    consensuses = tmp.resolve("consensuses");
    for (String hour : List.of("00", "01")) {
      ConsensusText c = ConsensusText.at("2017-07-18T" + hour + ":00:00Z")
          .entry("WinterNight0", "1".repeat(40), digests.get(0), "Exit Fast Guard Running Valid", 1000, "accept 80",
              "[2001:db8::1]:9001")
          .entry("tortomofterelay", "2".repeat(40), digests.get(1), "Fast HSDir Running Stable Valid", 200, "reject 1-65535")
          .entry("Ajorcel", "3".repeat(40), digests.get(2), "Exit Fast Running Valid", 300, "accept 443")
          .entry("CookieNode", "4".repeat(40), digests.get(3), "Fast Guard MiddleOnly Running Valid", 400, "reject 1-65535");
      TestData.write(consensuses, c.fileName(), c.text());
    }
    // 02:00 lists a fifth relay whose descriptor is missing: 1 of 5 (20%) missing
    ConsensusText incomplete = ConsensusText.at("2017-07-18T02:00:00Z")
        .entry("WinterNight0", "1".repeat(40), digests.get(0), "Exit Fast Guard Running Valid", 1000, "accept 80")
        .entry("tortomofterelay", "2".repeat(40), digests.get(1), "Fast HSDir Running Stable Valid", 200, "reject 1-65535")
        .entry("Ajorcel", "3".repeat(40), digests.get(2), "Exit Fast Running Valid", 300, "accept 443")
        .entry("CookieNode", "4".repeat(40), digests.get(3), "Fast Guard MiddleOnly Running Valid", 400, "reject 1-65535")
        .entry("Ghost", "5".repeat(40), "f".repeat(40), "Fast Running Valid", 500, "reject 1-65535");
    TestData.write(consensuses, incomplete.fileName(), incomplete.text());
    out = tmp.resolve("out");
    job("--part", "network", "--consensuses", consensuses.toString(), "--server-descriptors", descriptors.toString(),
        "--out", out.toString(), "--min-consensuses", "1");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<String> job(String... args) {
    MeasurementAggregatesJob job = new MeasurementAggregatesJob();
    try {
      return job.run(spark, JobArgs.parse(List.of(args), job.options()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Dataset<Row> table(Path dir, String name) {
    return spark.read().parquet(dir.resolve(name).toString());
  }

  static Map<String, Row> dimension(Path dir, String table, String where, String dimension) {
    return table(dir, table).filter(where + " and dimension = '" + dimension + "'").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("value"), r -> r));
  }

  @Test
  void aConsensusMissingTooManyDescriptorsIsSkipped() {
    Map<String, Row> hourly = table(out, "network_hourly").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("valid_after").toString(), r -> r));
    Row complete = hourly.get("2017-07-18 00:00:00.0");
    assertThat(complete.<Long>getAs("missing_descriptors")).isZero();
    assertThat(complete.<Boolean>getAs("skipped")).isFalse();
    assertThat(complete.<Long>getAs("advertised_bandwidth")).isEqualTo(6_156_209L + 687_104L + 102_400L + 182_272L);
    assertThat(complete.<Long>getAs("consensus_weight")).isEqualTo(1900L);
    Row incomplete = hourly.get("2017-07-18 02:00:00.0");
    assertThat(incomplete.<Long>getAs("referenced_descriptors")).isEqualTo(5L);
    assertThat(incomplete.<Long>getAs("missing_descriptors")).isEqualTo(1L);
    assertThat(incomplete.<Boolean>getAs("skipped")).isTrue();
    assertThat(table(out, "relays_hourly").filter("valid_after = timestamp'2017-07-18 02:00:00'").count())
        .as("a skipped consensus has no dimension rows").isZero();
  }

  @Test
  void relaysByFlagVersionPlatformPositionAndIpv6() {
    String at = "valid_after = timestamp'2017-07-18 00:00:00'";
    Map<String, Row> flags = dimension(out, "relays_hourly", at, "flag");
    assertThat(flags.get("Running").<Long>getAs("relays")).isEqualTo(4L);
    assertThat(flags.get("Exit").<Long>getAs("relays")).isEqualTo(2L);
    assertThat(flags.get("Guard").<Long>getAs("relays")).isEqualTo(2L);
    assertThat(flags.get("MiddleOnly").<Long>getAs("relays")).as("a flag the jobs do not know is counted").isEqualTo(1L);
    assertThat(flags.get("HSDir").<Long>getAs("advertised_bandwidth")).isEqualTo(687_104L);
    Map<String, Row> versions = dimension(out, "relays_hourly", at, "version");
    assertThat(versions.keySet()).containsExactlyInAnyOrder("0.2.5", "0.2.9", "0.3.0");
    assertThat(versions.get("0.2.5").<Long>getAs("relays")).isEqualTo(2L);
    assertThat(versions.get("0.2.5").<Long>getAs("advertised_bandwidth")).isEqualTo(6_156_209L + 102_400L);
    Map<String, Row> platforms = dimension(out, "relays_hourly", at, "platform");
    assertThat(platforms.get("Linux").<Long>getAs("relays")).isEqualTo(3L);
    assertThat(platforms.get("BSD").<Long>getAs("relays")).isEqualTo(1L);
    Map<String, Row> positions = dimension(out, "relays_hourly", at, "position");
    assertThat(positions.get("guard_exit").<Long>getAs("consensus_weight")).isEqualTo(1000L);
    assertThat(positions.get("exit").<Long>getAs("relays")).isEqualTo(1L);
    assertThat(positions.get("guard").<Long>getAs("relays")).isEqualTo(1L);
    assertThat(positions.get("middle").<Long>getAs("relays")).isEqualTo(1L);
    Map<String, Row> ipv6 = dimension(out, "relays_hourly", at, "ipv6");
    assertThat(ipv6.keySet()).containsExactly("reachable");
    assertThat(dimension(out, "relays_hourly", at, "all").get("all").<Long>getAs("relays")).isEqualTo(4L);
  }

  @Test
  void dailyMeansUseTheConsensusesThatWereNotSkipped() {
    Map<String, Row> flags = dimension(out, "relays_daily", "true", "flag");
    assertThat(flags.get("Running").<Long>getAs("consensuses")).isEqualTo(2L);
    assertThat(flags.get("Running").<Long>getAs("relays")).isEqualTo(4L);

    Path keep = tmp.resolve("keep");
    job("--part", "network", "--consensuses", consensuses.toString(), "--server-descriptors", descriptors.toString(),
        "--out", keep.toString(), "--min-consensuses", "1", "--missing-descriptors", "keep");
    Map<String, Row> kept = dimension(keep, "relays_daily", "true", "flag");
    assertThat(kept.get("Running").<Long>getAs("consensuses")).isEqualTo(3L);
    assertThat(kept.get("Running").<Long>getAs("relays")).as("floor((4 + 4 + 5) / 3)").isEqualTo(4L);
    assertThat(kept.get("Fast").<Long>getAs("consensus_weight")).as("floor((1900 + 1900 + 2400) / 3)").isEqualTo(2066L);

  }

  @Test
  void advertisedBandwidthPercentilesAreR7Floored() {
    Map<String, Row> points = table(out, "advbw_distribution_hourly")
        .filter("valid_after = timestamp'2017-07-18 00:00:00' and population = 'all'").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("kind") + "" + r.getAs("k"), r -> r));
    // sorted: 102400, 182272, 687104, 6156209; median h = 1.5 → 182272 + 0.5 · 504832 = 434688
    assertThat(points.get("percentile50").<Long>getAs("advertised_bandwidth")).isEqualTo(434_688L);
    assertThat(points.get("percentile0").<Long>getAs("advertised_bandwidth")).isEqualTo(102_400L);
    assertThat(points.get("percentile100").<Long>getAs("advertised_bandwidth")).isEqualTo(6_156_209L);
    assertThat(points.get("rank1").<Long>getAs("advertised_bandwidth")).isEqualTo(6_156_209L);
    assertThat(points.get("rank3").<Long>getAs("advertised_bandwidth")).isEqualTo(182_272L);
    assertThat(points).doesNotContainKey("rank5");
    Row exits = table(out, "advbw_distribution_hourly").filter(
        "valid_after = timestamp'2017-07-18 00:00:00' and population = 'exits' and kind = 'rank' and k = 1")
        .collectAsList().get(0);
    assertThat(exits.<Long>getAs("advertised_bandwidth")).isEqualTo(6_156_209L);
    // daily: median over the day's three consensuses (the skip rule does not apply, as in advbwdist)
    Row daily = table(out, "advbw_distribution_daily").filter("population = 'all' and kind = 'percentile' and k = 50")
        .collectAsList().get(0);
    assertThat(daily.<Long>getAs("values")).isEqualTo(3L);
    assertThat(daily.<Long>getAs("advertised_bandwidth")).isEqualTo(434_688L);
  }

  @Test
  void realConsensusWithAnHourOfDescriptors() {
    Path in = TestData.folder(tmp.resolve("c2020"), C10);
    Path d = TestData.folder(tmp.resolve("d2020"), D2020);
    Path real = tmp.resolve("real");
    job("--part", "network", "--consensuses", in.toString(), "--server-descriptors", d.toString(), "--out",
        real.toString(), "--min-consensuses", "1", "--missing-descriptors", "keep");
    RawConsensus raw = RawConsensus.read(TestData.fixture(C10));
    Map<String, RawServerDescriptors.Descriptor> descriptors = RawServerDescriptors.read(TestData.fixture(D2020));
    Row hour = table(real, "network_hourly").collectAsList().get(0);
    // hand-checked: 6433 running relays, 343 of the referenced descriptors are in the file
    assertThat(hour.<Long>getAs("running_relays")).isEqualTo(6433L);
    assertThat(hour.<Long>getAs("missing_descriptors")).isEqualTo(6433L - 343L);
    assertThat(hour.<Boolean>getAs("skipped")).as("kept on request").isFalse();
    Map<String, Row> flags = dimension(real, "relays_hourly", "true", "flag");
    for (String flag : List.of("Running", "Exit", "Guard", "Fast", "Stable", "HSDir", "BadExit")) {
      assertThat(flags.get(flag).<Long>getAs("relays")).as(flag)
          .isEqualTo(raw.running().stream().filter(e -> e.has(flag)).count());
    }
    List<RawServerDescriptors.Descriptor> matched = raw.running().stream()
        .map(e -> descriptors.get(e.digest())).filter(x -> x != null).toList();
    Map<String, Long> versions = matched.stream().filter(x -> x.platform() != null)
        .collect(Collectors.groupingBy(x -> version(x.platform()), Collectors.counting()));
    Map<String, Row> got = dimension(real, "relays_hourly", "true", "version");
    assertThat(got.keySet()).isEqualTo(versions.keySet());
    versions.forEach((v, n) -> assertThat(got.get(v).<Long>getAs("relays")).as(v).isEqualTo(n));

    long[] sorted = matched.stream().mapToLong(RawServerDescriptors.Descriptor::advertised).sorted().toArray();
    Map<Long, Long> percentiles = table(real, "advbw_distribution_hourly")
        .filter("population = 'all' and kind = 'percentile'").collectAsList().stream()
        .collect(Collectors.toMap(r -> (long) r.<Integer>getAs("k"), r -> r.getAs("advertised_bandwidth")));
    int differing = 0;
    for (int p : Percentiles.PERCENTILES) {
      double h = (sorted.length - 1) * p / 100.0;
      int lo = (int) Math.floor(h);
      long r7 = lo + 1 < sorted.length ? (long) Math.floor(sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo])) : sorted[lo];
      long nearest = sorted[(int) Math.floor(p / 100.0 * (sorted.length - 1))];
      assertThat(percentiles.get((long) p)).as("P" + p).isEqualTo(r7);
      differing += r7 != nearest ? 1 : 0;
    }
    assertThat(differing).as("the choice matters on real data").isPositive();
    assertThat(sorted).hasSize(343);
    assertThat(Arrays.stream(sorted).max().getAsLong()).isEqualTo(percentiles.get(100L));
  }

  @Test
  void withoutDescriptorsOnlyFlagsAndPositions() {
    Path flagsOnly = tmp.resolve("flags-only");
    List<String> lines = job("--part", "network", "--consensuses", consensuses.toString(), "--out", flagsOnly.toString());
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("flags and positions only"));
    List<String> dims = table(flagsOnly, "relays_hourly").select("dimension").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).toList();
    assertThat(dims).containsExactlyInAnyOrder("flag", "position", "all", "ipv6");
    assertThat(table(flagsOnly, "network_hourly").filter("skipped").count()).isZero();
    assertThat(TestData.rows(spark, flagsOnly, "relays_daily"))
        .as("three consensuses are fewer than the default 12 a day").isEmpty();
  }

  @Test
  void badMissingDescriptorsValueNamesTheOption() {
    assertThatThrownBy(() -> job("--part", "network", "--consensuses", consensuses.toString(), "--out",
        tmp.resolve("bad").toString(), "--missing-descriptors", "drop"))
        .isInstanceOf(JobArgException.class).hasMessage("option --missing-descriptors: 'drop' is not skip or keep");
  }

  /** Independent of Platforms: the first three dotted numbers after "Tor ", else Other. */
  private static String version(String platform) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Tor (\\d+\\.\\d+\\.\\d+)").matcher(platform);
    return m.find() ? m.group(1) : "Other";
  }
}
