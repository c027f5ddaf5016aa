package org.torspark.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torspark.net.AddressFamily;
import org.torspark.net.PortRange;

/**
 * tor's own policy summary ({@code policy_summarize} and helpers in tor's {@code policies.c};
 * dir-spec §3.8.2): what directory authorities put in a consensus {@code p} line and relays in
 * {@code ipv6-policy}. Stem's {@code summary()} is a different algorithm and does not reproduce
 * these lines.
 *
 * <p>The ports 1-65535 are kept as sorted disjoint intervals, each with a count of rejected
 * addresses and an "accepted" mark. Rules of the requested family are applied in order:
 *
 * <ul>
 *   <li>an accept for every address (mask length 0) marks each interval of its range accepted,
 *       unless more than the cutoff of addresses were rejected on it before (IPv4: 2^25 addresses,
 *       i.e. more than two /8s; IPv6: 2^48 /64s, i.e. more than one /16). Accepts for narrower
 *       networks are ignored;
 *   <li>a reject adds the size of its network to each interval of its range (IPv6 in /64 units,
 *       networks longer than /64 count nothing, saturating at 2^64-1), unless its network is
 *       exactly one of tor's private networks.
 * </ul>
 *
 * <p>Accepted and rejected intervals are then merged into ranges and the shorter list wins (ties go
 * to accept); {@code accept 1-65535} / {@code reject 1-65535} when one list is empty; when both
 * lists are longer than 993 characters the accept list is cut at the last comma that keeps the
 * line within 1000 characters.
 *
 * <p>The summary starts from "nothing accepted" and never applies the implicit accept that ends
 * every policy, so ports no rule accepts for all addresses are summarised as rejected (an empty
 * policy summarises to {@code reject 1-65535}); published policies end in {@code accept *:*} or
 * {@code reject *:*}, where this makes no difference. A rule whose only port is 0 matches nothing
 * and is skipped; tor itself would trip an assertion on it.
 */
final class TorSummary {
  private static final int MAX_SUMMARY_LENGTH = 1000;
  private static final int MAX_LIST_LENGTH = MAX_SUMMARY_LENGTH - "accept".length() - 1;
  private static final long IPV4_CUTOFF = 1L << (32 - 7);
  private static final long IPV6_CUTOFF = 1L << (128 - 64 - 16);
  private static final long SATURATED = -1L; // UINT64_MAX

  // intervals i: [min[i], max[i]], reject count (unsigned), accepted mark
  private int[] min = new int[16];
  private int[] max = new int[16];
  private long[] rejects = new long[16];
  private boolean[] accepted = new boolean[16];
  private int n;

  private TorSummary() {
    min[0] = 1;
    max[0] = 65535;
    n = 1;
  }

  static PolicySummary summarize(List<ExitPolicyRule> rules, AddressFamily family) {
    TorSummary s = new TorSummary();
    for (ExitPolicyRule r : rules) {
      if (r.family() == family) {
        s.add(r, family);
      }
    }
    return s.result();
  }

  private void add(ExitPolicyRule r, AddressFamily family) {
    int lo = r.effectiveMinPort();
    int hi = r.maxPort();
    if (lo > hi) {
      return;
    }
    if (r.accept()) {
      if (r.maskBits() == 0) {
        long cutoff = family == AddressFamily.IPV4 ? IPV4_CUTOFF : IPV6_CUTOFF;
        for (int i = split(lo, hi); i < n && max[i] <= hi; i++) {
          if (!accepted[i] && Long.compareUnsigned(rejects[i], cutoff) <= 0) {
            accepted[i] = true;
          }
        }
      }
      return;
    }
    if (r.isTorPrivate()) {
      return;
    }
    int scale = family == AddressFamily.IPV4 ? 0 : 64;
    int spare = family.bits() - scale - r.maskBits(); // log2 of the network size in counting units
    if (spare < 0) {
      return; // an IPv6 network smaller than a /64
    }
    long count = spare >= 64 ? SATURATED : 1L << spare;
    for (int i = split(lo, hi); i < n && max[i] <= hi; i++) {
      rejects[i] = Long.compareUnsigned(rejects[i], SATURATED - count) <= 0 ? rejects[i] + count : SATURATED;
    }
  }

  /** Splits intervals so that lo starts one and hi ends one; returns the index starting at lo. */
  private int split(int lo, int hi) {
    int i = 0;
    while (max[i] < lo) {
      i++;
    }
    if (min[i] != lo) {
      splitAt(i, lo);
      i++;
    }
    int start = i;
    while (max[i] < hi) {
      i++;
    }
    if (max[i] != hi) {
      splitAt(i, hi + 1);
    }
    return start;
  }

  /** Interval i becomes [min, at-1] and a copy [at, max] is inserted after it. */
  private void splitAt(int i, int at) {
    if (n == min.length) {
      int c = n * 2;
      min = Arrays.copyOf(min, c);
      max = Arrays.copyOf(max, c);
      rejects = Arrays.copyOf(rejects, c);
      accepted = Arrays.copyOf(accepted, c);
    }
    int tail = n - i - 1;
    System.arraycopy(min, i + 1, min, i + 2, tail);
    System.arraycopy(max, i + 1, max, i + 2, tail);
    System.arraycopy(rejects, i + 1, rejects, i + 2, tail);
    System.arraycopy(accepted, i + 1, accepted, i + 2, tail);
    min[i + 1] = at;
    max[i + 1] = max[i];
    rejects[i + 1] = rejects[i];
    accepted[i + 1] = accepted[i];
    max[i] = at - 1;
    n++;
  }

  private PolicySummary result() {
    List<PortRange> accepts = new ArrayList<>();
    List<PortRange> rejected = new ArrayList<>();
    int start = 1;
    for (int i = 0; i < n; i++) {
      if (i == n - 1 || accepted[i] != accepted[i + 1]) {
        (accepted[i] ? accepts : rejected).add(new PortRange(start, max[i]));
        if (i < n - 1) {
          start = min[i + 1];
        }
      }
    }
    if (accepts.isEmpty()) {
      return PolicySummary.REJECT_ALL;
    }
    if (rejected.isEmpty()) {
      return PolicySummary.ACCEPT_ALL;
    }
    int acceptsLength = joinedLength(accepts, accepts.size());
    int rejectsLength = joinedLength(rejected, rejected.size());
    if (rejectsLength > MAX_LIST_LENGTH && acceptsLength > MAX_LIST_LENGTH) {
      // tor cuts the accept list at the last comma at or before index 993
      int keep = 0;
      int length = accepts.get(0).toString().length();
      while (length <= MAX_LIST_LENGTH) {
        keep++;
        length += 1 + accepts.get(keep).toString().length();
      }
      return PolicySummary.ofTrusted(true, new ArrayList<>(accepts.subList(0, keep)));
    }
    if (rejectsLength < acceptsLength) {
      return PolicySummary.ofTrusted(false, rejected);
    }
    return PolicySummary.ofTrusted(true, accepts);
  }

  /** Length of the first k ranges joined with commas. */
  private static int joinedLength(List<PortRange> ranges, int k) {
    int length = Math.max(0, k - 1);
    for (int i = 0; i < k; i++) {
      length += ranges.get(i).toString().length();
    }
    return length;
  }
}
