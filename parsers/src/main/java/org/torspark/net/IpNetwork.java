package org.torspark.net;

import java.util.List;

/**
 * An address with a prefix length, as written: the address is kept unmasked because tor keeps it
 * that way (an exit-policy rule {@code reject 10.0.0.1/8:*} is not tor's private {@code 10.0.0.0/8}
 * when building summaries), while {@link #contains} compares only the first {@code bits} bits.
 *
 * @param address the address as written (not masked)
 * @param bits prefix length, 0..32 (IPv4) or 0..128 (IPv6)
 */
public record IpNetwork(IpAddress address, int bits) {

  /**
   * Tor's private networks in tor's order ({@code private_nets} in tor's {@code policies.c}): what
   * the exit-policy keyword {@code private} expands to, and the rejects that the policy summary
   * ignores. Stem's {@code PRIVATE_ADDRESSES} has only the six IPv4 entries.
   */
  public static final List<IpNetwork> TOR_PRIVATE =
      List.of(
          parse("0.0.0.0/8"),
          parse("169.254.0.0/16"),
          parse("127.0.0.0/8"),
          parse("192.168.0.0/16"),
          parse("10.0.0.0/8"),
          parse("172.16.0.0/12"),
          parse("[::]/8"),
          parse("[fc00::]/7"),
          parse("[fe80::]/10"),
          parse("[fec0::]/10"),
          parse("[ff00::]/8"),
          parse("[::]/127"));

  public IpNetwork {
    if (address == null) {
      throw new IllegalArgumentException("a network needs an address");
    }
    IpAddress.checkBits(address.family(), bits);
  }

  /**
   * Parses {@code address/bits} ({@code 10.0.0.0/8}, {@code [fc00::]/7}, {@code fc00::/7}); without
   * {@code /bits} the network is the single address.
   *
   * @throws IllegalArgumentException naming the text when it is not a network
   */
  public static IpNetwork parse(String text) {
    int slash = text.indexOf('/');
    IpAddress a = IpAddress.tryParse(text, 0, slash < 0 ? text.length() : slash);
    if (a == null) {
      throw new IllegalArgumentException("'" + text + "' does not start with an IP address");
    }
    if (slash < 0) {
      return new IpNetwork(a, a.family().bits());
    }
    int bits = Ports.parseDecimal(text, slash + 1, text.length(), a.family().bits());
    if (bits < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' has no prefix length 0-" + a.family().bits() + " after '/'");
    }
    return new IpNetwork(a, bits);
  }

  public AddressFamily family() {
    return address.family();
  }

  /** True when {@code a} is of this network's family and agrees on the first {@code bits} bits. */
  public boolean contains(IpAddress a) {
    AddressFamily f = address.family();
    return a.family() == f
        && ((a.high() ^ address.high()) & IpAddress.maskHigh(f, bits)) == 0
        && ((a.low() ^ address.low()) & IpAddress.maskLow(f, bits)) == 0;
  }

  /** True when every address of {@code other} is in this network. */
  public boolean contains(IpNetwork other) {
    return other.family() == family() && other.bits >= bits && contains(other.address);
  }

  /** The lowest address of the network (the address masked). */
  public IpAddress first() {
    return address.masked(bits);
  }

  /** The highest address of the network. */
  public IpAddress last() {
    AddressFamily f = address.family();
    long high = address.high() | ~IpAddress.maskHigh(f, bits);
    long low = address.low() | ~IpAddress.maskLow(f, bits);
    return f == AddressFamily.IPV4 ? IpAddress.ipv4(low & 0xFFFF_FFFFL) : IpAddress.ipv6(high, low);
  }

  /** True when this is one of {@link #TOR_PRIVATE}, address and length exactly as written. */
  public boolean isTorPrivate() {
    return TOR_PRIVATE.contains(this);
  }

  /** {@code 10.0.0.0/8}, {@code fc00::/7}. */
  @Override
  public String toString() {
    return address + "/" + bits;
  }
}
