package org.torspark.jobs.measure;

import java.util.Map;
import java.util.TreeMap;

/**
 * One relay's byte histories in Tor Metrics' 15-minute slots (metrics-web {@code bwhist}): per UTC
 * date an array of 96 slots, -1 where nothing was reported. Each reported interval is credited to
 * the slot in which it ends ({@code floor(seconds since midnight / 900)}, so an interval ending at
 * 00:00:00 counts for the new day, as metrics-web does); intervals longer than 15 minutes must be
 * multiples of 900 s and are split evenly (integer division) into 15-minute values; a line whose
 * end lies more than 7 days from the descriptor's publication is ignored (it was very likely
 * reported before); when several descriptors report the same slot the maximum wins.
 *
 * <p>Not thread-safe; one instance per relay and direction.
 */
final class HistorySlots {
  static final int SLOTS_PER_DAY = 96;
  static final long SLOT_SECONDS = 900;
  static final long MAX_SKEW_SECONDS = 7L * 24 * 3600;

  /** Epoch day → 96 slot values (-1: no report). */
  private final Map<Long, long[]> days = new TreeMap<>();

  /**
   * Adds one history line.
   *
   * @param publishedSecond the descriptor's publication time, seconds since 1970 (null: unknown)
   * @param endSecond end of the newest interval, seconds since 1970
   * @param intervalSeconds length of each interval
   * @param values bytes per interval, oldest first; a negative value (a missing one) is skipped
   * @return false when the line is ignored (bad interval, or end more than 7 days from published)
   */
  boolean add(Long publishedSecond, long endSecond, long intervalSeconds, long[] values) {
    if (values == null || intervalSeconds <= 0 || intervalSeconds % SLOT_SECONDS != 0) {
      return false;
    }
    if (publishedSecond != null && Math.abs(publishedSecond - endSecond) > MAX_SKEW_SECONDS) {
      return false;
    }
    long factor = intervalSeconds / SLOT_SECONDS;
    int n = values.length;
    for (int i = n - 1; i >= 0; i--) {
      long v = values[i];
      if (v < 0) {
        continue;
      }
      long share = v / factor;
      long intervalEnd = endSecond - (long) (n - 1 - i) * intervalSeconds;
      for (long k = 0; k < factor; k++) {
        put(intervalEnd - k * SLOT_SECONDS, share);
      }
    }
    return true;
  }

  private void put(long slotEndSecond, long value) {
    long day = Math.floorDiv(slotEndSecond, 86_400L);
    int slot = (int) (Math.floorMod(slotEndSecond, 86_400L) / SLOT_SECONDS);
    long[] slots = days.get(day);
    if (slots == null) {
      slots = new long[SLOTS_PER_DAY];
      java.util.Arrays.fill(slots, -1L);
      days.put(day, slots);
    }
    if (value > slots[slot]) {
      slots[slot] = value;
    }
  }

  /** The epoch days with at least one slot, ascending, and their slots (live arrays). */
  Map<Long, long[]> days() {
    return days;
  }

  /** Sum of the reported slots of a day (0 when none). */
  static long total(long[] slots) {
    long sum = 0;
    for (long v : slots) {
      if (v > 0) {
        sum += v;
      }
    }
    return sum;
  }

  /** Number of reported slots of a day. */
  static int reported(long[] slots) {
    int n = 0;
    for (long v : slots) {
      if (v >= 0) {
        n++;
      }
    }
    return n;
  }
}
