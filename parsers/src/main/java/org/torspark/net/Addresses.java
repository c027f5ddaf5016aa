package org.torspark.net;

import java.math.BigInteger;

/**
 * Address checks and conversions on text, with the behaviour of Stem's {@code
 * stem.util.connection} minus its quirks. Everything is textual: no method resolves a host name.
 *
 * <p>Where we differ from Stem, on purpose (each has a test named after the quirk):
 *
 * <ul>
 *   <li><b>Hex range quirk</b>: Stem checks IPv6 groups with {@code [0-9a-fA-f]}, and {@code A-f}
 *       spans ASCII 0x41-0x66, so {@code GGGG::1}, {@code _::1} and {@code [::1]} (brackets being
 *       in that range too) pass as IPv6. Here a group is 1-4 of {@code 0-9a-fA-F}, and brackets are
 *       accepted only when asked for.
 *   <li><b>Empty group quirk</b>: Stem accepts empty groups anywhere ({@code 1:2:3:4:5:6:7:}, {@code
 *       1::2:}, {@code :1::2}); here only {@code ::} stands for zero groups.
 *   <li><b>Embedded IPv4 quirk</b>: Stem accepts a dotted IPv4 part anywhere ({@code
 *       ::1.2.3.4:5}); here only as the last 32 bits (RFC 4291 §2.2).
 *   <li><b>Unicode digit quirk</b>: Stem's {@code str.isdigit()} accepts non-ASCII digits (and
 *       {@code '1.2.3.²'} makes it raise instead of returning False); here digits are ASCII.
 *   <li><b>Private address quirk</b>: Stem's {@code is_private_address} is IPv4 only and leaves out
 *       {@code 169.254.0.0/16} and {@code 0.0.0.0/8}; here "private" is tor's own list, {@link
 *       IpNetwork#TOR_PRIVATE} (what the exit-policy {@code private} keyword means), for IPv4 and
 *       IPv6.
 *   <li><b>Letter case quirk</b>: Stem's {@code expand_ipv6_address} keeps the input's case while
 *       {@code get_mask_ipv6} answers in upper case; here IPv6 text is always lower case, as tor
 *       writes it.
 * </ul>
 */
public final class Addresses {
  private Addresses() {}

  /** Dotted quad, four parts 0-255 of ASCII digits without leading zeros; no spaces, no CIDR. */
  public static boolean isValidIpv4Address(String address) {
    return address != null && AddressText.ipv4(address, 0, address.length()) >= 0;
  }

  /** An IPv6 address without brackets (RFC 4291 text forms, no zone id). */
  public static boolean isValidIpv6Address(String address) {
    return isValidIpv6Address(address, false);
  }

  /** An IPv6 address; with {@code allowBrackets} also one written as {@code [address]}. */
  public static boolean isValidIpv6Address(String address, boolean allowBrackets) {
    if (address == null) {
      return false;
    }
    int from = 0;
    int to = address.length();
    if (allowBrackets && AddressText.bracketed(address, from, to)) {
      from++;
      to--;
    }
    return AddressText.ipv6(address, from, to, new long[2]);
  }

  /**
   * True when the address (IPv4, or IPv6 with or without brackets) is in one of tor's private
   * networks ({@link IpNetwork#TOR_PRIVATE}): 0/8, 10/8, 127/8, 169.254/16, 172.16/12, 192.168/16,
   * ::/8 (which holds ::1 and IPv4-mapped addresses), fc00::/7, fe80::/10, fec0::/10, ff00::/8.
   *
   * @throws IllegalArgumentException when the text is not an address
   */
  public static boolean isPrivateAddress(String address) {
    IpAddress a = IpAddress.parse(address);
    for (IpNetwork n : IpNetwork.TOR_PRIVATE) {
      if (n.contains(a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Expands an IPv6 address (brackets optional) to eight zero-padded lower-case groups: {@code
   * 2001:db8::ff00:42:8329} → {@code 2001:0db8:0000:0000:0000:ff00:0042:8329}, {@code
   * ::ffff:5.9.158.75} → {@code 0000:0000:0000:0000:0000:ffff:0509:9e4b}.
   *
   * @throws IllegalArgumentException when the text is not an IPv6 address
   */
  public static String expandIpv6Address(String address) {
    return ipv6(address).toExpandedString();
  }

  /** Dotted mask of {@code bits} leading ones: 24 → {@code 255.255.255.0}, 0 → {@code 0.0.0.0}. */
  public static String ipv4Mask(int bits) {
    IpAddress.checkBits(AddressFamily.IPV4, bits);
    return IpAddress.dotted(IpAddress.maskLow(AddressFamily.IPV4, bits));
  }

  /** Expanded lower-case IPv6 mask: 64 → {@code ffff:ffff:ffff:ffff:0000:0000:0000:0000}. */
  public static String ipv6Mask(int bits) {
    IpAddress.checkBits(AddressFamily.IPV6, bits);
    IpAddress m =
        IpAddress.ipv6(
            IpAddress.maskHigh(AddressFamily.IPV6, bits), IpAddress.maskLow(AddressFamily.IPV6, bits));
    return m.toExpandedString();
  }

  /**
   * The prefix length of a dotted IPv4 mask: {@code 255.255.255.0} → 24.
   *
   * @throws IllegalArgumentException when the text is not an IPv4 address or its ones are not a
   *     prefix ({@code 255.0.255.0}); tor rejects such policy masks too
   */
  public static int ipv4MaskBits(String mask) {
    if (!isValidIpv4Address(mask)) {
      throw new IllegalArgumentException("'" + mask + "' is not a dotted IPv4 mask");
    }
    int bits = ipv4PrefixBits(AddressText.ipv4(mask, 0, mask.length()));
    if (bits < 0) {
      throw new IllegalArgumentException("'" + mask + "' is not a prefix mask (its ones are not contiguous)");
    }
    return bits;
  }

  /**
   * The prefix length of an IPv6 mask ({@code ffff:ffff::} → 32).
   *
   * @throws IllegalArgumentException when the text is not an IPv6 address or not a prefix mask
   */
  public static int ipv6MaskBits(String mask) {
    IpAddress m = ipv6(mask);
    int bits = prefixBits(m.high(), 64);
    if (bits == 64 && m.low() != 0) {
      int lowBits = prefixBits(m.low(), 64);
      bits = lowBits < 0 ? -1 : 64 + lowBits;
    } else if (bits >= 0 && m.low() != 0) {
      bits = -1;
    }
    if (bits < 0) {
      throw new IllegalArgumentException("'" + mask + "' is not a prefix mask (its ones are not contiguous)");
    }
    return bits;
  }

  /** The address as an unsigned integer (Stem's {@code address_to_int}); IPv6 brackets optional. */
  public static BigInteger addressToBigInteger(String address) {
    return IpAddress.parse(address).toBigInteger();
  }

  /** The address bits as 32 or 128 {@code 0}/{@code 1} characters; IPv6 brackets optional. */
  public static String addressToBinary(String address) {
    return IpAddress.parse(address).toBinaryString();
  }

  /**
   * The IPv4 address as 0..2^32-1 ({@code 1.2.3.4} → 16909060).
   *
   * @throws IllegalArgumentException when the text is not an IPv4 address
   */
  public static long ipv4ToLong(String address) {
    long v = address == null ? -1 : AddressText.ipv4(address, 0, address.length());
    if (v < 0) {
      throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
    }
    return v;
  }

  /** Prefix length of a 32-bit mask value, or -1 when its ones are not contiguous. */
  static int ipv4PrefixBits(long mask) {
    return prefixBits(mask << 32, 32);
  }

  /** Leading ones of {@code v} when the rest are zeros (at most {@code width}), else -1. */
  private static int prefixBits(long v, int width) {
    long inverted = ~v;
    // a prefix mask inverted is 0..01..1: adding one leaves a single bit (or wraps to zero)
    if ((inverted & (inverted + 1)) != 0) {
      return -1;
    }
    return Math.min(Long.numberOfLeadingZeros(inverted), width);
  }

  private static IpAddress ipv6(String address) {
    IpAddress a = IpAddress.tryParse(address);
    if (a == null || !a.isIpv6()) {
      throw new IllegalArgumentException("'" + address + "' is not an IPv6 address");
    }
    return a;
  }
}
