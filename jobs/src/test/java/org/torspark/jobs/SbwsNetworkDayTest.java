package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sbws_network_daily in plain Java gives what the SQL aggregate it replaced gives: the same query
 * runs here on the same relay rows, and every column must be equal, doubles to the bit.
 */
class SbwsNetworkDayTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = JobTestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** The query sbws_network_daily was defined by. */
  private static final String SQL = String.join("\n",
      "SELECT count(*) AS relays, sum(if(successes > 0, 1, 0)) AS relays_with_success,",
      "  sum(attempts) AS attempts, sum(successes) AS successes, sum(successes) / sum(attempts) AS success_rate,",
      "  sum(error_stream) AS error_stream, sum(error_circ) AS error_circ, sum(error_misc) AS error_misc,",
      "  sum(error_destination) AS error_destination, sum(error_second_relay) AS error_second_relay,",
      "  sum(error_other) AS error_other, sum(downloads) AS downloads,",
      "  min(median_throughput) AS relay_median_throughput_min,",
      "  percentile(median_throughput, 0.1) AS relay_median_throughput_p10,",
      "  percentile(median_throughput, 0.25) AS relay_median_throughput_p25,",
      "  percentile(median_throughput, 0.5) AS relay_median_throughput_p50,",
      "  percentile(median_throughput, 0.75) AS relay_median_throughput_p75,",
      "  percentile(median_throughput, 0.9) AS relay_median_throughput_p90,",
      "  max(median_throughput) AS relay_median_throughput_max, max(max_throughput) AS max_throughput, date",
      "FROM relays GROUP BY date ORDER BY date");

  private static Row relay(Random random, Date date, int distinctMedians) {
    Object[] v = new Object[MeasurementAggregatesJob.RELAY_DAILY_SCHEMA.size()];
    v[0] = String.format("%040X", random.nextInt(1 << 30));
    long attempts = 1 + random.nextInt(30);
    long successes = random.nextInt((int) attempts + 1);
    v[2] = attempts;
    v[3] = successes;
    for (int i = 4; i <= 10; i++) {
      v[i] = (long) random.nextInt(5);
    }
    if (successes > 0) {
      // few distinct values: ties at the interpolation points; many: interpolation between values
      double median = distinctMedians > 0 ? 1000.0 * random.nextInt(distinctMedians) : random.nextDouble() * 1e7;
      v[11] = median;
      v[12] = median;
      v[13] = median * (1 + random.nextDouble());
    }
    v[14] = 0L;
    v[18] = date;
    return RowFactory.create(v);
  }

  @Test
  void equalsTheSqlAggregateOnRandomDays() {
    Random random = new Random(20231114);
    List<Row> rows = new ArrayList<>();
    // day sizes from one relay to thousands; one day without any median (all failures)
    int[] sizes = {1, 2, 3, 7, 10, 101, 4000};
    for (int d = 0; d < sizes.length; d++) {
      Date date = Date.valueOf("2023-11-" + (10 + d));
      for (int i = 0; i < sizes[d]; i++) {
        rows.add(relay(random, date, d % 2 == 0 ? 3 : 0));
      }
    }
    Date noMedians = Date.valueOf("2023-11-30");
    Object[] failed = new Object[MeasurementAggregatesJob.RELAY_DAILY_SCHEMA.size()];
    failed[2] = 3L;
    failed[3] = 0L;
    // relay rows always have their counts (the job's rows are built from primitives)
    for (int i = 4; i <= 10; i++) {
      failed[i] = 0L;
    }
    failed[14] = 0L;
    failed[18] = noMedians;
    rows.add(RowFactory.create(failed));

    spark.createDataFrame(rows, MeasurementAggregatesJob.RELAY_DAILY_SCHEMA).createOrReplaceTempView("relays");
    List<Row> expected = spark.sql(SQL).collectAsList();

    // by day, in parts as tasks would sum them, then merged
    List<Row> got = new ArrayList<>();
    for (Row e : expected) {
      Object date = e.get(e.size() - 1);
      SbwsNetworkDay a = null;
      SbwsNetworkDay b = null;
      int n = 0;
      for (Row r : rows) {
        if (r.get(18).equals(date)) {
          SbwsNetworkDay one = SbwsNetworkDay.of(r);
          if (n++ % 3 == 0) {
            a = a == null ? one : a.merge(one);
          } else {
            b = b == null ? one : b.merge(one);
          }
        }
      }
      got.add((b == null ? a : a.merge(b)).row(date));
    }
    assertThat(got).hasSize(sizes.length + 1);
    for (int i = 0; i < got.size(); i++) {
      List<Object> g = asList(got.get(i));
      List<Object> e = asList(expected.get(i));
      assertThat(g).as("day %s", e.get(e.size() - 1)).isEqualTo(e);
    }
    assertThat(got.get(got.size() - 1).isNullAt(SbwsNetworkDay.SCHEMA.fieldIndex("relay_median_throughput_p50")))
        .isTrue();
  }

  private static List<Object> asList(Row r) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      out.add(r.get(i));
    }
    return out;
  }

  @Test
  void percentileInterpolatesBetweenTheClosestRanks() {
    double[] sorted = {10, 20, 40};
    // position (3 - 1) * 0.25 = 0.5: halfway between 10 and 20
    assertThat(SbwsNetworkDay.percentile(sorted, 0.25)).isEqualTo(15.0);
    assertThat(SbwsNetworkDay.percentile(sorted, 0.5)).isEqualTo(20.0);
    assertThat(SbwsNetworkDay.percentile(sorted, 0.9)).isEqualTo(0.2 * 20 + 0.8 * 40);
    assertThat(SbwsNetworkDay.percentile(new double[] {7}, 0.1)).isEqualTo(7.0);
    assertThat(SbwsNetworkDay.percentile(new double[0], 0.5)).isNull();
    assertThat(SbwsNetworkDay.SCHEMA.fieldNames()).isEqualTo(Arrays.stream(
        spark.sql("SELECT * FROM (" + SQL.replace("ORDER BY date", "") + ")").schema().fields())
        .map(f -> f.name()).toArray(String[]::new));
  }
}
