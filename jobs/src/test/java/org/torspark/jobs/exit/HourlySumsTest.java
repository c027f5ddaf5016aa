package org.torspark.jobs.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The per-consensus sums keep the null rules of the SQL aggregate they replace: counts are never
 * null, sums of bandwidth or exit weight are null when nothing counted had a value, and a port
 * whose descriptor answer is unknown counts as neither summary-only nor descriptor-only.
 */
class HourlySumsTest {

  @Test
  void countsAreNeverNullAndSumsAreNullWithoutValues() {
    HourlySums h = new HourlySums(2, false);
    // a non-exit without bandwidth, and an exit allowing port 0 without bandwidth or weight
    h.add(false, false, false, null, null, null, 3, null, null);
    h.add(true, false, false, null, new boolean[] {true, false}, null, 2, null, null);
    assertThat(h.running()).isEqualTo(5L);
    assertThat(h.exits()).isEqualTo(2L);
    assertThat(h.badExits()).isEqualTo(0L);
    assertThat(h.consensusWeight()).isNull();
    assertThat(h.exitConsensusWeight()).isNull();
    assertThat(h.exitWeight()).isNull();
    assertThat(h.weightsPresent()).isFalse();
    assertThat(h.summaryExits(0)).isEqualTo(2L);
    assertThat(h.summaryWeight(0)).isNull();
    assertThat(h.summaryExits(1)).isEqualTo(0L);
    assertThat(h.summaryWeight(1)).isNull();
    assertThat(h.summaryExitWeight(1)).isNull();
    assertThat(h.exitsWithDescriptor()).isEqualTo(0L);
  }

  @Test
  void portsBySummaryAndByDescriptor() {
    HourlySums h = new HourlySums(3, true);
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
    assertThat(h.running()).isEqualTo(5L);
    assertThat(h.exits()).isEqualTo(3L);
    assertThat(h.badExits()).isEqualTo(1L);
    assertThat(h.consensusWeight()).isEqualTo(3100L);
    assertThat(h.exitConsensusWeight()).isEqualTo(700L);
    assertThat(h.exitWeight()).isEqualTo(8.0);
    assertThat(h.exitsWithDescriptor()).isEqualTo(2L);
    assertThat(h.ipv6Exits()).isEqualTo(1L);
    assertThat(h.ipv6ExitWeight()).isEqualTo(1.5);
    // port 0: summary A, B; descriptor none; summary-only A (B's answer is unknown)
    assertThat(Arrays.asList(h.summaryExits(0), h.summaryWeight(0), h.summaryExitWeight(0)))
        .containsExactly(2L, 300L, 4.0);
    assertThat(h.descriptorExits(0)).isEqualTo(0L);
    assertThat(h.descriptorWeight(0)).isNull();
    assertThat(h.descriptorExitWeight(0)).isNull();
    assertThat(h.summaryOnly(0)).isEqualTo(1L);
    assertThat(h.descriptorOnly(0)).isEqualTo(0L);
    // port 1: both allow for A
    assertThat(Arrays.asList(h.summaryExits(1), h.descriptorExits(1), h.descriptorWeight(1), h.summaryOnly(1),
        h.descriptorOnly(1))).containsExactly(1L, 1L, 100L, 0L, 0L);
    // port 2: summary C (no descriptor), descriptor A only
    assertThat(Arrays.asList(h.summaryExits(2), h.summaryWeight(2), h.descriptorExits(2), h.descriptorExitWeight(2),
        h.summaryOnly(2), h.descriptorOnly(2))).containsExactly(1L, 400L, 1L, 1.5, 0L, 1L);
  }

  @Test
  void partsOfOneConsensusMergeAsOneSum() {
    HourlySums a = new HourlySums(1, true);
    a.add(true, false, false, null, new boolean[] {true}, null, 2, null, 1.0);
    HourlySums b = new HourlySums(1, true);
    b.add(true, false, false, null, new boolean[] {true}, null, 3, 50L, null);
    HourlySums back = HourlySums.of(1, true, b.longList(), b.doubleList());
    a.merge(back);
    assertThat(a.summaryExits(0)).isEqualTo(5L);
    assertThat(a.summaryWeight(0)).isEqualTo(50L);
    assertThat(a.summaryExitWeight(0)).isEqualTo(1.0);
    assertThat(a.weightsPresent()).isTrue();
  }
}
