package org.torspark.descriptor;

import java.time.Instant;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * An extra-info {@code conn-bi-direct} or {@code ipv6-conn-bi-direct} line: connections that were
 * used mostly for reading, mostly for writing, for both, or below the byte threshold, during the
 * interval ending at {@code end}.
 */
public record ConnBiDirect(Instant end, long intervalSeconds, long below, long read, long write, long both) {

  public static final Table<ConnBiDirect> TABLE = Table.<ConnBiDirect>builder("conn_bi_direct")
      .column("end", ColumnType.TIMESTAMP, ConnBiDirect::end, "end of the measurement interval (UTC)")
      .column("interval_seconds", ColumnType.LONG, ConnBiDirect::intervalSeconds, "length of the interval")
      .column("below", ColumnType.LONG, ConnBiDirect::below, "connections that transferred too little to count")
      .column("read", ColumnType.LONG, ConnBiDirect::read, "connections used mostly for reading")
      .column("write", ColumnType.LONG, ConnBiDirect::write, "connections used mostly for writing")
      .column("both", ColumnType.LONG, ConnBiDirect::both, "connections used for both")
      .build();
}
