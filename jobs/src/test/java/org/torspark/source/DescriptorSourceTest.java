package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.torspark.descriptor.schema.Tables.Grain.DOCUMENT;
import static org.torspark.descriptor.schema.Tables.Grain.ROW;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Tables.Grain;
import org.torspark.jobs.SqlScript;

/** Every fixture type through Spark: the parser's counts, the schema, detection, pruning, SQL. */
class DescriptorSourceTest {
  @TempDir static Path tmp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Each type with its fixture directories and archives (read recursively). */
  static Stream<Arguments> fixtures() {
    List<String> bandwidth = List.of("bandwidth-file", "sbws-results/v3bw",
        "collector-tarball/derived-xz/bandwidths-2019-05-cropped.tar.xz");
    List<String> exitLists = List.of("exit-list", "collector-tarball/exit-list-2018-11-cropped.tar",
        "collector-tarball/derived-xz/exit-list-2018-11-cropped.tar.xz");
    List<String> consensuses = List.of("consensus", "collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz");
    List<String> mdConsensuses = List.of("consensus-microdesc", "collector-tarball/microdescs-2019-05-cropped.tar");
    List<String> votes = List.of("vote");
    List<String> bridgeStatuses = List.of("bridge-network-status",
        "collector-tarball/derived-xz/bridge-statuses-2019-05-cropped.tar.xz");
    return Stream.of(
        arguments("server-descriptor", ROW, List.of("server-descriptor", "collector-tarball/descriptor_archive.tar",
            "collector-tarball/descriptor_archive.tar.gz", "collector-tarball/descriptor_archive.tar.bz2",
            "collector-tarball/derived-xz/server-descriptors-2005-12-cropped.tar.xz")),
        arguments("bridge-server-descriptor", ROW, List.of("bridge-server-descriptor",
            "collector-tarball/derived-xz/bridge-server-descriptors-2019-02-cropped.tar.xz")),
        arguments("extra-info", ROW, List.of("extra-info", "collector-tarball/derived-xz/extra-infos-2019-04-cropped.tar.xz")),
        arguments("bridge-extra-info", ROW, List.of("bridge-extra-info",
            "collector-tarball/derived-xz/bridge-extra-infos-2019-03-cropped.tar.xz")),
        arguments("network-status-consensus-3", ROW, consensuses),
        arguments("network-status-consensus-3", DOCUMENT, consensuses),
        arguments("network-status-microdesc-consensus-3", ROW, mdConsensuses),
        arguments("network-status-microdesc-consensus-3", DOCUMENT, mdConsensuses),
        arguments("network-status-vote-3", ROW, votes),
        arguments("network-status-vote-3", DOCUMENT, votes),
        arguments("bridge-network-status", ROW, bridgeStatuses),
        arguments("bridge-network-status", DOCUMENT, bridgeStatuses),
        arguments("dir-key-certificate-3", ROW, List.of("key-certificate",
            "collector-tarball/derived-xz/certs-cropped.tar.xz")),
        arguments("microdescriptor", ROW, List.of("microdescriptor",
            "collector-tarball/derived-xz/microdescs-2019-05-cropped.tar.xz")),
        arguments("bandwidth-file", ROW, bandwidth),
        arguments("bandwidth-file", DOCUMENT, bandwidth),
        arguments("tordnsel", ROW, exitLists),
        arguments("tordnsel", DOCUMENT, exitLists));
  }

  private static Dataset<Row> read(String type, Grain grain, List<String> fixtures) {
    return spark.read().format("tordesc").option("type", type).option("grain", grain.name())
        .option("recursiveFileLookup", "true")
        .load(fixtures.stream().map(TestSpark::fixture).toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void everyFixtureReadsWithTheParsersCounts(String type, Grain grain, List<String> fixtures) {
    DescriptorType t = DescriptorType.fromName(type).orElseThrow();
    ParserTruth truth = ParserTruth.of(t, grain, fixtures.stream().map(f -> Paths.get(TestSpark.fixture(f)))
        .toArray(Path[]::new));
    Dataset<Row> df = read(type, grain, fixtures);

    Map<String, Long> m = ScanMetrics.countAllColumns(df);
    assertThat(truth.descriptors()).isPositive();
    assertThat(m.get("rows")).as("rows").isEqualTo(truth.rows());
    assertThat(m.get("jsonChars")).isPositive();
    assertThat(m.get(SourceMetrics.DESCRIPTORS)).as("descriptors read").isEqualTo(truth.descriptors());
    assertThat(m.get(SourceMetrics.ERRORS)).as("errors").isEqualTo(truth.errors());
    assertThat(m.get(SourceMetrics.SKIPPED)).as("other types").isEqualTo(truth.skipped());
    assertThat(df.where("_corrupt_record IS NOT NULL").count()).as("error rows").isEqualTo(truth.errors());
    // count() is pushed to the source: each partition counts its rows
    Map<String, Long> counted = ScanMetrics.count(df);
    assertThat(counted.get("rows")).as("count()").isEqualTo(truth.rows());
    assertThat(counted.get(SourceMetrics.DESCRIPTORS)).as("descriptors read by count()").isEqualTo(truth.descriptors());
    assertThat(counted.get(SourceMetrics.ERRORS)).as("errors by count()").isEqualTo(truth.errors());
    // a count Spark cannot push needs no column either: it reads column-less batches
    Map<String, Long> batches = ScanMetrics.countNotPushed(df);
    assertThat(batches.get("rows")).as("count() in batches").isEqualTo(truth.rows());
    assertThat(batches.get(SourceMetrics.DESCRIPTORS)).isEqualTo(truth.descriptors());
    assertThat(batches.get(SourceMetrics.ERRORS)).isEqualTo(truth.errors());
    if (t.timeColumn() != null) {
      assertThat(df.where("_corrupt_record IS NULL AND " + t.timeColumn() + " IS NULL").count())
          .as("every good row has its time").isZero();
    }
  }

  @Test
  void countStarIsPushedAndOtherQueriesThatNeedNoColumnReadBatches() {
    Dataset<Row> df = read("network-status-consensus-3", ROW, List.of("consensus"));
    Dataset<Row> counted = df.groupBy().count();
    long n = counted.collectAsList().get(0).getLong(0);
    String pushed = counted.queryExecution().executedPlan().toString();
    assertThat(pushed).contains("pushedAggregate=COUNT(*)").doesNotContain("ColumnarToRow");
    df.createOrReplaceTempView("pushed_count");
    assertThat(spark.sql("SELECT count(*), count(1) FROM pushed_count").collectAsList().get(0))
        .isEqualTo(org.apache.spark.sql.RowFactory.create(n, n));
    Dataset<Row> notPushed = df.where(ScanMetrics.ALWAYS.apply()).groupBy().count();
    assertThat(notPushed.collectAsList().get(0).getLong(0)).isEqualTo(n);
    assertThat(notPushed.queryExecution().executedPlan().toString()).contains("ColumnarToRow")
        .doesNotContain("pushedAggregate");
    Dataset<Row> files = df.select("source_file");
    assertThat(files.queryExecution().executedPlan().toString()).doesNotContain("ColumnarToRow");
    assertThat(files.collectAsList()).hasSize((int) n);
    assertThat(n).isPositive();
    // a filter on a column stays Spark's: the count is not pushed, and counts what the filter keeps
    Dataset<Row> filtered = df.where("valid_after >= '2018-01-01'").groupBy().count();
    assertThat(filtered.queryExecution().executedPlan().toString()).doesNotContain("pushedAggregate");
    assertThat(filtered.collectAsList().get(0).getLong(0))
        .isEqualTo(df.where("valid_after >= '2018-01-01'").select("valid_after").collectAsList().size());
  }

  @Test
  void aPushedCountOfNothingIsZero(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Dataset<Row> df = spark.read().format("tordesc").option("type", "server-descriptor").load(dir.toString());
    Dataset<Row> counted = df.groupBy().count();
    assertThat(counted.collectAsList().get(0).getLong(0)).isZero();
    assertThat(counted.queryExecution().executedPlan().toString()).contains("pushedAggregate=COUNT(*)");
  }

  @Test
  void exitListRowsCarryTheDocumentTimeAndProvenance() {
    List<Row> rows = spark.read().format("tordesc").option("type", "tordnsel")
        .load(TestSpark.fixture("collector-tarball/exit-list-2018-11-cropped.tar"))
        .groupBy("source_file", "source_entry", "downloaded").count().orderBy("source_entry").collectAsList();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).getString(0)).startsWith("file:/").endsWith("collector-tarball/exit-list-2018-11-cropped.tar");
    assertThat(rows.get(0).getString(1)).isEqualTo("exit-list-2018-11/01/2018-11-01-00-02-01");
    assertThat(rows.get(0).getTimestamp(2).toInstant().toString()).startsWith("2018-11-01T00:0");
  }

  @Test
  void consensusEntriesJoinServerDescriptorsByDigest() {
    Dataset<Row> entries = spark.read().format("tordesc").option("type", "network-status-consensus-3")
        .load(TestSpark.fixture("consensus/2014-12-08-16-00-00-consensus"));
    Dataset<Row> descs = spark.read().format("tordesc").option("type", "server-descriptor")
        .load(TestSpark.fixture("server-descriptor/2014-12-08-server-descriptors"));
    Dataset<Row> joined = entries.join(descs, entries.col("digest").equalTo(descs.col("digest")));
    // the file holds the day's descriptors (07:02-22:15): the 16:00 consensus names 540 of them
    assertThat(joined.count()).isEqualTo(540);
    assertThat(joined.where(entries.col("fingerprint").notEqual(descs.col("fingerprint"))
        .or(entries.col("nickname").notEqual(descs.col("nickname")))).count()).isZero();
  }

  @Test
  void microdescConsensusEntriesJoinMicrodescriptorsByDigest() {
    Dataset<Row> entries = spark.read().format("tordesc").option("type", "network-status-microdesc-consensus-3")
        .load(TestSpark.fixture("consensus-microdesc/2019-12-15-13-00-00-cached-microdesc-consensus"));
    Dataset<Row> micro = spark.read().format("tordesc").option("type", "microdescriptor")
        .load(TestSpark.fixture("microdescriptor/2019-12-15-cached-microdescs"));
    long entryCount = entries.count();
    long joined = entries.join(micro, entries.col("microdescriptor_digest").equalTo(micro.col("digest"))).count();
    assertThat(entryCount).isEqualTo(6345);
    // a client's cache holds the microdescriptors of (nearly) every relay of its consensus
    assertThat(joined).isGreaterThan(entryCount * 9 / 10);
  }

  @Test
  void statusEntriesCarryTheirDocumentTime() {
    List<Row> r = spark.read().format("tordesc").option("type", "network-status-consensus-3")
        .load(TestSpark.fixture("consensus/2020-02-29-10-00-00-consensus"))
        .groupBy("valid_after").count().collectAsList();
    assertThat(r).hasSize(1);
    assertThat(r.get(0).getTimestamp(0).toInstant().toString()).isEqualTo("2020-02-29T10:00:00Z");
    assertThat(r.get(0).getLong(1)).isEqualTo(6433);
  }

  @Test
  void typeIsDetectedWhenOmitted() {
    Dataset<Row> df = spark.read().format("tordesc").load(TestSpark.fixture("exit-list"));
    assertThat(df.columns()).contains("downloaded", "exit_addresses");
    assertThat(df.count()).isEqualTo(1118 + 44);
    assertThat(df.queryExecution().executedPlan().toString()).contains("tordnsel (detected)");
  }

  @Test
  void documentGrainGivesOneRowPerFile() {
    Dataset<Row> df = spark.read().format("tordesc").option("type", "tordnsel").option("grain", "document")
        .load(TestSpark.fixture("exit-list"));
    assertThat(df.select("entry_count").orderBy("entry_count").collectAsList())
        .extracting(r -> r.getInt(0)).containsExactly(44, 1118);
  }

  @Test
  void timeFilterSkipsFilesByNameAndExplainSaysSo() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("exit-lists"));
    Files.copy(Paths.get(TestSpark.fixture("exit-list/2016-09-20-13-02-00")), dir.resolve("2016-09-20-13-02-00"));
    Files.copy(Paths.get(TestSpark.fixture("exit-list/2017-07-17-17-02-00")), dir.resolve("2017-07-17-17-02-00"));
    Files.copy(Paths.get(TestSpark.fixture("collector-tarball/exit-list-2018-11-cropped.tar")),
        dir.resolve("exit-list-2018-11.tar"));
    String filter = "downloaded >= '2017-07-01' AND downloaded < '2018-11-01 01:00:00'";
    Dataset<Row> pruned = spark.read().format("tordesc").option("type", "tordnsel").load(dir.toString()).where(filter);
    Dataset<Row> unpruned = spark.read().format("tordesc").option("type", "tordnsel")
        .option("fileNameTimePruning", "false").load(dir.toString()).where(filter);

    String plan = pruned.queryExecution().executedPlan().toString();
    assertThat(plan).contains("files=2 of 3 listed").contains("prunedByTime=1")
        .contains("pushedTimeFilters=[downloaded >= ");
    Map<String, Long> m = ScanMetrics.count(pruned);
    assertThat(m.get(SourceMetrics.FILES)).isEqualTo(2);
    assertThat(m.get(SourceMetrics.FILES_PRUNED)).isEqualTo(1);
    assertThat(m.get("rows")).isEqualTo(unpruned.count()).isPositive();
    assertThat(unpruned.queryExecution().executedPlan().toString()).contains("prunedByTime=0");

    Dataset<Row> onlyArchive = spark.read().format("tordesc").option("type", "tordnsel").load(dir.toString())
        .where("downloaded BETWEEN '2018-11-01' AND '2018-11-30'");
    assertThat(onlyArchive.queryExecution().executedPlan().toString()).contains("files=1 of 3 listed");
    assertThat(onlyArchive.select("source_entry").distinct().count()).isEqualTo(4);
  }

  @Test
  void archivesAreOnePartitionEachAndSmallFilesArePacked() {
    Dataset<Row> df = spark.read().format("tordesc").option("type", "bandwidth-file")
        .option("recursiveFileLookup", "true")
        .load(TestSpark.fixture("bandwidth-file"), TestSpark.fixture("sbws-results/v3bw"),
            TestSpark.fixture("collector-tarball/bandwidths-2019-05-cropped.tar"),
            TestSpark.fixture("collector-tarball/derived-xz/bandwidths-2019-05-cropped.tar.xz"));
    // 7 small files spread over the 2 cores, plus one partition per archive
    assertThat(df.queryExecution().executedPlan().toString()).contains("files=9 of 9 listed", "partitions=4");
    assertThat(df.rdd().getNumPartitions()).isEqualTo(4);
  }

  @Test
  void sqlExampleOfTheReadmeRunsAsPastedFromTheRepositoryRoot() throws IOException {
    String doc = Files.readString(DocsTest.docs().getParent().resolve("README.md"));
    int start = doc.indexOf("```sql\n", doc.indexOf("This SQL runs as pasted")) + "```sql\n".length();
    Path root = DocsTest.docs().getParent().toAbsolutePath().normalize();
    // the example's relative paths are relative to the repository root, where users run it
    String sql = doc.substring(start, doc.indexOf("```", start)).replace("path 'parsers/", "path '" + root + "/parsers/");
    List<String> out = SqlScript.run(spark, SqlScript.split(sql), 100);
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isEqualTo("valid_after\trelays\tbandwidth_kbs\texits");
    assertThat(out.get(1)).startsWith("2020-02-29 10:00:00.0\t6433\t");
    assertThat(out.get(2)).startsWith("2020-02-29 11:00:00.0\t6463\t");
    assertThat(doc.substring(doc.indexOf("```\nvalid_after"))).as("the output the doc shows")
        .contains(out.get(1)).contains(out.get(2));
  }

  @Test
  void readAheadOffReadsTheSameRowsInTheSameOrder() {
    String archive = TestSpark.fixture("collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz");
    List<Row> ahead = spark.read().format("tordesc").option("type", "network-status-consensus-3").load(archive)
        .select("source_entry", "source_offset", "fingerprint", "valid_after").collectAsList();
    List<Row> direct = spark.read().format("tordesc").option("type", "network-status-consensus-3")
        .option("readAhead", "false").load(archive)
        .select("source_entry", "source_offset", "fingerprint", "valid_after").collectAsList();
    assertThat(ahead).hasSizeGreaterThan(100).isEqualTo(direct);
  }

  @Test
  void parsingOnTheTaskThreadOrOnThePoolGivesTheSameRowsInTheSameOrder() {
    // many small entries (batched) and whole-file documents (a batch each), with an error row kept in place
    for (String path : new String[] {"collector-tarball/server-descriptors-2005-12-cropped.tar",
        "collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz", "server-descriptor/malformed"}) {
      String archive = TestSpark.fixture(path);
      List<List<Row>> reads = new java.util.ArrayList<>();
      for (String threads : new String[] {"1", "2", "7"}) {
        reads.add(spark.read().format("tordesc").option("type", path.contains("consensus") ? "network-status-consensus-3"
            : "server-descriptor").option("parseThreads", threads).load(archive)
            .select("source_file", "source_entry", "source_offset", "fingerprint", "digest", "_corrupt_record")
            .collectAsList());
      }
      assertThat(reads.get(0)).as(path).hasSizeGreaterThan(4);
      assertThat(reads.get(1)).as(path).isEqualTo(reads.get(0));
      if (path.contains("malformed")) {
        assertThat(reads.get(0)).as("error rows").anyMatch(r -> r.get(5) != null);
      }
      assertThat(reads.get(2)).as(path).isEqualTo(reads.get(0));
      // every column: rows are made on the parsing threads, one converter per thread
      String type = path.contains("consensus") ? "network-status-consensus-3" : "server-descriptor";
      List<Row> allColumns = spark.read().format("tordesc").option("type", type).option("parseThreads", "1")
          .load(archive).collectAsList();
      assertThat(spark.read().format("tordesc").option("type", type).option("parseThreads", "7").load(archive)
          .collectAsList()).as(path).isEqualTo(allColumns);
    }
  }

  @Test
  void archiveSplitsReadEachDocumentOnceAcrossTheTasksWithTheSameMetrics() {
    // every tarball fixture, the malformed-entry one included, of every type (detected per document)
    String dir = TestSpark.fixture("collector-tarball/derived-xz");
    Dataset<Row> whole = spark.read().format("tordesc").option("type", "network-status-consensus-3").load(dir);
    Dataset<Row> split = spark.read().format("tordesc").option("type", "network-status-consensus-3")
        .option("archiveSplits", "3").load(dir);
    String[] cols = {"source_file", "source_entry", "source_offset", "fingerprint", "valid_after", "_corrupt_record"};
    List<Row> expected = whole.selectExpr(cols).collectAsList();
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(split.selectExpr(cols).collectAsList()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(split.rdd().getNumPartitions()).isEqualTo(3 * whole.rdd().getNumPartitions());
    Map<String, Long> a = ScanMetrics.count(whole);
    Map<String, Long> b = ScanMetrics.count(split);
    for (String metric : new String[] {SourceMetrics.DESCRIPTORS, SourceMetrics.ERRORS, SourceMetrics.SKIPPED,
        SourceMetrics.FILES, SourceMetrics.BYTES}) {
      assertThat(b.get(metric)).as(metric).isEqualTo(a.get(metric));
    }
    assertThat(split.queryExecution().executedPlan().toString()).contains("(archiveSplits=3)");
  }

  @Test
  void archiveSplitsAutoGivesOneTarballATaskPerCoreAndLeavesManyTarballsWhole() {
    String one = TestSpark.fixture("collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz");
    Dataset<Row> whole = spark.read().format("tordesc").option("type", "network-status-consensus-3").load(one);
    Dataset<Row> auto = spark.read().format("tordesc").option("type", "network-status-consensus-3")
        .option("archiveSplits", "auto").load(one);
    String[] cols = {"source_entry", "source_offset", "fingerprint", "valid_after"};
    assertThat(auto.selectExpr(cols).collectAsList())
        .containsExactlyInAnyOrderElementsOf(whole.selectExpr(cols).collectAsList());
    int cores = spark.sparkContext().defaultParallelism();
    assertThat(auto.rdd().getNumPartitions()).isEqualTo(cores);
    assertThat(auto.queryExecution().executedPlan().toString()).contains("(archiveSplits=auto: " + cores + ")");
    // the folder's tarballs outnumber the cores already: nothing to split
    Dataset<Row> folder = spark.read().format("tordesc").option("type", "network-status-consensus-3")
        .option("archiveSplits", "auto").load(TestSpark.fixture("collector-tarball/derived-xz"));
    assertThat(folder.queryExecution().executedPlan().toString()).contains("(archiveSplits=auto: 1)");
  }

  @Test
  void sqlViewWithOptions() {
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW exits USING tordesc OPTIONS (path '"
        + TestSpark.fixture("exit-list") + "', type 'tordnsel')");
    List<Row> r = spark.sql("SELECT count(*), count(DISTINCT fingerprint), min(downloaded) FROM exits "
        + "WHERE downloaded < '2017-01-01'").collectAsList();
    assertThat(r.get(0).getLong(0)).isEqualTo(1118);
    assertThat(r.get(0).getTimestamp(2).toInstant().toString()).isEqualTo("2016-09-20T13:02:00Z");
  }
}
