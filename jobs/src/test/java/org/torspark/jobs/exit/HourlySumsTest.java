package org.torspark.jobs.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The per-consensus sums keep the null rules of the SQL aggregate they replace: counts are never
 * null, sums of bandwidth or exit weight are null when nothing counted had a value, and a port
 * whose descriptor answer is unknown counts as neither summary-only nor descriptor-only.
 */
class HourlySumsTest {
  private static final Timestamp AT = Timestamp.valueOf("2020-04-01 10:00:00");

  private static Object get(Row r, StructType schema, String column) {
    return r.get(schema.fieldIndex(column));
  }

  @Test
  void countsAreNeverNullAndSumsAreNullWithoutValues() {
    HourlySums h = new HourlySums(2, false, false);
    // a non-exit without bandwidth, and an exit allowing port 0 without bandwidth or weight
    h.add(false, false, false, null, null, null, 3, null, null);
    h.add(true, false, false, null, new boolean[] {true, false}, null, 2, null, null);
    StructType schema = HourlySums.schema(2, false);
    Row r = h.toRow(AT);
    assertThat(r.size()).isEqualTo(schema.size());
    assertThat(get(r, schema, "running_relays")).isEqualTo(5L);
    assertThat(get(r, schema, "exits")).isEqualTo(2L);
    assertThat(get(r, schema, "bad_exits")).isEqualTo(0L);
    assertThat(get(r, schema, "consensus_weight")).isNull();
    assertThat(get(r, schema, "exit_consensus_weight")).isNull();
    assertThat(get(r, schema, "exit_weight")).isNull();
    assertThat(get(r, schema, "weights_present")).isEqualTo(false);
    assertThat(get(r, schema, "e_0")).isEqualTo(2L);
    assertThat(get(r, schema, "w_0")).isNull();
    assertThat(get(r, schema, "e_1")).isEqualTo(0L);
    assertThat(get(r, schema, "w_1")).isNull();
    assertThat(get(r, schema, "p_1")).isNull();
    assertThat(schema.fieldNames()).doesNotContain("de_0", "exits_with_descriptor");
  }

  @Test
  void portsBySummaryAndByDescriptor() {
    HourlySums h = new HourlySums(3, true, true);
    // exit A: summary allows 0 and 1, descriptor allows 1 and 2, IPv6 exit
    h.add(true, false, true, true, new boolean[] {true, true, false}, new boolean[] {false, true, true}, 1, 100L, 1.5);
    // exit B: summary allows 0, descriptor policy unparseable (answers unknown)
    h.add(true, false, true, false, new boolean[] {true, false, false}, null, 1, 200L, 2.5);
    // exit C: no descriptor
    h.add(true, false, false, null, new boolean[] {false, false, true}, null, 1, 400L, 4.0);
    // a non-exit whose descriptor would allow everything: not an exit, so never counted per port
    h.add(false, false, true, true, null, new boolean[] {true, true, true}, 1, 800L, 0.0);
    // a bad exit (not an exit)
    h.add(false, true, false, null, null, null, 1, 1600L, 0.0);
    StructType schema = HourlySums.schema(3, true);
    Row r = h.toRow(AT);
    assertThat(get(r, schema, "running_relays")).isEqualTo(5L);
    assertThat(get(r, schema, "exits")).isEqualTo(3L);
    assertThat(get(r, schema, "bad_exits")).isEqualTo(1L);
    assertThat(get(r, schema, "consensus_weight")).isEqualTo(3100L);
    assertThat(get(r, schema, "exit_consensus_weight")).isEqualTo(700L);
    assertThat(get(r, schema, "exit_weight")).isEqualTo(8.0);
    assertThat(get(r, schema, "exits_with_descriptor")).isEqualTo(2L);
    assertThat(get(r, schema, "ipv6_exits")).isEqualTo(1L);
    assertThat(get(r, schema, "ipv6_exit_weight")).isEqualTo(1.5);
    // port 0: summary A, B; descriptor none; summary-only A (B's answer is unknown)
    assertThat(List.of(get(r, schema, "e_0"), get(r, schema, "w_0"), get(r, schema, "p_0"))).containsExactly(2L, 300L, 4.0);
    assertThat(get(r, schema, "de_0")).isEqualTo(0L);
    assertThat(get(r, schema, "dw_0")).isNull();
    assertThat(get(r, schema, "dp_0")).isNull();
    assertThat(get(r, schema, "so_0")).isEqualTo(1L);
    assertThat(get(r, schema, "do_0")).isEqualTo(0L);
    // port 1: both allow for A
    assertThat(List.of(get(r, schema, "e_1"), get(r, schema, "de_1"), get(r, schema, "dw_1"), get(r, schema, "so_1"),
        get(r, schema, "do_1"))).containsExactly(1L, 1L, 100L, 0L, 0L);
    // port 2: summary C (no descriptor), descriptor A only
    assertThat(List.of(get(r, schema, "e_2"), get(r, schema, "w_2"), get(r, schema, "de_2"), get(r, schema, "dp_2"),
        get(r, schema, "so_2"), get(r, schema, "do_2"))).containsExactly(1L, 400L, 1L, 1.5, 0L, 1L);
  }

  @Test
  void partsOfOneConsensusMergeAsOneSum() {
    HourlySums a = new HourlySums(1, false, true);
    a.add(true, false, false, null, new boolean[] {true}, null, 2, null, 1.0);
    HourlySums b = new HourlySums(1, false, true);
    b.add(true, false, false, null, new boolean[] {true}, null, 3, 50L, null);
    HourlySums back = HourlySums.of(1, false, true, b.longList(), b.doubleList());
    a.merge(back);
    StructType schema = HourlySums.schema(1, false);
    Row r = a.toRow(AT);
    assertThat(get(r, schema, "e_0")).isEqualTo(5L);
    assertThat(get(r, schema, "w_0")).isEqualTo(50L);
    assertThat(get(r, schema, "p_0")).isEqualTo(1.0);
    assertThat(get(r, schema, "weights_present")).isEqualTo(true);
  }
}
