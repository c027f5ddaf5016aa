package org.torspark.collector;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What CollecTor's directory layout and file names say about a file (formats.md §1.3): its
 * descriptor types, for indexes that carry no {@code types} (before 2019, and bridgedb-metrics,
 * webstats), and a publication range guessed from the name, as stem's {@code CollecTor.files} does
 * when {@code first_published}/{@code last_published} are missing. This is the one place that knows
 * the layout; once the descriptor parsers land, content-based facts come from
 * {@link DescriptorFacts}.
 */
public final class CollectorLayout {
  private CollectorLayout() {}

  /** Directory (below recent/ or archive/) -> types of the files directly in it. */
  private static final Map<String, List<String>> BY_DIRECTORY = Map.ofEntries(
      Map.entry("bridge-descriptors", List.of("bridge-network-status", "bridge-server-descriptor",
          "bridge-extra-info")),
      Map.entry("bridge-descriptors/extra-infos", List.of("bridge-extra-info")),
      Map.entry("bridge-descriptors/server-descriptors", List.of("bridge-server-descriptor")),
      Map.entry("bridge-descriptors/statuses", List.of("bridge-network-status")),
      Map.entry("bridge-pool-assignments", List.of("bridge-pool-assignment")),
      Map.entry("bridgedb-metrics", List.of("bridgedb-metrics")),
      Map.entry("bridgestrap", List.of("bridgestrap-stats")),
      Map.entry("exit-lists", List.of("tordnsel")),
      Map.entry("onionperf", List.of("torperf")),
      Map.entry("relay-descriptors", List.of("dir-key-certificate-3")),
      Map.entry("relay-descriptors/bandwidths", List.of("bandwidth-file")),
      Map.entry("relay-descriptors/certs", List.of("dir-key-certificate-3")),
      Map.entry("relay-descriptors/consensuses", List.of("network-status-consensus-3")),
      Map.entry("relay-descriptors/extra-infos", List.of("extra-info")),
      Map.entry("relay-descriptors/microdescs", List.of("microdescriptor",
          "network-status-microdesc-consensus-3")),
      Map.entry("relay-descriptors/microdescs/consensus-microdesc",
          List.of("network-status-microdesc-consensus-3")),
      Map.entry("relay-descriptors/microdescs/micro", List.of("microdescriptor")),
      Map.entry("relay-descriptors/server-descriptors", List.of("server-descriptor")),
      Map.entry("relay-descriptors/statuses", List.of("network-status-2")),
      Map.entry("relay-descriptors/tor", List.of("directory")),
      Map.entry("relay-descriptors/votes", List.of("network-status-vote-3")),
      Map.entry("snowflakes", List.of("snowflake-stats")),
      Map.entry("torperf", List.of("torperf")));

  /** Every type name the layout knows, sorted; {@code --types} accepts these and any in the index. */
  public static List<String> knownTypes() {
    TreeSet<String> names = new TreeSet<>();
    BY_DIRECTORY.values().forEach(names::addAll);
    for (org.torspark.descriptor.DescriptorType t : org.torspark.descriptor.DescriptorType.values()) {
      names.add(t.typeName());
    }
    return List.copyOf(names);
  }

  /**
   * Type names (without version) that the directory of {@code path} holds, or an empty list.
   * {@code path} is the full path below the base URL, e.g. {@code recent/exit-lists/2016-09-20-13-02-00}.
   */
  public static List<String> typesFromPath(String path) {
    int first = path.indexOf('/');
    int last = path.lastIndexOf('/');
    if (first < 0 || last <= first) {
      return List.of();
    }
    String tree = path.substring(0, first);
    if (!tree.equals("recent") && !tree.equals("archive")) {
      return List.of();
    }
    List<String> types = BY_DIRECTORY.get(path.substring(first + 1, last));
    if (types == null) {
      return List.of();
    }
    if (path.endsWith("/certs.tar.xz") || !path.substring(first + 1, last).equals("relay-descriptors")) {
      return types;
    }
    return List.of(); // other files directly in relay-descriptors/ are unknown
  }

  /** The name part of index types: {@code "server-descriptor 1.0"} -> {@code "server-descriptor"}. */
  public static String typeName(String indexType) {
    int space = indexType.indexOf(' ');
    return space < 0 ? indexType : indexType.substring(0, space);
  }

  /** A publication range guessed from a file name; either bound may be null. */
  public record Range(Instant start, Instant end) {
    static final Range UNKNOWN = new Range(null, null);
  }

  /**
   * Stem's guess, extended by one pattern: a monthly tarball {@code -YYYY-MM.} covers that month
   * ({@code [first day, first day of next month)}); a {@code YYYY-MM-DD-HH-MM-SS} time covers one
   * hour from it; bridge statuses' {@code YYYYMMDD-HHMMSS} likewise; otherwise unknown.
   */
  public static Range guessRange(String fileName) {
    Instant t = timeInName(fileName);
    if (t != null) {
      return new Range(t, t.plus(1, ChronoUnit.HOURS));
    }
    YearMonth month = monthInName(fileName);
    if (month != null) {
      return new Range(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
          month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    return Range.UNKNOWN;
  }

  /** First {@code YYYY-MM-DD-HH-MM-SS} or {@code YYYYMMDD-HHMMSS} in the name, as UTC. */
  static Instant timeInName(String name) {
    for (int i = 0; i + 19 <= name.length(); i++) {
      if (matches(name, i, "dddd-dd-dd-dd-dd-dd")) {
        Instant t = instant(name, i, i + 5, i + 8, i + 11, i + 14, i + 17);
        if (t != null) {
          return t;
        }
      }
    }
    for (int i = 0; i + 15 <= name.length(); i++) {
      if (matches(name, i, "dddddddd-dddddd") && (i + 15 == name.length() || name.charAt(i + 15) == '-')
          && (i == 0 || !Character.isDigit(name.charAt(i - 1)))) {
        Instant t = instant(name, i, i + 4, i + 6, i + 9, i + 11, i + 13);
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  /** {@code -YYYY-MM.} as in {@code consensuses-2007-10.tar.xz}. */
  static YearMonth monthInName(String name) {
    for (int i = 0; i + 9 <= name.length(); i++) {
      if (matches(name, i, "-dddd-dd.")) {
        int year = Integer.parseInt(name, i + 1, i + 5, 10);
        int month = Integer.parseInt(name, i + 6, i + 8, 10);
        if (month >= 1 && month <= 12) {
          return YearMonth.of(year, month);
        }
      }
    }
    return null;
  }

  private static boolean matches(String s, int at, String pattern) {
    for (int j = 0; j < pattern.length(); j++) {
      char p = pattern.charAt(j);
      char c = s.charAt(at + j);
      if (p == 'd' ? (c < '0' || c > '9') : c != p) {
        return false;
      }
    }
    return true;
  }

  private static Instant instant(String s, int y, int mo, int d, int h, int mi, int se) {
    int month = Integer.parseInt(s, mo, mo + 2, 10);
    int day = Integer.parseInt(s, d, d + 2, 10);
    int hour = Integer.parseInt(s, h, h + 2, 10);
    int minute = Integer.parseInt(s, mi, mi + 2, 10);
    int second = Integer.parseInt(s, se, se + 2, 10);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
      return null;
    }
    try {
      return LocalDateTime.of(Integer.parseInt(s, y, y + 4, 10), month, day, hour, minute, Math.min(second, 59))
          .toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** All distinct type names in a list of index types, in order. */
  static List<String> names(List<String> indexTypes) {
    List<String> out = new ArrayList<>();
    for (String t : indexTypes) {
      String n = typeName(t);
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }
}
