package org.torspark.jobs.measure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.torspark.jobs.support.Columns.arrayValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.jobs.support.FlagSets;
import org.torspark.jobs.support.InternalRows;

/**
 * Running consensus entries folded per task, for the histories part: per (fingerprint, date) whether
 * any listing had Exit / Guard and the valid-afters it was listed in, and per
 * date (fingerprint null) the valid-afters seen. A month has millions of entries but some hundred
 * thousand relay-days; the caller merges the tasks' rows and counts distinct valid-afters.
 *
 * <p>Input columns: fingerprint, valid_after, flags. Only Running entries count; exit (Exit
 * without BadExit) and guard are told from the flags ({@link FlagSets}), the UTC date from
 * valid_after. Output: fingerprint, date, exit, guard, valid_afters (distinct within the row; a
 * null valid_after has a null date and is not among the valid-afters, as a distinct count skips it).
 *
 * <p>The entries are read in Spark's internal form ({@link InternalRows}): a fingerprint becomes a
 * Java string once per relay-day, not once per entry.
 */
final class RelayListings {
  /** The pass's rows; {@link #of} turns date (days since 1970 here) into a date. */
  static final StructType SCHEMA = new StructType()
      .add("fingerprint", DataTypes.StringType)
      .add("date", DataTypes.IntegerType)
      .add("exit", DataTypes.BooleanType)
      .add("guard", DataTypes.BooleanType)
      .add("valid_afters", DataTypes.createArrayType(DataTypes.LongType, false));

  private RelayListings() {}

  static Dataset<Row> of(Dataset<Row> entries) {
    return InternalRows.mapPartitions(entries, RelayListings::fold, SCHEMA)
        .withColumn("date", date_from_unix_date(col("date")));
  }

  /** Exit and guard in any listing, and the distinct valid-afters (a day has few). */
  private static final class Listed {
    boolean exit;
    boolean guard;
    long[] validAfters = new long[4];
    int n;

    void add(boolean exit, boolean guard, boolean hasValidAfter, long va) {
      this.exit |= exit;
      this.guard |= guard;
      if (!hasValidAfter) {
        return;
      }
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
  }

  /**
   * The fold. Entries come consensus by consensus, so the day's relays and the day's valid-afters
   * are looked up when the valid-after changes, not for every entry: per entry there is one look-up
   * of the fingerprint's bytes in that day's map, with no key or boxed value made.
   */
  static Iterator<Row> fold(Iterator<InternalRow> rows) {
    Map<Integer, Map<UTF8String, Listed>> relaysByDate = new HashMap<>();
    Map<Integer, Set<Long>> days = new HashMap<>();
    FlagSets flagSets = new FlagSets();
    Map<UTF8String, Listed> dayRelays = null;
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
        if (hasVa) {
          days.computeIfAbsent(date, k -> new HashSet<>()).add(va);
        }
      }
      UTF8String fingerprint = InternalRows.stringOrNull(r, 0);
      Listed listed = dayRelays.get(fingerprint);
      if (listed == null) {
        listed = new Listed();
        dayRelays.put(fingerprint == null ? null : fingerprint.clone(), listed);
      }
      listed.add(flags.exit(), flags.guard(), hasVa, va);
    }
    int relayDays = relaysByDate.values().stream().mapToInt(Map::size).sum();
    List<Row> out = new ArrayList<>(relayDays + days.size());
    relaysByDate.forEach((date, dayMap) -> dayMap.forEach((fingerprint, l) -> {
      List<Long> vas = new ArrayList<>(l.n);
      for (int i = 0; i < l.n; i++) {
        vas.add(l.validAfters[i]);
      }
      out.add(RowFactory.create(fingerprint == null ? null : fingerprint.toString(), date, l.exit, l.guard,
          arrayValue(vas)));
    }));
    for (Map.Entry<Integer, Set<Long>> e : days.entrySet()) {
      out.add(RowFactory.create(null, e.getKey(), null, null, arrayValue(new ArrayList<>(e.getValue()))));
    }
    return out.iterator();
  }
}
