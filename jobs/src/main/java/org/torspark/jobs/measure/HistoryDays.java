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

  /** Per (guard, exit) as guard * 2 + exit: running relays, read bytes, written bytes. */
  private final long[][] byFlags = new long[4][3];
  private long relayDays;
  private long consensuses;
  private long dirreqRelays;
  private long dirreqRead;
  private long dirreqWritten;

  /** One relay-day of bwhist_relay_daily, or (null fingerprint) the day's count of consensuses. */
  static HistoryDays of(RelayDay relayDay) {
    HistoryDays d = new HistoryDays();
    if (relayDay.fingerprint == null) {
      d.consensuses = relayDay.consensuses;
      return d;
    }
    d.relayDays = 1;
    Long[] t = relayDay.totals;
    if (relayDay.running) {
      long[] f = d.byFlags[(relayDay.guard ? 2 : 0) + (relayDay.exit ? 1 : 0)];
      f[0] = 1;
      f[1] = orZero(t[0]);
      f[2] = orZero(t[1]);
    }
    if (t[2] != null || t[3] != null) {
      d.dirreqRelays = 1;
    }
    d.dirreqRead = orZero(t[2]);
    d.dirreqWritten = orZero(t[3]);
    return d;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  /** Relay-days of the day (0: only its consensus count is known). */
  long relayDays() {
    return relayDays;
  }

  /** This day and {@code o}'s relays together (merged into this). */
  HistoryDays merge(HistoryDays o) {
    for (int i = 0; i < byFlags.length; i++) {
      for (int j = 0; j < 3; j++) {
        byFlags[i][j] = Math.addExact(byFlags[i][j], o.byFlags[i][j]);
      }
    }
    relayDays += o.relayDays;
    consensuses += o.consensuses;
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

  /** bwhist_daily's row of the day. */
  Row dailyRow(Object date) {
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
