package org.torspark.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An inclusive port range, written {@code 80} or {@code 6660-6669} as in policy summaries
 * ({@code p accept 80,443,6660-6669}).
 *
 * @param min lowest port, 1..65535
 * @param max highest port, min..65535
 */
public record PortRange(int min, int max) {
  /** Every port: {@code 1-65535}. */
  public static final PortRange ALL = new PortRange(1, 65535);

  public PortRange {
    if (min < 1 || max > 65535 || min > max) {
      throw new IllegalArgumentException("'" + min + "-" + max + "' is not a port range within 1-65535");
    }
  }

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  /**
   * Parses {@code N} or {@code N-M} (1..65535, N &lt;= M).
   *
   * @throws IllegalArgumentException naming the text when it is not a port or range
   */
  public static PortRange parse(String text) {
    PortRange r = tryParse(text, 0, text.length());
    if (r == null) {
      throw new IllegalArgumentException("'" + text + "' is not a port (1-65535) or a range N-M of ports");
    }
    return r;
  }

  /** {@code N} or {@code N-M} in {@code s[from, to)}, or null when it is neither. */
  static PortRange tryParse(CharSequence s, int from, int to) {
    int dash = -1;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '-') {
        dash = i;
        break;
      }
    }
    int min = Ports.parseDecimal(s, from, dash < 0 ? to : dash, 65535);
    int max = dash < 0 ? min : Ports.parseDecimal(s, dash + 1, to, 65535);
    if (min < 1 || max < min) {
      return null;
    }
    return new PortRange(min, max);
  }

  /**
   * Parses a comma-separated list ({@code 80,443,6660-6669}), as in a summary's port list. Order
   * and overlaps are kept as written.
   *
   * @throws IllegalArgumentException naming the entry that is not a port or range
   */
  public static List<PortRange> parseList(String text) {
    List<PortRange> ranges = new ArrayList<>();
    int start = 0;
    int n = text.length();
    while (true) {
      int comma = text.indexOf(',', start);
      int end = comma < 0 ? n : comma;
      PortRange r = tryParse(text, start, end);
      if (r == null) {
        throw new IllegalArgumentException(
            "'" + text.substring(start, end) + "' in '" + text + "' is not a port (1-65535) or a range N-M");
      }
      ranges.add(r);
      if (comma < 0) {
        return Collections.unmodifiableList(ranges);
      }
      start = comma + 1;
    }
  }

  public boolean contains(int port) {
    return port >= min && port <= max;
  }

  /** Number of ports in the range. */
  public int size() {
    return max - min + 1;
  }

  /** {@code 80} or {@code 6660-6669}. */
  @Override
  public String toString() {
    return min == max ? Integer.toString(min) : min + "-" + max;
  }
}
