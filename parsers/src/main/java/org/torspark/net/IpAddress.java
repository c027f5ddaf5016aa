package org.torspark.net;

import java.math.BigInteger;

/**
 * An IPv4 or IPv6 address as an immutable value: the family plus the address bits in two longs
 * (IPv4 in the low 32 bits of {@link #low()}). Parsing is purely textual (see {@link AddressText});
 * nothing here ever resolves a host name, so untrusted text is safe to pass in.
 *
 * <p>{@link #toString()} is the canonical form: dotted quad for IPv4; for IPv6 the RFC 5952 form
 * tor also writes (lower case, no leading zeros, the longest run of two or more zero groups
 * compressed to {@code ::}, IPv4-mapped addresses as {@code ::ffff:1.2.3.4}).
 */
public final class IpAddress implements Comparable<IpAddress> {
  private static final long IPV4_MAX = 0xFFFF_FFFFL;

  private final AddressFamily family;
  private final long high;
  private final long low;

  private IpAddress(AddressFamily family, long high, long low) {
    this.family = family;
    this.high = high;
    this.low = low;
  }

  /** The IPv4 address with this 32-bit value (0..2^32-1). */
  public static IpAddress ipv4(long value) {
    if (value < 0 || value > IPV4_MAX) {
      throw new IllegalArgumentException("an IPv4 address is 0.." + IPV4_MAX + ", got " + value);
    }
    return new IpAddress(AddressFamily.IPV4, 0, value);
  }

  /** The IPv6 address with these high and low 64 bits. */
  public static IpAddress ipv6(long high, long low) {
    return new IpAddress(AddressFamily.IPV6, high, low);
  }

  /**
   * Parses an IPv4 or IPv6 address; IPv6 may be in brackets ({@code [::1]}).
   *
   * @throws IllegalArgumentException naming the text when it is neither
   */
  public static IpAddress parse(String text) {
    IpAddress a = tryParse(text);
    if (a == null) {
      throw new IllegalArgumentException("'" + text + "' is neither an IPv4 nor an IPv6 address");
    }
    return a;
  }

  /** Like {@link #parse} but returns null for text that is not an address (or null). */
  public static IpAddress tryParse(String text) {
    return text == null ? null : tryParse(text, 0, text.length());
  }

  /** Parses {@code s[from, to)} as IPv4, IPv6 or bracketed IPv6; null when it is none of them. */
  public static IpAddress tryParse(CharSequence s, int from, int to) {
    long v4 = AddressText.ipv4(s, from, to);
    if (v4 >= 0) {
      return new IpAddress(AddressFamily.IPV4, 0, v4);
    }
    if (AddressText.bracketed(s, from, to)) {
      from++;
      to--;
    }
    long[] bits = new long[2];
    return AddressText.ipv6(s, from, to, bits) ? ipv6(bits[0], bits[1]) : null;
  }

  public AddressFamily family() {
    return family;
  }

  public boolean isIpv4() {
    return family == AddressFamily.IPV4;
  }

  public boolean isIpv6() {
    return family == AddressFamily.IPV6;
  }

  /** High 64 bits of an IPv6 address; 0 for IPv4. */
  public long high() {
    return high;
  }

  /** Low 64 bits of an IPv6 address; the 32-bit value (0..2^32-1) of an IPv4 address. */
  public long low() {
    return low;
  }

  /** True for {@code ::ffff:a.b.c.d}. */
  public boolean isIpv4Mapped() {
    return isIpv6() && high == 0 && (low >>> 32) == 0xFFFFL;
  }

  /** The address as an unsigned integer (32 or 128 bits), Stem's {@code address_to_int}. */
  public BigInteger toBigInteger() {
    if (isIpv4()) {
      return BigInteger.valueOf(low);
    }
    byte[] magnitude = toBytes();
    return new BigInteger(1, magnitude);
  }

  /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
  public byte[] toBytes() {
    if (isIpv4()) {
      return new byte[] {(byte) (low >>> 24), (byte) (low >>> 16), (byte) (low >>> 8), (byte) low};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (high >>> (56 - 8 * i));
      b[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return b;
  }

  /** The address bits as a string of 32 or 128 {@code 0}/{@code 1} characters. */
  public String toBinaryString() {
    int width = family.bits();
    char[] c = new char[width];
    for (int i = 0; i < width; i++) {
      c[i] = bit(i) ? '1' : '0';
    }
    return new String(c);
  }

  /** Bit {@code i} counted from the most significant (bit 0) end. */
  private boolean bit(int i) {
    if (isIpv4()) {
      return ((low >>> (31 - i)) & 1) != 0;
    }
    return i < 64 ? ((high >>> (63 - i)) & 1) != 0 : ((low >>> (127 - i)) & 1) != 0;
  }

  /** This address with all but the first {@code bits} bits cleared. */
  public IpAddress masked(int bits) {
    checkBits(family, bits);
    return new IpAddress(family, high & maskHigh(family, bits), low & maskLow(family, bits));
  }

  /** The canonical text form (see the class comment). */
  @Override
  public String toString() {
    if (isIpv4()) {
      return dotted(low);
    }
    int[] g = groups();
    if (isIpv4Mapped()) {
      return "::ffff:" + dotted(low & IPV4_MAX);
    }
    int bestStart = -1;
    int bestLength = 1; // RFC 5952 §4.2.2: never compress a single zero group
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  /** IPv6: eight colon-separated, zero-padded, lower-case groups; IPv4: the dotted quad. */
  public String toExpandedString() {
    if (isIpv4()) {
      return dotted(low);
    }
    StringBuilder sb = new StringBuilder(39);
    for (int v : groups()) {
      if (sb.length() > 0) {
        sb.append(':');
      }
      String hex = Integer.toHexString(v);
      sb.append("0000", hex.length(), 4).append(hex);
    }
    return sb.toString();
  }

  private int[] groups() {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((high >>> (48 - 16 * i)) & 0xFFFF);
      g[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xFFFF);
    }
    return g;
  }

  static String dotted(long v) {
    return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
  }

  /** IPv4 before IPv6, then by unsigned value. */
  @Override
  public int compareTo(IpAddress o) {
    int c = family.compareTo(o.family);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && a.family == family && a.high == high && a.low == low;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high) * 31 + Long.hashCode(low) + family.ordinal();
  }

  static void checkBits(AddressFamily family, int bits) {
    if (bits < 0 || bits > family.bits()) {
      throw new IllegalArgumentException(
          "a mask can only be 0-" + family.bits() + " bits for " + family + ", got " + bits);
    }
  }

  /** Mask over the high long for a prefix of {@code bits} (IPv4 has no high bits). */
  static long maskHigh(AddressFamily family, int bits) {
    if (family == AddressFamily.IPV4 || bits == 0) {
      return 0;
    }
    return bits >= 64 ? -1L : -1L << (64 - bits);
  }

  /** Mask over the low long for a prefix of {@code bits}. */
  static long maskLow(AddressFamily family, int bits) {
    if (family == AddressFamily.IPV4) {
      return bits == 0 ? 0 : (IPV4_MAX << (32 - bits)) & IPV4_MAX;
    }
    if (bits <= 64) {
      return 0;
    }
    return bits == 128 ? -1L : -1L << (128 - bits);
  }
}
