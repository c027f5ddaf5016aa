package org.torspark.jobs.exit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.torspark.jobs.JobArgException;
import org.torspark.net.Ports;

/**
 * The ports an exit-policy report covers, each with its service name from {@link Ports#usage}
 * (null when the port table does not name it).
 */
public final class PortList implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Default report ports: the ones Tor Metrics' exit discussions and formats.md §5.9 name (22, 25,
   * 53, 80, 443, 6667) plus the mail, chat, alternative-HTTP and remote-login ports users ask about.
   */
  public static final String DEFAULT = "21,22,23,25,53,80,110,143,194,443,465,587,993,995,5222,6667,6697,8080,8443";

  private final int[] ports;

  private PortList(int[] ports) {
    this.ports = ports;
  }

  /**
   * Parses {@code 22,80,443} (single ports, 1-65535, no duplicates).
   *
   * @throws JobArgException naming {@code option} and the bad entry
   */
  public static PortList parse(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new JobArgException("option --" + option + ": give at least one port, e.g. 80,443");
    }
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      if (!Ports.isValidPort(p)) {
        throw new JobArgException("option --" + option + ": '" + p + "' is not a port (1-65535)");
      }
      int port = Integer.parseInt(p);
      if (out.contains(port)) {
        throw new JobArgException("option --" + option + ": port " + port + " is listed twice");
      }
      out.add(port);
    }
    return new PortList(out.stream().mapToInt(Integer::intValue).toArray());
  }

  public int size() {
    return ports.length;
  }

  public int port(int i) {
    return ports[i];
  }

  /** The service name of the i-th port, or null. */
  public String service(int i) {
    return Ports.usage(ports[i]);
  }

  public int[] ports() {
    return ports.clone();
  }

  /** The ports as the option takes them, e.g. {@code 80,443}. */
  @Override
  public String toString() {
    return java.util.Arrays.stream(ports).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(","));
  }
}
