package org.torspark.descriptor.parse;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Whether 32 bytes encode a point on ed25519 (RFC 8032 §5.1.3), the check tor and arti make when
 * they decode a public key: the y coordinate given, x^2 = (y^2 - 1) / (d y^2 + 1) must have a square
 * root mod p = 2^255 - 19. About half of all 32-byte strings are not points, so a key corrupted in
 * transit or by hand is caught without verifying signatures.
 *
 * <p>As lenient as the decoders it follows: y is reduced mod p, and the sign bit of x = 0 is not
 * checked. The check costs tens of microseconds (a modular exponentiation), so keys found valid are
 * remembered: a relay's signing key recurs in every descriptor and extra-info it publishes while
 * the key lives, and its master key for good.
 */
final class Ed25519Point {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger HALF = P.subtract(BigInteger.ONE).shiftRight(1);
  private static final int CACHE_SLOTS = 1 << 16;
  private static final AtomicReferenceArray<byte[]> VALID = new AtomicReferenceArray<>(CACHE_SLOTS);

  private Ed25519Point() {}

  /** True if {@code key} (32 bytes, as in tor's certificates and descriptors) decodes to a curve point. */
  static boolean isPoint(byte[] key) {
    if (key.length != 32) {
      return false;
    }
    int slot = Arrays.hashCode(key) & (CACHE_SLOTS - 1);
    byte[] known = VALID.get(slot);
    if (known != null && Arrays.equals(known, key)) {
      return true;
    }
    boolean valid = decodes(key);
    if (valid) {
      VALID.set(slot, key.clone());
    }
    return valid;
  }

  private static boolean decodes(byte[] key) {
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = key[31 - i];
    }
    bigEndian[0] &= 0x7f; // the top bit is the sign of x
    BigInteger y = new BigInteger(1, bigEndian).mod(P);
    BigInteger yy = y.multiply(y).mod(P);
    BigInteger u = yy.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(yy).add(BigInteger.ONE).mod(P);
    // v is never 0 (d is not a square), so x^2 = u/v has a root iff u*v is 0 or a square (Euler)
    BigInteger w = u.multiply(v).mod(P);
    return w.signum() == 0 || w.modPow(HALF, P).equals(BigInteger.ONE);
  }
}
