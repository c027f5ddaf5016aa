package org.torspark.jobs.measure;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import scala.Tuple2;

/**
 * The four byte histories of one extra-info descriptor ({@link HistoryAggregates#HISTORIES}, in that
 * order), as the histories part shuffles them to their relay: publication and each line's end in
 * seconds since 1970, its interval, and its values (-1 where a value is missing).
 */
final class HistoryLines implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long MICROS_PER_SECOND = 1_000_000L;

  /** Seconds since 1970; null when the descriptor has no publication time. */
  final Long published;
  /** Per history: end of the newest interval in seconds since 1970 (unused where values is null). */
  final long[] ends = new long[HistoryAggregates.HISTORIES.length];
  final long[] intervals = new long[HistoryAggregates.HISTORIES.length];
  /** Per history: bytes per interval, oldest first, -1 where missing; null when the line is missing. */
  final long[][] values = new long[HistoryAggregates.HISTORIES.length][];

  HistoryLines(Long published) {
    this.published = published;
  }

  /**
   * The pass over rows of fingerprint, published and the four history structs (end, interval_seconds,
   * values), in Spark's internal form: a pair per descriptor with a fingerprint, keyed by it.
   */
  static Iterator<Tuple2<String, HistoryLines>> read(Iterator<InternalRow> rows) {
    // one descriptor at a time: a task's archive of extra-infos is not held as objects
    return new Iterator<>() {
      private Tuple2<String, HistoryLines> next;

      @Override
      public boolean hasNext() {
        while (next == null && rows.hasNext()) {
          next = of(rows.next());
        }
        return next != null;
      }

      @Override
      public Tuple2<String, HistoryLines> next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        Tuple2<String, HistoryLines> out = next;
        next = null;
        return out;
      }
    };
  }

  /** One row's descriptor keyed by fingerprint; null for a row without fingerprint. */
  private static Tuple2<String, HistoryLines> of(InternalRow r) {
    if (r.isNullAt(0)) {
      return null; // an error row, or a descriptor without fingerprint: no relay to credit
    }
    HistoryLines d = new HistoryLines(r.isNullAt(1) ? null : Math.floorDiv(r.getLong(1), MICROS_PER_SECOND));
    for (int i = 0; i < d.values.length; i++) {
      if (r.isNullAt(2 + i)) {
        continue;
      }
      InternalRow h = r.getStruct(2 + i, 3);
      if (h.isNullAt(0) || h.isNullAt(1) || h.isNullAt(2)) {
        continue;
      }
      d.ends[i] = Math.floorDiv(h.getLong(0), MICROS_PER_SECOND);
      d.intervals[i] = h.getLong(1);
      ArrayData a = h.getArray(2);
      long[] v = new long[a.numElements()];
      for (int j = 0; j < v.length; j++) {
        v[j] = a.isNullAt(j) ? -1 : a.getLong(j);
      }
      d.values[i] = v;
    }
    return new Tuple2<>(r.getUTF8String(0).toString(), d);
  }

  /** Adds each present line to the relay's slots of its history. */
  void addTo(HistorySlots[] slots) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        slots[i].add(published, ends[i], intervals[i], values[i]);
      }
    }
  }
}
