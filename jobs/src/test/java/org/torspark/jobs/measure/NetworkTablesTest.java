package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torspark.jobs.support.InternalRows;
import org.torspark.jobs.testing.TestData;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The network tables' rules where two copies of a consensus meet: per valid-after the least copy
 * (source_file, then source_entry, nulls first) is used; a copy counted twice (a path given twice)
 * adds up, its bandwidth lists joined; a consensus missing 0.1% of its descriptors is skipped in
 * the relay tables but stays in network_hourly and the distribution.
 */
class NetworkTablesTest {
  private static SparkSession spark;
  private static final StructType COUNTS = new StructType().add("valid_after", DataTypes.TimestampType)
      .add("source_file", DataTypes.StringType).add("source_entry", DataTypes.StringType)
      .add("dimension", DataTypes.StringType).add("value", DataTypes.StringType)
      .add("relays", DataTypes.LongType).add("advertised_bandwidth", DataTypes.LongType)
      .add("consensus_weight", DataTypes.LongType).add("referenced_descriptors", DataTypes.LongType)
      .add("missing_descriptors", DataTypes.LongType)
      .add("advbw_all", DataTypes.createArrayType(DataTypes.LongType, false))
      .add("advbw_exits", DataTypes.createArrayType(DataTypes.LongType, false));
  private static final Instant T1 = Instant.parse("2020-04-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2020-04-01T11:00:00Z");

  @BeforeAll
  static void start() {
    spark = TestData.spark();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Row totals(Instant at, String file, String entry, long relays, long referenced, long missing,
      Long... advbw) {
    long sum = Arrays.stream(advbw).mapToLong(Long::longValue).sum();
    return RowFactory.create(Timestamp.from(at), file, entry, null, null, relays, sum, 10 * relays, referenced,
        missing, CollectionConverters.asScala(Arrays.asList(advbw)).toSeq(),
        CollectionConverters.asScala(List.<Long>of()).toSeq());
  }

  private static Row pair(Instant at, String file, String entry, String value, long relays) {
    return RowFactory.create(Timestamp.from(at), file, entry, "flag", value, relays, null, relays, null, null, null,
        null);
  }

  private static List<Object> values(InternalRow r, StructType schema) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      Object v = r.isNullAt(i) ? null : r.get(i, schema.fields()[i].dataType());
      out.add(v instanceof org.apache.spark.unsafe.types.UTF8String u ? u.toString() : v);
    }
    return out;
  }

  @Test
  void copiesAreChosenPerValidAfterAndACopyCountedTwiceAddsUp() {
    List<Row> rows = List.of(
        // T1: copy (b, null) counted twice, copy (c, x) once: b < c
        totals(T1, "b", null, 2, 10, 0, 100L, 300L), totals(T1, "b", null, 1, 5, 0, 200L),
        pair(T1, "b", null, "Exit", 1), pair(T1, "b", null, "Exit", 1),
        totals(T1, "c", "x", 9, 9, 0, 900L), pair(T1, "c", "x", "Exit", 9),
        // T2: (null, e) before (a, e); it misses 1 of 1000 descriptors: skipped
        totals(T2, null, "e", 4, 1000, 1, 400L), pair(T2, null, "e", "Guard", 4),
        totals(T2, "a", "e", 7, 7, 0, 700L), pair(T2, "a", "e", "Guard", 7));
    NetworkTables t = new NetworkTables(true, true, 1).collect(spark.createDataFrame(rows, COUNTS).cache());
    long t1 = InternalRows.micros(T1);
    long t2 = InternalRows.micros(T2);
    int day = InternalRows.utcDay(t1);

    assertThat(t.consensuses()).isEqualTo(2);
    assertThat(t.kept()).isEqualTo(1);
    assertThat(t.networkHourly().stream().map(r -> values(r, NetworkTables.NETWORK_HOURLY)).toList())
        .containsExactly(Arrays.asList(day, t1, 3L, 15L, 0L, false, 30L, 600L),
            Arrays.asList(day, t2, 4L, 1000L, 1L, true, 40L, 400L));
    assertThat(t.relaysHourly().stream().map(r -> values(r, NetworkTables.RELAYS_HOURLY)).toList())
        .containsExactly(Arrays.asList(day, t1, "flag", "Exit", 2L, null, 2L));
    assertThat(t.relaysDaily().stream().map(r -> values(r, NetworkTables.RELAYS_DAILY)).toList())
        .containsExactly(Arrays.asList(day, "flag", "Exit", 1L, 2L, null, 2L));

    // the distribution is over both chosen consensuses, skipped or not; T1's lists are joined
    Map<String, Long> points = new TreeMap<>();
    for (InternalRow r : t.distributionHourly(spark.createDataFrame(rows, COUNTS)).collect()) {
      List<Object> v = values(r, NetworkTables.DISTRIBUTION_HOURLY);
      if (v.get(2).equals("all")) {
        points.put(v.get(1) + " " + v.get(3) + " " + v.get(4), (Long) v.get(5));
      }
    }
    assertThat(points).containsEntry(t1 + " rank 1", 300L).containsEntry(t1 + " rank 2", 200L)
        .containsEntry(t1 + " rank 3", 100L).doesNotContainKey(t1 + " rank 5")
        .containsEntry(t1 + " percentile 50", 200L).containsEntry(t2 + " rank 1", 400L)
        .doesNotContainKey(t2 + " rank 2");
  }

  @Test
  void theDailyDistributionIsTheFlooredMedianOfTheHours() {
    List<Row> rows = List.of(totals(T1, "a", null, 1, 1, 0, 101L), totals(T2, "a", null, 1, 1, 0, 200L));
    NetworkTables t = new NetworkTables(true, true, 2).collect(spark.createDataFrame(rows, COUNTS));
    List<InternalRow> daily = t.distributionDaily(t.distributionHourly(spark.createDataFrame(rows, COUNTS)))
        .collect();
    InternalRow rank1 = daily.stream().filter(r -> values(r, NetworkTables.DISTRIBUTION_DAILY)
        .subList(1, 4).equals(List.of("all", "rank", 1))).findFirst().orElseThrow();
    // median of 101 and 200 = 150.5, floored; two consensuses, two values
    assertThat(values(rank1, NetworkTables.DISTRIBUTION_DAILY).subList(4, 7)).containsExactly(2L, 2L, 150L);
    // with --min-consensuses 3 the day has too few
    NetworkTables three = new NetworkTables(true, true, 3).collect(spark.createDataFrame(rows, COUNTS));
    assertThat(three.distributionDaily(three.distributionHourly(spark.createDataFrame(rows, COUNTS))).count())
        .isZero();
  }
}
