package org.torspark.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An independent answer to "can this descriptor policy exit to some IPv4 address on port P": the
 * rules' networks cut the address space into intervals that every rule either fully covers or
 * misses, so checking the first address of each interval with first-match evaluation is exact.
 */
public final class RawPolicy {
  private record Rule(boolean accept, long lo, long hi, int minPort, int maxPort) {}

  private RawPolicy() {}

  public static boolean someAddressAllowed(List<String> lines, int port) {
    List<Rule> rules = new ArrayList<>();
    TreeSet<Long> points = new TreeSet<>(List.of(0L));
    for (String line : lines) {
      Rule r = parse(line);
      rules.add(r);
      points.add(r.lo);
      if (r.hi < 0xFFFFFFFFL) {
        points.add(r.hi + 1);
      }
    }
    for (long a : points) {
      boolean decided = false;
      for (Rule r : rules) {
        if (a >= r.lo && a <= r.hi && port >= r.minPort && port <= r.maxPort) {
          if (r.accept) {
            return true;
          }
          decided = true;
          break;
        }
      }
      if (!decided) {
        return true; // no rule matched: accepted by default
      }
    }
    return false;
  }

  /** First-match evaluation for one IPv4 address and port; no rule matching means accepted. */
  public static boolean allows(List<String> lines, String address, int port) {
    long a = ipv4(address);
    for (String line : lines) {
      Rule r = parse(line);
      if (a >= r.lo && a <= r.hi && port >= r.minPort && port <= r.maxPort) {
        return r.accept;
      }
    }
    return true;
  }

  private static Rule parse(String line) {
    String[] w = line.split(" ");
    boolean accept = w[0].equals("accept");
    String spec = w[1];
    int colon = spec.lastIndexOf(':');
    String addr = spec.substring(0, colon);
    String ports = spec.substring(colon + 1);
    long lo = 0;
    long hi = 0xFFFFFFFFL;
    if (!addr.equals("*")) {
      String[] am = addr.split("/");
      long base = ipv4(am[0]);
      int bits = 32;
      if (am.length > 1) {
        bits = am[1].contains(".") ? Long.bitCount(ipv4(am[1])) : Integer.parseInt(am[1]);
      }
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      lo = base & mask;
      hi = lo | (~mask & 0xFFFFFFFFL);
    }
    int minPort = 1;
    int maxPort = 65535;
    if (!ports.equals("*")) {
      String[] mm = ports.split("-");
      minPort = Math.max(1, Integer.parseInt(mm[0]));
      maxPort = Integer.parseInt(mm[mm.length - 1]);
    }
    return new Rule(accept, lo, hi, minPort, maxPort);
  }

  private static long ipv4(String s) {
    long v = 0;
    for (String part : s.split("\\.")) {
      v = (v << 8) | Integer.parseInt(part);
    }
    return v;
  }
}
