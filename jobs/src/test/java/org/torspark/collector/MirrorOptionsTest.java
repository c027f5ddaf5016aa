package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorOptionsTest {

  @Test
  void theIssueExampleParsesWithDateOnlyEndMeaningTheWholeDay() throws Exception {
    MirrorOptions o = MirrorOptions.parse("--collector", "https://collector.torproject.org", "--dest",
        "s3a://bucket/collector", "--types", "server-descriptor,network-status-consensus-3", "--start",
        "2023-01-01", "--end", "2023-12-31");
    assertThat(o.collector().toString()).isEqualTo("https://collector.torproject.org");
    assertThat(o.dest()).isEqualTo("s3a://bucket/collector");
    assertThat(o.types()).containsExactly("server-descriptor", "network-status-consensus-3");
    assertThat(o.start()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
    assertThat(o.end()).isEqualTo(Instant.parse("2023-12-31T23:59:59Z"));
  }

  @Test
  void defaults() throws Exception {
    MirrorOptions o = MirrorOptions.parse("--dest", "/tmp/x");
    assertThat(o.collector().toString()).isEqualTo(MirrorOptions.COLLECTOR_DEFAULT);
    assertThat(o.types()).isEmpty();
    assertThat(o.trees()).containsExactlyInAnyOrder("recent", "archive");
    assertThat(o.concurrency()).isEqualTo(4);
    assertThat(o.retries()).isEqualTo(3);
    assertThat(o.backoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.indexVariants()).containsExactly(IndexClient.Variant.XZ, IndexClient.Variant.BZ2,
        IndexClient.Variant.GZ, IndexClient.Variant.JSON);
    assertThat(o.maxIndexBytes()).isEqualTo(256L << 20);
    assertThat(o.maxFileSize()).isEqualTo(64L << 30);
    assertThat(o.userAgent()).startsWith("torspark-mirror/");
    assertThat(o.list()).isFalse();
    assertThat(o.delete()).isFalse();
  }

  @Test
  void equalsFormTimesWithHoursDurationsAndSizes() throws Exception {
    MirrorOptions o = MirrorOptions.parse("--dest=/d", "--start=2019-11-28 00:30", "--end", "2019-11-28T01:00:00Z",
        "--read-timeout", "500ms", "--backoff", "2", "--max-backoff", "1m", "--task-bytes", "64k", "--trees",
        "recent", "--index-variants", "gz,json", "--list", "--delete", "--types", "Server-Descriptor 1.0");
    assertThat(o.start()).isEqualTo(Instant.parse("2019-11-28T00:30:00Z"));
    assertThat(o.end()).isEqualTo(Instant.parse("2019-11-28T01:00:00Z"));
    assertThat(o.readTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.backoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.taskBytes()).isEqualTo(65536);
    assertThat(o.trees()).containsExactly("recent");
    assertThat(o.indexVariants()).containsExactly(IndexClient.Variant.GZ, IndexClient.Variant.JSON);
    assertThat(o.types()).containsExactly("server-descriptor");
    assertThat(o.list()).isTrue();
    assertThat(o.delete()).isTrue();
  }

  @Test
  void collectorUrlKeepsAPathPrefixAndDropsTrailingSlashes() throws Exception {
    assertThat(MirrorOptions.parse("--list", "--collector", "http://127.0.0.1:8080/mirror/").collector())
        .hasToString("http://127.0.0.1:8080/mirror");
  }

  @Test
  void badValuesGiveOneLineErrorsNamingTheOption() {
    assertBad(List.of("--collector", "ftp://collector.torproject.org", "--dest", "d"),
        "--collector must be an http:// or https:// URL");
    assertBad(List.of("--collector", "file:///etc", "--dest", "d"), "--collector must be an http");
    assertBad(List.of("--collector", "https://x/?q=1", "--dest", "d"), "--collector must not have a query");
    assertBad(List.of("--dest", "d", "--concurrency", "0"), "--concurrency must be between 1 and 64, got 0");
    assertBad(List.of("--dest", "d", "--concurrency", "four"), "--concurrency is not a whole number: 'four'");
    assertBad(List.of("--dest", "d", "--retries", "99"), "--retries must be between 0 and 20");
    assertBad(List.of("--dest", "d", "--start", "2023-13-01"), "--start is not a UTC time");
    assertBad(List.of("--dest", "d", "--end", "yesterday"), "--end is not a UTC time");
    assertBad(List.of("--dest", "d", "--start", "2024-01-01", "--end", "2023-01-01"), "--start 2024-01-01T00:00:00Z"
        + " is after --end");
    assertBad(List.of("--dest", "d", "--trees", "recent,old"), "--trees accepts recent and archive, got 'old'");
    assertBad(List.of("--dest", "d", "--types", "server_descriptor"), "--types has a bad type name 'server_descriptor'");
    assertBad(List.of("--dest", "d", "--read-timeout", "0"), "--read-timeout must be more than 0");
    assertBad(List.of("--dest", "d", "--backoff", "soon"), "--backoff is not a duration");
    assertBad(List.of("--dest", "d", "--max-index-bytes", "-5"), "--max-index-bytes must be a positive size");
    assertBad(List.of("--dest", "d", "--index-variants", "zip"), "--index-variants accepts xz, bz2, gz and json");
    assertBad(List.of("--dest", "d", "--bogus", "1"), "unknown option --bogus");
    assertBad(List.of("--dest"), "--dest needs a value");
    assertBad(List.of("--dest", "d", "--dest", "e"), "--dest is given twice");
    assertBad(List.of("--list=yes"), "--list takes no value");
    assertBad(List.of("--types", "tordnsel"), "--dest is required");
    assertBad(List.of("--dest", "d", "--user-agent", "bad\nagent"), "--user-agent must be non-empty printable");
    assertBad(List.of("d"), "unexpected argument 'd'");
  }

  private static void assertBad(List<String> args, String message) {
    assertThatThrownBy(() -> MirrorOptions.parse(args.toArray(String[]::new)))
        .isInstanceOf(MirrorOptions.BadOption.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void credentialsInTheCollectorUrlNeverAppearInErrors() {
    assertThatThrownBy(() -> MirrorOptions.parse("--collector", "ftp://alice:s3cret@host/", "--dest", "d"))
        .hasMessageNotContaining("s3cret").hasMessageContaining("***@host");
  }

  @Test
  void commandReturnsTwoForBadOptionsAndPrintsHelp() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = MirrorCommand.run(new String[] {"--concurrency", "0", "--dest", "x"}, new PrintStream(out),
        new PrintStream(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --concurrency must be between 1 and 64, got 0\n");
    out.reset();
    assertThat(MirrorCommand.run(new String[] {"--help"}, new PrintStream(out), new PrintStream(err))).isZero();
    for (MirrorOptions.Spec s : MirrorOptions.SPECS) {
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("--" + s.name());
    }
  }

  @Test
  void docsListEveryOption() throws Exception {
    Path doc = Path.of("../docs/mirror.md"); // surefire runs in the module directory
    String text = Files.readString(doc);
    for (MirrorOptions.Spec s : MirrorOptions.SPECS) {
      assertThat(text).as("docs/mirror.md documents --" + s.name()).contains("`--" + s.name());
    }
  }
}
