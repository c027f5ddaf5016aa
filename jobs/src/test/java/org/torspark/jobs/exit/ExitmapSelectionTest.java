package org.torspark.jobs.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.jobs.JobArgException;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.testing.RawConsensus;
import org.torspark.jobs.testing.RawPolicy;
import org.torspark.jobs.testing.RawServerDescriptors;
import org.torspark.jobs.testing.TestData;

/** exitmap-selection at 2020-02-29 10:00 with the descriptors of 10:05, checked against the raw text. */
class ExitmapSelectionTest {
  private static final String C10 = "consensus/2020-02-29-10-00-00-consensus";
  private static final String C11 = "consensus/2020-02-29-11-00-00-consensus";
  private static final String D2020 = "server-descriptor/2020-02-29-10-05-00-server-descriptors";

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path consensuses;
  private static Path descriptors;
  private static RawConsensus raw;
  private static Map<String, RawServerDescriptors.Descriptor> raws;

  @BeforeAll
  static void start() {
    spark = TestData.spark();
    consensuses = TestData.folder(tmp.resolve("c"), C10, C11);
    descriptors = TestData.folder(tmp.resolve("d"), D2020);
    raw = RawConsensus.read(TestData.fixture(C10));
    raws = RawServerDescriptors.read(TestData.fixture(D2020));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<Row> run(String name, String... extra) {
    Path out = tmp.resolve(name);
    List<String> args = new ArrayList<>(List.of("--consensuses", consensuses.toString(), "--server-descriptors",
        descriptors.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    ExitmapSelection job = new ExitmapSelection();
    job.run(spark, JobArgs.parse(args, new ArrayList<JobOption>(job.options())));
    return TestData.rows(spark, out, "exitmap_selection");
  }

  private static List<Row> selection;

  private static synchronized List<Row> selection() {
    if (selection == null) {
      selection = run("one", "--at", "2020-02-29T10:00Z", "--destination",
          "1.1.1.1:443,1.1.1.1:22", "--destination", "8.8.8.8:25,[2001:4860:4860::8888]:443");
    }
    return selection;
  }

  private static Set<String> allowing(String destination) {
    return selection().stream().filter(r -> r.getList(r.fieldIndex("allowed_destinations")).contains(destination))
        .map(r -> r.<String>getAs("fingerprint")).collect(Collectors.toSet());
  }

  private static Set<String> expected(String address, int port) {
    return raw.running().stream()
        .filter(e -> e.exit() && raws.containsKey(e.digest()))
        .filter(e -> RawPolicy.allows(raws.get(e.digest()).policy(), address, port))
        .map(RawConsensus.Entry::fingerprint).collect(Collectors.toSet());
  }

  @Test
  void exitsThatCanReachADestinationByTheirFullPolicy() {
    assertThat(allowing("1.1.1.1:443")).isEqualTo(expected("1.1.1.1", 443)).hasSize(43);
    assertThat(allowing("1.1.1.1:22")).isEqualTo(expected("1.1.1.1", 22));
    // hand-checked: one exit with a descriptor in the 10:05 file allows SMTP
    assertThat(allowing("8.8.8.8:25")).isEqualTo(expected("8.8.8.8", 25)).hasSize(1);
    assertThat(selection()).hasSize(43);
    assertThat(selection().stream().map(r -> r.getAs("valid_after").toString()).distinct()).as("only the --at consensus")
        .containsExactly("2020-02-29 10:00:00.0");
    double weights = selection().stream().mapToDouble(r -> r.<Double>getAs("selection_weight_fraction")).sum();
    assertThat(weights).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void ipv6DestinationsAreAnsweredByTheIpv6Policy() {
    Set<String> expected = raw.running().stream()
        .filter(e -> e.exit() && raws.containsKey(e.digest()))
        .filter(e -> v6Allows(raws.get(e.digest()).ipv6Policy(), 443))
        .map(RawConsensus.Entry::fingerprint).collect(Collectors.toSet());
    assertThat(allowing("[2001:4860:4860::8888]:443")).isEqualTo(expected).isNotEmpty();
  }

  @Test
  void badExitHandlingOverARangeOfConsensuses() {
    List<Row> all = run("all", "--start", "2020-02-29T10:00Z", "--end", "2020-02-29T11:00Z", "--bad-exits", "include");
    // without destinations every Exit relay whose descriptor allows some exit: 43 at 10:00, 46 at 11:00
    assertThat(all.stream().filter(r -> !r.<Boolean>getAs("bad_exit")).count()).isEqualTo(43 + 46);
    long badAt10 = raw.running().stream().filter(e -> e.has("Exit") && e.has("BadExit") && raws.containsKey(e.digest()))
        .count();
    assertThat(all.stream().filter(r -> r.<Boolean>getAs("bad_exit")
        && r.getAs("valid_after").toString().startsWith("2020-02-29 10:00"))).hasSize((int) badAt10);
    assertThat(TestData.rows(spark, tmp.resolve("all"), "exitmap_selection")).hasSize(all.size());
    List<Row> only = run("only", "--at", "2020-02-29T10:00Z", "--bad-exits", "only");
    assertThat(only).hasSize((int) badAt10).allSatisfy(r -> assertThat(r.<Boolean>getAs("bad_exit")).isTrue());
  }

  @Test
  void optionsAreCheckedBeforeReading() {
    assertThatThrownBy(() -> run("x", "--destination", "1.1.1.1:443")).isInstanceOf(JobArgException.class)
        .hasMessageStartingWith("option --at is required");
    assertThatThrownBy(() -> run("x", "--at", "2020-02-29T10:00Z", "--bad-exits", "maybe"))
        .hasMessage("option --bad-exits: 'maybe' is not exclude, only or include");
    assertThatThrownBy(() -> run("x", "--at", "2020-02-29T10:00Z", "--start", "2020-02-29"))
        .hasMessage("option --at selects one consensus; leave out --start/--end");
  }

  private static boolean v6Allows(String summary, int port) {
    if (summary == null) {
      return false;
    }
    RawConsensus.Entry e = new RawConsensus.Entry("x", "x", "x", List.of(), 0L, summary, List.of());
    return e.allows(port);
  }
}
