package org.torspark.descriptor.parse;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Value syntax shared by every descriptor type: integers, UTC timestamps, hex and base64
 * identifiers, {@code key=value} lists. Each method throws {@link IllegalArgumentException} on bad
 * input; {@link Lines} turns that into a {@link DescriptorParseException} quoting the line.
 */
public final class Values {
  private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

  private Values() {}

  /** A decimal int with an optional leading '-' and nothing else (no '+', no spaces). */
  public static int parseInt(String s) {
    long v = parseLong(s);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("out of int range: " + s);
    }
    return (int) v;
  }

  /** A decimal long with an optional leading '-' and nothing else. */
  public static long parseLong(String s) {
    int n = s.length();
    if (n == 0 || n > 20) {
      throw new IllegalArgumentException("not an integer: " + s);
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '-') {
      negative = true;
      i = 1;
      if (n == 1) {
        throw new IllegalArgumentException("not an integer: " + s);
      }
    }
    long v = 0;
    for (; i < n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("not an integer: " + s);
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw new IllegalArgumentException("integer too large: " + s);
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /** A finite decimal number (tor writes e.g. {@code 0.05}, {@code 1e-3} never appears but is accepted). */
  public static double parseDouble(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("not a number: " + s);
    }
    char c0 = s.charAt(0);
    if (!(c0 == '-' || c0 == '.' || (c0 >= '0' && c0 <= '9'))) {
      throw new IllegalArgumentException("not a number: " + s);
    }
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + s);
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a finite number: " + s);
    }
    return d;
  }

  /** {@code YYYY-MM-DD} and {@code HH:MM:SS} as a UTC instant; validates every field. */
  public static Instant timestamp(String date, String time) {
    if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-'
        || time.length() != 8 || time.charAt(2) != ':' || time.charAt(5) != ':') {
      throw new IllegalArgumentException("not a timestamp: " + date + " " + time);
    }
    int year = digits(date, 0, 4);
    int month = digits(date, 5, 2);
    int day = digits(date, 8, 2);
    int hour = digits(time, 0, 2);
    int minute = digits(time, 3, 2);
    int second = digits(time, 6, 2);
    return Instant.ofEpochSecond(epochSecond(year, month, day, hour, minute, second));
  }

  /** {@code YYYY-MM-DDTHH:MM:SS} (bandwidth files) or {@code YYYY-MM-DD HH:MM:SS}. */
  public static Instant isoTimestamp(String s) {
    if (s.length() != 19 || (s.charAt(10) != 'T' && s.charAt(10) != ' ')) {
      throw new IllegalArgumentException("not a timestamp: " + s);
    }
    return timestamp(s.substring(0, 10), s.substring(11));
  }

  static long epochSecond(int year, int month, int day, int hour, int minute, int second) {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
        || hour > 23 || minute > 59 || second > 60) {
      throw new IllegalArgumentException("timestamp field out of range");
    }
    // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian, UTC.
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097L + doe - 719468L;
    return days * 86400L + hour * 3600L + minute * 60L + second;
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4: case 6: case 9: case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("not a digit in " + s);
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Tor's unpadded base64 (padding tolerated) decoded; rejects anything else. */
  public static byte[] base64(String s) {
    try {
      return Base64.getDecoder().decode(stripPadding(s));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: " + s);
    }
  }

  private static String stripPadding(String s) {
    int n = s.length();
    while (n > 0 && s.charAt(n - 1) == '=') {
      n--;
    }
    return n == s.length() ? s : s.substring(0, n);
  }

  /** Base64 identity or digest as hex; {@code upper} for fingerprints, lower for digests. */
  public static String base64ToHex(String s, boolean upper) {
    return hex(base64(s), upper);
  }

  public static String hex(byte[] bytes, boolean upper) {
    char[] alphabet = upper ? HEX_UPPER : HEX_LOWER;
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = alphabet[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = alphabet[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** True if {@code s} is exactly {@code length} hex digits (either case). */
  public static boolean isHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** Base64 without trailing '=' padding, as tor writes digests. */
  public static String base64NoPadding(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * {@code k=v} arguments from {@code args[from..]} in order; a later duplicate key wins. An
   * argument without '=' is an error.
   */
  public static Map<String, String> keyValues(String[] args, int from) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not key=value: " + a);
      }
      out.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return out;
  }

  /** {@code k=v} arguments whose values are integers. */
  public static Map<String, Long> keyLongValues(String[] args, int from) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : keyValues(args, from).entrySet()) {
      out.put(e.getKey(), parseLong(e.getValue()));
    }
    return out;
  }

  /** {@code k=v,k=v} (one comma-separated argument, as in extra-info stats) with integer values. */
  public static Map<String, Long> commaKeyLongValues(String arg) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (arg == null || arg.isEmpty()) {
      return out;
    }
    for (String part : Lines.commaList(arg)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not key=value: " + part);
      }
      out.put(part.substring(0, eq), parseLong(part.substring(eq + 1)));
    }
    return out;
  }
}
