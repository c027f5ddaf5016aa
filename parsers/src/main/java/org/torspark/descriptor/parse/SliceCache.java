package org.torspark.descriptor.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A small map from byte ranges to values, so that the thousands of router status entries of one
 * document that share an {@code s}, {@code v}, {@code pr} or {@code p} line share one parsed value
 * and no key string is allocated on a hit. Open addressing with linear probing; stops growing at
 * {@link #MAX_ENTRIES} (later misses are simply not cached). Not thread-safe: one per parse.
 */
final class SliceCache<V> {
  static final int MAX_ENTRIES = 1 << 14;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[][] keys = new byte[64][];
  private int[] hashes = new int[64];
  private Object[] values = new Object[64];
  private int size;

  /** A hash of {@code b[from, to)}, eight bytes per step (these lines run to hundreds of bytes). */
  static int hash(byte[] b, int from, int to) {
    long h = to - from;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 29;
    }
    for (; i < to; i++) {
      h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
    }
    return (int) (h ^ (h >>> 32));
  }

  /** The value cached for {@code b[from, to)} with hash {@code h}, or null. */
  @SuppressWarnings("unchecked")
  V get(byte[] b, int from, int to, int h) {
    int mask = keys.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      byte[] k = keys[i];
      if (k == null) {
        return null;
      }
      if (hashes[i] == h && Arrays.equals(k, 0, k.length, b, from, to)) {
        return (V) values[i];
      }
    }
  }

  void put(byte[] b, int from, int to, int h, V value) {
    if (size >= MAX_ENTRIES) {
      return;
    }
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    insert(Arrays.copyOfRange(b, from, to), h, value);
    size++;
  }

  private void insert(byte[] key, int h, Object value) {
    int mask = keys.length - 1;
    int i = h & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    hashes[i] = h;
    values[i] = value;
  }

  private void grow() {
    byte[][] oldKeys = keys;
    int[] oldHashes = hashes;
    Object[] oldValues = values;
    keys = new byte[oldKeys.length * 2][];
    hashes = new int[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(oldKeys[i], oldHashes[i], oldValues[i]);
      }
    }
  }
}
