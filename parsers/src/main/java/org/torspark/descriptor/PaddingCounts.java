package org.torspark.descriptor;

import java.time.Instant;
import java.util.Map;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * An extra-info {@code padding-counts} line: channel padding cell counts ({@code bin-size},
 * {@code write-drop}, {@code write-pad}, {@code read-total}, ...) for the interval ending at
 * {@code end}, keys as written.
 */
public record PaddingCounts(Instant end, long intervalSeconds, Map<String, Long> counts) {

  public static final Table<PaddingCounts> TABLE = Table.<PaddingCounts>builder("padding_counts")
      .column("end", ColumnType.TIMESTAMP, PaddingCounts::end, "end of the measurement interval (UTC)")
      .column("interval_seconds", ColumnType.LONG, PaddingCounts::intervalSeconds, "length of the interval")
      .column("counts", ColumnType.LONG_MAP, PaddingCounts::counts, "counter name -> value, as written")
      .build();
}
