package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;

class BandwidthScalingJobTest {
  static SparkSession spark;
  static final String BW_DIR = JobTestSpark.fixture("bandwidth-file");
  static final String TARBALL = JobTestSpark.fixture("collector-tarball/bandwidths-2019-05-cropped.tar");

  /** Every real bandwidth file checked, with the votes: run once, read by several tests. */
  @TempDir
  static Path checkedFixtures;
  static List<String> checkedSummary;

  @BeforeAll
  static void start() throws Exception {
    spark = JobTestSpark.start();
    checkedSummary = run("--in", BW_DIR, "--out", checkedFixtures.toString(), "--votes", JobTestSpark.fixture("vote"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<String> run(String... args) throws Exception {
    BandwidthScalingJob job = new BandwidthScalingJob();
    List<JobOption> options = new ArrayList<>(job.options());
    return job.run(spark, JobArgs.parse(List.of(args), options));
  }

  /** Relay lines (containing node_id=) and fresh Torflow lines (measured_at == updated_at), from the raw text. */
  static int[] rawCounts(Path file) throws Exception {
    int lines = 0;
    int fresh = 0;
    for (String l : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      if (!l.contains("node_id=")) {
        continue;
      }
      lines++;
      String m = null;
      String u = null;
      for (String t : l.split(" ")) {
        if (t.startsWith("measured_at=")) {
          m = t;
        } else if (t.startsWith("updated_at=")) {
          u = t;
        }
      }
      if (m != null && u != null && m.substring(12).equals(u.substring(11))) {
        fresh++;
      }
    }
    return new int[] {lines, fresh};
  }

  @Test
  void everyRealBandwidthFileIsCheckedAndPartitionedByItsDate() throws Exception {
    Path out = checkedFixtures;
    assertThat(checkedSummary.get(0)).contains("5 files");
    List<Row> files = spark.read().parquet(out + "/files").orderBy("source_file").collectAsList();
    assertThat(files).hasSize(5);
    int totalLines = 0;
    try (Stream<Path> s = Files.list(Path.of(BW_DIR))) {
      for (Path p : s.toList()) {
        int[] raw = rawCounts(p);
        totalLines += raw[0];
        Row r = files.stream().filter(f -> f.getString(0).endsWith(p.getFileName().toString())).findFirst().orElseThrow();
        assertThat(r.<Integer>getAs("lines")).as(p.toString()).isEqualTo(raw[0]);
        if ("torflow".equals(r.getAs("era"))) {
          assertThat(r.<Integer>getAs("exact")).isEqualTo(raw[1]);
          assertThat(r.<Integer>getAs("not_checkable")).isEqualTo(raw[0] - raw[1]);
        }
        assertThat(r.<Integer>getAs("outliers")).isZero();
        assertThat(r.<Boolean>getAs("follows_scaling")).isTrue();
      }
    }
    assertThat(spark.read().parquet(out + "/relays").count()).isEqualTo(totalLines);
    // a relay row names its file by digest; the file's row holds the rest (source_file, version, ...)
    Dataset<Row> relays = spark.read().parquet(out + "/relays");
    Dataset<Row> filesByDigest = spark.read().parquet(out + "/files").select("digest", "source_file", "lines");
    assertThat(relays.columns()).doesNotContain("source_file");
    assertThat(relays.join(filesByDigest, "digest").count()).isEqualTo(totalLines);
    assertThat(relays.groupBy("digest").count().join(filesByDigest, "digest")
        .where("count != lines").count()).isZero();
    assertThat(spark.read().parquet(out + "/files").selectExpr("cast(date as string)").distinct().orderBy("date")
        .collectAsList().stream().map(r -> r.getString(0)).toList())
        .containsExactly("2019-01-14", "2019-04-21", "2019-05-14");
    assertThat(spark.read().parquet(out + "/files").where("era = 'sbws-a0'").first().<String>getAs("software_version"))
        .isEqualTo("1.0.2");
  }

  @Test
  void rerunForOneDateReplacesExactlyThatPartition(@TempDir Path out) throws Exception {
    copy(checkedFixtures.resolve(BandwidthScalingJob.FILES), out.resolve(BandwidthScalingJob.FILES));
    // the CollecTor tarball holds the same two 2019-05-14 files: re-run for that day only
    run("--in", TARBALL, "--out", out.toString(), "--start", "2019-05-14", "--end", "2019-05-14");
    List<Row> byDate = spark.read().parquet(out + "/files").groupBy("date").count().orderBy("date").collectAsList();
    assertThat(byDate).extracting(r -> r.get(0).toString() + "=" + r.getLong(1))
        .containsExactly("2019-01-14=2", "2019-04-21=1", "2019-05-14=2");
    assertThat(spark.read().parquet(out + "/files").where("date = '2019-05-14'").collectAsList())
        .allSatisfy(r -> assertThat(r.getString(0)).contains("bandwidths-2019-05-cropped.tar!"));
  }

  @Test
  void theFileRowsNeverReachSparksListeners(@TempDir Path out) throws Exception {
    // the status listener prints every accumulator value it is given, on its own thread, while the
    // scheduler merges tasks' file rows into the driver's map
    List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        scala.jdk.javaapi.CollectionConverters.asJava(end.taskInfo().accumulables())
            .forEach(a -> seen.add(a.update().getOrElse(() -> null)));
      }

      @Override
      public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted done) {
        scala.jdk.javaapi.CollectionConverters.asJava(done.stageInfo().accumulables()).values()
            .forEach(a -> seen.add(a.value().getOrElse(() -> null)));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      assertThat(run("--in", BW_DIR, "--out", out.toString())).singleElement().asString().contains("0 unreadable");
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertThat(seen).isNotEmpty(); // Spark's own task metrics
    assertThat(seen).noneMatch(v -> v instanceof java.util.Map);
  }

  @Test
  void aDayWithOneFile(@TempDir Path out) throws Exception {
    run("--in", BW_DIR, "--out", out.toString(), "--start", "2019-04-21", "--end", "2019-04-21");
    List<Row> files = spark.read().parquet(out + "/files").collectAsList();
    assertThat(files).hasSize(1);
    assertThat(files.get(0).<String>getAs("era")).isEqualTo("sbws-a");
    assertThat(files.get(0).<Integer>getAs("lines")).isEqualTo(58);
  }

  @Test
  void emptyFolderWritesNoRows(@TempDir Path in, @TempDir Path out) throws Exception {
    List<String> summary = run("--in", in.toString(), "--out", out.toString());
    assertThat(summary.get(0)).contains("0 files");
  }

  @Test
  void unreadableFileBecomesARowWithItsParseError(@TempDir Path in, @TempDir Path out) throws Exception {
    Files.writeString(in.resolve("broken-bandwidth"), "@type bandwidth-file 1.0\nnot a timestamp\n");
    run("--in", in.toString(), "--out", out.toString());
    Row r = spark.read().parquet(out + "/files").first();
    assertThat(r.<String>getAs("parse_error")).isNotEmpty();
    assertThat(r.<Integer>getAs("lines")).isZero();
  }

  @Test
  void votesWithoutABandwidthFileDigestPairWithNothing() {
    // the 2016 maatuska vote has Measured= values but predates bandwidth-file-digest
    assertThat(checkedSummary.get(1)).contains("0 vote/file pairs");
  }

  /** Copies a job's output table, as a re-run would find it. */
  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  @Test
  void generateReproducesTheSampleBandwidthFiles(@TempDir Path out) throws Exception {
    List<String> summary = run("--part", "generate", "--in", JobTestSpark.fixture("sbws-results/2019-03-25.txt"),
        "--in", JobTestSpark.fixture("sbws-results/2019-05-11.txt"), "--out", out.toString());
    assertThat(summary.get(summary.size() - 1)).contains("2 files").contains("(0 lines were not sbws results)");
    Map<String, Map<String, String>> ours = lines(Files.readString(
        out.resolve("v3bw/2019-03-25/20190325_130523.v3bw")));
    Map<String, Map<String, String>> theirs = lines(Files.readString(
        Path.of(JobTestSpark.fixture("sbws-results/v3bw/20190325_130909.v3bw"))));
    assertThat(ours).hasSize(15).isEqualTo(theirs);
    assertThat(lines(Files.readString(out.resolve("v3bw/2019-05-11/20190511_062838.v3bw"))))
        .isEqualTo(lines(Files.readString(Path.of(JobTestSpark.fixture("sbws-results/v3bw/20190511_063232.v3bw")))));
    assertThat(spark.read().parquet(out + "/generated").count()).isEqualTo(30);
    assertThat(spark.read().parquet(out + "/generated").where("excluded").count()).isEqualTo(30);
  }

  static Map<String, Map<String, String>> lines(String text) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    boolean body = false;
    for (String row : text.split("\n")) {
      if (row.startsWith("====")) {
        body = true;
        continue;
      }
      if (body && !row.isEmpty()) {
        Map<String, String> kv = new TreeMap<>();
        for (String t : row.split(" ")) {
          kv.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
        }
        out.put(kv.get("node_id"), kv);
      }
    }
    return out;
  }

  @Test
  void badOptionsGiveOneLineErrorsNamingTheOption(@TempDir Path out) {
    assertThatThrownBy(() -> run("--in", BW_DIR, "--out", out.toString(), "--start", "2019-05-14", "--end", "2019-05-01"))
        .isInstanceOf(JobArgException.class).hasMessageContaining("--end").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> run("--in", out.resolve("nope").toString(), "--out", out.toString()))
        .isInstanceOf(JobArgException.class).hasMessageStartingWith("option --in:").hasMessageContaining("does not exist");
    assertThatThrownBy(() -> run("--in", BW_DIR, "--out", out.toString(), "--part", "frobnicate"))
        .isInstanceOf(JobArgException.class).hasMessageStartingWith("option --part:");
    assertThatThrownBy(() -> run("--part", "generate", "--in", BW_DIR, "--out", out.toString(), "--preset", "sbws-0.1"))
        .isInstanceOf(JobArgException.class).hasMessageStartingWith("option --preset:");
    assertThatThrownBy(() -> run("--out", out.toString())).hasMessageContaining("--in");
    assertThatThrownBy(() -> run("--in", BW_DIR)).hasMessageContaining("--out");
    assertThatThrownBy(() -> run("--in", BW_DIR, "--out", out.toString(), "--start", "2019-13-01"))
        .hasMessageStartingWith("option --start:");
  }

  @Test
  void unknownJobAndUnknownOptionFailBeforeSparkStarts() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(JobRunner.run(List.of("no-such-job"), System.out, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown job 'no-such-job'").contains("bandwidth-scaling");
    err.reset();
    assertThat(JobRunner.run(List.of("bandwidth-scaling", "--port", "x"), System.out, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).trim()).contains("unknown option --port").doesNotContain("\n");
  }

  /** What each document of the file is: its entry, offset and (for errors) the message. */
  private static String key(String file, ParsedDocument d) {
    return d.source().entry() + "@" + d.offset() + (d.isError() ? " error " + d.error().message() : " ok");
  }

  /**
   * JobIO.perDocument: a tarball read alone in local mode is one task (decompressed once) whose
   * documents are mapped on the cores' threads, each once, in file order.
   */
  @Test
  void aTarballReadAloneIsOneTaskMappingEveryDocumentOnceInOrder() throws Exception {
    List<String> expected = new ArrayList<>();
    try (InputStream in = Files.newInputStream(Path.of(TARBALL));
        DescriptorReader r = DescriptorReader.open(in, TARBALL, DescriptorReader.Options.lenient()
            .withType(DescriptorType.BANDWIDTH_FILE))) {
      r.forEachRemaining(d -> expected.add(key(TARBALL, d)));
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(2);

    JavaRDD<String> read = JobIO.perDocument(spark, List.of(TARBALL), DescriptorType.BANDWIDTH_FILE,
        (file, d) -> List.of(key(file, d) + " on " + (Thread.currentThread().getName().startsWith("torspark-parse")
            ? "pool" : "task")));
    assertThat(spark.sparkContext().defaultParallelism()).isEqualTo(2);
    assertThat(read.getNumPartitions()).isEqualTo(1);
    assertThat(read.collect()).containsExactlyElementsOf(expected.stream().map(k -> k + " on pool").toList());
  }

  @Test
  void aTarballIsSharedOnlyWhenItWantsMoreCoresThanAnExecutorHas() {
    // local mode: one executor with every core
    assertThat(JobIO.plan(1, 2, 2)).isEqualTo(new JobIO.TarballPlan(1, 2));
    assertThat(JobIO.plan(3, 8, 8)).isEqualTo(new JobIO.TarballPlan(1, 3));
    // a cluster of 4-core executors: a month's tarball on 12 cores is 3 tasks of 4 threads
    assertThat(JobIO.plan(1, 12, 4)).isEqualTo(new JobIO.TarballPlan(3, 4));
    assertThat(JobIO.plan(2, 3, 1)).isEqualTo(new JobIO.TarballPlan(2, 1));
    // never more than MAX_SHARES decompressions of one tarball
    assertThat(JobIO.plan(1, 256, 4)).isEqualTo(new JobIO.TarballPlan(JobIO.MAX_SHARES, 4));
  }

  @Test
  void onlyFewerTarballsThanCoresAreShared(@TempDir Path dir) throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    assertThat(JobIO.tarballsToShare(conf, List.of(TARBALL), 2)).singleElement()
        .satisfies(f -> assertThat(f).endsWith("bandwidths-2019-05-cropped.tar"));
    // as many tarballs as cores, or plain files: whole files, one task step each
    assertThat(JobIO.tarballsToShare(conf, List.of(TARBALL), 1)).isNull();
    assertThat(JobIO.tarballsToShare(conf, List.of(BW_DIR), 64)).isNull();
    // a folder holding one tarball is shared; a hidden file beside it turns sharing off
    Files.copy(Path.of(TARBALL), dir.resolve("bandwidths-2019-05.tar"));
    assertThat(JobIO.tarballsToShare(conf, List.of(dir.toString()), 2)).hasSize(1);
    Files.writeString(dir.resolve("_SUCCESS"), "");
    assertThat(JobIO.tarballsToShare(conf, List.of(dir.toString()), 2)).isNull();
    assertThat(JobIO.tarballsToShare(conf, List.of(dir.resolve("missing").toString()), 2)).isNull();
  }

  /** The summary as the job's Spark query made it until 2026-11-25, the oracle for the Java sums. */
  private static String sqlSummary(Dataset<Row> files, String out) {
    Row t = files.selectExpr("count(*)", "sum(lines)", "sum(exact)", "sum(within_rounding)", "sum(consistent)",
        "sum(outliers)", "sum(not_checkable)", "sum(if(follows_scaling, 1, 0))",
        "sum(if(parse_error is null, 0, 1))").first();
    return String.format(java.util.Locale.ROOT,
        "bandwidth-scaling: %s files (written to %s), %s lines: %s exact, %s within rounding, %s consistent, "
            + "%s outliers, %s not checkable; %s files follow their scaling, %s unreadable",
        t.get(0), out, t.get(1), t.get(2), t.get(3), t.get(4), t.get(5), t.get(6), t.get(7), t.get(8));
  }

  @Test
  void theSummarySumsTheFileRowsAsTheQueryDid() {
    // the real files (an unreadable one among them, follows_scaling true, false and null) and none
    List<Row> files = spark.read().schema(BandwidthScalingJob.FILE_SCHEMA)
        .parquet(checkedFixtures.resolve(BandwidthScalingJob.FILES).toString())
        .selectExpr(java.util.Arrays.stream(BandwidthScalingJob.FILE_SCHEMA.fieldNames()).toArray(String[]::new))
        .collectAsList();
    assertThat(files).anyMatch(r -> !r.isNullAt(r.fieldIndex("follows_scaling")) && r.getBoolean(r.fieldIndex("follows_scaling")));
    // and an unreadable file's row (a parse error, no verdict, a count missing) and one not following
    // its scaling
    Object[] v = new Object[files.get(0).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = files.get(0).get(i);
    }
    v[files.get(0).fieldIndex("parse_error")] = "unreadable";
    v[files.get(0).fieldIndex("follows_scaling")] = null;
    v[files.get(0).fieldIndex("outliers")] = null;
    List<Row> all = new ArrayList<>(files);
    all.add(org.apache.spark.sql.RowFactory.create(v));
    Object[] w = v.clone();
    w[files.get(0).fieldIndex("parse_error")] = null;
    w[files.get(0).fieldIndex("follows_scaling")] = false;
    all.add(org.apache.spark.sql.RowFactory.create(w));
    for (List<Row> rows : List.of(all, files.subList(0, 1), List.<Row>of())) {
      assertThat(BandwidthScalingJob.summary(rows, "/o"))
          .isEqualTo(sqlSummary(spark.createDataFrame(rows, BandwidthScalingJob.FILE_SCHEMA), "/o"));
    }
    assertThat(BandwidthScalingJob.summary(all, "/o")).contains(", 1 unreadable");
    assertThat(checkedSummary.get(0)).startsWith("bandwidth-scaling: " + files.size() + " files");
  }
}
