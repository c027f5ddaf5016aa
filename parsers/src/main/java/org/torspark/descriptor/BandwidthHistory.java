package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * A byte-count history line of a server or extra-info descriptor ({@code read-history},
 * {@code write-history}, {@code dirreq-read-history}, {@code ipv6-write-history}, ...): bytes per
 * interval, oldest first, the last interval ending at {@code end}. Intervals are 900 s in older
 * descriptors and 86400 s (not aligned to midnight) in newer ones.
 *
 * @param end end of the newest interval, UTC
 * @param intervalSeconds length of each interval
 * @param values bytes per interval, oldest first (empty when the relay reported none)
 */
public record BandwidthHistory(Instant end, long intervalSeconds, List<Long> values) {

  public static final Table<BandwidthHistory> TABLE = Table.<BandwidthHistory>builder("bandwidth_history")
      .column("end", ColumnType.TIMESTAMP, BandwidthHistory::end, "end of the newest interval (UTC)")
      .column("interval_seconds", ColumnType.LONG, BandwidthHistory::intervalSeconds, "length of each interval")
      .column("values", ColumnType.LONG_LIST, BandwidthHistory::values, "bytes per interval, oldest first")
      .build();
}
