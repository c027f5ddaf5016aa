package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One router status entry of a consensus, vote or bridge network status: the {@code r} line and
 * the lines after it up to the next {@code r} or the footer. Its columns, together with the
 * document values attached to every entry, are declared by {@link NetworkStatus}'s row tables.
 *
 * @param fingerprint the identity from the {@code r} line, 40 upper-case hex
 * @param digest the descriptor digest from the {@code r} line, 40 lower-case hex; null in
 *     microdesc-flavour consensuses, whose {@code r} lines carry none
 * @param microdescriptorDigest microdesc-flavour consensuses: the {@code m} line's base64 SHA-256
 *     as written; null otherwise (votes list theirs in {@link #microdescriptorHashes()})
 * @param published the {@code r} line's publication time (fixed to 2038-01-01 in microdesc
 *     consensuses from method 33 on)
 * @param orAddresses the {@code a} lines as written ({@code [ipv6]:port} or {@code ip:port})
 * @param flags the {@code s} line's flags in written order; empty when there is no {@code s} line
 * @param version the {@code v} line as written (e.g. {@code Tor 0.4.2.6}), or null
 * @param proto the {@code pr} line as protocol name to version ranges, empty when absent
 * @param bandwidth {@code w Bandwidth=} (kilobytes per second), or null without a {@code w} line
 * @param measured {@code w Measured=} (votes of bandwidth authorities), or null
 * @param unmeasured true if the {@code w} line says {@code Unmeasured=1}
 * @param exitPolicy the {@code p} line's policy summary as written (e.g. {@code accept 80,443}),
 *     or null
 * @param ed25519Id votes: the {@code id ed25519} key (base64 as written); null when absent or
 *     {@code none}
 * @param microdescriptorHashes votes: each {@code m} line's arguments as written (consensus methods,
 *     then {@code sha256=...}); empty otherwise
 * @param stats votes: the {@code stats} line's {@code key=value} pairs; empty otherwise
 */
public record RouterStatusEntry(
    String nickname,
    String fingerprint,
    String digest,
    String microdescriptorDigest,
    Instant published,
    String address,
    int orPort,
    int dirPort,
    List<String> orAddresses,
    List<String> flags,
    String version,
    Map<String, String> proto,
    Long bandwidth,
    Long measured,
    boolean unmeasured,
    String exitPolicy,
    String ed25519Id,
    List<String> microdescriptorHashes,
    Map<String, String> stats,
    List<String> unknownLines) {
}
