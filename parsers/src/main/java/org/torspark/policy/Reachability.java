package org.torspark.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torspark.net.AddressFamily;
import org.torspark.net.IpAddress;
import org.torspark.net.IpNetwork;

/**
 * Exact answers to "is some / every address of this family accepted on this port" under
 * first-match evaluation, by address-set arithmetic on the rules' networks (each an interval of
 * the address space): an accept rule lets something through iff its network is not covered by the
 * rejects before it; a reject stops something iff its network is not covered by the accepts before
 * it. Stem approximates both rule by rule (an address-specific rule is a "fuzzy" match), which
 * goes wrong when address-specific rules shadow each other.
 */
final class Reachability {
  private Reachability() {}

  /** Some address of {@code family} is accepted on {@code port} (default: accept). */
  static boolean some(List<ExitPolicyRule> rules, AddressFamily family, int port) {
    List<Span> rejected = new ArrayList<>();
    for (ExitPolicyRule r : rules) {
      if (r.family() != family || !r.matchesPort(port)) {
        continue;
      }
      if (r.accept()) {
        if (!covered(Span.of(r.network()), rejected)) {
          return true;
        }
      } else {
        if (r.maskBits() == 0) {
          return false; // everything later is shadowed
        }
        rejected.add(Span.of(r.network()));
      }
    }
    return !covered(Span.all(family), rejected);
  }

  /** Every address of {@code family} is accepted on {@code port} (default: accept). */
  static boolean every(List<ExitPolicyRule> rules, AddressFamily family, int port) {
    List<Span> accepted = new ArrayList<>();
    for (ExitPolicyRule r : rules) {
      if (r.family() != family || !r.matchesPort(port)) {
        continue;
      }
      if (r.accept()) {
        if (r.maskBits() == 0) {
          return true;
        }
        accepted.add(Span.of(r.network()));
      } else if (!covered(Span.of(r.network()), accepted)) {
        return false;
      }
    }
    return true;
  }

  /** Some address of {@code family} is accepted on some port 1-65535. */
  static boolean anyPort(List<ExitPolicyRule> rules, AddressFamily family) {
    // the answer is the same for every port between two consecutive rule port boundaries
    int[] starts = new int[2 * rules.size() + 1];
    int k = 0;
    starts[k++] = 1;
    for (ExitPolicyRule r : rules) {
      if (r.family() == family) {
        starts[k++] = r.effectiveMinPort();
        if (r.maxPort() < 65535) {
          starts[k++] = r.maxPort() + 1;
        }
      }
    }
    Arrays.sort(starts, 0, k);
    for (int i = 0; i < k; i++) {
      if ((i == 0 || starts[i] != starts[i - 1]) && some(rules, family, starts[i])) {
        return true;
      }
    }
    return false;
  }

  /** True when the union of {@code spans} covers all of {@code target}. */
  private static boolean covered(Span target, List<Span> spans) {
    if (spans.isEmpty()) {
      return false;
    }
    List<Span> within = new ArrayList<>();
    for (Span s : spans) {
      if (s.contains(target)) {
        return true;
      }
      if (s.intersects(target)) {
        within.add(s);
      }
    }
    within.sort(Span::compareStart);
    // sweep: next is the first address of the target not yet covered
    long nextHigh = target.startHigh;
    long nextLow = target.startLow;
    for (Span s : within) {
      if (compare(s.startHigh, s.startLow, nextHigh, nextLow) > 0) {
        return false; // a gap before s
      }
      if (compare(s.endHigh, s.endLow, target.endHigh, target.endLow) >= 0) {
        return true;
      }
      if (compare(s.endHigh, s.endLow, nextHigh, nextLow) >= 0) {
        nextLow = s.endLow + 1;
        nextHigh = nextLow == 0 ? s.endHigh + 1 : s.endHigh;
      }
    }
    return false;
  }

  private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
    int c = Long.compareUnsigned(aHigh, bHigh);
    return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
  }

  /** A network as an inclusive 128-bit interval (IPv4 in the low 32 bits). */
  private record Span(long startHigh, long startLow, long endHigh, long endLow) {
    static Span of(IpNetwork n) {
      IpAddress first = n.first();
      IpAddress last = n.last();
      return new Span(first.high(), first.low(), last.high(), last.low());
    }

    static Span all(AddressFamily family) {
      return family == AddressFamily.IPV4 ? new Span(0, 0, 0, 0xFFFF_FFFFL) : new Span(0, 0, -1L, -1L);
    }

    boolean contains(Span o) {
      return compare(startHigh, startLow, o.startHigh, o.startLow) <= 0
          && compare(endHigh, endLow, o.endHigh, o.endLow) >= 0;
    }

    boolean intersects(Span o) {
      return compare(startHigh, startLow, o.endHigh, o.endLow) <= 0
          && compare(endHigh, endLow, o.startHigh, o.startLow) >= 0;
    }

    int compareStart(Span o) {
      return compare(startHigh, startLow, o.startHigh, o.startLow);
    }
  }
}
