package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Tor Metrics' bwhist rules, one rule per test (metrics-web RelayDescriptorDatabaseImporter, tordir.sql). */
class HistorySlotsTest {
  private static final long DAY = LocalDate.parse("2017-07-17").toEpochDay();

  /** Seconds since 1970. */
  private static long t(String s) {
    return Instant.parse(s).getEpochSecond();
  }

  @Test
  void eachValueGoesToTheSlotItsIntervalEndsIn() {
    HistorySlots h = new HistorySlots();
    // write-history 2017-07-17 16:59:39 (900 s) 10,20,30: intervals ending 16:29:39, 16:44:39, 16:59:39
    assertThat(h.add(t("2017-07-17T17:20:00Z"), t("2017-07-17T16:59:39Z"), 900, new long[] {10, 20, 30})).isTrue();
    long[] slots = h.days().get(DAY);
    assertThat(slots[65]).isEqualTo(10); // 16:15-16:30
    assertThat(slots[66]).isEqualTo(20);
    assertThat(slots[67]).isEqualTo(30); // 16:45-17:00
    assertThat(HistorySlots.total(slots)).isEqualTo(60);
    assertThat(HistorySlots.reported(slots)).isEqualTo(3);
  }

  @Test
  void anIntervalEndingAtMidnightCountsForTheNewDay() {
    HistorySlots h = new HistorySlots();
    h.add(t("2017-07-18T01:00:00Z"), t("2017-07-18T00:00:00Z"), 900, new long[] {5, 7});
    assertThat(h.days().get(DAY)[95]).isEqualTo(5);   // ends 23:45
    assertThat(h.days().get(DAY + 1)[0]).isEqualTo(7); // ends 00:00
  }

  @Test
  void longerIntervalsAreSplitEvenlyIntoQuarterHours() {
    HistorySlots h = new HistorySlots();
    // 2019-style daily history: 96 slots of 9600/96 = 100 each, ending at 04:25:02 on the 18th
    h.add(t("2017-07-18T05:00:00Z"), t("2017-07-18T04:25:02Z"), 86_400, new long[] {9_601});
    long[] d17 = h.days().get(DAY);
    long[] d18 = h.days().get(DAY + 1);
    assertThat(HistorySlots.reported(d17) + HistorySlots.reported(d18)).isEqualTo(96);
    assertThat(HistorySlots.total(d17) + HistorySlots.total(d18)).as("integer division drops the remainder").isEqualTo(9_600);
    assertThat(d18[17]).isEqualTo(100); // the last quarter ends 04:25:02, in slot 04:15-04:30
    assertThat(HistorySlots.reported(d18)).isEqualTo(18);
  }

  @Test
  void intervalsThatAreNotMultiplesOf15MinutesAreIgnored() {
    HistorySlots h = new HistorySlots();
    assertThat(h.add(t("2017-07-17T17:20:00Z"), t("2017-07-17T16:59:39Z"), 600, new long[] {1})).isFalse();
    assertThat(h.add(t("2017-07-17T17:20:00Z"), t("2017-07-17T16:59:39Z"), 0, new long[] {1})).isFalse();
    assertThat(h.days()).isEmpty();
  }

  @Test
  void aLineEndingMoreThanSevenDaysFromPublicationIsIgnored() {
    HistorySlots h = new HistorySlots();
    assertThat(h.add(t("2017-07-25T17:00:01Z"), t("2017-07-18T17:00:00Z"), 900, new long[] {1})).isFalse();
    assertThat(h.add(t("2017-07-25T17:00:00Z"), t("2017-07-18T17:00:00Z"), 900, new long[] {1})).as("exactly 7 days").isTrue();
  }

  @Test
  void overlappingReportsKeepTheMaximumPerSlot() {
    HistorySlots h = new HistorySlots();
    h.add(t("2017-07-17T17:20:00Z"), t("2017-07-17T16:59:39Z"), 900, new long[] {10, 20, 30});
    h.add(t("2017-07-17T17:40:00Z"), t("2017-07-17T17:14:39Z"), 900, new long[] {25, 5, 40});
    long[] slots = h.days().get(DAY);
    assertThat(slots[65]).isEqualTo(10);
    assertThat(slots[66]).isEqualTo(25);
    assertThat(slots[67]).isEqualTo(30);
    assertThat(slots[68]).isEqualTo(40);
    assertThat(HistorySlots.total(slots)).isEqualTo(105);
  }

  @Test
  void aZeroValueIsAReportedSlot() {
    HistorySlots h = new HistorySlots();
    h.add(t("2017-07-17T17:20:00Z"), t("2017-07-17T16:59:39Z"), 900, new long[] {0});
    assertThat(HistorySlots.reported(h.days().get(DAY))).isEqualTo(1);
    assertThat(HistorySlots.total(h.days().get(DAY))).isZero();
  }
}
