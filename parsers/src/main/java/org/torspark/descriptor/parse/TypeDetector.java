package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import org.torspark.descriptor.DescriptorType;

/**
 * Tells a document's type when it carries no {@code @type} annotation (tor's cache files, stem's
 * fixtures, files users saved themselves): first from its first keyword lines, then from its
 * CollecTor file name.
 */
public final class TypeDetector {
  private TypeDetector() {}

  /**
   * The type the content at {@code b[start, end)} begins with, or null. Looks at the first few
   * lines only.
   */
  public static DescriptorType fromContent(byte[] b, int start, int end) {
    Lines lines = new Lines(b, start, Math.min(end, start + 4096));
    int seen = 0;
    boolean statusV3 = false;
    boolean microdescFlavour = false;
    while (lines.next() && seen < 8) {
      if (isBlankOrAnnotation(b, lines)) {
        continue;
      }
      seen++;
      String kw = lines.keyword();
      if (seen == 1) {
        switch (kw) {
          case "router":
            return DescriptorType.SERVER_DESCRIPTOR;
          case "extra-info":
            return DescriptorType.EXTRA_INFO;
          case "onion-key":
            return DescriptorType.MICRODESCRIPTOR;
          case "dir-key-certificate-version":
            return DescriptorType.DIR_KEY_CERTIFICATE_3;
          case "ExitNode":
          case "Downloaded":
            return DescriptorType.TORDNSEL;
          case "published":
          case "r":
            return DescriptorType.BRIDGE_NETWORK_STATUS;
          case "network-status-version":
            String[] args = lines.args();
            if (args.length == 0 || !args[0].equals("3")) {
              return null;
            }
            statusV3 = true;
            microdescFlavour = args.length > 1 && args[1].equals("microdesc");
            continue;
          default:
            return isUnixTimestamp(lines) ? DescriptorType.BANDWIDTH_FILE : null;
        }
      }
      if (statusV3 && kw.equals("vote-status")) {
        String[] args = lines.args();
        if (args.length > 0 && args[0].equals("vote")) {
          return DescriptorType.NETWORK_STATUS_VOTE_3;
        }
        if (args.length > 0 && args[0].equals("consensus")) {
          return microdescFlavour
              ? DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3
              : DescriptorType.NETWORK_STATUS_CONSENSUS_3;
        }
        return null;
      }
    }
    return null;
  }

  private static boolean isBlankOrAnnotation(byte[] b, Lines lines) {
    int s = lines.lineStart();
    return lines.line().isBlank() || b[s] == '@';
  }

  private static boolean isUnixTimestamp(Lines lines) {
    String line = lines.line().trim();
    if (line.length() < 9 || line.length() > 12) {
      return false;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The type a CollecTor file or tarball entry name implies, or null. Used last: names lie less
   * often than nothing, but content wins when it speaks.
   */
  public static DescriptorType fromFileName(String path) {
    if (path == null) {
      return null;
    }
    String p = path.toLowerCase(java.util.Locale.ROOT);
    boolean bridge = p.contains("bridge");
    if (p.contains("consensus-microdesc") || p.contains("consensuses-microdesc")) {
      return DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3;
    }
    if (p.contains("/micro/") || p.endsWith("-micro") || p.matches(".*-micro-\\d{4}-\\d{2}$")) {
      return DescriptorType.MICRODESCRIPTOR;
    }
    if (p.contains("bridge-statuses") || p.contains("/statuses/") && bridge) {
      return DescriptorType.BRIDGE_NETWORK_STATUS;
    }
    if (p.contains("server-descriptor")) {
      return bridge ? DescriptorType.BRIDGE_SERVER_DESCRIPTOR : DescriptorType.SERVER_DESCRIPTOR;
    }
    if (p.contains("extra-info")) {
      return bridge ? DescriptorType.BRIDGE_EXTRA_INFO : DescriptorType.EXTRA_INFO;
    }
    if (p.contains("-vote-")) {
      return DescriptorType.NETWORK_STATUS_VOTE_3;
    }
    if (p.contains("consensus")) {
      return DescriptorType.NETWORK_STATUS_CONSENSUS_3;
    }
    if (p.contains("-bandwidth-") || p.contains("bandwidths-") || p.contains("v3bw")) {
      return DescriptorType.BANDWIDTH_FILE;
    }
    if (p.contains("exit-list")) {
      return DescriptorType.TORDNSEL;
    }
    if (p.contains("certs") || p.contains("cert")) {
      return DescriptorType.DIR_KEY_CERTIFICATE_3;
    }
    return null;
  }

  /** The keyword line that starts each document of a type that is concatenated in files. */
  public static String startKeyword(DescriptorType type) {
    switch (type) {
      case SERVER_DESCRIPTOR:
      case BRIDGE_SERVER_DESCRIPTOR:
        return "router";
      case EXTRA_INFO:
      case BRIDGE_EXTRA_INFO:
        return "extra-info";
      case MICRODESCRIPTOR:
        return "onion-key";
      case DIR_KEY_CERTIFICATE_3:
        return "dir-key-certificate-version";
      default:
        return null;
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
