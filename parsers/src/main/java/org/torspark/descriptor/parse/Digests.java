package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Descriptor digests, computed over exact byte ranges before any decoding, as tor does (dir-spec
 * §1.3): they are the join keys between consensuses, server descriptors, extra-infos and
 * microdescriptors.
 */
public final class Digests {
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> get("SHA-1"));
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> get("SHA-256"));
  private static final byte[] ROUTER_SIGNATURE = "\nrouter-signature\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ROUTER_SIGNATURE_CRLF = "\nrouter-signature\r\n".getBytes(StandardCharsets.US_ASCII);

  private Digests() {}

  private static MessageDigest get(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by the Java platform", e);
    }
  }

  public static byte[] sha1(byte[] b, int from, int to) {
    MessageDigest md = SHA1.get();
    // No reset(): digest() leaves the instance reset, and update() checks the range before it
    // touches the state (resetting clears the 64-word schedule: 3 times per server descriptor).
    md.update(b, from, to - from);
    return md.digest();
  }

  public static byte[] sha256(byte[] b, int from, int to) {
    MessageDigest md = SHA256.get();
    // No reset(): digest() leaves the instance reset, and update() checks the range before it
    // touches the state (resetting clears the 64-word schedule: 3 times per server descriptor).
    md.update(b, from, to - from);
    return md.digest();
  }

  /**
   * SHA-1 (lower-case hex) over a server or extra-info descriptor from its first byte through the
   * newline after {@code router-signature}: the digest consensuses and server descriptors refer to.
   *
   * @return the digest, or null when the document has no {@code router-signature} line
   */
  public static String signedPartSha1Hex(Document d) {
    int end = signedPartEnd(d.bytes(), d.start(), d.end());
    return end < 0 ? null : Values.hex(sha1(d.bytes(), d.start(), end), false);
  }

  /** Same range as {@link #signedPartSha1Hex} but SHA-256, base64 without padding. */
  public static String signedPartSha256Base64(Document d) {
    int end = signedPartEnd(d.bytes(), d.start(), d.end());
    return end < 0 ? null : Values.base64NoPadding(sha256(d.bytes(), d.start(), end));
  }

  /** Index just past the newline after {@code router-signature}, or -1. */
  static int signedPartEnd(byte[] b, int from, int to) {
    int i = indexOf(b, from, to, ROUTER_SIGNATURE);
    if (i >= 0) {
      return i + ROUTER_SIGNATURE.length;
    }
    i = indexOf(b, from, to, ROUTER_SIGNATURE_CRLF);
    return i < 0 ? -1 : i + ROUTER_SIGNATURE_CRLF.length;
  }

  /** First index of {@code needle} in {@code b[from, to)}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte[] needle) {
    int last = to - needle.length;
    byte first = needle[0];
    outer:
    for (int i = from; i <= last; i++) {
      if (b[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
