package org.torspark.net;

/**
 * Hand-written address scanners over a character range: no regex, no allocation, no DNS. Every
 * textual address in torspark goes through here, so "valid" means the same thing everywhere.
 *
 * <p>IPv4: exactly four dot-separated decimal parts of 1-3 ASCII digits, each 0-255, without
 * leading zeros ({@code 0} is fine, {@code 01} is not) — Stem's and current tor's rule
 * (tor's {@code tor_inet_aton} refuses leading zeros because C's {@code inet_aton} reads them as
 * octal). IPv6: RFC 4291 §2.2 text forms — eight groups of 1-4 hex digits, at most one {@code ::}
 * standing for one or more zero groups, an optional dotted IPv4 tail in place of the last two
 * groups, no zone id.
 */
final class AddressText {
  private AddressText() {}

  /** The IPv4 address in {@code s[from, to)} as 0..2^32-1, or -1 when it is not one. */
  static long ipv4(CharSequence s, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (true) {
      int start = i;
      int part = 0;
      while (i < to && i - start < 4) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        part = part * 10 + (c - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || part > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | part;
      parts++;
      if (parts == 4) {
        return i == to ? value : -1;
      }
      if (i >= to || s.charAt(i) != '.') {
        return -1;
      }
      i++;
    }
  }

  /**
   * Parses the IPv6 address in {@code s[from, to)} (no brackets) into {@code out[0]} (high 64
   * bits) and {@code out[1]} (low 64 bits).
   *
   * @return false when the text is not an IPv6 address ({@code out} is then unspecified)
   */
  static boolean ipv6(CharSequence s, int from, int to, long[] out) {
    int[] groups = new int[8];
    int n = 0;
    int gap = -1; // index in groups where "::" stands
    int i = from;
    if (to - from < 2) {
      return false;
    }
    if (s.charAt(i) == ':') {
      if (s.charAt(i + 1) != ':') {
        return false; // a single leading colon
      }
      gap = 0;
      i += 2;
      if (i == to) {
        return fill(groups, n, gap, out);
      }
    }
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && i - start < 5) {
        int d = hexDigit(s.charAt(i));
        if (d < 0) {
          break;
        }
        value = (value << 4) | d;
        i++;
      }
      if (i < to && s.charAt(i) == '.') {
        // dotted IPv4 tail: only as the last 32 bits
        if (n > 6) {
          return false;
        }
        long v4 = ipv4(s, start, to);
        if (v4 < 0) {
          return false;
        }
        groups[n++] = (int) (v4 >>> 16);
        groups[n++] = (int) (v4 & 0xFFFF);
        return fill(groups, n, gap, out);
      }
      int digits = i - start;
      if (digits == 0 || digits > 4 || n == 8) {
        return false;
      }
      groups[n++] = value;
      if (i == to) {
        return fill(groups, n, gap, out);
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i == to) {
        return false; // a single trailing colon
      }
      if (s.charAt(i) == ':') {
        if (gap >= 0) {
          return false; // a second "::"
        }
        gap = n;
        i++;
        if (i == to) {
          return fill(groups, n, gap, out);
        }
      }
    }
  }

  private static boolean fill(int[] groups, int n, int gap, long[] out) {
    if (gap < 0) {
      if (n != 8) {
        return false;
      }
    } else {
      if (n > 7) {
        return false; // "::" must stand for at least one group
      }
      int tail = n - gap;
      System.arraycopy(groups, gap, groups, 8 - tail, tail);
      for (int k = gap; k < 8 - tail; k++) {
        groups[k] = 0;
      }
    }
    long high = 0;
    long low = 0;
    for (int k = 0; k < 4; k++) {
      high = (high << 16) | groups[k];
      low = (low << 16) | groups[k + 4];
    }
    out[0] = high;
    out[1] = low;
    return true;
  }

  /** The value of one ASCII hex digit, or -1. */
  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** True when {@code s[from, to)} is {@code [...]}: an IPv6 address in URL/policy brackets. */
  static boolean bracketed(CharSequence s, int from, int to) {
    return to - from >= 2 && s.charAt(from) == '[' && s.charAt(to - 1) == ']';
  }
}
