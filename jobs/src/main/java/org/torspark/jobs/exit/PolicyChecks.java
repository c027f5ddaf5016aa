package org.torspark.jobs.exit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torspark.net.IpAddress;
import org.torspark.policy.ExitPolicy;
import org.torspark.policy.PolicyFormatException;
import org.torspark.policy.PolicySummary;

/**
 * The per-relay policy questions the exit jobs ask, without Spark. Each checker caches answers by
 * policy text: a consensus holds a few thousand distinct summaries for ~7,000 relays, and a month
 * repeats them hundreds of times. Not thread-safe; Spark gives every task its own deserialised copy.
 */
public final class PolicyChecks {
  private static final int CACHE_LIMIT = 50_000;

  private PolicyChecks() {}

  /** Which report ports a {@code p} summary allows; null for an absent or unparseable summary. */
  static final class SummaryPorts {
    private final int[] ports;
    private final Map<String, boolean[]> cache = new HashMap<>();

    SummaryPorts(int[] ports) {
      this.ports = ports;
    }

    boolean[] allowed(String summary) {
      if (summary == null) {
        return null;
      }
      boolean[] cached = cache.get(summary);
      if (cached != null || cache.containsKey(summary)) {
        return cached;
      }
      boolean[] out;
      try {
        PolicySummary s = PolicySummary.parse(summary);
        out = new boolean[ports.length];
        for (int i = 0; i < ports.length; i++) {
          out[i] = s.canExitTo(ports[i]);
        }
      } catch (PolicyFormatException e) {
        out = null;
      }
      remember(cache, summary, out);
      return out;
    }
  }

  /**
   * Which report ports a full descriptor policy allows to <em>some</em> address (non-strict, as
   * exitmap and Stem's {@code can_exit_to(port=P)} ask); null when a rule does not parse.
   */
  static final class DescriptorPorts {
    private final int[] ports;
    private final Map<List<String>, boolean[]> cache = new HashMap<>();

    DescriptorPorts(int[] ports) {
      this.ports = ports;
    }

    boolean[] allowed(List<String> rules) {
      if (rules == null) {
        return null;
      }
      boolean[] cached = cache.get(rules);
      if (cached != null || cache.containsKey(rules)) {
        return cached;
      }
      boolean[] out;
      try {
        ExitPolicy p = ExitPolicy.parse(rules);
        out = new boolean[ports.length];
        for (int i = 0; i < ports.length; i++) {
          out[i] = p.canExitTo(ports[i], false);
        }
      } catch (PolicyFormatException e) {
        out = null;
      }
      remember(cache, List.copyOf(rules), out);
      return out;
    }
  }

  /**
   * IPv6 exiting as Tor Metrics counts it: the descriptor's {@code ipv6-policy} is present and is
   * not {@code reject 1-65535} (any summary that allows no port counts as rejecting all).
   */
  public static boolean ipv6Exiting(String ipv6Policy) {
    if (ipv6Policy == null) {
      return false;
    }
    try {
      return PolicySummary.parse(ipv6Policy).isExitingAllowed();
    } catch (PolicyFormatException e) {
      return false;
    }
  }

  /**
   * The destinations (of {@code destinations}) a relay's full policy lets it exit to, exitmap's
   * question {@code can_exit_to(ip, port)} with tor's semantics: IPv4 destinations are answered by
   * the descriptor's rules, IPv6 destinations by its {@code ipv6-policy} summary (absent: reject),
   * because tor applies descriptor {@code accept}/{@code reject} lines to IPv4 only. Returns null
   * when the policy does not parse, and an empty list when no destination is allowed.
   */
  static List<String> allowedDestinations(List<String> rules, String ipv6Policy, List<Destination> destinations) {
    if (rules == null) {
      return null;
    }
    ExitPolicy p;
    try {
      p = ExitPolicy.parse(rules);
    } catch (PolicyFormatException e) {
      return null;
    }
    PolicySummary v6 = null;
    if (ipv6Policy != null) {
      try {
        v6 = PolicySummary.parse(ipv6Policy);
      } catch (PolicyFormatException e) {
        v6 = null;
      }
    }
    List<String> out = new ArrayList<>();
    for (Destination d : destinations) {
      boolean ok = d.address().isIpv4() ? p.canExitTo(d.address(), d.port()) : v6 != null && v6.canExitTo(d.port());
      if (ok) {
        out.add(d.toString());
      }
    }
    return out;
  }

  /** Exitmap's first filter: does the full policy allow exiting anywhere at all? */
  static boolean exitingAllowed(List<String> rules) {
    if (rules == null) {
      return false;
    }
    try {
      return ExitPolicy.parse(rules).isExitingAllowed();
    } catch (PolicyFormatException e) {
      return false;
    }
  }

  /** A destination {@code IP:PORT} ({@code [IPv6]:PORT}). */
  record Destination(IpAddress address, int port) {
    @Override
    public String toString() {
      return (address.isIpv6() ? "[" + address + "]" : address.toString()) + ":" + port;
    }
  }

  private static <K, V> void remember(Map<K, V> cache, K key, V value) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, value);
  }
}
