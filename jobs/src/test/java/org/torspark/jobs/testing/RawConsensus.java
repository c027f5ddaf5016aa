package org.torspark.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An independent reading of a consensus file for expected values: plain line handling of the r, a,
 * s, w and p lines and the bandwidth-weights line, without the library's parsers or policy code.
 */
public final class RawConsensus {
  /** One router status entry as written. */
  public record Entry(String nickname, String fingerprint, String digest, List<String> flags, Long bandwidth,
      String summary, List<String> orAddresses) {
    public boolean has(String flag) {
      return flags.contains(flag);
    }

    /** Exit as Tor Metrics counts it. */
    public boolean exit() {
      return has("Exit") && !has("BadExit");
    }

    /** Whether the p summary lets the port through, by reading its port list. */
    public boolean allows(int port) {
      if (summary == null) {
        return false;
      }
      String[] parts = summary.split(" ", 2);
      boolean listed = false;
      for (String range : parts[1].split(",")) {
        String[] ab = range.split("-");
        int lo = Integer.parseInt(ab[0]);
        int hi = Integer.parseInt(ab[ab.length - 1]);
        listed |= lo <= port && port <= hi;
      }
      return parts[0].equals("accept") == listed;
    }
  }

  public final List<Entry> entries = new ArrayList<>();
  public final Map<String, Long> weights = new LinkedHashMap<>();

  public static RawConsensus read(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RawConsensus parse(List<String> lines) {
    RawConsensus c = new RawConsensus();
    String[] r = null;
    List<String> flags = List.of();
    List<String> addresses = new ArrayList<>();
    Long bw = null;
    String p = null;
    for (String line : lines) {
      if (line.startsWith("r ") || line.equals("directory-footer")) {
        if (r != null) {
          c.entries.add(new Entry(r[1], hex(r[2]), hex(r[3]).toLowerCase(Locale.ROOT), flags, bw, p, addresses));
        }
        r = line.startsWith("r ") ? line.split(" ") : null;
        flags = List.of();
        addresses = new ArrayList<>();
        bw = null;
        p = null;
      } else if (r != null && line.startsWith("s ")) {
        flags = Arrays.asList(line.substring(2).split(" "));
      } else if (r != null && line.equals("s")) {
        flags = List.of();
      } else if (r != null && line.startsWith("a ")) {
        addresses.add(line.substring(2));
      } else if (r != null && line.startsWith("w ")) {
        for (String kv : line.substring(2).split(" ")) {
          if (kv.startsWith("Bandwidth=")) {
            bw = Long.parseLong(kv.substring("Bandwidth=".length()));
          }
        }
      } else if (r != null && line.startsWith("p ")) {
        p = line.substring(2);
      } else if (line.startsWith("bandwidth-weights ")) {
        for (String kv : line.substring("bandwidth-weights ".length()).split(" ")) {
          String[] x = kv.split("=");
          c.weights.put(x[0], Long.parseLong(x[1]));
        }
      }
    }
    return c;
  }

  public List<Entry> running() {
    return entries.stream().filter(e -> e.has("Running")).toList();
  }

  /** Exit weight as Onionoo computes it: bw·Wed for Guard+Exit, bw·Wee for Exit, else 0. */
  public double exitWeight(Entry e) {
    if (!e.exit() || e.bandwidth() == null) {
      return 0;
    }
    return e.bandwidth() * (double) (e.has("Guard") ? weights.get("Wed") : weights.get("Wee")) / 10_000.0;
  }

  static String hex(String base64) {
    return HexFormat.of().withUpperCase().formatHex(Base64.getDecoder().decode(base64));
  }
}
