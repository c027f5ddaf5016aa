package org.torspark.descriptor.parse;

import java.util.Arrays;

/**
 * The values of recently parsed lines, keyed by the lines' bytes, for items that repeat across
 * thousands of descriptors ({@code proto} lines, exit-policy rules): a hit costs a hash and a
 * compare instead of parsing and allocating again. Direct-mapped: a line hashes to one slot and
 * replaces what was there, so the memory stays fixed however many distinct lines a thread sees
 * (unlike {@link SliceCache}, which fills up once and is meant for one document). Values must be
 * immutable: they are shared by every descriptor whose line had the same bytes. Not thread-safe:
 * keep one per thread.
 */
final class RecentLines<V> {
  private final byte[][] keys;
  private final Object[] values;
  private final int mask;

  /** {@code slots} a power of two. */
  RecentLines(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    keys = new byte[slots][];
    values = new Object[slots];
    mask = slots - 1;
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
    int i = h & mask;
    byte[] k = keys[i];
    if (k != null && Arrays.equals(k, 0, k.length, b, from, to)) {
      return (V) values[i];
    }
    return null;
  }

  /** Remembers {@code value} for {@code b[from, to)}, forgetting whatever had the same slot. */
  void put(byte[] b, int from, int to, int h, V value) {
    int i = h & mask;
    keys[i] = Arrays.copyOfRange(b, from, to);
    values[i] = value;
  }
}
