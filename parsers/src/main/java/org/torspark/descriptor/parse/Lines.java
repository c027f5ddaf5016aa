package org.torspark.descriptor.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over the lines of one document's bytes. Lines end at LF; a CR before the LF is not part
 * of the line. The keyword is the first space- or tab-separated token, with tor's legacy
 * {@code opt } prefix removed. Objects ({@code -----BEGIN ...-----} to {@code -----END ...-----})
 * are read or skipped as a whole by the parser that owns the keyword before them.
 *
 * <p>Bytes are decoded as ISO-8859-1 so that every byte maps to one char and no input can fail to
 * decode; free-text fields that are UTF-8 in practice are re-decoded with {@link #utf8Rest()}.
 */
public final class Lines {
  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);
  private static final String[] NO_ARGS = new String[0];
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] b;
  private final int end;
  private int pos;
  private int lineStart;
  private int lineEnd;
  private int lineNumber;
  private int keywordStart;
  private int keywordEnd;
  private String keyword;
  private String[] args;

  public Lines(byte[] bytes, int start, int end) {
    this.b = bytes;
    this.pos = start;
    this.end = end;
  }

  /** Advances to the next line; false at the end of the document. */
  public boolean next() {
    if (!advance()) {
      return false;
    }
    int k = lineStart;
    if (k < lineEnd && b[k] == 'o' && (startsWith(k, "opt ") || startsWith(k, "opt\t"))) {
      k += 4;
      while (k < lineEnd && (b[k] == ' ' || b[k] == '\t')) {
        k++;
      }
    }
    keywordStart = k;
    keywordEnd = ByteScan.spaceOrTab(b, k, lineEnd);
    return true;
  }

  /** Moves to the next line and forgets the last one's keyword and arguments; false at the end. */
  private boolean advance() {
    if (pos >= end) {
      return false;
    }
    lineStart = pos;
    int nl = indexOfNewline(pos);
    int e = nl < 0 ? end : nl;
    pos = nl < 0 ? end : nl + 1;
    if (e > lineStart && b[e - 1] == '\r') {
      e--;
    }
    lineEnd = e;
    lineNumber++;
    keyword = null;
    args = null;
    return true;
  }

  private int indexOfNewline(int from) {
    byte[] a = b;
    int i = from;
    // Eight bytes at a time (SWAR zero-byte test on x ^ 0x0a0a...): lines average 60 bytes.
    for (int n = end - 8; i <= n; i += 8) {
      long x = (long) LONGS.get(a, i) ^ 0x0a0a0a0a0a0a0a0aL;
      long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (int n = end; i < n; i++) {
      if (a[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean startsWith(int at, String prefix) {
    int n = prefix.length();
    if (at + n > lineEnd) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** True if the current line's keyword is exactly {@code word}; allocates nothing. */
  public boolean keywordIs(String word) {
    int n = word.length();
    if (keywordEnd - keywordStart != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[keywordStart + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  public String keyword() {
    if (keyword == null) {
      keyword = new String(b, keywordStart, keywordEnd - keywordStart, StandardCharsets.ISO_8859_1);
    }
    return keyword;
  }

  /** The whole current line, without its line ending. */
  public String line() {
    return new String(b, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
  }

  /** Everything after the keyword and the whitespace that follows it, as written. */
  public String rest() {
    int s = restStart();
    return new String(b, s, lineEnd - s, StandardCharsets.ISO_8859_1);
  }

  /** Like {@link #rest()} but decoded as UTF-8 (malformed bytes replaced), for free text. */
  public String utf8Rest() {
    int s = restStart();
    return new String(b, s, lineEnd - s, StandardCharsets.UTF_8);
  }

  private int restStart() {
    int s = keywordEnd;
    while (s < lineEnd && (b[s] == ' ' || b[s] == '\t')) {
      s++;
    }
    return s;
  }

  /** The arguments after the keyword, split on runs of spaces and tabs. */
  public String[] args() {
    if (args == null) {
      args = split(keywordEnd);
    }
    return args;
  }

  private String[] split(int from) {
    int count = 0;
    int i = from;
    while (i < lineEnd) {
      while (i < lineEnd && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i < lineEnd) {
        count++;
        while (i < lineEnd && b[i] != ' ' && b[i] != '\t') {
          i++;
        }
      }
    }
    if (count == 0) {
      return NO_ARGS;
    }
    String[] out = new String[count];
    int idx = 0;
    i = from;
    while (i < lineEnd) {
      while (i < lineEnd && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i < lineEnd) {
        int s = i;
        while (i < lineEnd && b[i] != ' ' && b[i] != '\t') {
          i++;
        }
        out[idx++] = new String(b, s, i - s, StandardCharsets.ISO_8859_1);
      }
    }
    return out;
  }

  public int argCount() {
    return args().length;
  }

  /** Argument {@code i} (0-based), failing with this line quoted when it is missing. */
  public String arg(int i) throws DescriptorParseException {
    String[] a = args();
    if (i >= a.length) {
      throw fail("'" + keyword() + "' needs at least " + (i + 1) + " argument(s), found " + a.length);
    }
    return a[i];
  }

  /** Requires at least {@code n} arguments. */
  public Lines requireArgs(int n) throws DescriptorParseException {
    if (args().length < n) {
      throw fail("'" + keyword() + "' needs at least " + n + " argument(s), found " + args().length);
    }
    return this;
  }

  public int intArg(int i) throws DescriptorParseException {
    String s = arg(i);
    try {
      return Values.parseInt(s);
    } catch (IllegalArgumentException e) {
      throw fail("'" + keyword() + "' argument " + (i + 1) + " is not an integer: '" + s + "'");
    }
  }

  public long longArg(int i) throws DescriptorParseException {
    String s = arg(i);
    try {
      return Values.parseLong(s);
    } catch (IllegalArgumentException e) {
      throw fail("'" + keyword() + "' argument " + (i + 1) + " is not an integer: '" + s + "'");
    }
  }

  /** Arguments {@code i} and {@code i+1} as a {@code YYYY-MM-DD HH:MM:SS} UTC timestamp. */
  public Instant timestampArg(int i) throws DescriptorParseException {
    String date = arg(i);
    String time = arg(i + 1);
    try {
      return Values.timestamp(date, time);
    } catch (IllegalArgumentException e) {
      throw fail("'" + keyword() + "' has a bad timestamp '" + date + " " + time + "'");
    }
  }

  /** A parse exception that quotes the current line. */
  public DescriptorParseException fail(String message) {
    return new DescriptorParseException(message, lineNumber, line());
  }

  /** True if the line after the current one starts an object. */
  public boolean objectFollows() {
    return pos < end && regionStartsWith(pos, BEGIN);
  }

  /** True if the current line is an object's BEGIN line (an object with no keyword before it). */
  public boolean isObjectBegin() {
    return regionStartsWith(lineStart, BEGIN);
  }

  /**
   * Consumes the object that follows the current line, if any, and returns its text from the
   * BEGIN line to the END line (LF-joined), or null when no object follows.
   */
  public String readObject() throws DescriptorParseException {
    int s = pos;
    return skipObject() ? textFrom(s) : null;
  }

  /**
   * Consumes the object that must follow the current line and returns its text as
   * {@link #readObject()} does; fails as {@link #requireObject()} when there is none.
   */
  public String requiredObject() throws DescriptorParseException {
    int s = pos;
    requireObject();
    return textFrom(s);
  }

  /**
   * The text from byte {@code from} (a line start) to the end of the current line, CRs removed: an
   * object already consumed by a decoder, as written from its BEGIN line to its END line.
   */
  public String textFrom(int from) {
    return new String(b, from, lineEnd - from, StandardCharsets.ISO_8859_1).replace("\r", "");
  }

  /** Consumes the object that follows the current line without decoding it; false if none. */
  public boolean skipObject() throws DescriptorParseException {
    if (!objectFollows()) {
      return false;
    }
    int keywordLine = lineNumber;
    int ownerStart = keywordStart;
    int ownerEnd = keywordEnd;
    next();
    // Jump over the base64 lines, which hold no '-', to the line that can end the loop below.
    int stop = objectStop(pos);
    if (stop >= 0) {
      lineNumber += ByteScan.count(b, (byte) '\n', pos, stop);
      pos = stop;
    }
    while (nextObjectLine()) {
      if (regionStartsWith(lineStart, END)) {
        return true;
      }
      if (regionStartsWith(lineStart, BEGIN)) {
        break;
      }
    }
    String owner = new String(b, ownerStart, ownerEnd - ownerStart, StandardCharsets.ISO_8859_1);
    throw new DescriptorParseException(
        "object after '" + owner + "' (line " + keywordLine + ") has no -----END line", lineNumber, line());
  }

  /** The first line from the line start {@code from} on that is an END or a BEGIN line, or -1. */
  private int objectStop(int from) {
    int i = from;
    while (i < end) {
      int dash = ByteScan.indexOf(b, (byte) '-', i, end);
      if (dash < 0) {
        return -1;
      }
      boolean atLineStart = dash == from || b[dash - 1] == '\n';
      if (atLineStart && (regionStartsWith(dash, END) || regionStartsWith(dash, BEGIN))) {
        return dash;
      }
      i = dash + 1;
    }
    return -1;
  }

  /**
   * {@link #next()} for lines inside an object, which are most of a descriptor's bytes: base64
   * lines have no keyword, so only lines starting with '-' get one.
   */
  private boolean nextObjectLine() {
    if (!advance()) {
      return false;
    }
    keywordStart = lineStart;
    int k = lineStart;
    if (b[lineStart] == '-') {
      while (k < lineEnd && b[k] != ' ' && b[k] != '\t') {
        k++;
      }
    }
    keywordEnd = k;
    return true;
  }

  /** Requires an object after the current line and skips it. */
  public void requireObject() throws DescriptorParseException {
    if (!skipObject()) {
      throw fail("'" + keyword() + "' must be followed by an object");
    }
  }

  private boolean regionStartsWith(int at, byte[] prefix) {
    if (at + prefix.length > end) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  public int lineNumber() {
    return lineNumber;
  }

  /** Byte index of the current line's keyword ({@link #keyword()}), after any {@code opt} prefix. */
  int keywordStart() {
    return keywordStart;
  }

  /** Byte index just past the current line's keyword. */
  int keywordEnd() {
    return keywordEnd;
  }

  /** Byte index of the current line's first byte in the underlying array. */
  public int lineStart() {
    return lineStart;
  }

  /** Byte index just past the current line's LF (the start of the next line). */
  public int nextLineStart() {
    return pos;
  }

  public byte[] buffer() {
    return b;
  }

  /** Splits a comma-separated argument into its non-empty parts. */
  public static List<String> commaList(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i <= n) {
      int c = s.indexOf(',', i);
      if (c < 0) {
        c = n;
      }
      if (c > i) {
        out.add(s.substring(i, c));
      }
      i = c + 1;
    }
    return out;
  }
}
