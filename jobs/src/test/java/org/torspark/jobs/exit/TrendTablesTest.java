package org.torspark.jobs.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.torspark.jobs.support.InternalRows;

/**
 * The hourly and daily tables follow the SQL they were defined in (docs/jobs.md): ratios are null
 * over a null or zero denominator, daily counts are floored means of the hours' sums, daily
 * fractions are means of the non-null hours, summaries rank by entries and then by their UTF-8
 * bytes, ranks beyond --top fold into one {@code (other)} row, and days with fewer than
 * --min-consensuses consensuses are left out of the daily tables. Figures are worked by hand.
 */
class TrendTablesTest {
  private static final PortList PORTS = PortList.parse("ports", "80,443");
  private static final long DAY_A_10 = micros("2020-04-01T10:00:00Z");
  private static final long DAY_A_11 = micros("2020-04-01T11:00:00Z");
  private static final long DAY_B_00 = micros("2020-04-02T00:00:00Z");
  private static final int DAY_A = (int) LocalDate.parse("2020-04-01").toEpochDay();
  private static final int DAY_B = (int) LocalDate.parse("2020-04-02").toEpochDay();

  private static long micros(String instant) {
    return InternalRows.micros(Instant.parse(instant));
  }

  /** A column's value: strings as Java strings, nulls as null. */
  private static Object v(InternalRow r, StructType schema, String column) {
    int i = schema.fieldIndex(column);
    if (r.isNullAt(i)) {
      return null;
    }
    Object o = r.get(i, schema.apply(column).dataType());
    return o instanceof UTF8String u ? u.toString() : o;
  }

  private static List<Object> values(InternalRow r, StructType schema, String... columns) {
    List<Object> out = new ArrayList<>();
    for (String c : columns) {
      out.add(v(r, schema, c));
    }
    return out;
  }

  /**
   * Day A 10:00 (weights present): exit X (summary allows 80 and 443, descriptor found allowing 80
   * only, IPv6, bandwidth 100, exit weight 50) and non-exit Y (bandwidth 300). Day A 11:00 (no
   * weights): exit Z without bandwidth or weight, summary allows 80, no descriptor. Day B 00:00: a
   * lone consensus, too few for the daily tables at --min-consensuses 2.
   */
  private static TrendTables hours() {
    TrendTables t = new TrendTables(PORTS, true, 2);
    HourlySums h10 = new HourlySums(2, true);
    h10.add(true, false, true, true, new boolean[] {true, true}, new boolean[] {true, false}, 1, 100L, 50.0);
    h10.add(false, false, true, false, null, null, 1, 300L, null);
    t.addHour(DAY_A_10, h10);
    HourlySums h11 = new HourlySums(2, false);
    h11.add(true, false, false, null, new boolean[] {true, false}, null, 1, null, null);
    t.addHour(DAY_A_11, h11);
    HourlySums b = new HourlySums(2, true);
    b.add(true, false, false, null, new boolean[] {false, false}, null, 7, 70L, 7.0);
    t.addHour(DAY_B_00, b);
    return t;
  }

  @Test
  void exitsHourlyRatiosAreNullOverNullOrZeroDenominators() {
    List<InternalRow> rows = hours().exitsHourlyRows();
    StructType s = TrendTables.EXITS_HOURLY;
    assertThat(rows).hasSize(3);
    String[] columns = {"date", "valid_after", "running_relays", "exits", "bad_exits", "consensus_weight",
        "exit_consensus_weight", "exit_consensus_weight_fraction", "weights_present", "exits_with_descriptor",
        "ipv6_exits", "ipv6_exit_fraction", "ipv6_exit_probability"};
    assertThat(values(rows.get(0), s, columns))
        .containsExactly(DAY_A, DAY_A_10, 2L, 1L, 0L, 400L, 100L, 0.25, true, 1L, 1L, 1.0, 1.0);
    // no bandwidth at all: consensus_weight null, its fraction null; no descriptor: 0 of 0 is null
    assertThat(values(rows.get(1), s, columns))
        .containsExactly(DAY_A, DAY_A_11, 1L, 1L, 0L, null, 0L, null, false, 0L, 0L, null, null);
    assertThat(values(rows.get(2), s, "date", "running_relays")).containsExactly(DAY_B, 7L);
  }

  @Test
  void exitsDailyAreFlooredMeansAndMeansOfTheNonNullHours() {
    List<InternalRow> rows = hours().exitsDailyRows();
    // day B has one consensus, fewer than --min-consensuses 2
    assertThat(rows).hasSize(1);
    assertThat(values(rows.get(0), TrendTables.EXITS_DAILY, "date", "consensuses", "running_relays", "exits",
        "bad_exits", "exit_consensus_weight_fraction", "exits_with_descriptor", "ipv6_exits", "ipv6_exit_fraction",
        "ipv6_exit_probability"))
        // running (2 + 1) / 2 floored; the fractions are 10:00's alone, 11:00's being null
        .containsExactly(DAY_A, 2L, 1L, 1L, 0L, 0.25, 0L, 0L, 1.0, 1.0);
  }

  @Test
  void portRowsPerConsensusAndTheirDailyMeans() {
    TrendTables t = hours();
    StructType s = TrendTables.PORTS_HOURLY;
    HourlySums h10 = new HourlySums(2, true);
    h10.add(true, false, true, true, new boolean[] {true, true}, new boolean[] {true, false}, 1, 100L, 50.0);
    h10.add(false, false, true, false, null, null, 1, 300L, null);
    List<InternalRow> rows = new ArrayList<>();
    Iterator<InternalRow> it = new TrendTables.PortRows(PORTS, true).of(new TrendTables.Hour(DAY_A_10, h10));
    it.forEachRemaining(rows::add);
    String[] columns = {"date", "valid_after", "port", "service", "exits_total", "exits", "consensus_weight",
        "consensus_weight_fraction", "exit_probability", "exits_with_descriptor", "descriptor_exits",
        "descriptor_consensus_weight_fraction", "descriptor_exit_probability", "summary_only", "descriptor_only"};
    assertThat(rows).hasSize(2);
    assertThat(values(rows.get(0), s, columns)).containsExactly(DAY_A, DAY_A_10, 80, PORTS.service(0), 1L, 1L, 100L,
        0.25, 1.0, 1L, 1L, 0.25, 1.0, 0L, 0L);
    // 443: the summary allows it, the found descriptor does not
    assertThat(values(rows.get(1), s, columns)).containsExactly(DAY_A, DAY_A_10, 443, PORTS.service(1), 1L, 1L,
        100L, 0.25, 1.0, 1L, 0L, 0.0, 0.0, 1L, 0L);

    List<InternalRow> daily = t.portsDailyRows();
    assertThat(daily).hasSize(2);
    String[] dailyColumns = {"date", "port", "consensuses", "exits_total", "exits", "consensus_weight_fraction",
        "exit_probability", "descriptor_exits", "descriptor_consensus_weight_fraction", "descriptor_exit_probability",
        "summary_only", "descriptor_only"};
    // port 80 at 11:00: Z allows it, but there is no bandwidth (fraction null) and no weights
    // (probability null), so the means are 10:00's; counts are floored means: (1 + 1) / 2, (1 + 0) / 2
    assertThat(values(daily.get(0), TrendTables.PORTS_DAILY, dailyColumns))
        .containsExactly(DAY_A, 80, 2L, 1L, 1L, 0.25, 1.0, 0L, 0.25, 1.0, 0L, 0L);
    assertThat(values(daily.get(1), TrendTables.PORTS_DAILY, dailyColumns))
        .containsExactly(DAY_A, 443, 2L, 1L, 0L, 0.25, 1.0, 0L, 0.0, 0.0, 0L, 0L);
  }

  @Test
  void withoutDescriptorsTheDescriptorColumnsAreNull() {
    TrendTables t = new TrendTables(PORTS, false, 1);
    HourlySums h = new HourlySums(2, true);
    h.add(true, false, false, null, new boolean[] {true, false}, null, 3, 30L, 3.0);
    t.addHour(DAY_A_10, h);
    assertThat(values(t.portsDailyRows().get(0), TrendTables.PORTS_DAILY, "exits", "descriptor_exits",
        "descriptor_consensus_weight_fraction", "descriptor_exit_probability", "summary_only", "descriptor_only"))
        .containsExactly(3L, null, null, null, null, null);
    assertThat(values(t.exitsDailyRows().get(0), TrendTables.EXITS_DAILY, "exits", "exits_with_descriptor",
        "ipv6_exits", "ipv6_exit_fraction", "ipv6_exit_probability"))
        .containsExactly(3L, null, null, null, null);
  }

  /** Day A's groups: four summaries, two tied at 4 entries; day B's are left out (one consensus). */
  private static TrendTables groups() {
    TrendTables t = hours();
    t.addGroup(new TrendTables.DayGroup(DAY_A, null, false), 5, 300L);
    t.addGroup(new TrendTables.DayGroup(DAY_A, "accept 80", true), 3, 100L);
    t.addGroup(new TrendTables.DayGroup(DAY_A, "accept 80", false), 1, null);
    // the same key from a second task adds up
    t.addGroup(new TrendTables.DayGroup(DAY_A, "reject 25", true), 2, null);
    t.addGroup(new TrendTables.DayGroup(DAY_A, "reject 25", true), 2, null);
    t.addGroup(new TrendTables.DayGroup(DAY_A, "reject 1-65535", false), 1, 600L);
    t.addGroup(new TrendTables.DayGroup(DAY_B, "accept 80", true), 9, 9L);
    return t;
  }

  @Test
  void summariesRankByEntriesThenBytesAndTheRestFoldIntoOther() {
    List<InternalRow> rows = groups().summaryRows(2);
    StructType s = TrendTables.SUMMARIES_DAILY;
    String[] columns = {"date", "rank", "summary", "policy_class", "consensuses", "relays", "relay_share", "exits"};
    List<List<Object>> got = rows.stream().map(r -> values(r, s, columns)).toList();
    // 14 entries over 2 consensuses; "accept 80" and "reject 25" tie at 4 and rank by the string;
    // (other) is "reject 25" (4 exits) and "reject 1-65535"
    assertThat(got).containsExactly(
        Arrays.asList(DAY_A, 1, "(none)", "unknown", 2L, 2L, 5.0 / 14, 0L),
        Arrays.asList(DAY_A, 2, "accept 80", "accept_few", 2L, 2L, 4.0 / 14, 1L),
        Arrays.asList(DAY_A, null, "(other)", "unknown", 2L, 2L, 5.0 / 14, 2L));
    // with room for all, no (other) row
    assertThat(groups().summaryRows(4)).hasSize(4)
        .noneMatch(r -> "(other)".equals(v(r, s, "summary")));
  }

  @Test
  void summaryTiesBreakByUtf8BytesAsSparkOrdersStrings() {
    // U+FF61 sorts after U+1F600 in Java's UTF-16 order, before it in UTF-8 bytes (EF.. < F0..)
    TrendTables t = new TrendTables(PORTS, false, 1);
    t.addHour(DAY_A_10, new HourlySums(2, true));
    t.addGroup(new TrendTables.DayGroup(DAY_A, "\uD83D\uDE00", false), 1, null);
    t.addGroup(new TrendTables.DayGroup(DAY_A, "\uFF61", false), 1, null);
    assertThat(t.summaryRows(1)).first().satisfies(r -> assertThat(v(r, TrendTables.SUMMARIES_DAILY, "summary"))
        .isEqualTo("\uFF61"));
  }

  @Test
  void classesShareTheDaysEntriesAndBandwidth() {
    List<InternalRow> rows = groups().classRows();
    StructType s = TrendTables.CLASSES_DAILY;
    String[] columns = {"date", "policy_class", "consensuses", "relays", "relay_share", "exits",
        "consensus_weight_fraction"};
    List<List<Object>> got = rows.stream().map(r -> values(r, s, columns)).toList();
    // bandwidth of the day: 300 + 100 + 600 = 1000; reject 25's groups have none (fraction 0)
    assertThat(got).containsExactlyInAnyOrder(
        Arrays.asList(DAY_A, "unknown", 2L, 2L, 5.0 / 14, 0L, 0.3),
        Arrays.asList(DAY_A, "accept_few", 2L, 2L, 4.0 / 14, 1L, 0.1),
        Arrays.asList(DAY_A, "accept_all_but_few", 2L, 2L, 4.0 / 14, 2L, 0.0),
        Arrays.asList(DAY_A, "reject_all", 2L, 0L, 1.0 / 14, 0L, 0.6));
  }

  @Test
  void aDayWithoutBandwidthHasNullWeightFractions() {
    TrendTables t = new TrendTables(PORTS, false, 1);
    t.addHour(DAY_A_10, new HourlySums(2, true));
    t.addGroup(new TrendTables.DayGroup(DAY_A, "reject 1-65535", false), 2, null);
    assertThat(values(t.classRows().get(0), TrendTables.CLASSES_DAILY, "relays", "consensus_weight_fraction"))
        .containsExactly(2L, null);
  }
}
