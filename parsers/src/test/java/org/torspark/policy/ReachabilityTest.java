package org.torspark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.torspark.net.AddressFamily;
import org.torspark.net.IpAddress;
import org.torspark.net.IpNetwork;

/**
 * The exact port-only answers and {@code isExitingAllowed} checked against brute force: first-match
 * evaluation is constant between consecutive network boundaries and between consecutive port
 * boundaries, so evaluating one address per address interval and one port per port interval
 * decides "some" and "every" exactly. Random policies from small pools of overlapping networks and
 * ports, fixed seed.
 */
class ReachabilityTest {
  private static final String[] PORTS = {"*", "80", "79-81", "80-443", "443", "1-79", "81-65535", "0", "0-80"};

  @Test
  void ipv4AnswersEqualBruteForce() {
    String[] bases = {"0.0.0.0", "10.0.0.0", "10.0.0.128", "10.0.0.64", "10.0.1.0", "128.0.0.0", "255.255.255.255"};
    int[] bits = {0, 1, 8, 24, 25, 26, 32};
    check(AddressFamily.IPV4, bases, bits, 3000, 1);
  }

  @Test
  void ipv6AnswersEqualBruteForce() {
    String[] bases = {"::", "8000::", "2001:db8::", "2001:db8:0:0:8000::", "2001:db8::1", "ffff::"};
    int[] bits = {0, 1, 16, 32, 64, 65, 128};
    check(AddressFamily.IPV6, bases, bits, 3000, 2);
  }

  private static void check(AddressFamily family, String[] bases, int[] bits, int policies, long seed) {
    Random random = new Random(seed);
    int exiting = 0;
    for (int n = 0; n < policies; n++) {
      List<ExitPolicyRule> rules = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        IpNetwork net = new IpNetwork(IpAddress.parse(bases[random.nextInt(bases.length)]), bits[random.nextInt(bits.length)]);
        String text = (random.nextBoolean() ? "accept" : "reject") + (family == AddressFamily.IPV6 ? "6 " : " ")
            + (family == AddressFamily.IPV6 ? "[" + net.address() + "]" : net.address()) + "/" + net.bits()
            + ":" + PORTS[random.nextInt(PORTS.length)];
        rules.add(ExitPolicyRule.parse(text));
      }
      if (random.nextBoolean()) {
        rules.add(ExitPolicyRule.parse(family == AddressFamily.IPV6 ? "reject6 *6:*" : "reject *:*"));
      }
      ExitPolicy policy = ExitPolicy.of(rules, EnumSet.of(family));
      List<IpAddress> addresses = representativeAddresses(family, rules);
      TreeSet<Integer> ports = new TreeSet<>(List.of(1, 65535));
      for (ExitPolicyRule r : rules) {
        ports.add(r.effectiveMinPort());
        ports.add(Math.min(65535, r.maxPort() + 1));
        ports.add(Math.max(1, r.maxPort()));
      }
      boolean anyAllowed = false;
      for (int port : ports) {
        boolean some = false;
        boolean every = true;
        for (IpAddress a : addresses) {
          boolean allowed = policy.canExitTo(a, port);
          some |= allowed;
          every &= allowed;
        }
        anyAllowed |= some;
        assertThat(policy.canExitTo(port, false)).as("some address on %d for %s", port, policy).isEqualTo(some);
        assertThat(policy.canExitTo(port, true)).as("every address on %d for %s", port, policy).isEqualTo(every);
      }
      assertThat(policy.isExitingAllowed()).as("exiting allowed for %s", policy).isEqualTo(anyAllowed);
      exiting += anyAllowed ? 1 : 0;
    }
    // the pools give both outcomes often enough for the comparison to mean something
    assertThat(exiting).isBetween(policies / 10, policies - policies / 10);
  }

  /** The first address of every interval between network boundaries. */
  private static List<IpAddress> representativeAddresses(AddressFamily family, List<ExitPolicyRule> rules) {
    BigInteger max = BigInteger.ONE.shiftLeft(family.bits()).subtract(BigInteger.ONE);
    TreeSet<BigInteger> starts = new TreeSet<>(List.of(BigInteger.ZERO));
    for (ExitPolicyRule r : rules) {
      starts.add(r.network().first().toBigInteger());
      BigInteger next = r.network().last().toBigInteger().add(BigInteger.ONE);
      if (next.compareTo(max) <= 0) {
        starts.add(next);
      }
    }
    List<IpAddress> out = new ArrayList<>();
    for (BigInteger v : starts) {
      out.add(family == AddressFamily.IPV4
          ? IpAddress.ipv4(v.longValueExact())
          : IpAddress.ipv6(v.shiftRight(64).longValue(), v.longValue()));
    }
    return out;
  }
}
