package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The per-task fold of running entries into relay-days, on rows shaped as the histories part reads them. */
class RelayListingsTest {
  private static final UTF8String A = UTF8String.fromString("AAAA");
  private static final UTF8String B = UTF8String.fromString("BBBB");

  /** fingerprint, date (days since 1970), valid_after (µs), exit, guard. */
  private static InternalRow entry(UTF8String fingerprint, Integer date, Long va, Boolean exit, Boolean guard) {
    return new GenericInternalRow(new Object[] {fingerprint, date, va, exit, guard});
  }

  /** The fold's rows by "fingerprint/date" (fingerprint null: the day's row of valid-afters). */
  private static Map<String, Row> fold(InternalRow... rows) {
    Map<String, Row> out = new TreeMap<>();
    Iterator<Row> it = RelayListings.fold(List.of(rows).iterator());
    while (it.hasNext()) {
      Row r = it.next();
      String key = r.getString(0) + "/" + r.get(1);
      Row before = out.put(key, r);
      if (before != null) {
        // only a date's row may come twice: the day's valid-afters, and entries without fingerprint
        assertThat(r.isNullAt(0)).as("one row per relay-day: " + key).isTrue();
        out.put(key, r.isNullAt(2) && r.isNullAt(3) ? r : before);
      }
    }
    return out;
  }

  private static List<Long> validAfters(Row r) {
    return new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(r.<scala.collection.Seq<Long>>getAs(4)));
  }

  @Test
  void foldsEntriesPerRelayAndDayWithMaxFlagsAndDistinctValidAfters() {
    // a row's string is reused by the next row in Spark: the fold must keep copies
    UTF8String reused = UTF8String.fromString("AAAA");
    Map<String, Row> out = fold(
        entry(reused, 10, 100L, false, null),
        entry(B, 10, 100L, null, null),
        entry(A, 10, 200L, true, false),
        entry(A, 10, 200L, false, false), // the same consensus listed twice (two copies of one file)
        entry(A, 11, 300L, null, true),
        entry(A, 10, 400L, false, false)); // back to a date seen before (another copy of the day)
    assertThat(out).containsOnlyKeys("AAAA/10", "AAAA/11", "BBBB/10", "null/10", "null/11");
    Row a10 = out.get("AAAA/10");
    assertThat(a10.get(2)).isEqualTo(true);
    assertThat(a10.get(3)).isEqualTo(false);
    assertThat(validAfters(a10)).containsExactly(100L, 200L, 400L);
    Row a11 = out.get("AAAA/11");
    assertThat(a11.get(2)).as("no listing said Exit or not").isNull();
    assertThat(a11.get(3)).isEqualTo(true);
    Row b10 = out.get("BBBB/10");
    assertThat(b10.get(2)).isNull();
    assertThat(b10.get(3)).isNull();
    assertThat(validAfters(b10)).containsExactly(100L);
    assertThat(validAfters(out.get("null/10"))).containsExactlyInAnyOrder(100L, 200L, 400L);
    assertThat(validAfters(out.get("null/11"))).containsExactly(300L);
  }

  @Test
  void nullValidAftersAreSkippedAndNullFingerprintsKeptAsTheDayRow() {
    Map<String, Row> out = fold(
        entry(A, 10, null, true, null),
        entry(null, 10, 100L, false, true),
        entry(A, null, 100L, false, false));
    assertThat(out).containsOnlyKeys("AAAA/10", "null/10", "AAAA/null", "null/null");
    assertThat(validAfters(out.get("AAAA/null"))).containsExactly(100L);
    assertThat(validAfters(out.get("AAAA/10"))).isEmpty();
    assertThat(out.get("AAAA/10").get(2)).isEqualTo(true);
    // the entry without fingerprint folds into its day's row, whose valid-afters count the consensus
    assertThat(validAfters(out.get("null/10"))).containsExactly(100L);
  }
}
