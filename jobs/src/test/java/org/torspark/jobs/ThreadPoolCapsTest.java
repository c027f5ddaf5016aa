package org.torspark.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.torspark.jobs.testing.TestData;

/**
 * With {@link JobRunner#THREAD_POOL_CAPS}, a JVM running query after query keeps at most the cap
 * of threads in each of Spark's stage pools; Spark's own limits (1,024) let one per stage pile up
 * for a minute, which took a test JVM past CI's pid limit.
 */
class ThreadPoolCapsTest {

  @Test
  void queriesOneAfterAnotherStayWithinTheCaps() {
    SparkSession spark = TestData.spark();
    try {
      runQueriesAndCheckThePools(spark);
    } finally {
      spark.stop();
    }
  }

  private static void runQueriesAndCheckThePools(SparkSession spark) {
    int shuffleCap = Integer.parseInt(JobRunner.THREAD_POOL_CAPS.get("spark.sql.shuffleExchange.maxThreadThreshold"));
    int resultCap = Integer.parseInt(JobRunner.THREAD_POOL_CAPS.get("spark.sql.resultQueryStage.maxThreadThreshold"));
    int queries = shuffleCap + resultCap + 8;
    for (int i = 0; i < queries; i++) {
      // an adaptive plan with a shuffle stage and a result stage, each started from its pool
      long groups = spark.range(0, 200, 1, 2).groupBy(col("id").mod(7 + i)).count().count();
      assertThat(groups).isEqualTo(Math.min(200, 7 + i));
    }
    Map<String, Long> pools = Thread.getAllStackTraces().keySet().stream()
        .map(t -> t.getName().replaceAll("-\\d+$", ""))
        .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    // the pools were used (the test means something) and stayed within their caps
    assertThat(pools.getOrDefault("shuffle-exchange", 0L)).isBetween(1L, (long) shuffleCap);
    assertThat(pools.getOrDefault("ResultQueryStageExecution", 0L)).isBetween(1L, (long) resultCap);
  }
}
