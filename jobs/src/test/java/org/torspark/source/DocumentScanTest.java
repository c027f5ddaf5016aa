package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.descriptor.NetworkStatus;

/** Documents handed to a function read as the source reads them: the same files, errors and modes. */
class DocumentScanTest {
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static final String MALFORMED_MICRO = TestSpark.fixture("microdescriptor/malformed");
  private static final String MICRO = TestSpark.fixture("microdescriptor/2017-07-17-17-20-00-micro");

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Each document as "file ok" or "file error", as the source's rows give it (one row per microdescriptor). */
  private static final DocumentFunction<String> OUTCOME = (file, doc) -> List.of(file + (doc.isError() ? " error" : " ok"));

  private static List<String> sorted(List<String> in) {
    List<String> out = new ArrayList<>(in);
    out.sort(null);
    return out;
  }

  private static List<String> rowOutcomes(String mode, String... paths) {
    List<String> out = new ArrayList<>();
    for (Row r : spark.read().format("tordesc").option("type", "microdescriptor").option("mode", mode).load(paths)
        .selectExpr("source_file", "_corrupt_record IS NULL").collectAsList()) {
      out.add(r.getString(0) + (r.getBoolean(1) ? " ok" : " error"));
    }
    return sorted(out);
  }

  private static List<String> mapped(Map<String, String> options, List<String> paths, Instant from, Instant to,
      DocumentFunction<String> fn) {
    return sorted(DocumentScan.map(spark, options, paths, from, to, fn).collect());
  }

  @Test
  void permissiveHandsEveryDocumentAndErrorRecordTheRowsHave() {
    List<String> docs = mapped(Map.of("type", "microdescriptor"), List.of(MALFORMED_MICRO, MICRO), null, null, OUTCOME);
    assertThat(docs).isEqualTo(rowOutcomes("PERMISSIVE", MALFORMED_MICRO, MICRO));
    assertThat(docs).anyMatch(d -> d.endsWith(" error")).anyMatch(d -> d.endsWith(" ok"));
  }

  @Test
  void dropMalformedLeavesErrorRecordsOut() {
    List<String> docs = mapped(Map.of("type", "microdescriptor", "mode", "DROPMALFORMED"),
        List.of(MALFORMED_MICRO, MICRO), null, null, OUTCOME);
    assertThat(docs).isEqualTo(rowOutcomes("DROPMALFORMED", MALFORMED_MICRO, MICRO)).isNotEmpty()
        .noneMatch(d -> d.endsWith(" error"));
  }

  @Test
  void failFastFailsWithTheSourcesMessage() {
    assertThatThrownBy(() -> mapped(Map.of("type", "microdescriptor", "mode", "FAILFAST"), List.of(MALFORMED_MICRO),
        null, null, OUTCOME))
        .hasStackTraceContaining("malformed document (mode FAILFAST): file:")
        .hasStackTraceContaining("/microdescriptor/malformed/")
        .hasStackTraceContaining(" offset ").hasStackTraceContaining(" line ")
        .hasStackTraceContaining("Set option mode to PERMISSIVE");
  }

  @Test
  void aBadOptionIsTheSourcesError() {
    assertThatThrownBy(() -> mapped(Map.of("type", "microdescriptor", "mode", "SOMETIMES"), List.of(MICRO), null, null,
        OUTCOME)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode").hasMessageContaining("SOMETIMES");
    assertThatThrownBy(() -> mapped(Map.of("type", "microdescriptor"), List.of(tmp.resolve("absent").toString()), null,
        null, OUTCOME)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent");
  }

  @Test
  void filesNamedOutsideTheRangeAreNotReadAndTheFunctionSeesTheRest() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("consensuses"));
    for (String hour : List.of("10", "11")) {
      Files.copy(Paths.get(TestSpark.fixture("consensus/2020-02-29-" + hour + "-00-00-consensus")),
          dir.resolve("2020-02-29-" + hour + "-00-00-consensus"));
    }
    DocumentFunction<String> validAfter = (file, doc) -> List.of(((NetworkStatus) doc.descriptor()).validAfter().toString());
    Map<String, String> consensus = Map.of("type", "network-status-consensus-3");
    Instant eleven = Instant.parse("2020-02-29T11:00:00Z");
    assertThat(mapped(consensus, List.of(dir.toString()), null, null, validAfter))
        .containsExactly("2020-02-29T10:00:00Z", "2020-02-29T11:00:00Z");
    assertThat(mapped(consensus, List.of(dir.toString()), eleven, eleven.plusSeconds(3600), validAfter))
        .containsExactly("2020-02-29T11:00:00Z");
    assertThat(mapped(consensus, List.of(dir.toString()), null, eleven, validAfter))
        .as("the end is exclusive").containsExactly("2020-02-29T10:00:00Z");
    // without pruning by name, the function sees every document and is the one to leave some out
    assertThat(mapped(Map.of("type", "network-status-consensus-3", "fileNameTimePruning", "false"),
        List.of(dir.toString()), eleven, eleven.plusSeconds(3600), validAfter))
        .containsExactly("2020-02-29T10:00:00Z", "2020-02-29T11:00:00Z");
  }

  @Test
  void archiveSplitsHandEachDocumentOfATarballOnce() {
    String tarball = TestSpark.fixture("collector-tarball/consensuses-2018-06-cropped.tar");
    DocumentFunction<String> entry = (file, doc) -> List.of(doc.source().entry());
    List<String> whole = mapped(Map.of("type", "network-status-consensus-3"), List.of(tarball), null, null, entry);
    List<String> split = mapped(Map.of("type", "network-status-consensus-3", "archiveSplits", "3", "parseThreads", "2"),
        List.of(tarball), null, null, entry);
    assertThat(whole).hasSizeGreaterThan(1).doesNotHaveDuplicates();
    assertThat(split).isEqualTo(whole);
    List<String> rows = new ArrayList<>();
    for (Row r : spark.read().format("tordesc").option("type", "network-status-consensus-3").load(tarball)
        .select("source_entry").distinct().collectAsList()) {
      rows.add(r.getString(0));
    }
    assertThat(whole).isEqualTo(sorted(rows));
  }

  @Test
  void aFunctionsCheckedExceptionNamesTheFile() {
    DocumentFunction<String> failing = (file, doc) -> {
      throw new IOException("no room");
    };
    assertThatThrownBy(() -> mapped(Map.of("type", "microdescriptor"), List.of(MICRO), null, null, failing))
        .hasStackTraceContaining("2017-07-17-17-20-00-micro: no room");
  }
}
