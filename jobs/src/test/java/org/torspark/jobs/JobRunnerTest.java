package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.jobs.testing.TestData;
import org.torspark.source.NioLocalFileSystem;

/** {@code torspark run A ... --then B ...}: several jobs in one Spark session, all checked first. */
class JobRunnerTest {

  @Test
  void jobsAfterThenShareTheFirstJobsSession() {
    CommandLine r = CommandLine.run("sql", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--query", "CREATE TEMPORARY VIEW answer AS SELECT 42 AS x",
        "--then", "sql", "--query", "SELECT x FROM answer");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).containsExactly("x", "42");
  }

  @Test
  void localModeShufflesIntoTwoPartitionsPerCoreUnlessConfSaysOtherwise() {
    assertThat(JobRunner.localShufflePartitions("local")).isEqualTo(4);
    assertThat(JobRunner.localShufflePartitions("local[3]")).isEqualTo(6);
    assertThat(JobRunner.localShufflePartitions("local[8,2]")).isEqualTo(16);
    assertThat(JobRunner.localShufflePartitions("local[*]"))
        .isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    CommandLine local = CommandLine.run("sql", "--master", "local[3]", "--conf", "spark.ui.enabled=false",
        "--query", "SET spark.sql.shuffle.partitions");
    assertThat(local.code()).as(local.err()).isZero();
    assertThat(local.out().lines()).contains("spark.sql.shuffle.partitions\t6");
    CommandLine given = CommandLine.run("sql", "--master", "local[3]", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.sql.shuffle.partitions=13", "--query", "SET spark.sql.shuffle.partitions");
    assertThat(given.out().lines()).contains("spark.sql.shuffle.partitions\t13");
  }

  @Test
  void aTaskWritesItsDatesWithoutSortingItsRowsFirstAndTimestampsAsMicroseconds(@TempDir Path dir) throws Exception {
    SparkSession spark = TestData.spark(); // JobRunner.withDefaults's settings
    List<String> plans = new java.util.concurrent.CopyOnWriteArrayList<>();
    QueryExecutionListener listener = new QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        plans.add(qe.executedPlan().toString());
      }

      @Override
      public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        plans.add("failed: " + exception);
      }
    };
    spark.listenerManager().register(listener);
    try {
      // three days, their rows interleaved: a writer that needed rows sorted by date would sort them
      Dataset<Row> rows = spark.sql("SELECT id, timestamp_seconds(1700000000 + (id % 3) * 86400) AS at, "
          + "to_date(timestamp_seconds(1700000000 + (id % 3) * 86400)) AS date FROM range(30)");
      JobIO.writeByDate(rows.repartition(1), dir.toString());
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.stop(); // the other tests here start sessions of their own, with other masters
    }
    assertThat(plans).singleElement().asString()
        .contains("InsertIntoHadoopFsRelationCommand").doesNotContain("Sort");
    List<Path> files;
    try (var walk = Files.walk(dir)) {
      files = walk.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
    }
    assertThat(files).hasSize(3); // one file per date from the one task
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(files.get(0).toUri()), new org.apache.hadoop.conf.Configuration()))) {
      PrimitiveType at = reader.getFooter().getFileMetaData().getSchema().getType("at").asPrimitiveType();
      assertThat(at.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
      assertThat(at.getLogicalTypeAnnotation()).isEqualTo(
          LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
    }
  }

  @Test
  void theDriversStagePoolsAreCappedUnlessConfSaysOtherwise() {
    CommandLine capped = CommandLine.run("sql", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--query", "SET spark.sql.shuffleExchange.maxThreadThreshold");
    assertThat(capped.code()).as(capped.err()).isZero();
    assertThat(capped.out().lines()).contains("spark.sql.shuffleExchange.maxThreadThreshold\t"
        + JobRunner.THREAD_POOL_CAPS.get("spark.sql.shuffleExchange.maxThreadThreshold"));
    CommandLine given = CommandLine.run("sql", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.sql.broadcastExchange.maxThreadThreshold=7", "--query", "SET spark.sql.broadcastExchange.maxThreadThreshold");
    assertThat(given.out().lines()).contains("spark.sql.broadcastExchange.maxThreadThreshold\t7");
  }

  @Test
  void theSparkDefaultsFilesSetWhatTheRunnerSets() throws IOException {
    Path conf = Paths.get(System.getProperty("torspark.root", ".."), "conf");
    for (String file : List.of("spark-defaults.conf", "spark-defaults-cluster.conf")) {
      Map<String, String> settings = new HashMap<>();
      for (String line : Files.readAllLines(conf.resolve(file))) {
        String[] kv = line.strip().split("\\s+", 2);
        if (kv.length == 2 && !kv[0].startsWith("#")) {
          settings.put(kv[0], kv[1]);
        }
      }
      assertThat(settings).as(file).containsAllEntriesOf(JobRunner.THREAD_POOL_CAPS);
      assertThat(settings).as(file).containsAllEntriesOf(JobRunner.WRITE_DEFAULTS);
      if (file.equals("spark-defaults.conf")) {
        assertThat(settings).as(file).containsAllEntriesOf(JobRunner.LOCAL_DEFAULTS);
      } else {
        assertThat(settings).as(file).doesNotContainKeys(JobRunner.LOCAL_DEFAULTS.keySet().toArray(String[]::new));
      }
    }
  }

  @Test
  void localModeWritesFilesThroughTheNioLocalFileSystem() {
    CommandLine local = CommandLine.run("sql", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--query", "SET spark.hadoop.fs.file.impl");
    assertThat(local.code()).as(local.err()).isZero();
    assertThat(local.out().lines()).contains("spark.hadoop.fs.file.impl\t" + NioLocalFileSystem.class.getName());
  }

  @Test
  void anUnknownOptionInALaterJobStopsBeforeTheFirstRuns() {
    CommandLine r = CommandLine.run("sql", "--master", "local[1]", "--query", "SELECT 1 AS one", "--then", "sql", "--limt", "5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).startsWith("torspark run sql: unknown option --limt; options: ");
  }

  @Test
  void sessionOptionsAfterThenAreRefused() {
    CommandLine r = CommandLine.run("sql", "--query", "SELECT 1", "--then", "sql", "--master", "local[2]", "--query", "SELECT 2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("torspark run sql: options --master and --conf belong to the first job: "
        + "the jobs after --then share its Spark session");
  }

  @Test
  void thenWithoutAJobIsAnError() {
    CommandLine r = CommandLine.run("sql", "--query", "SELECT 1", "--then");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("torspark run: --then must be followed by a job");
  }
}
