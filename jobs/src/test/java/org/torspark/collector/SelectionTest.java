package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Selection as stem's {@code CollecTor.files(type, start, end)}, on the real 2019 and 2016 indexes. */
class SelectionTest {
  private static final Set<String> BOTH = Set.of("recent", "archive");
  private static CollectorIndex index2019;
  private static CollectorIndex index2016;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = Files.newInputStream(
        TestFixtures.testdata().resolve("collector-index/index-2019-11-30-cropped.json"))) {
      index2019 = IndexClient.parse(in, IndexClient.Variant.JSON, 1 << 30, 1L << 40);
    }
    try (InputStream in = Files.newInputStream(
        TestFixtures.testdata().resolve("collector-index/index-2016-08-22-full.json.xz"))) {
      index2016 = IndexClient.parse(in, IndexClient.Variant.XZ, 1 << 30, 1L << 40);
    }
  }

  private static List<String> paths(Selection s, CollectorIndex index) {
    return s.apply(index.entries()).stream().map(IndexEntry::path).toList();
  }

  @Test
  void typeMatchesTheNameNotABridgeVariantAndSortsByStart() {
    List<String> got = paths(new Selection(List.of("server-descriptor"), null, null, BOTH), index2019);
    assertThat(got).containsExactly(
        "archive/relay-descriptors/server-descriptors/server-descriptors-2005-12.tar.xz",
        "archive/relay-descriptors/server-descriptors/server-descriptors-2006-02.tar.xz",
        "archive/relay-descriptors/server-descriptors/server-descriptors-2006-03.tar.xz",
        "recent/relay-descriptors/server-descriptors/2019-11-28-01-05-00-server-descriptors",
        "recent/relay-descriptors/server-descriptors/2019-11-28-00-05-00-server-descriptors",
        "recent/relay-descriptors/server-descriptors/2019-11-27-23-05-00-server-descriptors");
    assertThat(paths(new Selection(List.of("bridge-server-descriptor"), null, null, BOTH), index2019))
        .hasSize(3).allMatch(p -> p.contains("bridge-descriptors/server-descriptors/"));
  }

  @Test
  void microdescriptorTarballsCarryTwoTypes() {
    assertThat(paths(new Selection(List.of("network-status-microdesc-consensus-3"), null, null, BOTH), index2019))
        .containsExactly(
            "archive/relay-descriptors/microdescs/microdescs-2014-01.tar.xz",
            "archive/relay-descriptors/microdescs/microdescs-2014-02.tar.xz",
            "archive/relay-descriptors/microdescs/microdescs-2014-03.tar.xz",
            "recent/relay-descriptors/microdescs/consensus-microdesc/2019-11-27-23-00-00-consensus-microdesc",
            "recent/relay-descriptors/microdescs/consensus-microdesc/2019-11-28-00-00-00-consensus-microdesc",
            "recent/relay-descriptors/microdescs/consensus-microdesc/2019-11-28-01-00-00-consensus-microdesc");
  }

  @Test
  void timeRangeOverlapsFirstAndLastPublishedLikeStem() {
    // The 00:05 batch holds descriptors published 2019-11-27 19:04 .. 2019-11-28 00:01.
    Selection s = new Selection(List.of("server-descriptor"), Instant.parse("2019-11-27T19:00:00Z"),
        Instant.parse("2019-11-27T19:30:00Z"), BOTH);
    assertThat(paths(s, index2019)).containsExactly(
        "recent/relay-descriptors/server-descriptors/2019-11-28-01-05-00-server-descriptors",
        "recent/relay-descriptors/server-descriptors/2019-11-28-00-05-00-server-descriptors");
  }

  @Test
  void microdescriptorFilesWithoutTimesGetAnHourFromTheirName() {
    Selection s = new Selection(List.of("microdescriptor"), Instant.parse("2019-11-27T23:00:00Z"),
        Instant.parse("2019-11-27T23:10:00Z"), Set.of("recent"));
    assertThat(paths(s, index2019)).containsExactly(
        "recent/relay-descriptors/microdescs/micro/2019-11-27-22-05-00-micro",
        "recent/relay-descriptors/microdescs/micro/2019-11-27-23-05-00-micro");
  }

  @Test
  void oldIndexWithoutTypesUsesTheLayoutAndTheMonthInTarballNames() {
    Selection s = new Selection(List.of("network-status-consensus-3"), Instant.parse("2015-12-31T23:00:00Z"),
        Instant.parse("2016-02-01T00:00:00Z"), Set.of("archive"));
    assertThat(paths(s, index2016)).containsExactly(
        "archive/relay-descriptors/consensuses/consensuses-2015-12.tar.xz",
        "archive/relay-descriptors/consensuses/consensuses-2016-01.tar.xz",
        "archive/relay-descriptors/consensuses/consensuses-2016-02.tar.xz");
    // The old combined bridge tarballs hold all three bridge types.
    assertThat(paths(new Selection(List.of("bridge-extra-info"), null, null, Set.of("archive")), index2016))
        .hasSize(100).allMatch(p -> p.startsWith("archive/bridge-descriptors/bridge-descriptors-"));
    // certs.tar.xz has no time in its name: unknown range, dropped by any time bound (as stem does).
    assertThat(paths(new Selection(List.of("dir-key-certificate-3"), null, null, BOTH), index2016))
        .containsExactly("archive/relay-descriptors/certs.tar.xz");
    assertThat(paths(new Selection(List.of("dir-key-certificate-3"), Instant.EPOCH, null, BOTH), index2016)).isEmpty();
  }

  @Test
  void treesRestrictAndNoFilterTakesEverything() {
    assertThat(new Selection(List.of(), null, null, BOTH).apply(index2016.entries())).hasSize(2821);
    assertThat(new Selection(List.of(), null, null, Set.of("recent")).apply(index2016.entries())).hasSize(1903);
    assertThat(new Selection(List.of(), null, null, Set.of("archive")).apply(index2016.entries())).hasSize(918);
  }

  @Test
  void unknownTypeNamesAreReported() {
    Selection s = new Selection(List.of("server-descriptor", "snowflake-stats", "serverdescriptor"), null, null, BOTH);
    assertThat(s.unknownTypes(index2019.entries())).containsExactly("serverdescriptor");
  }

  @Test
  void rangesGuessedFromNames() {
    assertThat(CollectorLayout.guessRange("consensuses-2007-10.tar.xz")).isEqualTo(new CollectorLayout.Range(
        Instant.parse("2007-10-01T00:00:00Z"), Instant.parse("2007-11-01T00:00:00Z")));
    assertThat(CollectorLayout.guessRange("2016-08-22-10-05-11-micro")).isEqualTo(new CollectorLayout.Range(
        Instant.parse("2016-08-22T10:05:11Z"), Instant.parse("2016-08-22T11:05:11Z")));
    assertThat(CollectorLayout.guessRange("20191127-221129-BA44A889E64B93FAA2B114E02C2A279A8555C533")).isEqualTo(
        new CollectorLayout.Range(Instant.parse("2019-11-27T22:11:29Z"), Instant.parse("2019-11-27T23:11:29Z")));
    assertThat(CollectorLayout.guessRange("certs.tar.xz")).isEqualTo(new CollectorLayout.Range(null, null));
    assertThat(CollectorLayout.guessRange("x-2019-13.tar")).isEqualTo(new CollectorLayout.Range(null, null));
  }
}
