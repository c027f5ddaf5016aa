package org.torspark.jobs.exit;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torspark.jobs.support.TimeRange;
import org.torspark.jobs.testing.TestData;

/**
 * The summary changes exit-policy-trends takes from its one pass over the entries must be the rows
 * the window over every entry gives, however the entries are spread over tasks; and where tasks'
 * consensuses interleave in time, the pass must say so, so that the job uses the window instead.
 */
class ExitEntryPassTest {
  private static final StructType ENTRIES = new StructType()
      .add("valid_after", DataTypes.TimestampType).add("fingerprint", DataTypes.StringType)
      .add("nickname", DataTypes.StringType).add("digest", DataTypes.StringType)
      .add("exit_policy", DataTypes.StringType).add("bandwidth", DataTypes.LongType)
      .add("flags", DataTypes.createArrayType(DataTypes.StringType));
  private static final Instant START = Instant.parse("2020-04-01T00:00:00Z");
  private static final int HOURS = 12;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestData.spark();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * Four relays over twelve hours: A changes at 03:00 and back at 07:00 (crossing the 6-hour task
   * boundary below), B only at 06:00 (the first hour of the second task), C never, and D has no
   * summary at first (null) then gets one; A is missing from the 05:00 consensus.
   */
  private static List<Row> entries() {
    List<Row> rows = new ArrayList<>();
    for (int h = 0; h < HOURS; h++) {
      Timestamp at = Timestamp.from(START.plusSeconds(3600L * h));
      if (h != 5) {
        rows.add(entry(at, "A", h >= 3 && h < 7 ? "accept 80,443" : "reject 1-65535"));
      }
      rows.add(entry(at, "B", h >= 6 ? "accept 1-65535" : "accept 443"));
      rows.add(entry(at, "C", "reject 25"));
      rows.add(entry(at, "D", h < 2 ? null : "accept 22"));
    }
    return rows;
  }

  private static Row entry(Timestamp at, String relay, String summary) {
    String fingerprint = relay.repeat(40);
    List<String> flags = summary != null && summary.startsWith("accept") ? List.of("Exit", "Running") : List.of("Running");
    return RowFactory.create(at, fingerprint, "relay" + relay, relay.toLowerCase().repeat(40), summary, 100L,
        org.torspark.jobs.support.Columns.arrayValue(flags));
  }

  private static Dataset<Row> pass(Dataset<Row> entries, TimeRange range) {
    Broadcast<ExitEntryPass.Context> context = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new ExitEntryPass.Context(new int[] {80, 443}, Map.of(), null,
            range.from() == null ? Long.MIN_VALUE : ExitEntryPass.micros(range.from()),
            range.to() == null ? Long.MAX_VALUE : ExitEntryPass.micros(range.to())));
    return ExitEntryPass.of(entries, context).cache();
  }

  private static List<Row> sorted(Dataset<Row> changes) {
    return changes.orderBy(col("fingerprint"), col("changed_at")).collectAsList();
  }

  @Test
  void changesFromOrderedTasksEqualTheWindowsWithinAndAcrossTasks() {
    for (TimeRange range : new TimeRange[] {TimeRange.ALL,
        new TimeRange(START.plusSeconds(3600L * 6), START.plusSeconds(3600L * 10))}) {
      for (int tasks : new int[] {1, 2, 3}) {
        // each task a run of consecutive hours, in order (as one tarball or one run of files)
        Dataset<Row> entries = spark.createDataFrame(entries(), ENTRIES)
            .repartitionByRange(tasks, col("valid_after")).sortWithinPartitions("valid_after");
        Dataset<Row> pass = pass(entries, range);
        assertThat(ExitPolicyTrends.spansInOrder(pass)).as(tasks + " tasks").isTrue();
        List<Row> expected = sorted(ExitPolicyTrends.summaryChanges(entries, range));
        assertThat(sorted(ExitPolicyTrends.passChanges(pass, range))).as(tasks + " tasks, " + range)
            .containsExactlyElementsOf(expected);
        if (range.from() == null) {
          // A at 03:00 and back at 07:00, B at 06:00, D (no summary, then one) at 02:00
          assertThat(expected).extracting(r -> r.getString(1).substring(0, 1) + "@" + r.getTimestamp(4).toInstant())
              .containsExactly("A@2020-04-01T03:00:00Z", "A@2020-04-01T07:00:00Z", "B@2020-04-01T06:00:00Z",
                  "D@2020-04-01T02:00:00Z");
        } else {
          assertThat(expected).hasSize(2);
        }
      }
    }
  }

  @Test
  void theContextSurvivesKryoRegressionRecordsCouldNotBeBroadcastOnACluster() {
    // conf/ serialises broadcasts with Kryo, which cannot write records; local mode never
    // serialises a broadcast, so only spark-submit on a cluster failed
    ExitEntryPass.Descriptor web = new ExitEntryPass.Descriptor(true, new boolean[] {true, false});
    ExitEntryPass.Context context = new ExitEntryPass.Context(new int[] {80, 443},
        Map.of(7L, new ExitEntryPass.Weights(10_000L, null, 10_000L)), Map.of("aa", web, "bb", web), 1L, 9L);
    org.apache.spark.serializer.SerializerInstance kryo =
        new org.apache.spark.serializer.KryoSerializer(new org.apache.spark.SparkConf()).newInstance();
    scala.reflect.ClassTag<ExitEntryPass.Context> tag = scala.reflect.ClassTag$.MODULE$.apply(ExitEntryPass.Context.class);
    ExitEntryPass.Context back = kryo.deserialize(kryo.serialize(context, tag), tag);
    assertThat(back.ports()).containsExactly(80, 443);
    assertThat(back.from()).isEqualTo(1L);
    assertThat(back.to()).isEqualTo(9L);
    assertThat(back.weights().get(7L).wee()).isEqualTo(10_000L);
    assertThat(back.weights().get(7L).present()).isFalse();
    UTF8String aa = UTF8String.fromString("aa");
    assertThat(back.descriptors().get(aa).ports()).containsExactly(true, false);
    assertThat(back.descriptors().get(aa)).as("answers stay shared")
        .isSameAs(back.descriptors().get(UTF8String.fromString("bb")));
  }

  @Test
  void interleavedTasksAreNotInOrder() {
    // every other hour in one task: spans overlap, so the job must fall back to the window
    Dataset<Row> byHour = spark.createDataFrame(entries(), ENTRIES)
        .repartitionByRange(2, org.apache.spark.sql.functions.hour(col("valid_after")).mod(2))
        .sortWithinPartitions("valid_after");
    assertThat(byHour.rdd().getNumPartitions()).isEqualTo(2);
    assertThat(ExitPolicyTrends.spansInOrder(pass(byHour, TimeRange.ALL))).isFalse();
    // one task whose rows are not in time order
    Dataset<Row> backwards = spark.createDataFrame(entries(), ENTRIES).coalesce(1)
        .sortWithinPartitions(col("valid_after").desc());
    assertThat(ExitPolicyTrends.spansInOrder(pass(backwards, TimeRange.ALL))).isFalse();
  }

  @Test
  void eachEntryIsJudgedByTheDescriptorItsOwnDigestNames() {
    // relay E allows 80 and 443 by its summary every hour; its digest names descriptor e1 (full policy
    // allows both) except from 04:00 to 07:00, when it names e2 (allows neither), and at 09:00, when it
    // names one that was not read: only 04:00-07:00 disagree, though the pass remembers each relay's
    // last descriptor
    String e1 = "e1".repeat(20);
    String e2 = "e2".repeat(20);
    List<Row> rows = new ArrayList<>();
    Map<Long, ExitEntryPass.Weights> weights = new java.util.HashMap<>();
    for (int h = 0; h < HOURS; h++) {
      Timestamp at = Timestamp.from(START.plusSeconds(3600L * h));
      String digest = h >= 4 && h < 8 ? e2 : h == 9 ? "f0".repeat(20) : e1;
      rows.add(RowFactory.create(at, "E".repeat(40), "relayE", digest, "accept 80,443", 100L,
          org.torspark.jobs.support.Columns.arrayValue(List.of("Exit", "Running"))));
      weights.put(ExitEntryPass.micros(at), new ExitEntryPass.Weights(10_000L, 10_000L, 10_000L));
    }
    Map<String, ExitEntryPass.Descriptor> descriptors = Map.of(
        e1, new ExitEntryPass.Descriptor(false, new boolean[] {true, true}),
        e2, new ExitEntryPass.Descriptor(false, new boolean[] {false, false}));
    Broadcast<ExitEntryPass.Context> context = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new ExitEntryPass.Context(new int[] {80, 443}, weights, descriptors, Long.MIN_VALUE, Long.MAX_VALUE));
    List<Row> disagreements = ExitEntryPass.of(spark.createDataFrame(rows, ENTRIES).coalesce(1), context)
        .filter(col("kind").equalTo(ExitEntryPass.DISAGREEMENT)).orderBy("valid_after").collectAsList();
    assertThat(disagreements).extracting(r -> r.getTimestamp(r.fieldIndex("valid_after")).toInstant().toString())
        .containsExactly("2020-04-01T04:00:00Z", "2020-04-01T05:00:00Z", "2020-04-01T06:00:00Z",
            "2020-04-01T07:00:00Z");
    assertThat(disagreements).allSatisfy(r -> {
      assertThat(r.getString(r.fieldIndex("digest"))).isEqualTo(e2);
      assertThat(r.getList(r.fieldIndex("summary_only_ports"))).containsExactly(80, 443);
    });
  }
}
