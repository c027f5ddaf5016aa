package org.torspark.jobs.measure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.jobs.support.FlagSets;
import org.torspark.jobs.support.InternalRows;
import scala.Tuple2;

/**
 * Running consensus entries folded per task, for the histories part: per (fingerprint, date) a
 * {@link Listing}, whether any listing had Exit / Guard and the valid-afters it was listed in, and
 * per date, under a null fingerprint, the valid-afters seen. A month has millions of entries but
 * some hundred thousand relay-days; {@link HistoryAggregates} merges the tasks' listings by
 * fingerprint and date and counts distinct valid-afters.
 *
 * <p>Input columns: fingerprint, valid_after, flags. Only Running entries count; exit (Exit
 * without BadExit) and guard are told from the flags ({@link FlagSets}), the UTC date from
 * valid_after. A null valid_after has a null date and is not among the valid-afters, as a distinct
 * count skips it; an entry without fingerprint only adds its valid-after to its date's listing.
 *
 * <p>The entries are read in Spark's internal form ({@link InternalRows}): a fingerprint becomes a
 * Java string once per relay-day, not once per entry.
 */
final class RelayListings {
  private RelayListings() {}

  /** One relay's listings on one UTC date (days since 1970; null: entries without valid-after). */
  static final class Listing implements Serializable {
    private static final long serialVersionUID = 1L;
    final Integer date;
    boolean exit;
    boolean guard;
    /** Distinct valid-afters (µs), the first {@link #n}. */
    long[] validAfters = new long[4];
    int n;

    Listing(Integer date) {
      this.date = date;
    }

    void add(boolean exit, boolean guard, boolean hasValidAfter, long va) {
      this.exit |= exit;
      this.guard |= guard;
      if (hasValidAfter) {
        addValidAfter(va);
      }
    }

    private void addValidAfter(long va) {
      for (int i = 0; i < n; i++) {
        if (validAfters[i] == va) {
          return;
        }
      }
      if (n == validAfters.length) {
        validAfters = java.util.Arrays.copyOf(validAfters, n * 2);
      }
      validAfters[n++] = va;
    }

    /** This listing and {@code o}'s (of the same relay and date) together, merged into this. */
    Listing merge(Listing o) {
      exit |= o.exit;
      guard |= o.guard;
      for (int i = 0; i < o.n; i++) {
        addValidAfter(o.validAfters[i]);
      }
      return this;
    }

    /** The distinct valid-afters, in the order first seen. */
    long[] validAfters() {
      return java.util.Arrays.copyOf(validAfters, n);
    }
  }

  /**
   * The fold. Entries come consensus by consensus, so the day's relays and the day's valid-afters
   * are looked up when the valid-after changes, not for every entry: per entry there is one look-up
   * of the fingerprint's bytes in that day's map, with no key or boxed value made.
   */
  static Iterator<Tuple2<String, Listing>> fold(Iterator<InternalRow> rows) {
    Map<Integer, Map<UTF8String, Listing>> relaysByDate = new HashMap<>();
    Map<Integer, Listing> days = new HashMap<>();
    FlagSets flagSets = new FlagSets();
    Map<UTF8String, Listing> dayRelays = null;
    Listing day = null;
    boolean lastHasVa = false;
    long lastVa = 0;
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      FlagSets.FlagSet flags = r.isNullAt(2) ? null : flagSets.of(r.getArray(2));
      if (flags == null || !flags.running()) {
        continue;
      }
      boolean hasVa = !r.isNullAt(1);
      long va = hasVa ? r.getLong(1) : 0;
      if (dayRelays == null || hasVa != lastHasVa || va != lastVa) {
        lastHasVa = hasVa;
        lastVa = va;
        Integer date = hasVa ? InternalRows.utcDay(va) : null;
        dayRelays = relaysByDate.computeIfAbsent(date, d -> new HashMap<>());
        day = hasVa ? days.computeIfAbsent(date, Listing::new) : null;
        if (day != null) {
          day.addValidAfter(va);
        }
      }
      if (r.isNullAt(0)) {
        continue;
      }
      UTF8String fingerprint = r.getUTF8String(0);
      Listing listed = dayRelays.get(fingerprint);
      if (listed == null) {
        Integer date = hasVa ? InternalRows.utcDay(va) : null;
        listed = new Listing(date);
        dayRelays.put(fingerprint.clone(), listed);
      }
      listed.add(flags.exit(), flags.guard(), hasVa, va);
    }
    int relayDays = relaysByDate.values().stream().mapToInt(Map::size).sum();
    List<Tuple2<String, Listing>> out = new ArrayList<>(relayDays + days.size());
    relaysByDate.forEach((date, dayMap) -> dayMap.forEach((fingerprint, l) ->
        out.add(new Tuple2<>(fingerprint.toString(), l))));
    days.forEach((date, l) -> out.add(new Tuple2<>(null, l)));
    return out.iterator();
  }
}
