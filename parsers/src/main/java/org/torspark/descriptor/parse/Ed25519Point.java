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
 * checked. The check costs ~10 us (a Jacobi symbol, see {@link #legendre}), about as much as
 * parsing a whole descriptor, so keys found valid are remembered: a relay's signing key recurs in
 * every descriptor and extra-info it publishes while the key lives, and its master key for good.
 * A month names a master key and one or more signing keys per relay, some 20,000 keys, read in no
 * useful order (archives are sorted by digest), so the cache is set-associative: a key may sit in
 * any of the {@link #WAYS} slots of its bucket and only a full bucket evicts (one slot per key let
 * a fifth of 20,000 keys collide and miss on every lookup; 8 ways: ~0.15 us per lookup, also at
 * 40,000 keys). At most {@link #SLOTS} (131,072) keys, ~7 MB when full, a month's ~1 MB;
 * lock-free, shared by the parse pool's threads.
 */
final class Ed25519Point {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final long[] P_LIMBS = limbs(P);
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
    // v is never 0 (d is not a square), so x^2 = u/v has a root iff u*v is 0 or a square
    BigInteger w = u.multiply(v).mod(P);
    return w.signum() == 0 || legendre(w) == 1;
  }

  /**
   * The Legendre symbol (w/p) for 0 < w < p: 1 if w is a square mod p, else -1. The binary Jacobi
   * algorithm on four 64-bit limbs, ~9 us once compiled, where Euler's w^((p-1)/2) with
   * BigInteger.modPow takes ~30 us (~40 us before the JIT): the cost of every key seen first.
   */
  static int legendre(BigInteger w) {
    long[] a = limbs(w);
    long[] n = P_LIMBS.clone();
    int t = 1;
    while (!isZero(a)) {
      int z = trailingZeros(a);
      shiftRight(a, z);
      long r = n[0] & 7;
      if ((z & 1) != 0 && (r == 3 || r == 5)) {
        t = -t; // (2/n) = -1 for n = 3, 5 mod 8
      }
      if (compare(a, n) < 0) {
        long[] s = a;
        a = n;
        n = s;
        if ((a[0] & 3) == 3 && (n[0] & 3) == 3) {
          t = -t; // quadratic reciprocity, both odd
        }
      }
      subtract(a, n); // (a/n) = ((a - n)/n), and a - n is even
    }
    return n[0] == 1 && n[1] == 0 && n[2] == 0 && n[3] == 0 ? t : 0;
  }

  private static long[] limbs(BigInteger x) {
    long[] l = new long[4];
    for (int i = 0; i < 4; i++) {
      l[i] = x.shiftRight(64 * i).longValue();
    }
    return l;
  }

  private static boolean isZero(long[] a) {
    return (a[0] | a[1] | a[2] | a[3]) == 0;
  }

  private static int trailingZeros(long[] a) {
    int i = 0;
    while (a[i] == 0) {
      i++;
    }
    return 64 * i + Long.numberOfTrailingZeros(a[i]);
  }

  private static void shiftRight(long[] a, int bits) {
    int words = bits >>> 6;
    int b = bits & 63;
    for (int i = 0; i < 4; i++) {
      long lo = i + words < 4 ? a[i + words] : 0;
      long hi = i + words + 1 < 4 ? a[i + words + 1] : 0;
      a[i] = b == 0 ? lo : (lo >>> b) | (hi << (64 - b));
    }
  }

  private static int compare(long[] a, long[] b) {
    for (int i = 3; i >= 0; i--) {
      if (a[i] != b[i]) {
        return Long.compareUnsigned(a[i], b[i]);
      }
    }
    return 0;
  }

  /** a -= b, for a >= b. */
  private static void subtract(long[] a, long[] b) {
    long borrow = 0;
    for (int i = 0; i < 4; i++) {
      long d = a[i] - b[i] - borrow;
      borrow = Long.compareUnsigned(a[i], b[i]) < 0 || (a[i] == b[i] && borrow != 0) ? 1 : 0;
      a[i] = d;
    }
  }
}
