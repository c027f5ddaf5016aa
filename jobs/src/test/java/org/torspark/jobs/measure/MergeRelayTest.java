package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.jobs.measure.HistoryAggregates.MergeRelay;
import org.torspark.jobs.measure.RelayListings.Listing;
import scala.Tuple2;

/**
 * The histories part's meeting of one relay's descriptors and listings (one cogrouped key), and of
 * the null key's per-date valid-afters.
 */
class MergeRelayTest {
  private static final long DAY_SECONDS = 86_400L;
  private static final long HOUR_MICROS = 3_600_000_000L;
  private static final int DAY = 18_000; // 2019-04-14

  private static Listing listing(int date, boolean exit, boolean guard, int... hours) {
    Listing l = new Listing(date);
    for (int h : hours) {
      l.add(exit, guard, true, date * 24L * HOUR_MICROS + h * HOUR_MICROS);
    }
    if (hours.length == 0) {
      l.add(exit, guard, false, 0);
    }
    return l;
  }

  /** A descriptor published at the end of {@code day} whose read history reports the day's 24 hours. */
  private static HistoryLines readDay(int day, long bytesPerHour) {
    HistoryLines d = new HistoryLines((day + 1) * DAY_SECONDS);
    d.ends[0] = (day + 1) * DAY_SECONDS - 1;
    d.intervals[0] = 3_600;
    d.values[0] = new long[24];
    java.util.Arrays.fill(d.values[0], bytesPerHour);
    return d;
  }

  private static List<RelayDay> merge(Long first, Long last, String fingerprint, List<HistoryLines> descriptors,
      List<Listing> listings) {
    List<RelayDay> out = new ArrayList<>();
    new MergeRelay(first, last).call(new Tuple2<>(fingerprint, new Tuple2<>(descriptors, listings)))
        .forEachRemaining(out::add);
    return out;
  }

  @Test
  void listingsOfOneDateFromSeveralTasksAreMergedAndDaysWithoutListingAreNotRunning() throws Exception {
    List<RelayDay> out = merge(null, null, "F",
        List.of(readDay(DAY, 4_000), readDay(DAY + 1, 8_000)),
        // two tasks listed the relay on DAY (hour 3 in both), one as exit, the other as guard
        List.of(listing(DAY, true, false, 1, 3), listing(DAY, false, true, 3, 5), listing(DAY + 5, false, false, 1)));
    assertThat(out).extracting(d -> d.day).containsExactly(DAY, DAY + 1);
    RelayDay d0 = out.get(0);
    assertThat(d0.running).isTrue();
    assertThat(d0.exit).isTrue();
    assertThat(d0.guard).isTrue();
    assertThat(d0.consensuses).isEqualTo(3);
    // 24 hourly values of 4,000 bytes are 96 quarter-hour slots of 1,000 (the last one ends at 23:59:59)
    assertThat(d0.totals[0]).isEqualTo(96_000L);
    assertThat(d0.slots[0]).isEqualTo(96);
    assertThat(d0.totals[1]).isNull();
    assertThat(d0.slots[1]).isZero();
    RelayDay d1 = out.get(1);
    assertThat(d1.running).isFalse();
    assertThat(d1.exit).isFalse();
    assertThat(d1.consensuses).isZero();
    assertThat(d1.totals[0]).isEqualTo(192_000L);
    assertThat(d1.toInternalRow().getInt(0)).isEqualTo(DAY + 1);
    assertThat(d1.toInternalRow().getUTF8String(1).toString()).isEqualTo("F");
  }

  @Test
  void daysOutsideTheRangeAreLeftOut() throws Exception {
    List<RelayDay> out = merge((long) DAY + 1, (long) DAY + 1, "F",
        List.of(readDay(DAY, 4_000), readDay(DAY + 1, 8_000), readDay(DAY + 2, 1)), List.of());
    assertThat(out).extracting(d -> d.day).containsExactly(DAY + 1);
  }

  @Test
  void theNullKeyGivesEachDateItsDistinctConsensuses() throws Exception {
    List<RelayDay> out = merge(null, null, null, List.of(),
        List.of(listing(DAY, false, false, 0, 1), listing(DAY, false, false, 1, 2), listing(DAY + 1, false, false, 7)));
    assertThat(out).allMatch(d -> d.fingerprint == null);
    assertThat(out).extracting(d -> d.day + ":" + d.consensuses)
        .containsExactlyInAnyOrder(DAY + ":3", (DAY + 1) + ":1");
    // a date's count is not a relay-day
    HistoryDays days = HistoryDays.of(out.get(0));
    assertThat(days.relayDays()).isZero();
  }
}
