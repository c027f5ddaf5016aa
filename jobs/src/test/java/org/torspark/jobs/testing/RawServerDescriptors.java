package org.torspark.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent reading of a server-descriptor file for expected values: the digest is the SHA-1
 * of the bytes from {@code router } to the newline after {@code router-signature}, computed here
 * without the library.
 */
public final class RawServerDescriptors {
  /** What the tests need from one descriptor. */
  public record Descriptor(String digest, String nickname, String platform, long avg, long burst, Long observed,
      List<String> policy, String ipv6Policy, List<String> orAddresses) {
    public long advertised() {
      return Math.min(Math.min(avg, burst), observed == null ? avg : observed);
    }
  }

  private RawServerDescriptors() {}

  /** Descriptors by digest (lower-case hex), in file order. */
  public static Map<String, Descriptor> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    Map<String, Descriptor> out = new LinkedHashMap<>();
    int start = text.startsWith("router ") ? 0 : text.indexOf("\nrouter ") + 1;
    while (start > 0 || (start == 0 && text.startsWith("router "))) {
      int sig = text.indexOf("\nrouter-signature\n", start);
      int end = sig + "\nrouter-signature\n".length();
      String doc = text.substring(start, end);
      String digest = sha1(bytes, start, end);
      String nickname = null;
      String platform = null;
      long avg = 0;
      long burst = 0;
      Long observed = null;
      List<String> policy = new ArrayList<>();
      List<String> orAddresses = new ArrayList<>();
      String ipv6 = null;
      for (String line : doc.split("\n")) {
        String[] w = line.split(" ");
        switch (w[0]) {
          case "router" -> nickname = w[1];
          case "platform" -> platform = line.substring("platform ".length());
          case "bandwidth" -> {
            avg = Long.parseLong(w[1]);
            burst = Long.parseLong(w[2]);
            observed = w.length > 3 ? Long.parseLong(w[3]) : null;
          }
          case "accept", "reject" -> policy.add(line);
          case "ipv6-policy" -> ipv6 = line.substring("ipv6-policy ".length());
          case "or-address" -> orAddresses.add(w[1]);
          default -> { }
        }
      }
      out.put(digest, new Descriptor(digest, nickname, platform, avg, burst, observed, policy, ipv6, orAddresses));
      int next = text.indexOf("\nrouter ", end - 1);
      start = next < 0 ? -1 : next + 1;
    }
    return out;
  }

  private static String sha1(byte[] bytes, int from, int to) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      md.update(bytes, from, to - from);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
