package org.torspark.descriptor.parse;

import java.util.Arrays;

/**
 * The values of recently parsed lines, keyed by the lines' bytes, for items that repeat across
 * thousands of descriptors ({@code proto} lines, exit-policy rules): a hit costs a hash and a
 * compare instead of parsing and allocating again. Set-associative: a line hashes to a set of four
 * slots and a new line replaces the set's oldest, so the memory stays fixed however many distinct
 * lines a thread sees (unlike {@link SliceCache}, which fills up once and is meant for one
 * document), while a few hundred lines that recur together (a day's exit-policy rules) do not
 * evict each other as they did with one slot per line. Values must be immutable: they are shared
 * by every descriptor whose line had the same bytes. Not thread-safe: keep one per thread.
 */
final class RecentLines<V> {
  private static final int WAYS = 4;

  private final byte[][] keys;
  private final int[] hashes;
  private final Object[] values;
  private final int ways;
  private final int setMask;

  /** {@code slots} (all sets together) a power of two. */
  RecentLines(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    keys = new byte[slots][];
    hashes = new int[slots];
    values = new Object[slots];
    ways = Math.min(WAYS, slots);
    setMask = slots / ways - 1;
  }

  /** Parses the current line into a value. */
  interface LineParser<V> {
    V parse(Lines lines) throws DescriptorParseException;
  }

  /** The value for the current line of {@code lines}: remembered for its bytes, or parsed and remembered. */
  V of(Lines lines, LineParser<V> parser) throws DescriptorParseException {
    byte[] b = lines.buffer();
    int s = lines.lineStart();
    int e = KeywordIndex.lineEnd(lines);
    int h = SliceCache.hash(b, s, e);
    V value = get(b, s, e, h);
    if (value == null) {
      value = parser.parse(lines);
      put(b, s, e, h, value);
    }
    return value;
  }

  /** The value remembered for {@code b[from, to)}, whose {@link SliceCache#hash} is {@code h}, or null. */
  @SuppressWarnings("unchecked")
  V get(byte[] b, int from, int to, int h) {
    int set = (h & setMask) * ways;
    for (int i = set, e = set + ways; i < e; i++) {
      byte[] k = keys[i];
      if (k == null) {
        return null; // a set fills from its first slot
      }
      if (hashes[i] == h && Arrays.equals(k, 0, k.length, b, from, to)) {
        return (V) values[i];
      }
    }
    return null;
  }

  /** Remembers {@code value} for {@code b[from, to)} first in its set, forgetting the set's oldest line. */
  void put(byte[] b, int from, int to, int h, V value) {
    int set = (h & setMask) * ways;
    System.arraycopy(keys, set, keys, set + 1, ways - 1);
    System.arraycopy(hashes, set, hashes, set + 1, ways - 1);
    System.arraycopy(values, set, values, set + 1, ways - 1);
    keys[set] = Arrays.copyOfRange(b, from, to);
    hashes[set] = h;
    values[set] = value;
  }
}
