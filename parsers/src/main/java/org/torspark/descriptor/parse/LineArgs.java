package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads the arguments of the current line in place, for the items every descriptor has (router,
 * published, bandwidth, uptime, ...): numbers and timestamps are parsed from the bytes and no
 * argument array is built. Anything unusual is handed to the matching {@link Lines} method, so
 * values and error messages are exactly those of {@link Lines}.
 */
final class LineArgs {
  private static final int NOT_HEX = 0;
  private static final int HEX_UPPER = 1;
  private static final int HEX_LOWER = 2;
  /** Per byte: {@link #NOT_HEX}, {@link #HEX_UPPER} (digits too) or {@link #HEX_LOWER}. */
  private static final byte[] HEX = new byte[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      HEX[c] = HEX_UPPER;
    }
    for (int c = 'A'; c <= 'F'; c++) {
      HEX[c] = HEX_UPPER;
      HEX[c + ('a' - 'A')] = HEX_LOWER;
    }
  }

  private Lines lines;
  private byte[] b;
  private final byte[] lastDate = new byte[10];
  private boolean haveDate;
  private long lastDateSeconds;
  private final int[] starts = new int[8];
  private final int[] ends = new int[8];
  private int count;

  /** Positions this cursor on the current line of {@code lines}; at most 8 arguments are indexed. */
  LineArgs on(Lines l) {
    lines = l;
    b = l.buffer();
    int end = KeywordIndex.lineEnd(l);
    // The arguments follow the keyword as Lines found it (after "opt" and its spaces, if any).
    int i = l.keywordEnd();
    count = 0;
    while (count < starts.length) {
      while (i < end && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i == end) {
        break;
      }
      starts[count] = i;
      i = ByteScan.spaceOrTab(b, i, end);
      ends[count++] = i;
    }
    return this;
  }

  /** Forgets the line (and so the buffer) it was on; the date cache, a copy, stays. */
  void release() {
    lines = null;
    b = null;
    count = 0;
  }

  /** Argument {@code i} as a string; a missing one fails as {@link Lines#arg} does. */
  String string(int i) throws DescriptorParseException {
    if (i >= count) {
      return lines.arg(i);
    }
    return new String(b, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
  }

  /** True if argument {@code i} is exactly {@code length} hex digits (either case), as {@link Values#isHex}. */
  boolean isHex(int i, int length) {
    return hexKind(i, length) != NOT_HEX;
  }

  /** Argument {@code i} upper-cased if it is exactly {@code length} hex digits, else null. */
  String upperHex(int i, int length) {
    int kind = hexKind(i, length);
    if (kind == NOT_HEX) {
      return null;
    }
    int s = starts[i];
    if ((kind & HEX_LOWER) == 0) {
      return new String(b, s, length, StandardCharsets.ISO_8859_1);
    }
    byte[] upper = new byte[length];
    for (int j = 0; j < length; j++) {
      byte c = b[s + j];
      upper[j] = c >= 'a' ? (byte) (c - ('a' - 'A')) : c;
    }
    return new String(upper, StandardCharsets.ISO_8859_1);
  }

  /**
   * {@link #NOT_HEX} unless argument {@code i} is {@code length} hex digits; then {@link #HEX_UPPER},
   * with the {@link #HEX_LOWER} bit set if one of them is a lower-case letter.
   */
  private int hexKind(int i, int length) {
    if (i >= count || ends[i] - starts[i] != length) {
      return NOT_HEX;
    }
    byte[] a = b;
    byte[] table = HEX;
    int kinds = HEX_UPPER;
    for (int j = starts[i], e = j + length; j < e; j++) {
      int k = table[a[j] & 0xff];
      if (k == NOT_HEX) {
        return NOT_HEX;
      }
      kinds |= k;
    }
    return kinds;
  }

  /** True if argument {@code i} is exactly the one ASCII character {@code c}. */
  boolean is(int i, char c) {
    return i < count && ends[i] - starts[i] == 1 && b[starts[i]] == c;
  }

  long longValue(int i) throws DescriptorParseException {
    if (i < count) {
      int s = starts[i];
      int e = ends[i];
      boolean negative = b[s] == '-';
      int d = negative ? s + 1 : s;
      if (d < e && e - d <= 18) {
        long v = 0;
        for (; d < e; d++) {
          int digit = b[d] - '0';
          if (digit < 0 || digit > 9) {
            break;
          }
          v = v * 10 + digit;
        }
        if (d == e) {
          return negative ? -v : v;
        }
      }
    }
    return lines.longArg(i);
  }

  int intValue(int i) throws DescriptorParseException {
    long v = longValue(i);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      return lines.intArg(i);
    }
    return (int) v;
  }

  /** Arguments {@code i} and {@code i + 1} as {@code YYYY-MM-DD HH:MM:SS} UTC. */
  Instant timestamp(int i) throws DescriptorParseException {
    if (i + 1 < count && ends[i] - starts[i] == 10 && ends[i + 1] - starts[i + 1] == 8) {
      int d = starts[i];
      int t = starts[i + 1];
      if (b[d + 4] == '-' && b[d + 7] == '-' && b[t + 2] == ':' && b[t + 5] == ':') {
        int hour = digits(t, 2);
        int minute = digits(t + 3, 2);
        int second = digits(t + 6, 2);
        // The checks of Values.epochSecond, whose result is the day's first second plus these.
        if (hour >= 0 && minute >= 0 && second >= 0 && hour <= 23 && minute <= 59 && second <= 60
            && dateSeconds(d)) {
          return Instant.ofEpochSecond(lastDateSeconds + hour * 3600L + minute * 60L + second);
        }
      }
    }
    return lines.timestampArg(i);
  }

  /**
   * Makes {@link #lastDateSeconds} the first second of the {@code YYYY-MM-DD} date at {@code d};
   * false if it is not a date. The timestamps of a document share a few days, so the date is
   * usually the last one.
   */
  private boolean dateSeconds(int d) {
    if (haveDate && Arrays.equals(b, d, d + 10, lastDate, 0, 10)) {
      return true;
    }
    int year = digits(d, 4);
    int month = digits(d + 5, 2);
    int day = digits(d + 8, 2);
    if ((year | month | day) < 0) {
      return false;
    }
    try {
      lastDateSeconds = Values.epochSecond(year, month, day, 0, 0, 0);
    } catch (IllegalArgumentException e) {
      return false; // out of range: let Lines say so
    }
    System.arraycopy(b, d, lastDate, 0, 10);
    haveDate = true;
    return true;
  }

  /** {@code n} decimal digits at {@code at}, or -1. */
  private int digits(int at, int n) {
    int v = 0;
    for (int j = at; j < at + n; j++) {
      int digit = b[j] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      v = v * 10 + digit;
    }
    return v;
  }

  /** Number of arguments (counting stops at 8). */
  int count() {
    return count;
  }
}
