package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.RouterStatusEntry;

/**
 * Reads the router status entries of one status document: the hot path of every consensus job
 * (a consensus has thousands of entries, an archive month hundreds of thousands). The {@code r}
 * line is cut and decoded straight from the bytes (base64 to hex without intermediate arrays);
 * {@code s}, {@code v}, {@code pr} and {@code p} lines, which repeat across relays, are parsed
 * once per distinct line and shared. One instance per document parse.
 */
final class RouterStatusEntryReader {

  /** The entry keywords, in the order they are tried (most frequent first). */
  enum Keyword {
    R("r"), S("s"), W("w"), V("v"), PR("pr"), P("p"), M("m"), A("a"), ID("id"), STATS("stats");

    final String spelling;

    Keyword(String spelling) {
      this.spelling = spelling;
    }
  }

  private static final int KEYWORD_COUNT = Keyword.values().length;

  private static final KeywordRules<Keyword> RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.R)
      .exactlyOnce(Keyword.R)
      .atMostOnce(Keyword.S, Keyword.W, Keyword.V, Keyword.PR, Keyword.P, Keyword.ID, Keyword.STATS)
      .build();

  /** Microdesc consensuses: one {@code m} line (the microdescriptor digest). */
  private static final KeywordRules<Keyword> MICRODESC_RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.R)
      .exactlyOnce(Keyword.R)
      .atMostOnce(Keyword.S, Keyword.W, Keyword.V, Keyword.PR, Keyword.P, Keyword.M)
      .build();

  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BASE64 = new byte[256];

  static {
    java.util.Arrays.fill(BASE64, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = (byte) i;
    }
  }

  private final byte[] b;
  private final boolean microdesc;
  private final boolean vote;
  private final KeywordRules<Keyword> rules;
  private Map<String, String> knownFlags;

  private final SliceCache<List<String>> flagsCache = new SliceCache<>();
  private final SliceCache<String> versionCache = new SliceCache<>();
  private final SliceCache<Map<String, String>> protoCache = new SliceCache<>();
  private final SliceCache<String> policyCache = new SliceCache<>();
  private final int[] tokenStart = new int[16];
  private final int[] tokenEnd = new int[16];
  private final int[] counts = new int[KEYWORD_COUNT];
  private final int[] passedProfiles = {-1, -1, -1, -1, -1, -1, -1, -1};
  private int nextPassedProfile;
  // The current line, as found by classify().
  private int restStart;
  private int lineEnd;

  // The entry being read.
  private int entryLine;
  private String nickname;
  private String fingerprint;
  private String digest;
  private String microdescriptorDigest;
  private Instant published;
  private String address;
  private int orPort;
  private int dirPort;
  private List<String> orAddresses;
  private List<String> flags;
  private String version;
  private Map<String, String> proto;
  private Long bandwidth;
  private Long measured;
  private boolean unmeasured;
  private String exitPolicy;
  private String ed25519Id;
  private List<String> microdescriptorHashes;
  private Map<String, String> stats;
  private List<String> unknownLines;

  /**
   * @param microdesc entries of a microdesc consensus: no digest on the {@code r} line, one
   *     {@code m} digest line
   * @param vote entries of a vote: {@code m} lines per consensus method, {@code id}, {@code stats}
   */
  RouterStatusEntryReader(byte[] buffer, boolean microdesc, boolean vote) {
    this.b = buffer;
    this.microdesc = microdesc;
    this.vote = vote;
    this.rules = microdesc ? MICRODESC_RULES : RULES;
  }

  /**
   * The document's {@code known-flags}, mapping each flag to itself: {@code s} flags must be among
   * them (dir-spec §3.4.1) and share these strings. Null (bridge statuses) disables the check.
   */
  void knownFlags(List<String> known) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String f : known) {
      m.put(f, f);
    }
    knownFlags = m;
  }

  /**
   * The entry keyword of the current line, or null if the line is not one; remembers where the
   * line's arguments start and where it ends for the reading that follows. Allocates nothing.
   */
  Keyword classify(Lines lines) {
    int s = lines.lineStart();
    int e = lineEnd(lines);
    int k = s;
    if (e - k >= 4 && b[k] == 'o' && b[k + 1] == 'p' && b[k + 2] == 't' && (b[k + 3] == ' ' || b[k + 3] == '\t')) {
      k += 4;
    }
    int ks = k;
    while (k < e && b[k] != ' ' && b[k] != '\t') {
      k++;
    }
    int ke = k;
    while (k < e && (b[k] == ' ' || b[k] == '\t')) {
      k++;
    }
    restStart = k;
    lineEnd = e;
    switch (ke - ks) {
      case 1:
        switch (b[ks]) {
          case 'r':
            return Keyword.R;
          case 's':
            return Keyword.S;
          case 'w':
            return Keyword.W;
          case 'v':
            return Keyword.V;
          case 'p':
            return Keyword.P;
          case 'm':
            return Keyword.M;
          case 'a':
            return Keyword.A;
          default:
            return null;
        }
      case 2:
        if (b[ks] == 'p' && b[ks + 1] == 'r') {
          return Keyword.PR;
        }
        return b[ks] == 'i' && b[ks + 1] == 'd' ? Keyword.ID : null;
      case 5:
        return regionIs(ks, ke, "stats") ? Keyword.STATS : null;
      default:
        return null;
    }
  }

  /** Starts an entry at the current {@code r} line, which {@link #classify} has seen. */
  void begin(Lines lines) throws DescriptorParseException {
    java.util.Arrays.fill(counts, 0);
    counts[Keyword.R.ordinal()] = 1;
    entryLine = lines.lineNumber();
    digest = null;
    microdescriptorDigest = null;
    orAddresses = null;
    flags = List.of();
    version = null;
    proto = Map.of();
    bandwidth = null;
    measured = null;
    unmeasured = false;
    exitPolicy = null;
    ed25519Id = null;
    microdescriptorHashes = null;
    stats = Map.of();
    unknownLines = null;

    int n = tokenize(restStart, lineEnd);
    int need = microdesc ? 7 : 8;
    if (n < need) {
      throw lines.fail("'r' needs " + need + " arguments, found " + n);
    }
    int t = 0;
    nickname = token(t++);
    fingerprint = sha1Hex(t, HEX_UPPER);
    if (fingerprint == null) {
      throw lines.fail("'r' identity is not a base64 SHA-1 digest: '" + token(t) + "'");
    }
    t++;
    if (!microdesc) {
      digest = sha1Hex(t, HEX_LOWER);
      if (digest == null) {
        throw lines.fail("'r' descriptor digest is not a base64 SHA-1 digest: '" + token(t) + "'");
      }
      t++;
    }
    published = timestamp(t);
    if (published == null) {
      throw lines.fail("'r' has a bad publication time '" + token(t) + " " + token(t + 1) + "'");
    }
    t += 2;
    address = token(t++);
    orPort = port(t);
    if (orPort < 0) {
      throw lines.fail("'r' has a bad OR port '" + token(t) + "'");
    }
    t++;
    dirPort = port(t);
    if (dirPort < 0) {
      throw lines.fail("'r' has a bad directory port '" + token(t) + "'");
    }
  }

  /**
   * Reads the current line, which {@link #classify} found to be {@code k}, into the entry; false
   * if {@code k} is not an entry keyword of this document type.
   */
  boolean offer(Lines lines, Keyword k) throws DescriptorParseException {
    switch (k) {
      case S:
        flags = flags(lines);
        break;
      case W:
        weights(lines);
        break;
      case V:
        version = cachedRest(lines, versionCache);
        break;
      case PR:
        proto = proto(lines);
        break;
      case P:
        exitPolicy = policy(lines);
        break;
      case A:
        if (orAddresses == null) {
          orAddresses = new ArrayList<>(2);
        }
        orAddresses.add(lines.rest());
        break;
      case M:
        if (microdesc) {
          microdescriptorDigest = microdescriptorDigest(lines);
        } else if (vote) {
          lines.requireArgs(2);
          if (microdescriptorHashes == null) {
            microdescriptorHashes = new ArrayList<>(6);
          }
          microdescriptorHashes.add(lines.rest());
        } else {
          return false;
        }
        break;
      case ID:
        if (!vote || !lines.requireArgs(2).arg(0).equals("ed25519")) {
          return false;
        }
        String key = lines.arg(1);
        ed25519Id = key.equals("none") ? null : key;
        break;
      case STATS:
        if (!vote) {
          return false;
        }
        try {
          stats = Collections.unmodifiableMap(Values.keyValues(lines.args(), 0));
        } catch (IllegalArgumentException e) {
          throw lines.fail("'stats' is not a list of key=value: " + e.getMessage());
        }
        break;
      default:
        return false;
    }
    counts[k.ordinal()]++;
    return true;
  }

  /** Keeps a line with a keyword unknown to entries, verbatim. */
  void unknown(String line) {
    if (unknownLines == null) {
      unknownLines = new ArrayList<>(2);
    }
    unknownLines.add(line);
  }

  /** The entry begun last, complete. */
  RouterStatusEntry end() throws DescriptorParseException {
    checkCounts();
    return new RouterStatusEntry(nickname, fingerprint, digest, microdescriptorDigest, published, address,
        orPort, dirPort, frozen(orAddresses), flags, version, proto, bandwidth, measured, unmeasured, exitPolicy,
        ed25519Id, frozen(microdescriptorHashes), stats, frozen(unknownLines));
  }

  /**
   * Applies the keyword rules. Whether they pass depends only on each count capped at 3, and
   * nearly all entries of a document share one of a few such profiles, so profiles that passed
   * are remembered and not checked again.
   */
  private void checkCounts() throws DescriptorParseException {
    int profile = 0;
    for (int c : counts) {
      profile = profile << 2 | Math.min(c, 3);
    }
    for (int i = 0; i < passedProfiles.length; i++) {
      if (passedProfiles[i] == profile) {
        return;
      }
    }
    try {
      rules.check(counts, k -> k.spelling);
    } catch (DescriptorParseException e) {
      throw new DescriptorParseException(e.getMessage() + " in the entry of '" + nickname + "' (line "
          + entryLine + ")");
    }
    passedProfiles[nextPassedProfile] = profile;
    nextPassedProfile = (nextPassedProfile + 1) % passedProfiles.length;
  }

  String fingerprint() {
    return fingerprint;
  }

  private static List<String> frozen(List<String> list) {
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  private List<String> flags(Lines lines) throws DescriptorParseException {
    int s = restStart;
    int e = lineEnd;
    int h = SliceCache.hash(b, s, e);
    List<String> cached = flagsCache.get(b, s, e, h);
    if (cached != null) {
      return cached;
    }
    String[] args = lines.args().clone();
    for (int i = 0; i < args.length; i++) {
      if (knownFlags != null) {
        String known = knownFlags.get(args[i]);
        if (known == null) {
          throw lines.fail("flag '" + args[i] + "' is not in known-flags");
        }
        args[i] = known;
      }
    }
    List<String> parsed = List.of(args);
    flagsCache.put(b, s, e, h, parsed);
    return parsed;
  }

  private Map<String, String> proto(Lines lines) throws DescriptorParseException {
    int s = restStart;
    int e = lineEnd;
    int h = SliceCache.hash(b, s, e);
    Map<String, String> cached = protoCache.get(b, s, e, h);
    if (cached != null) {
      return cached;
    }
    Map<String, String> parsed;
    try {
      parsed = Collections.unmodifiableMap(Values.keyValues(lines.args(), 0));
    } catch (IllegalArgumentException ex) {
      throw lines.fail("'pr' is not a list of protocol=versions: " + ex.getMessage());
    }
    protoCache.put(b, s, e, h, parsed);
    return parsed;
  }

  private String policy(Lines lines) throws DescriptorParseException {
    int s = restStart;
    int e = lineEnd;
    int h = SliceCache.hash(b, s, e);
    String cached = policyCache.get(b, s, e, h);
    if (cached != null) {
      return cached;
    }
    String[] args = lines.args();
    if (args.length < 2 || !(args[0].equals("accept") || args[0].equals("reject"))) {
      throw lines.fail("'p' must be 'accept' or 'reject' followed by a port list");
    }
    String parsed = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    policyCache.put(b, s, e, h, parsed);
    return parsed;
  }

  private String cachedRest(Lines lines, SliceCache<String> cache) {
    int s = restStart;
    int e = lineEnd;
    int h = SliceCache.hash(b, s, e);
    String cached = cache.get(b, s, e, h);
    if (cached == null) {
      cached = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
      cache.put(b, s, e, h, cached);
    }
    return cached;
  }

  /** {@code w Bandwidth=N [Measured=N] [Unmeasured=1]}; other keys are ignored (dir-spec allows more). */
  private void weights(Lines lines) throws DescriptorParseException {
    int n = tokenize(restStart, lineEnd);
    boolean sawBandwidth = false;
    for (int t = 0; t < Math.min(n, tokenStart.length); t++) {
      int s = tokenStart[t];
      int te = tokenEnd[t];
      int eq = s;
      while (eq < te && b[eq] != '=') {
        eq++;
      }
      if (eq == te) {
        throw lines.fail("'w' argument is not key=value: '" + token(t) + "'");
      }
      if (regionIs(s, eq, "Bandwidth")) {
        bandwidth = weight(lines, t, eq + 1, te);
        sawBandwidth = true;
      } else if (regionIs(s, eq, "Measured")) {
        measured = weight(lines, t, eq + 1, te);
      } else if (regionIs(s, eq, "Unmeasured")) {
        unmeasured = weight(lines, t, eq + 1, te) == 1L;
      }
    }
    if (!sawBandwidth) {
      throw lines.fail("'w' has no Bandwidth=");
    }
  }

  private Long weight(Lines lines, int t, int from, int to) throws DescriptorParseException {
    long v = digitsValue(from, to);
    if (v < 0) {
      throw lines.fail("'w' has a bad value in '" + token(t) + "'");
    }
    return v;
  }

  private String microdescriptorDigest(Lines lines) throws DescriptorParseException {
    int n = tokenize(restStart, lineEnd);
    if (n < 1) {
      throw lines.fail("'m' needs a microdescriptor digest");
    }
    int s = tokenStart[0];
    int te = tokenEnd[0];
    int len = te - s;
    while (len > 43 && b[s + len - 1] == '=') {
      len--;
    }
    boolean ok = len == 43;
    for (int i = s; ok && i < s + len; i++) {
      ok = BASE64[b[i] & 0xff] >= 0;
    }
    if (!ok) {
      throw lines.fail("'m' is not a base64 SHA-256 digest: '" + token(0) + "'");
    }
    return token(0);
  }

  // ---- byte-level helpers -------------------------------------------------------------------

  /** End of the current line, without its LF and a CR before it (as {@link Lines} does). */
  static int lineEnd(Lines lines) {
    byte[] a = lines.buffer();
    int s = lines.lineStart();
    int e = lines.nextLineStart();
    if (e > s && a[e - 1] == '\n') {
      e--;
    }
    if (e > s && a[e - 1] == '\r') {
      e--;
    }
    return e;
  }

  /** Splits {@code b[from, to)} on blanks into the token arrays; returns the token count. */
  private int tokenize(int from, int to) {
    int n = 0;
    int i = from;
    while (i < to) {
      while (i < to && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i >= to) {
        break;
      }
      int s = i;
      while (i < to && b[i] != ' ' && b[i] != '\t') {
        i++;
      }
      if (n < tokenStart.length) {
        tokenStart[n] = s;
        tokenEnd[n] = i;
      }
      n++;
    }
    return n;
  }

  private String token(int t) {
    return new String(b, tokenStart[t], tokenEnd[t] - tokenStart[t], StandardCharsets.ISO_8859_1);
  }

  private boolean regionIs(int from, int to, String word) {
    int n = word.length();
    if (to - from != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[from + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Token {@code t}, unpadded base64 of 20 bytes (27 characters, '=' padding tolerated), as 40
   * hex digits in the given alphabet; null if it is anything else. Decodes four characters (three
   * bytes) per step: an invalid character makes the group negative.
   */
  private String sha1Hex(int t, byte[] hex) {
    int i = tokenStart[t];
    int len = tokenEnd[t] - i;
    if (len == 28 && b[i + 27] == '=') {
      len = 27;
    }
    if (len != 27) {
      return null;
    }
    byte[] out = new byte[40];
    int o = 0;
    for (int g = 0; g < 6; g++, i += 4) {
      int v = BASE64[b[i] & 0xff] << 18 | BASE64[b[i + 1] & 0xff] << 12 | BASE64[b[i + 2] & 0xff] << 6
          | BASE64[b[i + 3] & 0xff];
      if (v < 0) {
        return null;
      }
      out[o] = hex[(v >>> 20) & 0xf];
      out[o + 1] = hex[(v >>> 16) & 0xf];
      out[o + 2] = hex[(v >>> 12) & 0xf];
      out[o + 3] = hex[(v >>> 8) & 0xf];
      out[o + 4] = hex[(v >>> 4) & 0xf];
      out[o + 5] = hex[v & 0xf];
      o += 6;
    }
    int v = BASE64[b[i] & 0xff] << 12 | BASE64[b[i + 1] & 0xff] << 6 | BASE64[b[i + 2] & 0xff];
    if (v < 0) {
      return null;
    }
    v >>>= 2;
    out[36] = hex[(v >>> 12) & 0xf];
    out[37] = hex[(v >>> 8) & 0xf];
    out[38] = hex[(v >>> 4) & 0xf];
    out[39] = hex[v & 0xf];
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** Tokens {@code t} and {@code t+1} as a UTC timestamp, or null. */
  private Instant timestamp(int t) {
    int d = tokenStart[t];
    int c = tokenStart[t + 1];
    if (tokenEnd[t] - d != 10 || tokenEnd[t + 1] - c != 8
        || b[d + 4] != '-' || b[d + 7] != '-' || b[c + 2] != ':' || b[c + 5] != ':') {
      return null;
    }
    long year = digitsValue(d, d + 4);
    long month = digitsValue(d + 5, d + 7);
    long day = digitsValue(d + 8, d + 10);
    long hour = digitsValue(c, c + 2);
    long minute = digitsValue(c + 3, c + 5);
    long second = digitsValue(c + 6, c + 8);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(Values.epochSecond((int) year, (int) month, (int) day, (int) hour,
          (int) minute, (int) second));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Token {@code t} as a TCP port (0-65535), or -1. */
  private int port(int t) {
    int s = tokenStart[t];
    int e = tokenEnd[t];
    if (e - s > 5) {
      return -1;
    }
    long v = digitsValue(s, e);
    return v > 65535 ? -1 : (int) v;
  }

  /** {@code b[from, to)} as a non-negative decimal of at most 18 digits, or -1. */
  private long digitsValue(int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      v = v * 10 + digit;
    }
    return v;
  }
}
