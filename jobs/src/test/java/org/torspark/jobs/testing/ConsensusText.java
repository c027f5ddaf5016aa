package org.torspark.jobs.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds small consensus documents line by line for edge cases (unknown flags, no weights, one
 * consensus a day), with the header and footer of the real cropped fixture
 * consensus/cropped/2017-07-17-17-00-00-consensus.
 */
public final class ConsensusText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  public static final String WEIGHTS = "bandwidth-weights Wbd=0 Wbe=0 Wbg=4085 Wbm=10000 Wdb=10000 Web=10000 Wed=8000"
      + " Wee=10000 Weg=10000 Wem=10000 Wgb=10000 Wgd=0 Wgg=5915 Wgm=5915 Wmb=10000 Wmd=0 Wme=0 Wmg=4085 Wmm=10000";

  private final Instant validAfter;
  /** Entry lines by identity: tor writes (and the parser requires) entries in ascending identity order. */
  private final java.util.TreeMap<String, List<String>> byIdentity = new java.util.TreeMap<>();
  private String weights = WEIGHTS;

  private ConsensusText(Instant validAfter) {
    this.validAfter = validAfter;
  }

  public static ConsensusText at(String isoValidAfter) {
    return new ConsensusText(Instant.parse(isoValidAfter));
  }

  /** Adds an entry: r line from the hex fingerprint and digest, then s, w and p lines. */
  public ConsensusText entry(String nickname, String fingerprintHex, String digestHex, String flags, long bandwidth,
      String summary) {
    return entry(nickname, fingerprintHex, digestHex, flags, bandwidth, summary, null);
  }

  public ConsensusText entry(String nickname, String fingerprintHex, String digestHex, String flags, long bandwidth,
      String summary, String ipv6OrAddress) {
    List<String> lines = new ArrayList<>();
    lines.add("r " + nickname + " " + b64(fingerprintHex) + " " + b64(digestHex) + " 2017-07-17 09:37:18 10.0.0."
        + (byIdentity.size() + 1) + " 9001 0");
    if (ipv6OrAddress != null) {
      lines.add("a " + ipv6OrAddress);
    }
    lines.add("s " + flags);
    lines.add("v Tor 0.4.2.6");
    lines.add("w Bandwidth=" + bandwidth);
    lines.add("p " + summary);
    byIdentity.put(fingerprintHex.toUpperCase(java.util.Locale.ROOT), lines);
    return this;
  }

  /** Replaces the bandwidth-weights line (null: none, as in consensuses before method 9). */
  public ConsensusText weights(String line) {
    this.weights = line;
    return this;
  }

  /** The CollecTor file name of this consensus. */
  public String fileName() {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC).format(validAfter) + "-consensus";
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    line(sb, "@type network-status-consensus-3 1.0");
    line(sb, "network-status-version 3");
    line(sb, "vote-status consensus");
    line(sb, "consensus-method 26");
    line(sb, "valid-after " + TIME.format(validAfter));
    line(sb, "fresh-until " + TIME.format(validAfter.plusSeconds(3600)));
    line(sb, "valid-until " + TIME.format(validAfter.plusSeconds(3 * 3600)));
    line(sb, "voting-delay 300 300");
    line(sb, "client-versions 0.4.2.6");
    line(sb, "server-versions 0.4.2.6");
    // flags the jobs do not know about (MiddleOnly, new ones) are valid once known-flags lists them
    java.util.TreeSet<String> known = new java.util.TreeSet<>(List.of("Authority", "BadExit", "Exit", "Fast", "Guard",
        "HSDir", "NoEdConsensus", "Running", "Stable", "V2Dir", "Valid"));
    List<String> entries = new ArrayList<>();
    byIdentity.values().forEach(entries::addAll);
    for (String e : entries) {
      if (e.startsWith("s ")) {
        known.addAll(List.of(e.substring(2).split(" ")));
      }
    }
    line(sb, "known-flags " + String.join(" ", known));
    line(sb, "params CircuitPriorityHalflifeMsec=30000 NumDirectoryGuards=3");
    line(sb, "dir-source dannenberg 0232AF901C31A04EE9848595AF9BB7620D4C5B2E dannenberg.torauth.de 193.23.244.244 80 443");
    line(sb, "contact Andreas Lehner");
    line(sb, "vote-digest 6C2F5B0D52DFB3E4CA3DDEEAD690CC563CAF0601");
    for (String e : entries) {
      line(sb, e);
    }
    line(sb, "directory-footer");
    if (weights != null) {
      line(sb, weights);
    }
    line(sb, "directory-signature 0232AF901C31A04EE9848595AF9BB7620D4C5B2E 70A6DDEB6B42FD0714B8F91F3F6B366CECF4E8B9");
    line(sb, "-----BEGIN SIGNATURE-----");
    line(sb, "ms5UdJTokgLqg2Fqy2fcow==");
    line(sb, "-----END SIGNATURE-----");
    return sb.toString();
  }

  static String b64(String hex) {
    return Base64.getEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(hex));
  }

  private static void line(StringBuilder sb, String l) {
    sb.append(l).append('\n');
  }
}
