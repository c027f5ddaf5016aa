package org.torspark.descriptor.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.torspark.descriptor.KeyCertificate;

/**
 * Parses directory key certificates (dir-spec §3.1): standalone ({@code certs/} in CollecTor,
 * tor's {@code cached-certs}, one document per certificate) and embedded in votes, where the
 * certificate ends with its {@code dir-key-certification} object and the vote goes on. Checks that
 * the fingerprint is the SHA-1 of the identity key and that each object is of the expected kind.
 */
final class KeyCertificateParser implements DescriptorParser {

  static final KeyCertificateParser INSTANCE = new KeyCertificateParser();

  enum Keyword {
    DIR_KEY_CERTIFICATE_VERSION("dir-key-certificate-version"),
    DIR_ADDRESS("dir-address"),
    FINGERPRINT("fingerprint"),
    DIR_IDENTITY_KEY("dir-identity-key"),
    DIR_KEY_PUBLISHED("dir-key-published"),
    DIR_KEY_EXPIRES("dir-key-expires"),
    DIR_SIGNING_KEY("dir-signing-key"),
    DIR_KEY_CROSSCERT("dir-key-crosscert"),
    DIR_KEY_CERTIFICATION("dir-key-certification");

    final String spelling;

    Keyword(String spelling) {
      this.spelling = spelling;
    }

    private static final Map<String, Keyword> BY_SPELLING = new HashMap<>();

    static {
      for (Keyword k : values()) {
        BY_SPELLING.put(k.spelling, k);
      }
    }
  }

  private static final KeywordRules<Keyword> RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.DIR_KEY_CERTIFICATE_VERSION)
      .exactlyOnce(Keyword.DIR_KEY_CERTIFICATE_VERSION, Keyword.FINGERPRINT, Keyword.DIR_IDENTITY_KEY,
          Keyword.DIR_KEY_PUBLISHED, Keyword.DIR_KEY_EXPIRES, Keyword.DIR_SIGNING_KEY, Keyword.DIR_KEY_CERTIFICATION)
      .atMostOnce(Keyword.DIR_ADDRESS, Keyword.DIR_KEY_CROSSCERT)
      .build();

  private KeyCertificateParser() {}

  @Override
  public KeyCertificate parse(Document document) throws DescriptorParseException {
    Lines lines = document.lines();
    if (!lines.next()) {
      throw new DescriptorParseException("empty document");
    }
    return read(lines, false);
  }

  /**
   * Reads the certificate a vote embeds, from the {@code dir-key-certificate-version} line the
   * cursor is on through the {@code dir-key-certification} object, leaving the cursor on that
   * object's last line.
   */
  static KeyCertificate readEmbedded(Lines lines) throws DescriptorParseException {
    return read(lines, true);
  }

  private static KeyCertificate read(Lines lines, boolean embedded) throws DescriptorParseException {
    int[] counts = new int[Keyword.values().length];
    int version = 0;
    String fingerprint = null;
    String dirAddress = null;
    Instant published = null;
    Instant expires = null;
    String identityKey = null;
    String signingKey = null;
    int fingerprintLine = 0;
    String fingerprintText = null;
    List<String> unknown = new ArrayList<>(0);
    boolean first = true;
    boolean certified = false;
    do {
      Keyword k = Keyword.BY_SPELLING.get(lines.keyword());
      if (first && k != Keyword.DIR_KEY_CERTIFICATE_VERSION) {
        throw lines.fail("a key certificate must start with 'dir-key-certificate-version'");
      }
      first = false;
      if (certified) {
        if (lines.line().isBlank()) {
          continue;
        }
        throw lines.fail("'" + lines.keyword() + "' after 'dir-key-certification', which must be the last item");
      }
      if (k == null) {
        if (embedded && isVoteKeyword(lines)) {
          throw lines.fail("the key certificate embedded in this vote ends without 'dir-key-certification'");
        }
        if (!lines.line().isBlank()) {
          String line = lines.line();
          String object = lines.readObject();
          unknown.add(object == null ? line : line + "\n" + object);
        }
        continue;
      }
      counts[k.ordinal()]++;
      switch (k) {
        case DIR_KEY_CERTIFICATE_VERSION:
          if (!lines.arg(0).equals("3")) {
            throw lines.fail("unsupported dir-key-certificate-version '" + lines.arg(0)
                + "': this library reads version 3");
          }
          version = 3;
          break;
        case DIR_ADDRESS:
          dirAddress = lines.arg(0);
          break;
        case FINGERPRINT:
          fingerprint = lines.arg(0);
          if (!Values.isHex(fingerprint, 40)) {
            throw lines.fail("'fingerprint' is not a 40-digit hex fingerprint: '" + fingerprint + "'");
          }
          fingerprint = fingerprint.toUpperCase(Locale.ROOT);
          fingerprintLine = lines.lineNumber();
          fingerprintText = lines.line();
          break;
        case DIR_KEY_PUBLISHED:
          published = lines.timestampArg(0);
          break;
        case DIR_KEY_EXPIRES:
          expires = lines.timestampArg(0);
          break;
        case DIR_IDENTITY_KEY:
          identityKey = object(lines, "RSA PUBLIC KEY");
          break;
        case DIR_SIGNING_KEY:
          signingKey = object(lines, "RSA PUBLIC KEY");
          break;
        case DIR_KEY_CROSSCERT:
          object(lines, "ID SIGNATURE", "SIGNATURE");
          break;
        case DIR_KEY_CERTIFICATION:
          object(lines, "SIGNATURE");
          certified = true;
          break;
        default:
          throw new IllegalStateException("unhandled keyword " + k);
      }
    } while (!(embedded && certified) && lines.next());
    RULES.check(counts, k -> k.spelling);
    String identityDigest = sha1Hex(identityKey);
    if (!identityDigest.equals(fingerprint)) {
      throw new DescriptorParseException("fingerprint " + fingerprint + " is not the SHA-1 of dir-identity-key ("
          + identityDigest + ")", fingerprintLine, fingerprintText);
    }
    return new KeyCertificate(version, fingerprint, dirAddress, published, expires, sha1Hex(signingKey),
        identityKey, signingKey, counts[Keyword.DIR_KEY_CROSSCERT.ordinal()] > 0,
        unknown.isEmpty() ? List.of() : Collections.unmodifiableList(unknown));
  }

  /** Lines that can only be the vote going on: the certificate was cut short. */
  private static boolean isVoteKeyword(Lines lines) {
    return lines.keywordIs("r") || lines.keywordIs("directory-footer") || lines.keywordIs("directory-signature")
        || lines.keywordIs("dir-source");
  }

  /**
   * The object after the current line, which must be of one of the given kinds (the word between
   * {@code BEGIN}/{@code END} and the dashes, the same on both lines).
   */
  private static String object(Lines lines, String... kinds) throws DescriptorParseException {
    String keyword = lines.keyword();
    String text = lines.readObject();
    if (text == null) {
      throw lines.fail("'" + keyword + "' must be followed by an object");
    }
    int nl = text.indexOf('\n');
    String begin = nl < 0 ? text : text.substring(0, nl);
    String end = text.substring(text.lastIndexOf('\n') + 1);
    String kind = between(begin, "-----BEGIN ");
    if (kind == null || !kind.equals(between(end, "-----END "))) {
      throw lines.fail("object after '" + keyword + "' has mismatched BEGIN and END lines");
    }
    for (String k : kinds) {
      if (k.equals(kind)) {
        return text;
      }
    }
    throw lines.fail("object after '" + keyword + "' must be " + String.join(" or ", kinds) + ", found " + kind);
  }

  private static String between(String line, String prefix) {
    if (!line.startsWith(prefix) || !line.endsWith("-----") || line.length() < prefix.length() + 5) {
      return null;
    }
    return line.substring(prefix.length(), line.length() - 5);
  }

  /** SHA-1 (40 upper-case hex) of a PEM object's decoded body: an RSA key's fingerprint. */
  private static String sha1Hex(String pem) throws DescriptorParseException {
    StringBuilder body = new StringBuilder(pem.length());
    int from = pem.indexOf('\n') + 1;
    int to = pem.lastIndexOf('\n');
    for (int i = from; i < to; i++) {
      char c = pem.charAt(i);
      if (c != '\n' && c != ' ' && c != '\t') {
        body.append(c);
      }
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body.toString());
    } catch (IllegalArgumentException e) {
      throw new DescriptorParseException("key object is not valid base64: " + e.getMessage());
    }
    return Values.hex(Digests.sha1(der, 0, der.length), true);
  }
}
