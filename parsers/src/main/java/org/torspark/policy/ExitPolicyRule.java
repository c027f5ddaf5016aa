package org.torspark.policy;

import java.util.ArrayList;
import java.util.List;
import org.torspark.net.AddressFamily;
import org.torspark.net.IpAddress;
import org.torspark.net.IpNetwork;

/**
 * One exit-policy rule of one address family, as tor holds it after parsing ({@code
 * addr_policy_t}): accept or reject, a network (address as written plus prefix length; the
 * wildcards are the /0 networks) and a port range.
 *
 * <p>Port 0: tor reads {@code :0} and {@code :0-N} but raises the lower bound to 1, so {@code :0}
 * matches no port and {@code 0-80} behaves as {@code 1-80}. We keep the written bounds (for {@link
 * #toString()}) and apply tor's rule in {@link #matchesPort}.
 *
 * @param accept true for accept/accept6, false for reject/reject6
 * @param network the address and prefix length; {@code 0.0.0.0/0} or {@code ::/0} for wildcards
 * @param minPort lowest port as written, 0..65535
 * @param maxPort highest port as written, minPort..65535
 */
public record ExitPolicyRule(boolean accept, IpNetwork network, int minPort, int maxPort) {

  public ExitPolicyRule {
    if (network == null) {
      throw new IllegalArgumentException("an exit policy rule needs a network");
    }
    if (minPort < 0 || maxPort > 65535 || minPort > maxPort) {
      throw new IllegalArgumentException("'" + minPort + "-" + maxPort + "' is not a port range within 0-65535");
    }
  }

  /**
   * Parses one rule in descriptor syntax, e.g. {@code accept *:80}, {@code reject
   * 10.0.0.0/255.0.0.0:*}, {@code accept6 [2001:db8::]/32:443-444}. See {@link ExitPolicy} for the
   * grammar. {@code private} is refused here because it stands for twelve rules: use {@link
   * ExitPolicy#parse(String...)}.
   *
   * @throws PolicyFormatException naming the rule and what is wrong
   */
  public static ExitPolicyRule parse(String rule) {
    List<ExitPolicyRule> out = new ArrayList<>(1);
    RuleParser.parse(rule, RuleParser.Syntax.DESCRIPTOR, out);
    if (out.size() != 1) {
      throw new PolicyFormatException(
          "exit policy rule", rule, "'private' stands for " + out.size() + " rules; parse it with ExitPolicy.parse");
    }
    return out.get(0);
  }

  public AddressFamily family() {
    return network.family();
  }

  /** The address as written (not masked). */
  public IpAddress address() {
    return network.address();
  }

  public int maskBits() {
    return network.bits();
  }

  /**
   * True when the rule covers every address of its family ({@code *}, {@code *4}, {@code *6},
   * {@code 0.0.0.0/0}, {@code [::]/0}): tor's test is "mask length 0". Stem's {@code
   * is_address_wildcard} is true only for its own family-less {@code *}.
   */
  public boolean isAddressWildcard() {
    return network.bits() == 0;
  }

  /** True when the rule covers every port ({@code *}, {@code 1-65535} or {@code 0-65535}). */
  public boolean isPortWildcard() {
    return minPort <= 1 && maxPort == 65535;
  }

  /** Lowest port the rule can match: the written minimum, raised to 1 as tor does. */
  public int effectiveMinPort() {
    return Math.max(1, minPort);
  }

  /** True when the port is within the rule's range; port 0 never matches (tor). */
  public boolean matchesPort(int port) {
    return port >= effectiveMinPort() && port <= maxPort;
  }

  /** True when the address is in the rule's network (same family) and the port in its range. */
  public boolean matches(IpAddress address, int port) {
    return matchesPort(port) && network.contains(address);
  }

  /**
   * True when the network is exactly one of tor's private networks (address and length as written,
   * {@link IpNetwork#TOR_PRIVATE}): such rejects are left out of policy summaries.
   */
  public boolean isTorPrivate() {
    return network.isTorPrivate();
  }

  /**
   * The rule as tor writes it in a descriptor ({@code policy_write_item}): {@code accept} or {@code
   * accept6}; {@code *} for the IPv4 wildcard; the address as written with {@code /bits} unless the
   * mask is full; {@code :*} for all ports. The IPv6 wildcard is written {@code *6}, which tor's
   * descriptor writer would print as {@code *} and then fail to read back.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(32);
    boolean six = family() == AddressFamily.IPV6;
    sb.append(accept ? "accept" : "reject").append(six ? "6 " : " ");
    int bits = network.bits();
    if (bits == 0) {
      sb.append(six ? "*6" : "*");
    } else {
      sb.append(six ? "[" + address() + "]" : address().toString());
      if (bits < family().bits()) {
        sb.append('/').append(bits);
      }
    }
    sb.append(':');
    if (isPortWildcard()) {
      sb.append('*');
    } else if (minPort == maxPort) {
      sb.append(minPort);
    } else {
      sb.append(minPort).append('-').append(maxPort);
    }
    return sb.toString();
  }
}
