package org.torspark.policy;

import java.util.List;
import org.torspark.net.AddressFamily;
import org.torspark.net.IpAddress;
import org.torspark.net.IpNetwork;

/**
 * Reads one exit-policy rule the way tor does ({@code router_parse_addr_policy},
 * {@code tor_addr_parse_mask_ports}, {@code parse_port_range}), in descriptor or torrc syntax. One
 * rule can stand for zero (ignored), one, two ({@code *} in torrc) or twelve ({@code private})
 * rules. Written as a scanner over the text: no regex, no DNS.
 *
 * <p>Stricter than tor only on forms no tor writes, which tor's C number parsing lets through:
 * trailing garbage after a port ({@code :80abc}), signs and spaces in numbers ({@code :+80}), an
 * empty mask ({@code 1.2.3.4/:80}, which tor reads as {@code /0}), leading zeros in a mask length,
 * text between {@code ]} and the mask or port, and IPv4 inside brackets.
 */
final class RuleParser {
  enum Syntax {
    /** Server descriptors: {@code *} is the IPv4 wildcard; families must match the keyword. */
    DESCRIPTOR,
    /** torrc {@code ExitPolicy}: {@code *} is both wildcards; IPv4 after accept6 is ignored. */
    TORRC
  }

  private static final String WHAT = "exit policy rule";
  private static final IpNetwork IPV4_ANY = new IpNetwork(IpAddress.ipv4(0), 0);
  private static final IpNetwork IPV6_ANY = new IpNetwork(IpAddress.ipv6(0, 0), 0);

  private RuleParser() {}

  /**
   * Parses {@code text} and appends the rules it stands for to {@code out}.
   *
   * @return null, or why tor ignores this rule (torrc only; nothing was appended)
   * @throws PolicyFormatException when the rule is malformed
   */
  static String parse(String text, Syntax syntax, List<ExitPolicyRule> out) {
    if (text == null) {
      throw new PolicyFormatException(WHAT, "null", "no rule");
    }
    int from = 0;
    int to = text.length();
    while (from < to && isSpace(text.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(text.charAt(to - 1))) {
      to--;
    }
    if (from == to) {
      throw fail(text, "empty rule");
    }
    int k = from;
    while (k < to && !isSpace(text.charAt(k))) {
      k++;
    }
    String keyword = text.substring(from, k);
    boolean accept;
    boolean six;
    switch (keyword) {
      case "accept" -> {
        accept = true;
        six = false;
      }
      case "reject" -> {
        accept = false;
        six = false;
      }
      case "accept6" -> {
        accept = true;
        six = true;
      }
      case "reject6" -> {
        accept = false;
        six = true;
      }
      default -> throw fail(text, "expected accept, reject, accept6 or reject6 but got '" + keyword + "'");
    }
    int a = k;
    while (a < to && isSpace(text.charAt(a))) {
      a++;
    }
    if (a == to) {
      throw fail(text, "no address:port after '" + keyword + "'");
    }
    for (int i = a; i < to; i++) {
      if (isSpace(text.charAt(i))) {
        throw fail(text, "expected one address:port after '" + keyword + "' but got more");
      }
    }
    if (text.startsWith("private", a)) {
      // tor: "private" must be followed by ':' (unlike an address, whose port may be left out);
      // accept6/reject6 private also covers IPv4
      int p = a + "private".length();
      if (p == to) {
        throw fail(text, "'private' without ':ports' (tor refuses it)");
      }
      if (text.charAt(p) != ':') {
        throw fail(text, "'" + text.substring(a, to) + "' is neither 'private:ports' nor an address");
      }
      int[] ports = ports(text, p + 1, to);
      for (IpNetwork n : IpNetwork.TOR_PRIVATE) {
        out.add(new ExitPolicyRule(accept, n, ports[0], ports[1]));
      }
      return null;
    }
    return addressRule(text, a, to, syntax, accept, six, out);
  }

  private static String addressRule(
      String text, int a, int to, Syntax syntax, boolean accept, boolean six, List<ExitPolicyRule> out) {
    int addrFrom = a;
    int addrTo;
    int slash;
    int colon;
    boolean bracketed = text.charAt(a) == '[';
    if (bracketed) {
      int rb = indexOf(text, ']', a + 1, to);
      if (rb < 0) {
        throw fail(text, "no ']' closing the IPv6 address");
      }
      addrFrom = a + 1;
      addrTo = rb;
      int after = rb + 1;
      if (after < to && text.charAt(after) != '/' && text.charAt(after) != ':') {
        throw fail(text, "unexpected '" + text.charAt(after) + "' after ']'");
      }
      slash = after < to && text.charAt(after) == '/' ? after : -1;
      colon = indexOf(text, ':', slash >= 0 ? slash : after, to);
    } else {
      slash = indexOf(text, '/', a, to);
      colon = indexOf(text, ':', slash >= 0 ? slash : a, to);
      addrTo = slash >= 0 ? slash : colon >= 0 ? colon : to;
    }
    String addressText = text.substring(addrFrom, addrTo);

    // the address: a wildcard, a bare IPv4 address or a bracketed IPv6 address
    IpNetwork wildcard = null;
    boolean both = false; // torrc "accept *": one rule per family (tor's AF_UNSPEC)
    IpAddress address = null;
    if (!bracketed && addressText.equals("*")) {
      if (syntax == Syntax.DESCRIPTOR) {
        wildcard = IPV4_ANY;
      } else if (six) {
        wildcard = IPV6_ANY;
      } else {
        wildcard = IPV4_ANY;
        both = true;
      }
    } else if (!bracketed && addressText.equals("*4")) {
      wildcard = IPV4_ANY;
    } else if (!bracketed && addressText.equals("*6")) {
      wildcard = IPV6_ANY;
    } else {
      address = IpAddress.tryParse(text, addrFrom, addrTo);
      if (bracketed && (address == null || !address.isIpv6())) {
        throw fail(text, "'" + addressText + "' in brackets is not an IPv6 address");
      }
      if (!bracketed && (address == null || !address.isIpv4())) {
        throw fail(text, "'" + addressText + "' is not an IPv4 address, '*', '*4' or '*6' (IPv6 goes in brackets)");
      }
    }
    AddressFamily family = wildcard != null ? wildcard.family() : address.family();

    // the mask
    int bits;
    if (slash >= 0) {
      int maskTo = colon >= 0 ? colon : to;
      String mask = text.substring(slash + 1, maskTo);
      if (wildcard != null) {
        throw fail(text, "a mask ('/" + mask + "') on the wildcard '" + addressText + "'");
      }
      bits = maskBits(text, mask, family);
      if (address.isIpv4Mapped()) {
        // tor_addr_parse_mask_ports maps masks of ::ffff:a.b.c.d onto 96..128 bits ("XXXX_IP6")
        if (bits > 32 && bits < 96) {
          throw fail(text, "mask /" + bits + " on the IPv4-mapped address " + addressText);
        }
        bits = 96 + bits % 32;
      }
    } else {
      bits = wildcard != null ? 0 : family.bits();
    }

    int[] ports = ports(text, colon >= 0 ? colon + 1 : -1, to);

    // the family must agree with the keyword
    if (six && family == AddressFamily.IPV4) {
      if (syntax == Syntax.TORRC) {
        return "IPv4 address '" + addressText + "' after " + (accept ? "accept6" : "reject6") + ": tor ignores this rule";
      }
      throw fail(
          text,
          (accept ? "accept6" : "reject6")
              + " needs an IPv6 address or '*6' (in a descriptor '*' is IPv4; tor discards such a descriptor)");
    }
    if (!six && family == AddressFamily.IPV6 && syntax == Syntax.DESCRIPTOR) {
      throw fail(
          text,
          "IPv6 address after " + (accept ? "accept" : "reject") + " (descriptors use accept6/reject6; tor discards such a"
              + " descriptor)");
    }
    IpNetwork network = wildcard != null ? wildcard : new IpNetwork(address, bits);
    out.add(new ExitPolicyRule(accept, network, ports[0], ports[1]));
    if (both) {
      out.add(new ExitPolicyRule(accept, IPV6_ANY, ports[0], ports[1]));
    }
    return null;
  }

  /** A mask as a bit count or, as tor also allows, a dotted IPv4 prefix mask. */
  private static int maskBits(String text, String mask, AddressFamily family) {
    int bits = decimal(mask, 0, mask.length(), 999);
    if (bits >= 0) {
      if (bits > family.bits()) {
        throw fail(text, "mask /" + mask + " is out of range 0-" + family.bits() + " for " + family);
      }
      return bits;
    }
    IpAddress dotted = IpAddress.tryParse(mask, 0, mask.length());
    if (dotted == null || !dotted.isIpv4()) {
      throw fail(text, "mask '/" + mask + "' is neither a bit count nor a dotted IPv4 mask");
    }
    long inverted = ~(dotted.low() << 32);
    if ((inverted & (inverted + 1)) != 0) {
      throw fail(text, "dotted mask " + mask + " is not a prefix mask (tor rejects it; Stem would keep it)");
    }
    return Math.min(Long.numberOfLeadingZeros(inverted), 32);
  }

  /**
   * tor's {@code parse_port_range}: absent, empty or {@code *} is 1-65535; else {@code N} or
   * {@code N-M} with N in 0..65535 and M in 1..65535, N &lt;= M.
   *
   * @param from start of the port text, or -1 when there is no {@code :}
   */
  private static int[] ports(String text, int from, int to) {
    if (from < 0 || from == to || (to - from == 1 && text.charAt(from) == '*')) {
      return new int[] {1, 65535};
    }
    int dash = indexOf(text, '-', from, to);
    int min = decimal(text, from, dash < 0 ? to : dash, 65535);
    if (min < 0) {
      throw fail(text, "port '" + text.substring(from, dash < 0 ? to : dash) + "' is not a number 0-65535");
    }
    if (dash < 0) {
      return new int[] {min, min};
    }
    int max = decimal(text, dash + 1, to, 65535);
    if (max < 1) {
      throw fail(text, "port '" + text.substring(dash + 1, to) + "' is not a number 1-65535");
    }
    if (min > max) {
      throw fail(text, "port range " + min + "-" + max + " ends before it starts");
    }
    return new int[] {min, max};
  }

  /** ASCII decimal without sign or leading zero in {@code s[from, to)}, or -1 (also above max). */
  private static int decimal(CharSequence s, int from, int to, int max) {
    if (from >= to || to - from > 5 || (to - from > 1 && s.charAt(from) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > max ? -1 : v;
  }

  private static int indexOf(String s, char c, int from, int to) {
    int i = s.indexOf(c, from);
    return i < to ? i : -1;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static PolicyFormatException fail(String text, String reason) {
    return new PolicyFormatException(WHAT, text, reason);
  }
}
