package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.BandwidthHistory;
import org.torspark.descriptor.StatsInterval;

/**
 * Item syntax shared by server and extra-info descriptors (relay and sanitised bridge): nicknames,
 * {@code YYYY-MM-DD HH:MM:SS (N s)} intervals, history lines, comma-separated statistics, objects
 * decoded from base64. Every method reports bad input as a {@link DescriptorParseException} that
 * quotes the current line.
 */
final class RelayItems {
  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
  private static final int SKIP = -2;
  private static final int PAD = -3;
  private static final byte[] BASE64 = new byte[256];

  static {
    java.util.Arrays.fill(BASE64, (byte) -1);
    BASE64['\n'] = SKIP;
    BASE64['\r'] = SKIP;
    BASE64['='] = PAD;
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = (byte) i;
    }
  }

  private RelayItems() {}

  /** Tor nicknames: 1 to 19 ASCII letters and digits. */
  static String nickname(Lines lines, String s) throws DescriptorParseException {
    int n = s.length();
    boolean ok = n >= 1 && n <= 19;
    for (int i = 0; ok && i < n; i++) {
      char c = s.charAt(i);
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    if (!ok) {
      throw lines.fail("'" + lines.keyword() + "' has an invalid nickname '" + s
          + "' (1 to 19 letters and digits)");
    }
    return s;
  }

  /** A 40-digit hex fingerprint, upper-cased. */
  static String fingerprint(Lines lines, String s) throws DescriptorParseException {
    if (!Values.isHex(s, 40)) {
      throw lines.fail("'" + lines.keyword() + "' needs a fingerprint of 40 hex digits, found '" + s + "'");
    }
    return upper(s);
  }

  /** The rest of the line as 40 hex digits once spaces are removed (tor groups them by four), upper-cased. */
  static String spacedFingerprint(Lines lines) throws DescriptorParseException {
    byte[] b = lines.buffer();
    int e = KeywordIndex.lineEnd(lines);
    byte[] out = new byte[40];
    int n = 0;
    boolean ok = true;
    int i = lines.lineStart();
    if (b[i] == 'o') {
      i += 4; // "opt "
    }
    while (i < e && b[i] != ' ' && b[i] != '\t') {
      i++;
    }
    for (; ok && i < e; i++) {
      int c = b[i];
      if (c == ' ' || c == '\t') {
        continue;
      }
      if (c >= 'a' && c <= 'f') {
        c -= 'a' - 'A';
      } else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
        ok = false;
        break;
      }
      if (n == 40) {
        ok = false;
        break;
      }
      out[n++] = (byte) c;
    }
    if (ok && n == 40) {
      return new String(out, StandardCharsets.ISO_8859_1);
    }
    return fingerprint(lines, String.join("", lines.args()));
  }

  /** True if upper-case {@code hex} spells {@code bytes}. */
  static boolean hexEquals(String hex, byte[] bytes) {
    if (hex.length() != bytes.length * 2) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (hex.charAt(2 * i) != HEX_UPPER[(bytes[i] >> 4) & 0xf] || hex.charAt(2 * i + 1) != HEX_UPPER[bytes[i] & 0xf]) {
        return false;
      }
    }
    return true;
  }

  static String upper(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (c >= 'a' && c <= 'f') {
        return hex.toUpperCase(java.util.Locale.ROOT);
      }
    }
    return hex;
  }

  static String lower(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (c >= 'A' && c <= 'F') {
        return hex.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return hex;
  }

  /** A dotted-quad IPv4 address, as written. */
  static String ipv4(Lines lines, String s) throws DescriptorParseException {
    int parts = 0;
    int value = -1;
    boolean ok = true;
    for (int i = 0; ok && i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.') {
        ok = value >= 0;
        parts++;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        ok = value <= 255;
      } else {
        ok = false;
      }
    }
    if (!ok || parts != 4) {
      throw lines.fail("'" + lines.keyword() + "' has an invalid IPv4 address '" + s + "'");
    }
    return s;
  }

  static int port(Lines lines, LineArgs args, int arg) throws DescriptorParseException {
    int p = args.intValue(arg);
    if (p < 0 || p > 65535) {
      throw lines.fail("'" + lines.keyword() + "' argument " + (arg + 1) + " is not a port: " + p);
    }
    return p;
  }

  /** The arguments re-joined with single spaces (tor writes them so; old descriptors sometimes did not). */
  static String joinedArgs(Lines lines) {
    String[] args = lines.args();
    if (args.length == 1) {
      return args[0];
    }
    return String.join(" ", args);
  }

  /**
   * {@code keyword args...} single-spaced: an exit-policy rule as written. The common case, a line
   * that is already {@code keyword SP pattern}, is taken as is.
   */
  static String rule(Lines lines) throws DescriptorParseException {
    byte[] b = lines.buffer();
    int s = lines.lineStart();
    int e = KeywordIndex.lineEnd(lines);
    int space = -1;
    boolean clean = b[s] != 'o'; // an "opt " prefix: take the slow path
    boolean colon = false;
    for (int i = s; clean && i < e; i++) {
      byte c = b[i];
      if (c == ' ') {
        clean = space < 0 && i + 1 < e;
        space = i;
      } else if (c == '\t') {
        clean = false;
      } else if (c == ':') {
        colon = true;
      }
    }
    if (clean && colon && space > s) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }
    String[] args = lines.args();
    if (args.length == 0 || args[0].indexOf(':') < 0) {
      throw lines.fail("'" + lines.keyword() + "' needs an address:port pattern"
          + (args.length == 0 ? "" : ", found '" + args[0] + "'"));
    }
    return lines.keyword() + " " + String.join(" ", args);
  }

  /** The interval {@code (N s)} at arguments {@code from} and {@code from + 1}. */
  static long intervalSeconds(Lines lines, int from) throws DescriptorParseException {
    String a = lines.arg(from);
    String b = lines.arg(from + 1);
    if (a.length() < 2 || a.charAt(0) != '(' || !b.equals("s)")) {
      throw lines.fail("'" + lines.keyword() + "' needs an interval like '(86400 s)', found '" + a + " " + b + "'");
    }
    long v;
    try {
      v = Values.parseLong(a.substring(1));
    } catch (IllegalArgumentException e) {
      v = -1;
    }
    if (v < 0) {
      throw lines.fail("'" + lines.keyword() + "' has a bad interval '" + a + " " + b + "'");
    }
    return v;
  }

  /** {@code YYYY-MM-DD HH:MM:SS (N s)}, the start of every statistics-interval line. */
  static StatsInterval statsInterval(Lines lines) throws DescriptorParseException {
    Instant end = lines.timestampArg(0);
    return new StatsInterval(end, intervalSeconds(lines, 2));
  }

  /** {@code YYYY-MM-DD HH:MM:SS (N s) v,v,...}; the value list may be missing (nothing reported). */
  static BandwidthHistory history(Lines lines) throws DescriptorParseException {
    Instant end = lines.timestampArg(0);
    long interval = intervalSeconds(lines, 2);
    String[] args = lines.args();
    List<Long> values = args.length > 4 ? longList(lines, args[4]) : List.of();
    return new BandwidthHistory(end, interval, values);
  }

  /** Comma-separated integers; empty elements are an error. */
  static List<Long> longList(Lines lines, String s) throws DescriptorParseException {
    if (s.isEmpty()) {
      return List.of();
    }
    List<Long> out = new ArrayList<>(Math.min(s.length() / 2 + 1, 1024));
    int n = s.length();
    int i = 0;
    while (true) {
      boolean negative = false;
      if (i < n && s.charAt(i) == '-') {
        negative = true;
        i++;
      }
      int digitsStart = i;
      long v = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        if (i - digitsStart >= 18) {
          throw lines.fail("'" + lines.keyword() + "' has a value too large in '" + abbreviate(s) + "'");
        }
        v = v * 10 + (c - '0');
        i++;
      }
      if (i == digitsStart || (i < n && s.charAt(i) != ',')) {
        throw lines.fail("'" + lines.keyword() + "' needs comma-separated integers, found '" + abbreviate(s) + "'");
      }
      out.add(negative ? -v : v);
      if (i == n) {
        return Collections.unmodifiableList(out);
      }
      i++;
      if (i == n) {
        throw lines.fail("'" + lines.keyword() + "' ends in a comma: '" + abbreviate(s) + "'");
      }
    }
  }

  /** Comma-separated decimal numbers (cell statistics). */
  static List<Double> doubleList(Lines lines) throws DescriptorParseException {
    String[] args = lines.args();
    if (args.length == 0) {
      return List.of();
    }
    List<String> parts = Lines.commaList(args[0]);
    List<Double> out = new ArrayList<>(parts.size());
    for (String p : parts) {
      try {
        out.add(Values.parseDouble(p));
      } catch (IllegalArgumentException e) {
        throw lines.fail("'" + lines.keyword() + "' has a value that is not a number: '" + p + "'");
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** How the keys of a {@code k=v,k=v} statistics line are checked. */
  enum Keys {
    /** Two-character GeoIP country codes, {@code ??} for unknown. */
    COUNTRY,
    /** Anything non-empty (status names, ports, transports, ...). */
    ANY
  }

  /** A {@code k=N,k=N} line (first argument); no argument gives an empty map. */
  static Map<String, Long> countMap(Lines lines, Keys keys) throws DescriptorParseException {
    String[] args = lines.args();
    Map<String, Long> out = new LinkedHashMap<>();
    if (args.length == 0) {
      return Collections.unmodifiableMap(out);
    }
    String s = args[0];
    int n = s.length();
    int i = 0;
    while (i < n) {
      int comma = s.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      int eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) {
        throw lines.fail("'" + lines.keyword() + "' needs key=value pairs, found '" + s.substring(i, end) + "'");
      }
      String key = s.substring(i, eq);
      if (key.isEmpty() || (keys == Keys.COUNTRY && !isCountryCode(key))) {
        throw lines.fail("'" + lines.keyword() + "' has an invalid " + (keys == Keys.COUNTRY ? "country code" : "key")
            + " '" + key + "'");
      }
      String value = s.substring(eq + 1, end);
      try {
        out.put(key, Values.parseLong(value));
      } catch (IllegalArgumentException e) {
        throw lines.fail("'" + lines.keyword() + "' has a value that is not an integer: '" + key + "=" + value + "'");
      }
      i = end + 1;
    }
    return Collections.unmodifiableMap(out);
  }

  private static boolean isCountryCode(String s) {
    if (s.length() != 2) {
      return false;
    }
    for (int i = 0; i < 2; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '?')) {
        return false;
      }
    }
    return true;
  }

  /** Space-separated {@code k=N} arguments from {@code from} on (padding-counts). */
  static Map<String, Long> keyLongArgs(Lines lines, int from) throws DescriptorParseException {
    try {
      return Collections.unmodifiableMap(Values.keyLongValues(lines.args(), from));
    } catch (IllegalArgumentException e) {
      throw lines.fail("'" + lines.keyword() + "' needs key=integer arguments: " + e.getMessage());
    }
  }

  /** Space-separated {@code k=X} arguments with decimal values from {@code from} on (hidserv parameters). */
  static Map<String, Double> keyDoubleArgs(Lines lines, int from) throws DescriptorParseException {
    String[] args = lines.args();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      try {
        if (eq <= 0) {
          throw new IllegalArgumentException("not key=value: " + a);
        }
        out.put(a.substring(0, eq), Values.parseDouble(a.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        throw lines.fail("'" + lines.keyword() + "' needs key=number parameters, found '" + a + "'");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Skips the object after the current line and decodes its base64 body; an empty body (as in
   * test fixtures whose keys were stripped) gives an empty array.
   */
  static byte[] objectBytes(Lines lines) throws DescriptorParseException {
    int beginLine = lines.nextLineStart();
    lines.requireObject();
    byte[] b = lines.buffer();
    int from = beginLine;
    while (b[from] != '\n') {
      from++;
    }
    byte[] out = base64(b, from + 1, lines.lineStart());
    if (out == null) {
      throw lines.fail("the object ending here is not valid base64");
    }
    return out;
  }

  /** Decodes base64 in {@code b[from, to)}, skipping line breaks; null if malformed. */
  static byte[] base64(byte[] b, int from, int to) {
    byte[] out = new byte[(to - from) * 3 / 4 + 3];
    byte[] table = BASE64;
    int n = 0;
    int acc = 0;
    int count = 0;
    int i = from;
    while (i < to) {
      if (count == 0) {
        // Whole groups of four between line breaks, the common case, in a loop of their own (the
        // JIT makes it twice as fast as the same code inside the byte-by-byte loop).
        while (i + 4 <= to) {
          int v0 = table[b[i] & 0xff];
          int v1 = table[b[i + 1] & 0xff];
          int v2 = table[b[i + 2] & 0xff];
          int v3 = table[b[i + 3] & 0xff];
          if ((v0 | v1 | v2 | v3) < 0) {
            break;
          }
          int g = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
          out[n] = (byte) (g >> 16);
          out[n + 1] = (byte) (g >> 8);
          out[n + 2] = (byte) g;
          n += 3;
          i += 4;
        }
        if (i == to) {
          break;
        }
      }
      int v = table[b[i] & 0xff];
      if (v >= 0) {
        acc = (acc << 6) | v;
        if (++count == 4) {
          out[n] = (byte) (acc >> 16);
          out[n + 1] = (byte) (acc >> 8);
          out[n + 2] = (byte) acc;
          n += 3;
          count = 0;
          acc = 0;
        }
      } else if (v != SKIP) {
        break;
      }
      i++;
    }
    // Only padding and line breaks may follow the last full or partial group.
    for (; i < to; i++) {
      int v = BASE64[b[i] & 0xff];
      if (v != SKIP && v != PAD) {
        return null;
      }
    }
    if (count == 1) {
      return null;
    }
    if (count == 2) {
      out[n++] = (byte) (acc >> 4);
    } else if (count == 3) {
      out[n++] = (byte) (acc >> 10);
      out[n++] = (byte) (acc >> 2);
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * Reads the {@code identity-ed25519} certificate object after the current line and returns the
   * master key it names (base64 without padding), or null when the object is empty (test fixtures
   * with stripped objects). The item must be the descriptor's second.
   */
  static String identityMasterKey(Lines lines, int position) throws DescriptorParseException {
    if (position != 2) {
      throw lines.fail("'identity-ed25519' must be the second item, found it at item " + position);
    }
    int lineNumber = lines.lineNumber();
    int lineStart = lines.lineStart();
    int lineEnd = KeywordIndex.lineEnd(lines);
    byte[] bytes = objectBytes(lines);
    if (bytes.length == 0) {
      return null;
    }
    String problem;
    try {
      Ed25519Cert cert = Ed25519Cert.parse(bytes);
      if (cert.certType != Ed25519Cert.IDENTITY_V_SIGNING) {
        problem = "certificate type is " + cert.certType + ", not 4 (identity key certifying a signing key)";
      } else if (cert.signingKey == null) {
        problem = "certificate has no signed-with-ed25519-key extension naming the master key";
      } else if (!Ed25519Point.isPoint(cert.certifiedKey)) {
        problem = "certificate certifies a signing key that is not a point on ed25519 (a damaged key)";
      } else if (!Ed25519Point.isPoint(cert.signingKey)) {
        problem = "certificate names a master key that is not a point on ed25519 (a damaged key)";
      } else {
        return Values.base64NoPadding(cert.signingKey);
      }
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    throw new DescriptorParseException("'identity-ed25519' " + problem, lineNumber,
        new String(lines.buffer(), lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1));
  }

  /** A {@code master-key-ed25519} line, which must agree with the identity certificate read before it. */
  static String masterKey(Lines lines, String written, String certMasterKey) throws DescriptorParseException {
    String key = stripPadding(written);
    if (certMasterKey != null && !certMasterKey.equals(key)) {
      throw lines.fail("'master-key-ed25519' does not match the master key " + certMasterKey
          + " in the identity-ed25519 certificate");
    }
    return key;
  }

  /** Requires something after the keyword, without splitting the line (signatures are long). */
  static void requireArgument(Lines lines) throws DescriptorParseException {
    byte[] b = lines.buffer();
    int e = KeywordIndex.lineEnd(lines);
    int i = lines.lineStart();
    if (b[i] == 'o') {
      i += 4; // "opt "
    }
    while (i < e && b[i] != ' ' && b[i] != '\t') {
      i++;
    }
    while (i < e && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    if (i == e) {
      throw lines.fail("'" + lines.keyword() + "' needs an argument");
    }
  }

  /** Base64 with tor's habit of omitting padding made uniform. */
  static String stripPadding(String s) {
    int n = s.length();
    while (n > 0 && s.charAt(n - 1) == '=') {
      n--;
    }
    return n == s.length() ? s : s.substring(0, n);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
