package org.torspark.descriptor.parse;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Whether 32 bytes encode a point on ed25519 (RFC 8032 §5.1.3), the check arti makes when it
 * decodes a public key (tor's signature check fails on such a key): the y coordinate given,
 * x^2 = (y^2 - 1) / (d y^2 + 1) must have a square root mod p = 2^255 - 19. About half of all
 * 32-byte strings are not points, so a key corrupted in transit or by hand is caught without
 * verifying signatures.
 *
 * <p>As lenient as the decoders it follows: y is reduced mod p, and the sign bit of x = 0 is not
 * checked. The check costs a modular exponentiation (~40 us), more than parsing a whole
 * descriptor, so keys found valid are remembered: a relay's signing key recurs in every descriptor
 * and extra-info it publishes while the key lives, and its master key for good. A month names a
 * master key and one or more signing keys per relay, some 20,000 keys, read in no useful order
 * (archives are sorted by digest), so the cache is set-associative: a key may sit in any of the
 * {@link #WAYS} slots of its bucket, and only a full bucket evicts. (One slot per key, as first
 * written, let a fifth of 20,000 keys collide and miss on every lookup: ~7 us per lookup on
 * average; 8 ways: ~0.15 us, and as little at 40,000 keys.) At most {@link #SLOTS} (131,072)
 * keys, ~7 MB when full, a month's keys ~1 MB; lock-free, shared by the parse pool's threads.
 */
final class Ed25519Point {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger HALF = P.subtract(BigInteger.ONE).shiftRight(1);
  private static final int BUCKET_BITS = 14;
  private static final int WAYS = 8;
  private static final int SLOTS = WAYS << BUCKET_BITS;
  /** Keys found valid, never mutated once stored (copies of the caller's arrays). */
  private static final AtomicReferenceArray<byte[]> VALID = new AtomicReferenceArray<>(SLOTS);

  private Ed25519Point() {}

  /** True if {@code key} (32 bytes, as in tor's certificates and descriptors) decodes to a curve point. */
  static boolean isPoint(byte[] key) {
    if (key.length != 32) {
      return false;
    }
    int h = Arrays.hashCode(key) * 0x9E3779B9; // the bucket from the high bits, well mixed
    int bucket = (h >>> (32 - BUCKET_BITS)) * WAYS;
    for (int i = bucket; i < bucket + WAYS; i++) {
      byte[] known = VALID.get(i);
      if (known != null && Arrays.equals(known, key)) {
        return true;
      }
    }
    boolean valid = decodes(key);
    if (valid) {
      remember(bucket, key.clone(), h);
    }
    return valid;
  }

  /** Into a free slot of the bucket, else over one picked by other bits of the hash. */
  private static void remember(int bucket, byte[] key, int h) {
    for (int i = bucket; i < bucket + WAYS; i++) {
      if (VALID.get(i) == null && VALID.compareAndSet(i, null, key)) {
        return;
      }
    }
    VALID.set(bucket + (h & (WAYS - 1)), key);
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
