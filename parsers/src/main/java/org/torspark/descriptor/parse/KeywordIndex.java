package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Finds the keyword enum constant of the current line straight from the line's bytes: no String
 * is made for known keywords, which matters when a parser sees tens of millions of lines. Same
 * keyword rules as {@link Lines}: an {@code opt } prefix is dropped and the keyword ends at the
 * first space or tab.
 *
 * @param <K> the parser's keyword enum
 */
final class KeywordIndex<K extends Enum<K>> {
  private final byte[][] words;
  private final Object[] values;
  private final int mask;

  KeywordIndex(Class<K> keywords, Function<K, String> spelling) {
    K[] all = keywords.getEnumConstants();
    int size = Integer.highestOneBit(all.length * 4 - 1) << 1;
    words = new byte[size][];
    values = new Object[size];
    mask = size - 1;
    for (K k : all) {
      byte[] w = spelling.apply(k).getBytes(StandardCharsets.US_ASCII);
      int i = hash(w, 0, w.length) & mask;
      while (words[i] != null) {
        i = (i + 1) & mask;
      }
      words[i] = w;
      values[i] = k;
    }
  }

  /** Length, first and last byte: constant time, and few keywords of one parser share all three. */
  private static int hash(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return 0;
    }
    return n * 961 + b[from] * 31 + b[to - 1];
  }

  /** The keyword of the line {@code lines} is on, or null if it is not one of ours. */
  @SuppressWarnings("unchecked")
  K lookup(Lines lines) {
    byte[] b = lines.buffer();
    // Lines found the keyword already. After "opt", Lines skips every space and tab; here the
    // keyword must follow the one after "opt" directly, else the line has no keyword of ours.
    int s = lines.keywordStart();
    int prefix = s - lines.lineStart();
    if (prefix != 0 && prefix != 4) {
      return null;
    }
    int e = lines.keywordEnd();
    int n = e - s;
    int i = hash(b, s, e) & mask;
    while (true) {
      byte[] w = words[i];
      if (w == null) {
        return null;
      }
      if (w.length == n && equal(w, b, s)) {
        return (K) values[i];
      }
      i = (i + 1) & mask;
    }
  }

  private static boolean equal(byte[] w, byte[] b, int at) {
    for (int j = 0; j < w.length; j++) {
      if (w[j] != b[at + j]) {
        return false;
      }
    }
    return true;
  }

  /** End of the current line's content: before its LF and a CR preceding that. */
  static int lineEnd(Lines lines) {
    byte[] b = lines.buffer();
    int e = lines.nextLineStart();
    if (e > lines.lineStart() && b[e - 1] == '\n') {
      e--;
    }
    if (e > lines.lineStart() && b[e - 1] == '\r') {
      e--;
    }
    return e;
  }

  /** True if the current line holds nothing but spaces and tabs. */
  static boolean isBlank(Lines lines) {
    byte[] b = lines.buffer();
    for (int i = lines.lineStart(), e = lineEnd(lines); i < e; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
