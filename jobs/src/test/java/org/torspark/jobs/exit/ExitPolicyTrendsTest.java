package org.torspark.jobs.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.torspark.jobs.testing.ConsensusText;
import org.torspark.jobs.testing.RawConsensus;
import org.torspark.jobs.testing.RawPolicy;
import org.torspark.jobs.testing.RawServerDescriptors;
import org.torspark.jobs.testing.TestData;

/**
 * exit-policy-trends on the real 2020-02-29 and 2014-12-08 consensuses (with the server
 * descriptors they pair with) and on small built consensuses for edge cases. Expected values are
 * computed in the test from the raw text (RawConsensus, RawServerDescriptors, RawPolicy) and, for
 * the headline figures, also written out as numbers checked by hand.
 */
class ExitPolicyTrendsTest {
  private static final String C10 = "consensus/2020-02-29-10-00-00-consensus";
  private static final String C11 = "consensus/2020-02-29-11-00-00-consensus";
  private static final String D2020 = "server-descriptor/2020-02-29-10-05-00-server-descriptors";
  private static final String C2014 = "consensus/2014-12-08-16-00-00-consensus";
  private static final int[] PORTS = {22, 25, 80, 443, 6667};

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path out2020;
  private static List<String> summary2020;
  private static RawConsensus raw10;
  private static RawConsensus raw11;
  private static Map<String, RawServerDescriptors.Descriptor> descriptors2020;

  @BeforeAll
  static void runOnTheTwo2020Consensuses() {
    spark = TestData.spark();
    Path consensuses = TestData.folder(tmp.resolve("c2020"), C10, C11);
    Path descriptors = TestData.folder(tmp.resolve("d2020"), D2020);
    out2020 = tmp.resolve("out2020");
    summary2020 = run("--consensuses", consensuses.toString(), "--server-descriptors", descriptors.toString(),
        "--out", out2020.toString(), "--min-consensuses", "1", "--ports", "22,25,80,443,6667");
    raw10 = RawConsensus.read(TestData.fixture(C10));
    raw11 = RawConsensus.read(TestData.fixture(C11));
    descriptors2020 = RawServerDescriptors.read(TestData.fixture(D2020));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<String> run(String... args) {
    ExitPolicyTrends job = new ExitPolicyTrends();
    List<org.torspark.jobs.JobOption> options = new ArrayList<>(job.options());
    return job.run(spark, JobArgs.parse(List.of(args), options));
  }

  static Dataset<Row> table(Path out, String name) {
    return spark.read().parquet(out.resolve(name).toString());
  }

  static Row port(Path out, String validAfter, int port) {
    List<Row> rows = table(out, "port_exits_hourly")
        .filter("valid_after = timestamp'" + validAfter + "' and port = " + port).collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void port443AtTenOClockMatchesTheRawConsensus() {
    Row r = port(out2020, "2020-02-29 10:00:00", 443);
    // hand-checked: 1117 running exits (Exit without BadExit), 1115 of whose p lines allow 443
    assertThat(r.<Long>getAs("exits_total")).isEqualTo(1117L);
    assertThat(r.<Long>getAs("exits")).isEqualTo(1115L);
    assertThat(r.<String>getAs("service")).isEqualTo("HTTPS");

    List<RawConsensus.Entry> exits = raw10.running().stream().filter(RawConsensus.Entry::exit).toList();
    List<RawConsensus.Entry> allowing = exits.stream().filter(e -> e.allows(443)).toList();
    assertThat(r.<Long>getAs("exits_total")).isEqualTo(exits.size());
    assertThat(r.<Long>getAs("exits")).isEqualTo(allowing.size());
    long weight = allowing.stream().mapToLong(RawConsensus.Entry::bandwidth).sum();
    long total = raw10.running().stream().filter(e -> e.bandwidth() != null).mapToLong(RawConsensus.Entry::bandwidth).sum();
    assertThat(r.<Long>getAs("consensus_weight")).isEqualTo(weight).isEqualTo(19_787_552L);
    assertThat(r.<Double>getAs("consensus_weight_fraction")).isCloseTo((double) weight / total, within(1e-12));
    double exitWeight = allowing.stream().mapToDouble(raw10::exitWeight).sum();
    double allExitWeight = raw10.running().stream().mapToDouble(raw10::exitWeight).sum();
    assertThat(r.<Double>getAs("exit_probability")).isCloseTo(exitWeight / allExitWeight, within(1e-12))
        .isCloseTo(197_875_520_000.0 / 197_875_920_000.0, within(1e-12));
  }

  @Test
  void everyReportPortAtBothHoursMatchesTheRawConsensuses() {
    for (Object[] hour : new Object[][] {{"2020-02-29 10:00:00", raw10}, {"2020-02-29 11:00:00", raw11}}) {
      RawConsensus raw = (RawConsensus) hour[1];
      for (int p : PORTS) {
        Row r = port(out2020, (String) hour[0], p);
        long expected = raw.running().stream().filter(e -> e.exit() && e.allows(p)).count();
        assertThat(r.<Long>getAs("exits")).as(hour[0] + " port " + p).isEqualTo(expected);
      }
    }
    // hand-checked from the 10:00 text: 517 exits allow SSH, 76 SMTP, 795 IRC
    assertThat(port(out2020, "2020-02-29 10:00:00", 22).<Long>getAs("exits")).isEqualTo(517L);
    assertThat(port(out2020, "2020-02-29 10:00:00", 25).<Long>getAs("exits")).isEqualTo(76L);
    assertThat(port(out2020, "2020-02-29 10:00:00", 6667).<Long>getAs("exits")).isEqualTo(795L);
  }

  @Test
  void aConsensusReadTwiceCountsOnce() {
    // recent/ and archive/ both hold the 10:00 consensus: its entries must not count twice
    Path recent = TestData.folder(tmp.resolve("twice/recent"), C10);
    Path archive = TestData.folder(tmp.resolve("twice/archive"), C10, C11);
    Path out = tmp.resolve("out-twice");
    run("--consensuses", recent + "," + archive, "--out", out.toString(), "--min-consensuses", "1",
        "--ports", "443");
    Row once = port(out2020, "2020-02-29 10:00:00", 443);
    Row twice = port(out, "2020-02-29 10:00:00", 443);
    for (String c : new String[] {"exits_total", "exits", "consensus_weight"}) {
      assertThat(twice.<Long>getAs(c)).as(c).isEqualTo(once.<Long>getAs(c));
    }
    assertThat(hourlyExits(out, "2020-02-29 10:00:00").<Long>getAs("running_relays"))
        .isEqualTo(hourlyExits(out2020, "2020-02-29 10:00:00").<Long>getAs("running_relays"));
  }

  @Test
  void fullPoliciesAreEvaluatedForExitsWhoseDescriptorIsThere() {
    for (int p : PORTS) {
      Row r = port(out2020, "2020-02-29 10:00:00", p);
      List<RawConsensus.Entry> withDescriptor = raw10.running().stream()
          .filter(e -> e.exit() && descriptors2020.containsKey(e.digest())).toList();
      long allowed = withDescriptor.stream()
          .filter(e -> RawPolicy.someAddressAllowed(descriptors2020.get(e.digest()).policy(), p)).count();
      assertThat(r.<Long>getAs("exits_with_descriptor")).isEqualTo(withDescriptor.size()).isEqualTo(43L);
      assertThat(r.<Long>getAs("descriptor_exits")).as("port " + p).isEqualTo(allowed);
      assertThat(r.<Long>getAs("summary_only")).isZero();
      assertThat(r.<Long>getAs("descriptor_only")).isZero();
    }
    assertThat(port(out2020, "2020-02-29 10:00:00", 22).<Long>getAs("descriptor_exits")).isEqualTo(23L);
  }

  @Test
  void dailyTablesAreFlooredMeansOverTheDaysConsensuses() {
    Row day = table(out2020, "port_exits_daily").filter("port = 22").collectAsList().get(0);
    assertThat(day.<Long>getAs("consensuses")).isEqualTo(2L);
    // 517 at 10:00, 515 at 11:00
    assertThat(day.<Long>getAs("exits")).isEqualTo((517L + 515L) / 2);
    Row exits = table(out2020, "exits_daily").collectAsList().get(0);
    assertThat(exits.<Long>getAs("running_relays")).isEqualTo((6433L + 6463L) / 2);
    assertThat(exits.<Long>getAs("exits")).isEqualTo(1117L);
    assertThat(exits.<Long>getAs("exits_with_descriptor")).isEqualTo((43L + 46L) / 2);
  }

  @Test
  void summaryDistributionRanksRejectAllFirst() {
    List<Row> rows = table(out2020, "policy_summaries_daily")
        .orderBy(org.apache.spark.sql.functions.col("rank").asc_nulls_last()).collectAsList();
    Row first = rows.get(0);
    assertThat(first.<String>getAs("summary")).isEqualTo("reject 1-65535");
    assertThat(first.<String>getAs("policy_class")).isEqualTo("reject_all");
    // 5200 of 6433 running relays at 10:00, 5231 of 6463 at 11:00
    assertThat(first.<Long>getAs("relays")).isEqualTo((5200L + 5231L) / 2);
    assertThat(first.<Double>getAs("relay_share")).isCloseTo((5200.0 + 5231.0) / (6433 + 6463), within(1e-12));
    // two Exit-flagged relays (SCggHJTyWbtzDA9YZi, soltor0) have p reject 1-65535 at both hours
    long exitsRejectingAll = raw10.running().stream().filter(e -> e.exit() && "reject 1-65535".equals(e.summary())).count();
    assertThat(first.<Long>getAs("exits")).isEqualTo(exitsRejectingAll).isEqualTo(2L);
    assertThat(rows).filteredOn(r -> r.isNullAt(r.fieldIndex("rank"))).singleElement()
        .satisfies(r -> assertThat(r.<String>getAs("summary")).isEqualTo("(other)"));
    assertThat(rows.stream().filter(r -> !r.isNullAt(r.fieldIndex("rank")))).hasSize(20);
    double shares = rows.stream().mapToDouble(r -> r.<Double>getAs("relay_share")).sum();
    assertThat(shares).isCloseTo(1.0, within(1e-9));

    Map<String, Long> classes = table(out2020, "policy_classes_daily").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("policy_class"), r -> r.getAs("relays")));
    assertThat(classes.get("reject_all")).isEqualTo((5200L + 5231L) / 2);
    long default10 = raw10.running().stream().filter(e -> PolicyClass.of(e.summary()) == PolicyClass.DEFAULT).count();
    long default11 = raw11.running().stream().filter(e -> PolicyClass.of(e.summary()) == PolicyClass.DEFAULT).count();
    assertThat(classes.get("default")).isEqualTo((default10 + default11) / 2);
  }

  @Test
  void noPolicyChangedBetweenTheTwoHours() {
    // checked by hand on the raw text: every relay listed at both hours has the same p line
    assertThat(TestData.rows(spark, out2020, "policy_changes")).isEmpty();
    assertThat(summary2020).anySatisfy(l -> assertThat(l)
        .isEqualTo("exit-policy-trends: 2 consensuses with server descriptors, ports 22,25,80,443,6667"));
  }

  @Test
  void exitProbabilityWeighsGuardExitsWithWed() {
    // 2014-12-08 16:00 has Wed=9596 and Wee=10000: the weights matter
    Path out = tmp.resolve("out2014");
    run("--consensuses", TestData.folder(tmp.resolve("c2014"), C2014).toString(), "--out", out.toString(),
        "--ports", "443");
    RawConsensus raw = RawConsensus.read(TestData.fixture(C2014));
    Row r = port(out, "2014-12-08 16:00:00", 443);
    double allowed = raw.running().stream().filter(e -> e.exit() && e.allows(443)).mapToDouble(raw::exitWeight).sum();
    double all = raw.running().stream().mapToDouble(raw::exitWeight).sum();
    assertThat(r.<Long>getAs("exits")).isEqualTo(1173L);
    assertThat(r.<Double>getAs("exit_probability")).isCloseTo(allowed / all, within(1e-12))
        .isCloseTo(0.9947796859428318, within(1e-12));
    assertThat(r.isNullAt(r.fieldIndex("descriptor_exits"))).as("no descriptors given").isTrue();
    // a day with one consensus is below --min-consensuses 12: hourly rows only, no daily rows
    assertThat(TestData.rows(spark, out, "port_exits_daily")).isEmpty();
    assertThat(TestData.rows(spark, out, "exits_daily")).isEmpty();
    assertThat(TestData.rows(spark, out, "policy_summaries_daily")).isEmpty();
  }

  /** Built consensuses, one run: unknown flags, no weights, edited descriptors; dates tell them apart. */
  private static Path edgeCases;
  private static String editedFingerprint = "08ACEB59484AEC8F77A94EF8F73388309531B7DB";

  private static synchronized Path edgeCases() throws IOException {
    if (edgeCases != null) {
      return edgeCases;
    }
    Path in = tmp.resolve("edge-consensuses");
    // 2020-03-01: a flag the job does not know, a Guard+Exit (Wed=8000), a BadExit, a middle relay
    ConsensusText flags = ConsensusText.at("2020-03-01T05:00:00Z")
        .entry("newflag", "A".repeat(40), "a".repeat(40), "Exit Fast MiddleOnly Running Valid", 100, "accept 80,443")
        .entry("guardexit", "B".repeat(40), "b".repeat(40), "Exit Fast Guard Running Valid", 200, "accept 443")
        .entry("bad", "C".repeat(40), "c".repeat(40), "BadExit Exit Fast Running Valid", 400, "accept 443")
        .entry("middle", "D".repeat(40), "d".repeat(40), "Fast Running Valid", 800, "reject 1-65535");
    // 2020-02-29 23:00, the day before --start: read for the previous state only, not reported
    ConsensusText dayBefore = ConsensusText.at("2020-02-29T23:00:00Z")
        .entry("newflag", "A".repeat(40), "a".repeat(40), "Exit Fast Running Valid", 100, "accept 80");
    // 2020-03-02: no bandwidth-weights line
    ConsensusText noWeights = ConsensusText.at("2020-03-02T05:00:00Z").weights(null)
        .entry("exit", "A".repeat(40), "a".repeat(40), "Exit Fast Running Valid", 100, "accept 80,443")
        .entry("middle", "D".repeat(40), "d".repeat(40), "Fast Running Valid", 300, "reject 1-65535");
    // 2020-03-03: two versions of a real descriptor (WinterNight0, 2017-07-17): a subnet-only
    // accept (tor's summary: reject 1-65535), then accept 80; one consensus references each
    String original = firstDescriptor("server-descriptor/2017-07-17-17-20-00-server-descriptors");
    String v1 = original.replace("published 2017-07-17 16:48:00", "published 2020-03-03 04:00:00")
        .replace("reject *:*\n", "accept 133.0.0.0/8:443\nreject *:*\n");
    String v2 = original.replace("published 2017-07-17 16:48:00", "published 2020-03-03 05:30:00")
        .replace("reject *:*\n", "accept *:80\nreject *:*\n");
    Path descriptors = tmp.resolve("edge-descriptors");
    TestData.write(descriptors, "2020-03-03-06-05-00-server-descriptors",
        "@type server-descriptor 1.0\n" + v1 + "@type server-descriptor 1.0\n" + v2);
    List<String> digests = new ArrayList<>(RawServerDescriptors.read(descriptors.resolve(
        "2020-03-03-06-05-00-server-descriptors")).keySet());
    ConsensusText c5 = ConsensusText.at("2020-03-03T05:00:00Z")
        .entry("WinterNight0", editedFingerprint, digests.get(0), "Exit Fast Running Valid", 100, "reject 1-65535");
    ConsensusText c6 = ConsensusText.at("2020-03-03T06:00:00Z")
        .entry("WinterNight0", editedFingerprint, digests.get(1), "Exit Fast Running Valid", 100, "accept 80");
    for (ConsensusText c : List.of(dayBefore, flags, noWeights, c5, c6)) {
      TestData.write(in, c.fileName(), c.text());
    }
    edgeCases = tmp.resolve("edge-out");
    run("--consensuses", in.toString(), "--server-descriptors", descriptors.toString(), "--out", edgeCases.toString(),
        "--ports", "80,443", "--min-consensuses", "1", "--start", "2020-03-01");
    return edgeCases;
  }

  @Test
  void unknownFlagsAreIgnoredAndBadExitsAreNotExits() throws IOException {
    Path out = edgeCases();
    Row p443 = port(out, "2020-03-01 05:00:00", 443);
    assertThat(p443.<Long>getAs("exits_total")).isEqualTo(2L);
    assertThat(p443.<Long>getAs("exits")).isEqualTo(2L);
    assertThat(p443.<Long>getAs("consensus_weight")).isEqualTo(300L);
    assertThat(p443.<Double>getAs("consensus_weight_fraction")).isCloseTo(300.0 / 1500, within(1e-12));
    // Wee=10000, Wed=8000: 100·1.0 + 200·0.8 = 260 for 443; 100 for 80
    assertThat(p443.<Double>getAs("exit_probability")).isCloseTo(1.0, within(1e-12));
    assertThat(port(out, "2020-03-01 05:00:00", 80).<Double>getAs("exit_probability")).isCloseTo(100.0 / 260, within(1e-12));
    Row exits = hourlyExits(out, "2020-03-01 05:00:00");
    assertThat(exits.<Long>getAs("bad_exits")).isEqualTo(1L);
    assertThat(exits.<Long>getAs("running_relays")).isEqualTo(4L);
  }

  @Test
  void missingWeightsLeaveProbabilitiesNull() throws IOException {
    Path out = edgeCases();
    Row r = port(out, "2020-03-02 05:00:00", 443);
    assertThat(r.<Long>getAs("exits")).isEqualTo(1L);
    assertThat(r.<Double>getAs("consensus_weight_fraction")).isCloseTo(0.25, within(1e-12));
    assertThat(r.isNullAt(r.fieldIndex("exit_probability"))).isTrue();
    assertThat(hourlyExits(out, "2020-03-02 05:00:00").<Boolean>getAs("weights_present")).isFalse();
    Row day = TestData.rows(spark, out, "port_exits_daily").stream()
        .filter(d -> d.getDate(d.fieldIndex("date")).toString().equals("2020-03-02") && d.<Integer>getAs("port") == 443)
        .findFirst().orElseThrow();
    assertThat(day.isNullAt(day.fieldIndex("exit_probability"))).isTrue();
    assertThat(day.<Long>getAs("consensuses")).as("a day with one consensus, allowed by --min-consensuses 1").isEqualTo(1L);
    assertThat(day.<Long>getAs("exits")).isEqualTo(1L);
  }

  @Test
  void disagreementsAndFullPolicyChangesFromEditedDescriptors() throws IOException {
    Path out = edgeCases();
    Row at5 = port(out, "2020-03-03 05:00:00", 443);
    assertThat(at5.<Long>getAs("exits")).isZero();
    assertThat(at5.<Long>getAs("descriptor_exits")).isEqualTo(1L);
    assertThat(at5.<Long>getAs("descriptor_only")).isEqualTo(1L);
    List<Row> disagreements = TestData.rows(spark, out, "policy_disagreements");
    assertThat(disagreements).singleElement().satisfies(r -> {
      assertThat(r.<Timestamp>getAs("valid_after").toInstant()).isEqualTo(Instant.parse("2020-03-03T05:00:00Z"));
      assertThat(r.<String>getAs("fingerprint")).isEqualTo(editedFingerprint);
      assertThat(r.getList(r.fieldIndex("descriptor_only_ports"))).containsExactly(443);
      assertThat(r.getList(r.fieldIndex("summary_only_ports"))).isEmpty();
    });

    Map<String, Row> changes = TestData.rows(spark, out, "policy_changes").stream()
        .filter(r -> r.<String>getAs("fingerprint").equals(editedFingerprint))
        .collect(Collectors.toMap(r -> r.getAs("kind"), r -> r));
    assertThat(changes.keySet()).isEqualTo(Set.of("summary", "full"));
    Row summary = changes.get("summary");
    assertThat(summary.<String>getAs("old_policy")).isEqualTo("reject 1-65535");
    assertThat(summary.<String>getAs("new_policy")).isEqualTo("accept 80");
    assertThat(summary.<String>getAs("new_class")).isEqualTo("accept_few");
    assertThat(summary.<Timestamp>getAs("previous_seen").toInstant()).isEqualTo(Instant.parse("2020-03-03T05:00:00Z"));
    Row full = changes.get("full");
    assertThat(full.<String>getAs("old_policy")).isEqualTo("accept 133.0.0.0/8:443, reject *:*");
    assertThat(full.<String>getAs("new_policy")).isEqualTo("accept *:80, reject *:*");
    assertThat(full.<Timestamp>getAs("changed_at").toInstant()).isEqualTo(Instant.parse("2020-03-03T05:30:00Z"));
    // relays "exit" (03-02) and "newflag" (03-01) share a fingerprint and summary: no change;
    // "newflag" changed from the day before --start (see changesAtTheStartOfTheRangeSeeTheDayBefore)
    assertThat(TestData.rows(spark, out, "policy_changes")).hasSize(3);
  }

  @Test
  void changesAtTheStartOfTheRangeSeeTheDayBefore() throws IOException {
    Path out = edgeCases();
    List<Row> changes = TestData.rows(spark, out, "policy_changes").stream()
        .filter(r -> r.<String>getAs("fingerprint").equals("A".repeat(40))).toList();
    assertThat(changes).singleElement().satisfies(r -> {
      assertThat(r.<String>getAs("old_policy")).isEqualTo("accept 80");
      assertThat(r.<String>getAs("new_policy")).isEqualTo("accept 80,443");
      assertThat(r.<Timestamp>getAs("previous_seen").toInstant()).isEqualTo(Instant.parse("2020-02-29T23:00:00Z"));
    });
    assertThat(TestData.rows(spark, out, "exits_hourly").stream().map(r -> r.getDate(r.fieldIndex("date")).toString()))
        .as("the lookback day is read, not reported").doesNotContain("2020-02-29").contains("2020-03-01");
  }

  @Test
  void aRerunReplacesItsDatesAndKeepsTheOthers() throws IOException {
    Path out = edgeCases();
    List<Row> before = TestData.rows(spark, out, "port_exits_hourly");
    run("--consensuses", tmp.resolve("edge-consensuses").toString(), "--out", out.toString(), "--ports", "80,443",
        "--min-consensuses", "1", "--start", "2020-03-02", "--end", "2020-03-02");
    List<Row> after = TestData.rows(spark, out, "port_exits_hourly");
    assertThat(after).as("03-02 replaced, not doubled; 03-01 and 03-03 kept").hasSameSizeAs(before);
    assertThat(after.stream().map(r -> r.getDate(r.fieldIndex("date")).toString()).distinct().sorted())
        .containsExactly("2020-03-01", "2020-03-02", "2020-03-03");
  }

  @Test
  void emptyInputWritesNothing() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path out = tmp.resolve("empty-out");
    List<String> lines = run("--consensuses", empty.toString(), "--out", out.toString());
    assertThat(lines.get(0)).startsWith("exit-policy-trends: 0 consensuses");
    assertThat(TestData.rows(spark, out, "port_exits_hourly")).isEmpty();
    assertThat(TestData.rows(spark, out, "policy_changes")).isEmpty();
  }

  @Test
  void badOptionsAreOneLineErrorsNamingTheOption() {
    String in = TestData.folder(tmp.resolve("opts"), C10).toString();
    String out = tmp.resolve("opts-out").toString();
    assertThatThrownBy(() -> run("--consensuses", in, "--out", out, "--ports", "80,65536"))
        .isInstanceOf(JobArgException.class).hasMessage("option --ports: '65536' is not a port (1-65535)");
    assertThatThrownBy(() -> run("--consensuses", in, "--out", out, "--start", "2020-03-01", "--end", "2020-02-01"))
        .hasMessage("option --end: 2020-02-01 is before --start 2020-03-01");
    assertThatThrownBy(() -> run("--consensuses", tmp.resolve("nope").toString(), "--out", out))
        .hasMessageStartingWith("option --consensuses: '").hasMessageEndingWith("nope' does not exist");
    assertThatThrownBy(() -> run("--out", out)).hasMessageStartingWith("option --in or --consensuses is required");
    assertThatThrownBy(() -> run("--in", in, "--out", out))
        .hasMessageStartingWith("option --in: no network-status-consensus-3 descriptors under");
    assertThatThrownBy(() -> run("--consensuses", in)).hasMessage("option --out is required (the output folder)");
    assertThatThrownBy(() -> run("--consensuses", in, "--out", out, "--top", "0"))
        .hasMessage("option --top: 0 is out of range 1..100000");
    assertThat(Files.exists(tmp.resolve("opts-out"))).as("nothing written").isFalse();
  }

  private static Row hourlyExits(Path out, String validAfter) {
    return TestData.rows(spark, out, "exits_hourly").stream()
        .filter(r -> r.<Timestamp>getAs("valid_after").toString().startsWith(validAfter)).findFirst().orElseThrow();
  }

  private static String firstDescriptor(String fixture) throws IOException {
    String text = Files.readString(TestData.fixture(fixture), StandardCharsets.ISO_8859_1);
    int start = text.indexOf("router ");
    int end = text.indexOf("-----END SIGNATURE-----\n", start) + "-----END SIGNATURE-----\n".length();
    return text.substring(start, end);
  }
}
