package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
  void aTaskWritesItsDatesWithoutSortingItsRowsFirst() {
    CommandLine writers = CommandLine.run("sql", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--query", "SET spark.sql.maxConcurrentOutputFileWriters");
    assertThat(writers.out().lines()).contains("spark.sql.maxConcurrentOutputFileWriters\t40");
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
  void theSparkDefaultsFilesCapTheStagePoolsAsTheRunnerDoes() throws IOException {
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
