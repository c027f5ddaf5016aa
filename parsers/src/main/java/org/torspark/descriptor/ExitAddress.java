package org.torspark.descriptor;

import java.time.Instant;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * One {@code ExitAddress} of an exit-list entry: an address TorDNSEL saw when it exited through the
 * relay, and when it tested.
 *
 * @param address the IP address as written
 * @param testedAt when the exit connection was tested (UTC)
 */
public record ExitAddress(String address, Instant testedAt) {

  /** Nested table of the {@code exit_addresses} column. */
  public static final Table<ExitAddress> TABLE = Table.<ExitAddress>builder("exit_address")
      .column("address", ColumnType.STRING, ExitAddress::address, "Address seen when exiting through the relay")
      .column("tested_at", ColumnType.TIMESTAMP, ExitAddress::testedAt, "When that address was seen (UTC)")
      .build();
}
