package org.torspark.jobs.measure;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One row of {@code bwhist_relay_daily}: a relay's merged histories on one UTC date and its flags in
 * that date's consensuses; or, with a null fingerprint, only a date's count of distinct consensuses
 * (for {@code bwhist_daily}, not written as a row).
 */
final class RelayDay implements Serializable {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA;

  static {
    StructType s = new StructType()
        .add("date", DataTypes.DateType, false)
        .add("fingerprint", DataTypes.StringType, false)
        .add("running", DataTypes.BooleanType, false)
        .add("guard", DataTypes.BooleanType, false)
        .add("exit", DataTypes.BooleanType, false)
        .add("consensuses_listed", DataTypes.LongType, false);
    for (String t : HistoryAggregates.TOTALS) {
      s = s.add(t, DataTypes.LongType, true);
    }
    for (String t : HistoryAggregates.SLOTS) {
      s = s.add(t, DataTypes.IntegerType, false);
    }
    SCHEMA = s;
  }

  /** Null for a date's consensus count. */
  final String fingerprint;
  /** Days since 1970. */
  final int day;
  /** Listed as Running in at least one consensus of the day. */
  final boolean running;
  final boolean guard;
  final boolean exit;
  /** Distinct consensuses of the day listing the relay; for a null fingerprint, of the day. */
  final long consensuses;
  /** Per history ({@link HistoryAggregates#TOTALS}): the day's bytes, null when none reported. */
  final Long[] totals;
  /** Per history: the reported 15-minute slots. */
  final int[] slots;

  RelayDay(String fingerprint, int day, RelayListings.Listing listing, Long[] totals, int[] slots) {
    this.fingerprint = fingerprint;
    this.day = day;
    this.running = listing != null;
    this.guard = listing != null && listing.guard;
    this.exit = listing != null && listing.exit;
    this.consensuses = listing == null ? 0 : listing.n;
    this.totals = totals;
    this.slots = slots;
  }

  private RelayDay(int day, long consensuses) {
    this.fingerprint = null;
    this.day = day;
    this.running = false;
    this.guard = false;
    this.exit = false;
    this.consensuses = consensuses;
    this.totals = new Long[HistoryAggregates.TOTALS.length];
    this.slots = new int[HistoryAggregates.SLOTS.length];
  }

  /** A date's count of distinct consensuses. */
  static RelayDay consensuses(int day, long consensuses) {
    return new RelayDay(day, consensuses);
  }

  /** The row, in {@link #SCHEMA}'s order and Spark's internal form. */
  InternalRow toInternalRow() {
    Object[] v = new Object[SCHEMA.size()];
    v[0] = day;
    v[1] = UTF8String.fromString(fingerprint);
    v[2] = running;
    v[3] = guard;
    v[4] = exit;
    v[5] = consensuses;
    for (int i = 0; i < totals.length; i++) {
      v[6 + i] = totals[i];
      v[6 + totals.length + i] = slots[i];
    }
    return new GenericInternalRow(v);
  }
}
