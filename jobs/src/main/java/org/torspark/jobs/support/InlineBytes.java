package org.torspark.jobs.support;

import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A copy of a short string's bytes kept inside its holder, for passes that compare each row's value
 * with the one they saw last: up to {@link #INLINE} bytes (a hex digest or fingerprint is 40) are held
 * in five longs, so the comparison reads no object but the holder. A pass that keeps one per relay
 * touches millions of them in no useful order, and a separate copy cost a cache miss each time.
 * Longer strings are kept as a copy and compared as usual. Starts out holding nothing.
 */
public final class InlineBytes {
  /** The most bytes held inline. */
  public static final int INLINE = 40;

  private int length = -1;
  private long w0;
  private long w1;
  private long w2;
  private long w3;
  private long w4;
  private UTF8String longer;

  /** True when {@code s} (not null) has exactly the bytes last {@link #set}. */
  public boolean holds(UTF8String s) {
    int n = s.numBytes();
    if (n != length) {
      return false;
    }
    if (n > INLINE) {
      return longer.equals(s);
    }
    Object base = s.getBaseObject();
    long off = s.getBaseOffset();
    return word(base, off, n, 0) == w0 && word(base, off, n, 1) == w1 && word(base, off, n, 2) == w2
        && word(base, off, n, 3) == w3 && word(base, off, n, 4) == w4;
  }

  /** Holds a copy of {@code s}'s bytes (not null) from now on. */
  public void set(UTF8String s) {
    int n = s.numBytes();
    length = n;
    if (n > INLINE) {
      longer = s.copy();
      return;
    }
    longer = null;
    Object base = s.getBaseObject();
    long off = s.getBaseOffset();
    w0 = word(base, off, n, 0);
    w1 = word(base, off, n, 1);
    w2 = word(base, off, n, 2);
    w3 = word(base, off, n, 3);
    w4 = word(base, off, n, 4);
  }

  /** Bytes {@code 8i..8i+7} of the {@code n} bytes at base+off, zero beyond {@code n}. */
  private static long word(Object base, long off, int n, int i) {
    int from = i * 8;
    if (from + 8 <= n) {
      return Platform.getLong(base, off + from);
    }
    long w = 0;
    for (int k = from; k < n; k++) {
      w |= (Platform.getByte(base, off + k) & 0xffL) << (8 * (k - from));
    }
    return w;
  }
}
