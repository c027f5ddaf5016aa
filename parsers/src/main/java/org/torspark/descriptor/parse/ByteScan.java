package org.torspark.descriptor.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time (SWAR: a zero-byte test on {@code word ^ broadcast(c)}), for
 * scans over whole documents where a byte-by-byte loop would dominate: status documents are
 * megabytes, and most of their bytes are looked at only to find where lines start.
 */
final class ByteScan {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

  private ByteScan() {}

  /** The high bit of each byte of {@code x} that is zero, exactly (no false positives). */
  private static long zeroBytes(long x) {
    long y = (x & LOW7) + LOW7;
    return ~(y | x | LOW7);
  }

  /** The first index in {@code [from, to)} holding {@code c}, or -1. */
  static int indexOf(byte[] a, byte c, int from, int to) {
    long pattern = (c & 0xffL) * ONES;
    int i = from;
    for (int n = to - 8; i <= n; i += 8) {
      long found = zeroBytes((long) LONGS.get(a, i) ^ pattern);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (a[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** How many bytes in {@code [from, to)} are {@code c}. */
  static int count(byte[] a, byte c, int from, int to) {
    long pattern = (c & 0xffL) * ONES;
    int count = 0;
    int i = from;
    for (int n = to - 8; i <= n; i += 8) {
      count += Long.bitCount(zeroBytes((long) LONGS.get(a, i) ^ pattern));
    }
    for (; i < to; i++) {
      if (a[i] == c) {
        count++;
      }
    }
    return count;
  }

  /** The first line in {@code [from, to)} starting with {@code c} (an index just after a newline), or -1. */
  static int lineStartingWith(byte[] a, byte c, int from, int to) {
    int i = from;
    while ((i = indexOf(a, c, i, to)) >= 0) {
      if (i > 0 && a[i - 1] == '\n') {
        return i;
      }
      i++;
    }
    return -1;
  }
}
