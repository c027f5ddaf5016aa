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
  private static final long SPACES = ONES * ' ';
  private static final long TABS = ONES * '\t';

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

  /**
   * The first line start in {@code [from, to)} ({@code from}, which must be one, or an index just
   * after a newline) whose line begins with the byte {@code c} or with the two bytes {@code d0 d1},
   * and how many newlines come before it: for jumping to the lines that can end a document
   * (annotations, the start keyword) past the thirty-odd lines of each descriptor that cannot,
   * testing a newline and the two bytes after it for eight positions at a time.
   *
   * @return the line start in the low 32 bits (-1 if there is none; the count is then that of
   *     the whole range) and the number of newlines in {@code [from, lineStart)} in the high 32
   */
  static long lineStartingWithEither(byte[] a, byte c, byte d0, byte d1, int from, int to) {
    if (from < to && (a[from] == c || (a[from] == d0 && from + 1 < to && a[from + 1] == d1))) {
      return from & 0xffffffffL;
    }
    long newlines = ONES * '\n';
    long cs = (c & 0xffL) * ONES;
    long d0s = (d0 & 0xffL) * ONES;
    long d1s = (d1 & 0xffL) * ONES;
    long count = 0;
    int i = from;
    // Byte j of the three words is a[i + j], a[i + j + 1] and a[i + j + 2].
    for (int n = to - 10; i <= n; i += 8) {
      long nl = zeroBytes((long) LONGS.get(a, i) ^ newlines);
      if (nl != 0) {
        long next = (long) LONGS.get(a, i + 1);
        long match = nl & (zeroBytes(next ^ cs)
            | (zeroBytes(next ^ d0s) & zeroBytes((long) LONGS.get(a, i + 2) ^ d1s)));
        if (match != 0) {
          // The newline that matched is counted: it comes before the line start after it.
          count += Long.bitCount(nl & (match ^ (match - 1)));
          return (count << 32) | ((i + (Long.numberOfTrailingZeros(match) >>> 3) + 1) & 0xffffffffL);
        }
        count += Long.bitCount(nl);
      }
    }
    for (; i < to; i++) {
      if (a[i] == '\n') {
        count++;
        if (i + 1 < to && (a[i + 1] == c || (a[i + 1] == d0 && i + 2 < to && a[i + 2] == d1))) {
          return (count << 32) | ((i + 1) & 0xffffffffL);
        }
      }
    }
    return (count << 32) | 0xffffffffL;
  }

  /**
   * The first index in {@code [from, to)} holding a space or a tab, or {@code to}: the end of a
   * keyword or argument. Words are read eight bytes at a time while the array has eight bytes at
   * the index, possibly past {@code to}, which then bounds the answer.
   *
   * <p>The word loop has one bound ({@code i < limit}), not two ({@code i < to && i <= a.length - 8}):
   * with two, C2 hoisted the word read's range check out of the loop on the first bound alone, the
   * hoisted check failed whenever a token ended within eight bytes of the array's end, and each
   * failure threw away the compiled code of the parser that had inlined this method. The bandwidth
   * file parser was compiled seven times in a read of the sbws week, 4.2 s of C2's time.
   */
  static int spaceOrTab(byte[] a, int from, int to) {
    int i = from;
    for (int limit = Math.min(to, a.length - 7); i < limit; i += 8) {
      long x = (long) LONGS.get(a, i);
      long found = zeroBytes(x ^ SPACES) | zeroBytes(x ^ TABS);
      if (found != 0) {
        return Math.min(to, i + (Long.numberOfTrailingZeros(found) >>> 3));
      }
    }
    for (; i < to; i++) {
      if (a[i] == ' ' || a[i] == '\t') {
        return i;
      }
    }
    return to;
  }
}
