package org.torspark.net;

/** The two address families of Tor's exit policies, with their address width in bits. */
public enum AddressFamily {
  IPV4(32),
  IPV6(128);

  private final int bits;

  AddressFamily(int bits) {
    this.bits = bits;
  }

  /** Address width: 32 for IPv4, 128 for IPv6 (also the longest mask). */
  public int bits() {
    return bits;
  }
}
