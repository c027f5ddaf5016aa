package org.torspark.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.torspark.net.AddressFamily;
import org.torspark.net.IpAddress;

/**
 * A relay's exit policy: rules evaluated in order, the first rule matching the destination
 * (address in its network, port in its range) decides, and a destination no rule matches is
 * accepted (dir-spec §2.1.3).
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * rule     ::= ("accept" | "reject" | "accept6" | "reject6") SP+ addrspec [":" portspec]
 * addrspec ::= "*" | "*4" | "*6" | "private"
 *            | ip4 ["/" (bits 0-32 | dotted prefix mask)]
 *            | "[" ip6 "]" ["/" (bits 0-128 | dotted prefix mask)]
 * portspec ::= "" | "*" | port | port "-" port        (first port 0-65535, second 1-65535)
 * </pre>
 *
 * A missing or empty port means every port (tor's {@code parse_port_range}); {@code private} needs
 * its {@code :portspec}. {@code private} stands for one rule per network of tor's private list, in
 * tor's order, for both families whatever the keyword ({@link org.torspark.net.IpNetwork#TOR_PRIVATE}).
 *
 * <h2>Two syntaxes, two sets of families</h2>
 *
 * <ul>
 *   <li>{@link #parse(List) Descriptor syntax} (server descriptors' {@code accept}/{@code reject}
 *       lines): {@code *} is the IPv4 wildcard; {@code accept}/{@code reject} with an IPv6
 *       address, or {@code accept6}/{@code reject6} with IPv4 (including {@code *}), is malformed
 *       — tor discards such a descriptor. The policy <em>governs IPv4 only</em>: tor decides IPv6
 *       exits from the relay's {@code ipv6-policy} summary and rejects IPv6 when there is none, so
 *       {@link #canExitTo(IpAddress, int)} answers false for IPv6 destinations.
 *   <li>{@link #parseTorrc(String...) torrc syntax} ({@code ExitPolicy} option values, comma
 *       separated): {@code accept *}/{@code reject *} is one rule per family, {@code accept6 *} is
 *       IPv6 only, IPv4 after {@code accept6}/{@code reject6} is ignored as tor ignores it (kept in
 *       {@link #ignoredRules()}). The policy governs both families. Only the rules given are
 *       parsed; the private and default rules a relay adds to its own policy are not.
 * </ul>
 *
 * <h2>Where Stem and tor disagree, this follows tor</h2>
 *
 * <ul>
 *   <li>Stem's {@code *} matches IPv4 and IPv6; in a descriptor tor's {@code *} is IPv4 only.
 *   <li>Stem keeps dotted masks that are not prefixes ({@code 255.0.255.0}); tor rejects them.
 *   <li>Stem's address wildcard is only {@code *}; tor treats every /0 ({@code *4}, {@code *6},
 *       {@code 0.0.0.0/0}) as "all addresses", which matters for port questions, {@link
 *       #isExitingAllowed()} and summaries.
 *   <li>Stem's {@code is_exiting_allowed} counts {@code reject *4:*, reject *6:*} as allowing exits
 *       and any accept whose ports are not rejected for all addresses, even if shadowed. Here the
 *       answer is exact: some destination on some port is accepted.
 *   <li>Stem's {@code summary()} is its own algorithm; {@link #summary()} is tor's, reproducing
 *       consensus {@code p} lines.
 *   <li>Stem's {@code private} is six IPv4 networks; tor's is twelve, six of them IPv6.
 *   <li>Stem keeps {@code :0} as port 0 (and {@code 0-65535} as all ports); tor raises port 0 to 1,
 *       so {@code :0} matches nothing.
 *   <li>Stem drops rules after the first {@code *:*} and collapses all-accept/all-reject policies to
 *       one rule; tor keeps every rule ({@link #rules()} is what was written, expanded).
 *   <li>Stem upper-cases IPv6 addresses; tor and we write lower case.
 *   <li>Port-only questions ({@link #canExitTo(int, boolean)}) mean the same as in Stem (some /
 *       every address on the port) but are answered exactly, per governed family; Stem's rule-wise
 *       "fuzzy match" over-approximates when address-specific rules shadow each other.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ExitPolicy {
  private static final Set<AddressFamily> IPV4_ONLY = Collections.unmodifiableSet(EnumSet.of(AddressFamily.IPV4));
  private static final Set<AddressFamily> BOTH = Collections.unmodifiableSet(EnumSet.allOf(AddressFamily.class));

  private final List<ExitPolicyRule> rules;
  private final Set<AddressFamily> families;
  private final List<String> ignored;
  private volatile Boolean exitingAllowed;

  private ExitPolicy(List<ExitPolicyRule> rules, Set<AddressFamily> families, List<String> ignored) {
    this.rules = rules;
    this.families = families;
    this.ignored = ignored;
  }

  /**
   * Parses a server descriptor's policy, one rule per element ({@code accept *:80}), in order.
   *
   * @throws PolicyFormatException for the first malformed rule, naming it and what is wrong
   */
  public static ExitPolicy parse(List<String> rules) {
    List<ExitPolicyRule> out = new ArrayList<>(rules.size());
    for (String rule : rules) {
      RuleParser.parse(rule, RuleParser.Syntax.DESCRIPTOR, out);
    }
    return new ExitPolicy(Collections.unmodifiableList(out), IPV4_ONLY, List.of());
  }

  /** {@link #parse(List)} for rules given one by one. */
  public static ExitPolicy parse(String... rules) {
    return parse(List.of(rules));
  }

  /**
   * Parses torrc {@code ExitPolicy} values: each value holds comma-separated rules ({@code "accept
   * *:80, reject *:*"}); blank entries are skipped, as tor does.
   *
   * @throws PolicyFormatException for the first malformed rule (tor then discards the whole list)
   */
  public static ExitPolicy parseTorrc(String... values) {
    List<ExitPolicyRule> out = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (String value : values) {
      int start = 0;
      while (start <= value.length()) {
        int comma = value.indexOf(',', start);
        int end = comma < 0 ? value.length() : comma;
        String entry = value.substring(start, end).strip();
        if (!entry.isEmpty()) {
          String reason = RuleParser.parse(entry, RuleParser.Syntax.TORRC, out);
          if (reason != null) {
            ignored.add(entry + " (" + reason + ")");
          }
        }
        start = end + 1;
      }
    }
    return new ExitPolicy(Collections.unmodifiableList(out), BOTH, Collections.unmodifiableList(ignored));
  }

  /** A policy of these rules answering for these families (see the class comment). */
  public static ExitPolicy of(List<ExitPolicyRule> rules, Set<AddressFamily> families) {
    EnumSet<AddressFamily> copy = EnumSet.noneOf(AddressFamily.class);
    copy.addAll(families);
    return new ExitPolicy(List.copyOf(rules), Collections.unmodifiableSet(copy), List.of());
  }

  /** The rules in order, {@code private} and torrc {@code *} expanded. */
  public List<ExitPolicyRule> rules() {
    return rules;
  }

  /** The address families this policy answers for: IPv4 for descriptor syntax, both for torrc. */
  public Set<AddressFamily> families() {
    return families;
  }

  /** torrc entries tor ignores (IPv4 after accept6/reject6), each with the reason. */
  public List<String> ignoredRules() {
    return ignored;
  }

  /**
   * First-match evaluation of one destination. False for port 0 and for an address family the
   * policy does not govern (IPv6 for a descriptor policy).
   *
   * @throws IllegalArgumentException for a port outside 0..65535
   */
  public boolean canExitTo(IpAddress address, int port) {
    checkPort(port);
    if (port == 0 || !families.contains(address.family())) {
      return false;
    }
    for (ExitPolicyRule r : rules) {
      if (r.matches(address, port)) {
        return r.accept();
      }
    }
    return true;
  }

  /**
   * {@link #canExitTo(IpAddress, int)} for an address in text: IPv4, or IPv6 with or without
   * brackets.
   *
   * @throws IllegalArgumentException when the text is not an address or the port is outside
   *     0..65535
   */
  public boolean canExitTo(String address, int port) {
    return canExitTo(IpAddress.parse(address), port);
  }

  /** {@code canExitTo(port, false)}: can the relay exit to <em>some</em> address on this port. */
  public boolean canExitTo(int port) {
    return canExitTo(port, false);
  }

  /**
   * Port-only question, with Stem's meaning of {@code strict}: non-strict asks whether some address
   * is accepted on the port, strict whether every address is; over the families the policy governs
   * (some address of some family; every address of every family). Answered exactly.
   *
   * @throws IllegalArgumentException for a port outside 0..65535
   */
  public boolean canExitTo(int port, boolean strict) {
    checkPort(port);
    if (port == 0 || families.isEmpty()) {
      return false;
    }
    for (AddressFamily f : families) {
      boolean answer = strict ? Reachability.every(rules, f, port) : Reachability.some(rules, f, port);
      if (answer != strict) {
        return answer;
      }
    }
    return strict;
  }

  /**
   * True when some destination (address of a governed family, port 1-65535) is accepted. Exact,
   * unlike Stem's rule-wise approximation (see the class comment).
   */
  public boolean isExitingAllowed() {
    Boolean cached = exitingAllowed;
    if (cached == null) {
      boolean any = false;
      for (AddressFamily f : families) {
        if (Reachability.anyPort(rules, f)) {
          any = true;
          break;
        }
      }
      exitingAllowed = cached = any;
    }
    return cached;
  }

  /** tor's IPv4 summary of this policy: what a consensus {@code p} line carries. */
  public PolicySummary summary() {
    return summary(AddressFamily.IPV4);
  }

  /**
   * tor's summary of the rules of one family ({@code policy_summarize}, see {@link TorSummary}):
   * IPv4 gives the consensus/microdescriptor {@code p} line, IPv6 the {@code ipv6-policy}/{@code
   * p6} line of a policy with IPv6 rules.
   */
  public PolicySummary summary(AddressFamily family) {
    return TorSummary.summarize(rules, family);
  }

  /** The rules as tor writes them, joined with {@code ", "}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (ExitPolicyRule r : rules) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(r);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExitPolicy p && p.rules.equals(rules) && p.families.equals(families);
  }

  @Override
  public int hashCode() {
    return rules.hashCode() * 31 + families.hashCode();
  }

  static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("'" + port + "' is not a port (0-65535)");
    }
  }
}
