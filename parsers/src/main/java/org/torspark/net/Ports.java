package org.torspark.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Port checks and names, after Stem's {@code stem.util.connection} ({@code is_valid_port},
 * {@code port_usage}).
 *
 * <p>A port in text is plain ASCII decimal: no sign, no spaces, no leading zero ({@code "080"} is
 * not a port, as in Stem, whose check is {@code str(int(entry)) == str(entry)}). Port 0 is reserved
 * and valid only where a caller asks for it ({@code allowZero}).
 *
 * <p>{@link #usage} labels well-known ports for reports from a small table we maintain in {@code
 * port-usage.txt} next to this class (IANA registrations and the de-facto uses Stem's {@code
 * ports.cfg} also lists; one {@code port[-port] name} per line). As in Stem, a range line names
 * every port in it, and unknown ports have no name (9001, the usual ORPort, is not listed; 9030 and
 * 9050/9051 are "Tor").
 */
public final class Ports {
  private Ports() {}

  /** True for 1..65535. */
  public static boolean isValidPort(int port) {
    return isValidPort(port, false);
  }

  /** True for 1..65535, and for 0 when {@code allowZero}. */
  public static boolean isValidPort(int port, boolean allowZero) {
    return (port > 0 && port <= 65535) || (allowZero && port == 0);
  }

  /** {@link #isValidPort(String, boolean)} without zero. */
  public static boolean isValidPort(String port) {
    return isValidPort(port, false);
  }

  /** True when {@code port} is a plain decimal port number (see the class comment). */
  public static boolean isValidPort(String port, boolean allowZero) {
    if (port == null) {
      return false;
    }
    int p = parseDecimal(port, 0, port.length(), 65535);
    return p >= 0 && isValidPort(p, allowZero);
  }

  /** Every entry is a valid port; an empty list is valid (Stem's list form). */
  public static boolean isValidPorts(List<String> ports, boolean allowZero) {
    for (String p : ports) {
      if (!isValidPort(p, allowZero)) {
        return false;
      }
    }
    return true;
  }

  /** True for {@code N} or {@code N-M} with valid ports and N &lt;= M. */
  public static boolean isValidPortRange(String range, boolean allowZero) {
    if (range == null) {
      return false;
    }
    int dash = range.indexOf('-');
    if (dash < 0) {
      return isValidPort(range, allowZero);
    }
    int min = parseDecimal(range, 0, dash, 65535);
    int max = parseDecimal(range, dash + 1, range.length(), 65535);
    return min >= 0 && max >= min && isValidPort(min, allowZero) && isValidPort(max, allowZero);
  }

  /** What the port is commonly used for ({@code 443} → {@code HTTPS}), or null when unknown. */
  public static String usage(int port) {
    return UsageTable.INSTANCE.get(port);
  }

  /** {@link #usage(int)} for a port in text; null when the text is not a port or it is unknown. */
  public static String usage(String port) {
    int p = port == null ? -1 : parseDecimal(port, 0, port.length(), 65535);
    return p < 0 ? null : usage(p);
  }

  /**
   * The plain decimal number in {@code s[from, to)} (ASCII digits, no sign, no leading zero), or
   * -1 when there is none or it exceeds {@code max}.
   */
  static int parseDecimal(CharSequence s, int from, int to, int max) {
    if (from >= to || to - from > 10 || (to - from > 1 && s.charAt(from) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > max ? -1 : (int) v;
  }

  /** Sorted, non-overlapping port ranges with names; looked up by binary search. */
  static final class UsageTable {
    static final String RESOURCE = "port-usage.txt";
    static final UsageTable INSTANCE = load();

    final int[] starts;
    final int[] ends;
    final String[] names;

    UsageTable(int[] starts, int[] ends, String[] names) {
      this.starts = starts;
      this.ends = ends;
      this.names = names;
    }

    String get(int port) {
      int i = Arrays.binarySearch(starts, port);
      if (i < 0) {
        i = -i - 2; // the range starting before the port
      }
      return i >= 0 && port <= ends[i] ? names[i] : null;
    }

    static UsageTable load() {
      try (InputStream in = Ports.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the classpath next to " + Ports.class);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return parse(r.lines().toList());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }

    /** Parses {@code port[-port] name} lines; blank lines and {@code #} comments are skipped. */
    static UsageTable parse(List<String> lines) {
      List<int[]> ranges = new ArrayList<>();
      List<String> names = new ArrayList<>();
      int lineNumber = 0;
      for (String line : lines) {
        lineNumber++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        int space = t.indexOf(' ');
        PortRange range = space < 0 ? null : PortRange.tryParse(t, 0, space);
        String name = space < 0 ? "" : t.substring(space + 1).strip();
        if (range == null || name.isEmpty()) {
          throw new IllegalStateException(RESOURCE + " line " + lineNumber + " is not 'port[-port] name': " + line);
        }
        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] >= range.min()) {
          throw new IllegalStateException(
              RESOURCE + " line " + lineNumber + " is out of order or overlaps the line before: " + line);
        }
        ranges.add(new int[] {range.min(), range.max()});
        names.add(name);
      }
      int n = ranges.size();
      int[] starts = new int[n];
      int[] ends = new int[n];
      for (int i = 0; i < n; i++) {
        starts[i] = ranges.get(i)[0];
        ends[i] = ranges.get(i)[1];
      }
      return new UsageTable(starts, ends, names.toArray(new String[0]));
    }
  }
}
