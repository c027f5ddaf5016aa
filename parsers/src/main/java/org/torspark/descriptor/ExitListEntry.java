package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;

/**
 * One relay of an exit list: an {@code ExitNode} entry with its {@code Published},
 * {@code LastStatus} and one or more {@code ExitAddress} lines. Carries the list's
 * {@code downloaded} time so that every row stands on its own.
 *
 * @param downloaded the exit list's time (see {@link ExitList#downloaded()}), or null
 * @param fingerprint relay fingerprint, 40 upper-case hex
 * @param published publication time of the relay's descriptor that TorDNSEL used
 * @param lastStatus when the relay was last seen in a network status
 * @param exitAddresses addresses seen when exiting through the relay, in file order
 * @param unknownLines lines with unknown keywords inside this entry, verbatim
 */
public record ExitListEntry(
    Instant downloaded,
    String fingerprint,
    Instant published,
    Instant lastStatus,
    List<ExitAddress> exitAddresses,
    List<String> unknownLines) {}
