package org.torspark.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.torspark.net.PortRange;

/**
 * A port-only policy summary: {@code accept|reject PortList}, as in a consensus or microdescriptor
 * {@code p} line, a microdescriptor {@code p6} line or a descriptor's {@code ipv6-policy} (dir-spec
 * §3.4.1). Listed ports get the action, every other port the opposite (tor's {@code
 * compare_tor_addr_to_short_policy}; Stem's {@code MicroExitPolicy}).
 *
 * <p>A summary says what a relay allows to <em>most</em> addresses of a port (tor's summary
 * algorithm, {@link ExitPolicy#summary()}), so it can differ from the full policy for particular
 * addresses: {@code accept 133.0.0.0/8:443, reject *:*} summarises to {@code reject 1-65535}.
 *
 * <p>Parsing is stricter than tor's {@code parse_short_policy}, which skips entries that do not
 * start with a digit (room for future syntax); here every entry must be {@code N} or {@code N-M}.
 */
public final class PolicySummary {
  private static final String WHAT = "policy summary";

  /** {@code accept 1-65535}. */
  public static final PolicySummary ACCEPT_ALL = new PolicySummary(true, List.of(PortRange.ALL));

  /** {@code reject 1-65535}: no exit at all. */
  public static final PolicySummary REJECT_ALL = new PolicySummary(false, List.of(PortRange.ALL));

  private final boolean accept;
  private final List<PortRange> ranges;

  private PolicySummary(boolean accept, List<PortRange> ranges) {
    this.accept = accept;
    this.ranges = ranges;
  }

  /**
   * A summary of the action for these ports.
   *
   * @throws IllegalArgumentException when there are no ranges (tor refuses an empty list)
   */
  public static PolicySummary of(boolean accept, List<PortRange> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("a policy summary lists at least one port");
    }
    return new PolicySummary(accept, List.copyOf(ranges));
  }

  /**
   * Parses {@code accept 80,443,6660-6669} or {@code reject 1-65535} (the arguments of a {@code p},
   * {@code p6} or {@code ipv6-policy} line).
   *
   * @throws PolicyFormatException naming the summary and what is wrong
   */
  public static PolicySummary parse(String text) {
    if (text == null) {
      throw new PolicyFormatException(WHAT, "null", "no summary");
    }
    String t = text.strip();
    boolean accept;
    if (t.startsWith("accept")) {
      accept = true;
    } else if (t.startsWith("reject")) {
      accept = false;
    } else {
      throw new PolicyFormatException(WHAT, text, "expected 'accept' or 'reject' first");
    }
    int i = 6;
    if (i == t.length() || (t.charAt(i) != ' ' && t.charAt(i) != '\t')) {
      throw new PolicyFormatException(WHAT, text, "expected a space and a port list after '" + t.substring(0, 6) + "'");
    }
    while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
      i++;
    }
    String list = t.substring(i);
    try {
      return new PolicySummary(accept, PortRange.parseList(list));
    } catch (IllegalArgumentException e) {
      throw new PolicyFormatException(WHAT, text, e.getMessage());
    }
  }

  /** True when the listed ports are accepted (and all others rejected). */
  public boolean isAccept() {
    return accept;
  }

  /** The listed port ranges, in the order written. */
  public List<PortRange> ranges() {
    return ranges;
  }

  /**
   * True when the summary allows exiting to this port (for most addresses). Port 0 is never
   * allowed.
   *
   * @throws IllegalArgumentException for a port outside 0..65535
   */
  public boolean canExitTo(int port) {
    ExitPolicy.checkPort(port);
    if (port == 0) {
      return false;
    }
    for (PortRange r : ranges) {
      if (r.contains(port)) {
        return accept;
      }
    }
    return !accept;
  }

  /**
   * True when at least one port is allowed: false exactly for reject lists covering 1-65535 (tor's
   * {@code short_policy_is_reject_star} only recognises the literal {@code reject 1-65535}).
   */
  public boolean isExitingAllowed() {
    if (accept) {
      return true;
    }
    List<PortRange> sorted = new ArrayList<>(ranges);
    sorted.sort((x, y) -> Integer.compare(x.min(), y.min()));
    int next = 1; // first port not yet known to be rejected
    for (PortRange r : sorted) {
      if (r.min() > next) {
        return true;
      }
      next = Math.max(next, r.max() + 1);
    }
    return next <= 65535;
  }

  /** {@code accept 80,443} as tor writes it (comma-separated, no spaces). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(accept ? "accept " : "reject ");
    for (int i = 0; i < ranges.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(ranges.get(i));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicySummary s && s.accept == accept && s.ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode() * 2 + (accept ? 1 : 0);
  }

  static PolicySummary ofTrusted(boolean accept, List<PortRange> ranges) {
    return new PolicySummary(accept, Collections.unmodifiableList(ranges));
  }
}
