package org.torspark.jobs.exit;

import java.util.BitSet;
import java.util.Locale;
import org.torspark.net.PortRange;
import org.torspark.policy.ExitPolicy;
import org.torspark.policy.PolicyFormatException;
import org.torspark.policy.PolicySummary;

/**
 * Coarse classes of exit-policy summaries ({@code p} lines), for the distribution report. tor writes
 * whichever list is shorter, so an {@code accept} summary lists the few allowed ports and a
 * {@code reject} summary the few blocked ones.
 */
public enum PolicyClass {
  /** {@code reject 1-65535}: no exiting (to most addresses) on any port. */
  REJECT_ALL,
  /** {@code accept 1-65535}. */
  ACCEPT_ALL,
  /** Exactly the summary of tor's default exit policy. */
  DEFAULT,
  /**
   * An accept list sharing at least 90% of its ports (Jaccard index) with tor's current
   * ReducedExitPolicy: the list changed across tor releases (853 added, 465/587 added, SSH dropped
   * by some operators), so an exact match would miss most relays that use it.
   */
  REDUCED,
  /** Any other {@code reject} list: all ports but a few. */
  ACCEPT_ALL_BUT_FEW,
  /** Any other {@code accept} list: a few ports only. */
  ACCEPT_FEW,
  /** A summary that does not parse (or none). */
  UNKNOWN;

  /** tor's default exit policy ({@code policies.c DEFAULT_EXIT_POLICY}). */
  static final String DEFAULT_POLICY = "reject *:25, reject *:119, reject *:135-139, reject *:445, reject *:563,"
      + " reject *:1214, reject *:4661-4666, reject *:6346-6429, reject *:6699, reject *:6881-6999, accept *:*";

  /** tor's ReducedExitPolicy ({@code policies.c REDUCED_EXIT_POLICY}, formats.md §3.1). */
  static final String REDUCED_PORTS = "20-23,43,53,79-81,88,110,143,194,220,389,443,464,465,531,543-544,554,563,"
      + "587,636,706,749,873,902-904,981,989-995,1194,1220,1293,1500,1533,1677,1723,1755,1863,2082-2083,"
      + "2086-2087,2095-2096,2102-2104,3128,3389,3690,4321,4643,5050,5190,5222-5223,5228,5900,6660-6669,6679,"
      + "6697,8000,8008,8074,8080,8082,8087-8088,8232-8233,8332-8333,8443,8888,9418,9999,10000,11371,19294,"
      + "19638,50002,64738";

  static final PolicySummary DEFAULT_SUMMARY = ExitPolicy.parseTorrc(DEFAULT_POLICY).summary();
  static final PolicySummary REDUCED_SUMMARY = reducedSummary();
  private static final BitSet REDUCED_PORT_SET = ports(REDUCED_SUMMARY);
  static final double REDUCED_SIMILARITY = 0.9;

  private static PolicySummary reducedSummary() {
    StringBuilder sb = new StringBuilder();
    for (String r : REDUCED_PORTS.split(",")) {
      sb.append("accept *:").append(r).append(", ");
    }
    return ExitPolicy.parseTorrc(sb.append("reject *:*").toString()).summary();
  }

  /** The class of a summary as written in a consensus {@code p} line (null: {@link #UNKNOWN}). */
  public static PolicyClass of(String summary) {
    if (summary == null) {
      return UNKNOWN;
    }
    PolicySummary s;
    try {
      s = PolicySummary.parse(summary);
    } catch (PolicyFormatException e) {
      return UNKNOWN;
    }
    if (s.equals(PolicySummary.REJECT_ALL) || !s.isExitingAllowed()) {
      return REJECT_ALL;
    }
    if (s.equals(PolicySummary.ACCEPT_ALL)) {
      return ACCEPT_ALL;
    }
    if (s.equals(DEFAULT_SUMMARY)) {
      return DEFAULT;
    }
    if (s.isAccept() && jaccard(ports(s), REDUCED_PORT_SET) >= REDUCED_SIMILARITY) {
      return REDUCED;
    }
    return s.isAccept() ? ACCEPT_FEW : ACCEPT_ALL_BUT_FEW;
  }

  /** The ports a summary lets through. */
  static BitSet ports(PolicySummary s) {
    BitSet listed = new BitSet(65536);
    for (PortRange r : s.ranges()) {
      listed.set(r.min(), r.max() + 1);
    }
    if (!s.isAccept()) {
      listed.flip(1, 65536);
    }
    return listed;
  }

  static double jaccard(BitSet a, BitSet b) {
    BitSet and = (BitSet) a.clone();
    and.and(b);
    BitSet or = (BitSet) a.clone();
    or.or(b);
    return or.isEmpty() ? 0 : (double) and.cardinality() / or.cardinality();
  }

  /** The name used in output tables, e.g. {@code accept_all_but_few}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
