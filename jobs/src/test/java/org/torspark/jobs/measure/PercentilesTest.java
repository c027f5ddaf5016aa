package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice formats.md §5.5 asks for: R-7 floored (the code) rather than the page's nearest rank. */
class PercentilesTest {
  private static final long[] TEN = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

  @Test
  void r7InterpolatesBetweenClosestRanksAndFloors() {
    // h = 9 * 0.25 = 2.25 → 30 + 0.25 * 10 = 32.5 → 32
    assertThat(Percentiles.r7Floor(TEN, 25)).isEqualTo(32);
    assertThat(Percentiles.r7Floor(TEN, 50)).isEqualTo(55);
    assertThat(Percentiles.r7Floor(TEN, 0)).isEqualTo(10);
    assertThat(Percentiles.r7Floor(TEN, 100)).isEqualTo(100);
    assertThat(Percentiles.r7Floor(new long[] {7}, 91)).isEqualTo(7);
  }

  @Test
  void thePagesNearestRankGivesOtherValues() {
    assertThat(Percentiles.nearestRank(TEN, 25)).isEqualTo(30);
    assertThat(Percentiles.nearestRank(TEN, 50)).isEqualTo(50);
  }

  @Test
  void ranksCountFromTheFastestAndStopAtTheListSize() {
    List<Percentiles.Point> points = Percentiles.distribution(List.of(30L, 10L, 20L));
    assertThat(points).contains(new Percentiles.Point("rank", 1, 30), new Percentiles.Point("rank", 3, 10));
    assertThat(points).noneMatch(p -> p.kind().equals("rank") && p.k() == 5);
    assertThat(points.stream().filter(p -> p.kind().equals("percentile"))).hasSize(Percentiles.PERCENTILES.length);
    assertThat(Percentiles.distribution(List.of())).isEmpty();
  }
}
