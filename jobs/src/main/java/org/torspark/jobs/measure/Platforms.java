package org.torspark.jobs.measure;

/**
 * Tor Metrics' grouping of server-descriptor {@code platform} lines (reproducible-metrics
 * "Running relays", step 2): the tor version as its first three dotted numbers, and the operating
 * system by substring.
 */
final class Platforms {
  static final String OTHER = "Other";

  private Platforms() {}

  /**
   * {@code Tor 0.4.2.6 on Linux} → {@code 0.4.2}; a platform that does not start with {@code Tor }
   * and a dotted version of three numbers → {@code Other}; no platform → null (Tor Metrics then
   * does not count the relay at all).
   */
  static String version(String platform) {
    if (platform == null) {
      return null;
    }
    if (!platform.startsWith("Tor ")) {
      return OTHER;
    }
    int i = 4;
    int numbers = 0;
    StringBuilder sb = new StringBuilder();
    while (numbers < 3) {
      int start = i;
      while (i < platform.length() && Character.isDigit(platform.charAt(i)) && platform.charAt(i) < 128) {
        i++;
      }
      if (i == start) {
        return OTHER;
      }
      sb.append(platform, start, i);
      numbers++;
      if (numbers < 3) {
        if (i >= platform.length() || platform.charAt(i) != '.') {
          return OTHER;
        }
        sb.append('.');
        i++;
      }
    }
    return sb.toString();
  }

  /** Linux, Darwin (macOS), BSD, Windows by substring, else Other; null without a platform. */
  static String os(String platform) {
    if (platform == null) {
      return null;
    }
    if (platform.contains("Linux")) {
      return "Linux";
    }
    if (platform.contains("Darwin")) {
      return "Darwin";
    }
    if (platform.contains("BSD")) {
      return "BSD";
    }
    if (platform.contains("Windows")) {
      return "Windows";
    }
    return OTHER;
  }
}
