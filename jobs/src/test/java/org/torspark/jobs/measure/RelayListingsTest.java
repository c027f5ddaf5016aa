package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.torspark.jobs.measure.RelayListings.Listing;
import scala.Tuple2;

/** The per-task fold of running entries into relay-days, on rows shaped as the histories part reads them. */
class RelayListingsTest {
  private static final UTF8String A = UTF8String.fromString("AAAA");
  private static final UTF8String B = UTF8String.fromString("BBBB");

  private static final long DAY = 86_400_000_000L;

  /** fingerprint, valid_after (µs), flags. */
  private static InternalRow entry(UTF8String fingerprint, Long va, String... flags) {
    return new GenericInternalRow(new Object[] {fingerprint, va, flags.length == 0 ? null
        : new GenericArrayData(java.util.Arrays.stream(flags).map(UTF8String::fromString).toArray())});
  }

  /** Day {@code day} (since 1970) at {@code hour}:00 UTC, in µs. */
  private static long at(int day, int hour) {
    return day * DAY + hour * 3_600_000_000L;
  }

  /** The fold's listings by "fingerprint/date" (fingerprint null: the date's valid-afters). */
  private static Map<String, Listing> fold(InternalRow... rows) {
    Map<String, Listing> out = new TreeMap<>();
    Iterator<Tuple2<String, Listing>> it = RelayListings.fold(List.of(rows).iterator());
    while (it.hasNext()) {
      Tuple2<String, Listing> r = it.next();
      String key = r._1() + "/" + r._2().date;
      assertThat(out.put(key, r._2())).as("one listing per relay-day: " + key).isNull();
    }
    return out;
  }

  private static List<Long> validAfters(Listing l) {
    return java.util.Arrays.stream(l.validAfters()).boxed().toList();
  }

  @Test
  void foldsRunningEntriesPerRelayAndUtcDayWithMaxFlagsAndDistinctValidAfters() {
    // a row's string is reused by the next row in Spark: the fold must keep copies
    UTF8String reused = UTF8String.fromString("AAAA");
    Map<String, Listing> out = fold(
        entry(reused, at(10, 0), "Fast", "Running"),
        entry(B, at(10, 0), "Running"),
        entry(A, at(10, 1), "Exit", "Running"),
        entry(A, at(10, 1), "Running"), // the same consensus listed twice (two copies of one file)
        entry(A, at(11, 0), "Guard", "Running"),
        entry(A, at(10, 23), "BadExit", "Exit", "Running"), // back to a date seen before
        entry(B, at(11, 0), "Exit", "Guard"), // not running: not counted
        entry(B, at(11, 1))); // no flags: not counted
    assertThat(out).containsOnlyKeys("AAAA/10", "AAAA/11", "BBBB/10", "null/10", "null/11");
    Listing a10 = out.get("AAAA/10");
    assertThat(a10.exit).isTrue();
    assertThat(a10.guard).isFalse();
    assertThat(validAfters(a10)).containsExactly(at(10, 0), at(10, 1), at(10, 23));
    Listing a11 = out.get("AAAA/11");
    assertThat(a11.exit).isFalse();
    assertThat(a11.guard).isTrue();
    Listing b10 = out.get("BBBB/10");
    assertThat(b10.exit).isFalse();
    assertThat(validAfters(b10)).containsExactly(at(10, 0));
    assertThat(validAfters(out.get("null/10"))).containsExactlyInAnyOrder(at(10, 0), at(10, 1), at(10, 23));
    assertThat(validAfters(out.get("null/11"))).containsExactly(at(11, 0));
  }

  @Test
  void datesAreUtcDaysAlsoBefore1970() {
    Map<String, Listing> out = fold(entry(A, -1L, "Running"), entry(A, 0L, "Running"));
    assertThat(out).containsOnlyKeys("AAAA/-1", "AAAA/0", "null/-1", "null/0");
  }

  @Test
  void nullValidAftersAreSkippedAndNullFingerprintsOnlyCountTheirConsensus() {
    Map<String, Listing> out = fold(
        entry(A, null, "Exit", "Running"),
        entry(null, at(10, 2), "Guard", "Running"),
        entry(A, at(10, 0), "Running"));
    assertThat(out).containsOnlyKeys("AAAA/10", "null/10", "AAAA/null");
    assertThat(validAfters(out.get("AAAA/null"))).isEmpty();
    assertThat(out.get("AAAA/null").exit).isTrue();
    assertThat(validAfters(out.get("AAAA/10"))).containsExactly(at(10, 0));
    // the entry without fingerprint has no listing of its own; its date's valid-afters count its consensus
    assertThat(validAfters(out.get("null/10"))).containsExactlyInAnyOrder(at(10, 0), at(10, 2));
  }
}
