package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
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
import org.torspark.jobs.testing.TestData;

/**
 * measurement-aggregates --part histories on the real extra-info file
 * extra-info/2017-07-17-17-20-00-extra-infos (six relays, 4-hour histories) with consensuses built
 * to list three of them with chosen flags.
 */
class HistoryAggregatesTest {
  private static final String EXTRA = "extra-info/2017-07-17-17-20-00-extra-infos";
  private static final String LAIKA = "A9EB7F7DAB0EB59BE2AF0C1677BAD40C4BCA1936";
  private static final String NOONESLAND = "6D7C6F497419BBF024820AEF6791D20B49A4A0B9";
  private static final String BUBBLE = "B2F7655C0CEC7099D693AE9C86FBFD58E98CD63F";

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path out;
  private static Path extra;
  private static Path consensuses;

  @BeforeAll
  static void run() {
    spark = TestData.spark();
    extra = TestData.folder(tmp.resolve("extra"), EXTRA);
    consensuses = tmp.resolve("consensuses");
    // Laika is a guard+exit in one consensus of the 17th, a guard in the other; Noonesland a guard;
    // bubbleoseven a BadExit (so not an exit); the other three relays are never listed
    ConsensusText a = ConsensusText.at("2017-07-17T10:00:00Z")
        .entry("Laika", LAIKA, "a".repeat(40), "Exit Fast Guard Running Valid", 100, "accept 80")
        .entry("Noonesland", NOONESLAND, "b".repeat(40), "Fast Guard Running Valid", 100, "reject 1-65535")
        .entry("bubbleoseven", BUBBLE, "c".repeat(40), "BadExit Exit Running Valid", 100, "accept 80");
    ConsensusText b = ConsensusText.at("2017-07-17T11:00:00Z")
        .entry("Laika", LAIKA, "a".repeat(40), "Fast Guard Running Valid", 100, "reject 1-65535");
    TestData.write(consensuses, a.fileName(), a.text());
    TestData.write(consensuses, b.fileName(), b.text());
    out = tmp.resolve("out");
    job("--part", "histories", "--extra-infos", extra.toString(), "--consensuses", consensuses.toString(),
        "--out", out.toString());
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

  static Row relayDay(Path dir, String fingerprint, String date) {
    List<Row> rows = table(dir, "bwhist_relay_daily")
        .filter("fingerprint = '" + fingerprint + "' and date = date'" + date + "'").collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void laikasDayIsTheSumOfItsQuarterHourSlots() throws Exception {
    Row r = relayDay(out, LAIKA, "2017-07-17");
    // hand-checked: read-history 2017-07-17 16:13:02 (14400 s), six values split into 16 quarter
    // hours each; 65 quarter hours end on the 17th (00:13:02 .. 16:13:02 minus the 15 before 00:00)
    assertThat(r.<Long>getAs("read_bytes")).isEqualTo(186_886_619_648L).isEqualTo(expected(LAIKA, "read-history", "2017-07-17"));
    assertThat(r.<Integer>getAs("read_slots")).isEqualTo(65);
    assertThat(r.<Long>getAs("written_bytes")).isEqualTo(191_079_704_960L).isEqualTo(expected(LAIKA, "write-history", "2017-07-17"));
    assertThat(r.<Long>getAs("dirreq_read_bytes")).isEqualTo(259_921_088L);
    assertThat(r.<Long>getAs("dirreq_written_bytes")).isEqualTo(4_439_177_792L);
    assertThat(r.<Boolean>getAs("running")).isTrue();
    assertThat(r.<Boolean>getAs("guard")).isTrue();
    assertThat(r.<Boolean>getAs("exit")).as("an exit in at least one consensus that day").isTrue();
    assertThat(r.<Long>getAs("consensuses_listed")).isEqualTo(2L);
    Row before = relayDay(out, LAIKA, "2017-07-16");
    assertThat(before.<Long>getAs("read_bytes")).isEqualTo(99_151_953_408L).isEqualTo(expected(LAIKA, "read-history", "2017-07-16"));
    assertThat(before.<Boolean>getAs("running")).as("no consensus of the 16th given").isFalse();
  }

  @Test
  void relaysWithoutDirreqHistoriesHaveNullDirreqBytes() {
    Row r = relayDay(out, "22625930D86B38661C522356BAC6AAA37A16E4CA", "2017-07-17");
    assertThat(r.isNullAt(r.fieldIndex("dirreq_read_bytes"))).isTrue();
    assertThat(r.<Integer>getAs("dirreq_read_slots")).isZero();
    assertThat(r.<Long>getAs("read_bytes")).isEqualTo(31_473_664L);
    assertThat(r.<Boolean>getAs("running")).isFalse();
  }

  @Test
  void flagTotalsCountRunningRelaysByGuardAndExit() {
    Map<String, Row> groups = table(out, "bwhist_flags_daily").filter("date = date'2017-07-17'").collectAsList()
        .stream().collect(Collectors.toMap(r -> r.getAs("guard") + "/" + r.getAs("exit"), r -> r));
    assertThat(groups.keySet()).containsExactlyInAnyOrder("true/true", "true/false", "false/false");
    assertThat(groups.get("true/true").<Long>getAs("read_bytes")).isEqualTo(186_886_619_648L);
    assertThat(groups.get("true/false").<Long>getAs("read_bytes")).isEqualTo(9_467_160_576L);
    assertThat(groups.get("false/false").<Long>getAs("read_bytes")).as("BadExit is not an exit").isEqualTo(22_323_178_496L);
    assertThat(groups.get("true/true").<Long>getAs("read_bytes_per_second")).isEqualTo(186_886_619_648L / 86_400);
  }

  @Test
  void networkTotalsUseRunningRelaysAndDirectoryBytesOfAll() {
    Row day = table(out, "bwhist_daily").filter("date = date'2017-07-17'").collectAsList().get(0);
    long read = 186_886_619_648L + 9_467_160_576L + 22_323_178_496L;
    long written = 191_079_704_960L + 9_558_476_800L + 22_330_829_824L;
    assertThat(day.<Long>getAs("consensuses")).isEqualTo(2L);
    assertThat(day.<Long>getAs("relays")).isEqualTo(3L);
    assertThat(day.<Long>getAs("read_bytes")).isEqualTo(read);
    assertThat(day.<Long>getAs("written_bytes")).isEqualTo(written);
    assertThat(day.<Long>getAs("consumed_bytes_per_second")).isEqualTo((read + written) / 2 / 86_400);
    // dirreq bytes of the four relays that report them, running or not
    assertThat(day.<Long>getAs("dirreq_relays")).isEqualTo(4L);
    assertThat(day.<Long>getAs("dirreq_written_bytes")).isEqualTo(4_439_177_792L + 96_053_248L + 7_889_920L + 195_586_304L);
  }

  @Test
  void aDateRangeKeepsOnlyItsDays() {
    Path ranged = tmp.resolve("ranged");
    job("--part", "histories", "--extra-infos", extra.toString(), "--consensuses", consensuses.toString(),
        "--out", ranged.toString(), "--start", "2017-07-17", "--end", "2017-07-17");
    List<Row> dates = table(ranged, "bwhist_relay_daily").select("date").distinct().collectAsList();
    assertThat(dates).singleElement().satisfies(r -> assertThat(r.getDate(0).toString()).isEqualTo("2017-07-17"));
    assertThat(relayDay(ranged, LAIKA, "2017-07-17").<Long>getAs("read_bytes")).isEqualTo(186_886_619_648L);
  }

  @Test
  void badPartAndMissingInputNameTheOption() {
    assertThatThrownBy(() -> job("--part", "bwhist", "--out", tmp.resolve("x").toString()))
        .isInstanceOf(JobArgException.class).hasMessage("option --part: 'bwhist' is not one of sbws, histories, network");
    assertThatThrownBy(() -> job("--part", "histories", "--consensuses", consensuses.toString(),
        "--out", tmp.resolve("x").toString()))
        .hasMessageStartingWith("option --in or --extra-infos is required");
    assertThat(Files.exists(tmp.resolve("x"))).isFalse();
  }

  /** Independent: each value split into interval/900 quarter hours, summed where the quarter ends on the date. */
  private static long expected(String fingerprint, String keyword, String date) throws Exception {
    List<String> lines = Files.readAllLines(TestData.fixture(EXTRA), StandardCharsets.ISO_8859_1);
    boolean mine = false;
    Map<Long, Long> slots = new HashMap<>();
    for (String line : lines) {
      if (line.startsWith("extra-info ")) {
        mine = line.endsWith(fingerprint);
      } else if (mine && line.startsWith(keyword + " ")) {
        String[] w = line.split(" ");
        Instant end = Instant.parse(w[1] + "T" + w[2] + "Z");
        long interval = Long.parseLong(w[3].substring(1));
        String[] values = w[5].split(",");
        for (int i = 0; i < values.length; i++) {
          long v = Long.parseLong(values[i]) / (interval / 900);
          Instant intervalEnd = end.minusSeconds((values.length - 1 - i) * interval);
          for (int k = 0; k < interval / 900; k++) {
            long quarterEnd = intervalEnd.getEpochSecond() - 900L * k;
            slots.merge(quarterEnd / 900, v, Math::max);
          }
        }
      }
    }
    LocalDate d = LocalDate.parse(date);
    return slots.entrySet().stream()
        .filter(e -> LocalDate.ofInstant(Instant.ofEpochSecond(e.getKey() * 900), ZoneOffset.UTC).equals(d))
        .mapToLong(Map.Entry::getValue).sum();
  }
}
