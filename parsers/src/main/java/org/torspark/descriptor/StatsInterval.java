package org.torspark.descriptor;

import java.time.Instant;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * The measurement interval of an extra-info statistics block ({@code dirreq-stats-end},
 * {@code exit-stats-end}, {@code bridge-stats-end}, ...): the statistics lines that follow it
 * cover the {@code intervalSeconds} before {@code end}.
 */
public record StatsInterval(Instant end, long intervalSeconds) {

  public static final Table<StatsInterval> TABLE = Table.<StatsInterval>builder("stats_interval")
      .column("end", ColumnType.TIMESTAMP, StatsInterval::end, "end of the measurement interval (UTC)")
      .column("interval_seconds", ColumnType.LONG, StatsInterval::intervalSeconds, "length of the interval")
      .build();
}
