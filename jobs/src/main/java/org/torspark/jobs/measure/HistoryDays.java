package org.torspark.jobs.measure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One day of the histories part's network tables, summed over that day's {@code bwhist_relay_daily}
 * rows in plain Java (per task, then merged by day): {@code bwhist_flags_daily} (running relays by
 * guard/exit, their read and written bytes) and {@code bwhist_daily} (running relays' totals, and
 * directory bytes of every relay that reported them). As two Spark SQL aggregates and a join these
 * few dozen rows cost a run more than the rows are worth, mostly planning and compiling. The
 * figures are those SQL's: missing byte totals count as 0, per second is bytes / 86,400 in integer
 * division (Tor Metrics' SQL), consumed = (read + written) / 2.
 */
final class HistoryDays implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long SECONDS_PER_DAY = 86_400L;

  static final StructType FLAGS_DAILY = new StructType().add("date", DataTypes.DateType)
      .add("guard", DataTypes.BooleanType).add("exit", DataTypes.BooleanType).add("relays", DataTypes.LongType)
      .add("read_bytes", DataTypes.LongType).add("written_bytes", DataTypes.LongType)
      .add("read_bytes_per_second", DataTypes.LongType).add("written_bytes_per_second", DataTypes.LongType);
  static final StructType DAILY = new StructType().add("date", DataTypes.DateType)
      .add("consensuses", DataTypes.LongType).add("relays", DataTypes.LongType)
      .add("read_bytes", DataTypes.LongType).add("written_bytes", DataTypes.LongType)
      .add("consumed_bytes_per_second", DataTypes.LongType).add("read_bytes_per_second", DataTypes.LongType)
      .add("written_bytes_per_second", DataTypes.LongType).add("dirreq_relays", DataTypes.LongType)
      .add("dirreq_read_bytes", DataTypes.LongType).add("dirreq_written_bytes", DataTypes.LongType)
      .add("dirreq_read_bytes_per_second", DataTypes.LongType)
      .add("dirreq_written_bytes_per_second", DataTypes.LongType);

  // bwhist_relay_daily's columns, as HistoryAggregates selects them
  static final int RUNNING = 2;
  static final int GUARD = 3;
  static final int EXIT = 4;
  static final int READ = 6;
  static final int WRITTEN = 7;
  static final int DIRREQ_READ = 8;
  static final int DIRREQ_WRITTEN = 9;

  /** Per (guard, exit) as guard * 2 + exit: running relays, read bytes, written bytes. */
  private final long[][] byFlags = new long[4][3];
  private long dirreqRelays;
  private long dirreqRead;
  private long dirreqWritten;

  /** One relay-day row of bwhist_relay_daily. */
  static HistoryDays of(Row relayDay) {
    HistoryDays d = new HistoryDays();
    if (relayDay.getBoolean(RUNNING)) {
      long[] f = d.byFlags[(relayDay.getBoolean(GUARD) ? 2 : 0) + (relayDay.getBoolean(EXIT) ? 1 : 0)];
      f[0] = 1;
      f[1] = orZero(relayDay, READ);
      f[2] = orZero(relayDay, WRITTEN);
    }
    if (!relayDay.isNullAt(DIRREQ_READ) || !relayDay.isNullAt(DIRREQ_WRITTEN)) {
      d.dirreqRelays = 1;
    }
    d.dirreqRead = orZero(relayDay, DIRREQ_READ);
    d.dirreqWritten = orZero(relayDay, DIRREQ_WRITTEN);
    return d;
  }

  private static long orZero(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  /** This day and {@code o}'s relays together (merged into this). */
  HistoryDays merge(HistoryDays o) {
    for (int i = 0; i < byFlags.length; i++) {
      for (int j = 0; j < 3; j++) {
        byFlags[i][j] = Math.addExact(byFlags[i][j], o.byFlags[i][j]);
      }
    }
    dirreqRelays += o.dirreqRelays;
    dirreqRead = Math.addExact(dirreqRead, o.dirreqRead);
    dirreqWritten = Math.addExact(dirreqWritten, o.dirreqWritten);
    return this;
  }

  /** bwhist_flags_daily's rows of the day: one per (guard, exit) with running relays. */
  List<Row> flagRows(Object date) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < byFlags.length; i++) {
      long[] f = byFlags[i];
      if (f[0] > 0) {
        out.add(RowFactory.create(date, i >= 2, i % 2 == 1, f[0], f[1], f[2], f[1] / SECONDS_PER_DAY,
            f[2] / SECONDS_PER_DAY));
      }
    }
    return out;
  }

  /** bwhist_daily's row of the day, with the day's distinct consensuses. */
  Row dailyRow(Object date, long consensuses) {
    long relays = 0;
    long read = 0;
    long written = 0;
    for (long[] f : byFlags) {
      relays += f[0];
      read = Math.addExact(read, f[1]);
      written = Math.addExact(written, f[2]);
    }
    return RowFactory.create(date, consensuses, relays, read, written,
        Math.addExact(read, written) / 2 / SECONDS_PER_DAY, read / SECONDS_PER_DAY, written / SECONDS_PER_DAY,
        dirreqRelays, dirreqRead, dirreqWritten, dirreqRead / SECONDS_PER_DAY, dirreqWritten / SECONDS_PER_DAY);
  }
}
