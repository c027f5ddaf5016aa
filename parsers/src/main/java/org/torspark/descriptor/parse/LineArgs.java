package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads the arguments of the current line in place, for the items every descriptor has (router,
 * published, bandwidth, uptime, ...): numbers and timestamps are parsed from the bytes and no
 * argument array is built. Anything unusual is handed to the matching {@link Lines} method, so
 * values and error messages are exactly those of {@link Lines}.
 */
final class LineArgs {
  private Lines lines;
  private byte[] b;
  private final int[] starts = new int[8];
  private final int[] ends = new int[8];
  private int count;

  /** Positions this cursor on the current line of {@code lines}; at most 8 arguments are indexed. */
  LineArgs on(Lines l) {
    lines = l;
    b = l.buffer();
    int end = KeywordIndex.lineEnd(l);
    int i = l.lineStart();
    if (i + 4 <= end && b[i] == 'o' && b[i + 1] == 'p' && b[i + 2] == 't' && (b[i + 3] == ' ' || b[i + 3] == '\t')) {
      // As Lines: the keyword follows "opt" and every space and tab after it.
      i += 4;
      while (i < end && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
    }
    while (i < end && b[i] != ' ' && b[i] != '\t') {
      i++;
    }
    count = 0;
    while (count < starts.length) {
      while (i < end && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i == end) {
        break;
      }
      starts[count] = i;
      while (i < end && b[i] != ' ' && b[i] != '\t') {
        i++;
      }
      ends[count++] = i;
    }
    return this;
  }

  /** Argument {@code i} as a string; a missing one fails as {@link Lines#arg} does. */
  String string(int i) throws DescriptorParseException {
    if (i >= count) {
      return lines.arg(i);
    }
    return new String(b, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
  }

  /** Argument {@code i} upper-cased if it is exactly {@code length} hex digits, else null. */
  String upperHex(int i, int length) {
    if (i >= count || ends[i] - starts[i] != length) {
      return null;
    }
    int s = starts[i];
    boolean lower = false;
    for (int j = s; j < s + length; j++) {
      byte c = b[j];
      if (c >= 'a' && c <= 'f') {
        lower = true;
      } else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
        return null;
      }
    }
    if (!lower) {
      return new String(b, s, length, StandardCharsets.ISO_8859_1);
    }
    byte[] upper = new byte[length];
    for (int j = 0; j < length; j++) {
      byte c = b[s + j];
      upper[j] = c >= 'a' ? (byte) (c - ('a' - 'A')) : c;
    }
    return new String(upper, StandardCharsets.ISO_8859_1);
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
        int year = digits(d, 4);
        int month = digits(d + 5, 2);
        int day = digits(d + 8, 2);
        int hour = digits(t, 2);
        int minute = digits(t + 3, 2);
        int second = digits(t + 6, 2);
        if ((year | month | day | hour | minute | second) >= 0) {
          try {
            return Instant.ofEpochSecond(Values.epochSecond(year, month, day, hour, minute, second));
          } catch (IllegalArgumentException e) {
            // out of range: let Lines say so
          }
        }
      }
    }
    return lines.timestampArg(i);
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
