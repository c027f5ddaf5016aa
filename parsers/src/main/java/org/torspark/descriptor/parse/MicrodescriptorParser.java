package org.torspark.descriptor.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.Microdescriptor;

/**
 * Parses one microdescriptor (dir-spec §3.3, "Computing microdescriptors"). The digest is SHA-256
 * over exactly the document's bytes, from {@code onion-key} to the end of its last line, which is
 * what tor hashes and what consensus {@code m} lines and CollecTor file names carry.
 */
final class MicrodescriptorParser implements DescriptorParser {

  enum Keyword {
    ONION_KEY("onion-key"),
    NTOR_ONION_KEY("ntor-onion-key"),
    A("a"),
    FAMILY("family"),
    FAMILY_IDS("family-ids"),
    P("p"),
    P6("p6"),
    ID("id"),
    PR("pr"),
    UNKNOWN("");

    final String word;

    Keyword(String word) {
      this.word = word;
    }

    static Keyword of(String kw) {
      switch (kw) {
        case "onion-key":
          return ONION_KEY;
        case "ntor-onion-key":
          return NTOR_ONION_KEY;
        case "a":
          return A;
        case "family":
          return FAMILY;
        case "family-ids":
          return FAMILY_IDS;
        case "p":
          return P;
        case "p6":
          return P6;
        case "id":
          return ID;
        case "pr":
          return PR;
        default:
          return UNKNOWN;
      }
    }
  }

  /** ntor-onion-key became required only with tor 0.2.4; a 2013 cache still lacks it. */
  static final KeywordRules<Keyword> RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.ONION_KEY)
      .exactlyOnce(Keyword.ONION_KEY)
      .atMostOnce(Keyword.NTOR_ONION_KEY, Keyword.FAMILY, Keyword.FAMILY_IDS, Keyword.P, Keyword.P6, Keyword.PR)
      .build();

  private static final int RSA1024_DIGEST_BYTES = 20;
  private static final int ED25519_KEY_BYTES = 32;
  private static final int CURVE25519_KEY_BYTES = 32;

  @Override
  public Microdescriptor parse(Document doc) throws DescriptorParseException {
    Lines lines = doc.lines();
    int[] counts = new int[Keyword.values().length];
    String onionKey = null;
    String ntorOnionKey = null;
    List<String> orAddresses = new ArrayList<>(0);
    List<String> family = List.of();
    List<String> familyIds = List.of();
    String exitPolicy = null;
    String exitPolicyV6 = null;
    String idRsa1024 = null;
    String idEd25519 = null;
    Map<String, String> proto = new LinkedHashMap<>();
    List<String> unknownLines = new ArrayList<>(0);
    boolean first = true;

    while (lines.next()) {
      String kw = lines.keyword();
      if (kw.isEmpty() && lines.argCount() == 0) {
        continue;
      }
      if (lines.isObjectBegin()) {
        throw lines.fail("object without a keyword line before it");
      }
      Keyword k = Keyword.of(kw);
      if (first) {
        if (k != RULES.first()) {
          throw lines.fail("a microdescriptor must start with 'onion-key', found '" + kw + "'");
        }
        first = false;
      }
      counts[k.ordinal()]++;
      switch (k) {
        case ONION_KEY:
          // The TAP key is obsolete (its object optional since tor 0.4.9): kept as written, not decoded.
          onionKey = lines.readObject();
          break;
        case NTOR_ONION_KEY:
          ntorOnionKey = lines.arg(0);
          requireBase64(lines, ntorOnionKey, CURVE25519_KEY_BYTES, "curve25519 key");
          break;
        case A:
          orAddresses.add(lines.arg(0));
          break;
        case FAMILY:
          family = List.copyOf(Arrays.asList(lines.args()));
          break;
        case FAMILY_IDS:
          familyIds = List.copyOf(Arrays.asList(lines.args()));
          break;
        case P:
          exitPolicy = portPolicy(lines);
          break;
        case P6:
          exitPolicyV6 = portPolicy(lines);
          break;
        case ID:
          String keyType = lines.arg(0);
          if (keyType.equals("rsa1024")) {
            if (idRsa1024 != null) {
              throw lines.fail("'id rsa1024' may appear at most once");
            }
            idRsa1024 = lines.arg(1);
            requireBase64(lines, idRsa1024, RSA1024_DIGEST_BYTES, "RSA identity digest");
          } else if (keyType.equals("ed25519")) {
            if (idEd25519 != null) {
              throw lines.fail("'id ed25519' may appear at most once");
            }
            idEd25519 = lines.arg(1);
            requireBase64(lines, idEd25519, ED25519_KEY_BYTES, "ed25519 key");
          } else {
            // dir-spec: implementations MUST ignore id lines with unrecognized key types.
            unknownLines.add(lines.line());
          }
          break;
        case PR:
          proto = protocols(lines);
          break;
        default:
          unknownLines.add(unknownLine(lines));
          break;
      }
    }
    if (first) {
      throw new DescriptorParseException("empty microdescriptor");
    }
    RULES.check(counts, key -> key.word);

    byte[] sha256 = Digests.sha256(doc.bytes(), doc.start(), doc.end());
    return new Microdescriptor(Values.base64NoPadding(sha256), Values.hex(sha256, false), onionKey, ntorOnionKey,
        List.copyOf(orAddresses), family, familyIds, exitPolicy, exitPolicyV6, idRsa1024, idEd25519,
        Collections.unmodifiableMap(proto), List.copyOf(unknownLines));
  }

  private static void requireBase64(Lines lines, String value, int bytes, String what)
      throws DescriptorParseException {
    byte[] decoded;
    try {
      decoded = Values.base64(value);
    } catch (IllegalArgumentException e) {
      throw lines.fail("'" + lines.keyword() + "' has a bad " + what + " (not base64): '" + value + "'");
    }
    if (decoded.length != bytes) {
      throw lines.fail("'" + lines.keyword() + "' has a bad " + what + ": " + decoded.length
          + " bytes instead of " + bytes);
    }
  }

  /** A {@code p}/{@code p6} summary: {@code accept|reject PortList}, returned as written. */
  private static String portPolicy(Lines lines) throws DescriptorParseException {
    String action = lines.arg(0);
    if (!action.equals("accept") && !action.equals("reject")) {
      throw lines.fail("'" + lines.keyword() + "' must start with 'accept' or 'reject', found '" + action + "'");
    }
    String ports = lines.arg(1);
    if (!isPortList(ports)) {
      throw lines.fail("'" + lines.keyword() + "' has a bad port list '" + ports + "'");
    }
    return lines.rest();
  }

  /** {@code PortList ::= PortOrRange ("," PortOrRange)*}, ports 1-65535, ranges low-high. */
  static boolean isPortList(String s) {
    int n = s.length();
    int i = 0;
    while (true) {
      int low = 0;
      int digits = 0;
      while (i < n && isDigit(s.charAt(i)) && digits < 6) {
        low = low * 10 + (s.charAt(i++) - '0');
        digits++;
      }
      if (digits == 0 || low < 1 || low > 65535) {
        return false;
      }
      int high = low;
      if (i < n && s.charAt(i) == '-') {
        i++;
        high = 0;
        digits = 0;
        while (i < n && isDigit(s.charAt(i)) && digits < 6) {
          high = high * 10 + (s.charAt(i++) - '0');
          digits++;
        }
        if (digits == 0 || high < low || high > 65535) {
          return false;
        }
      }
      if (i == n) {
        return true;
      }
      if (s.charAt(i) != ',') {
        return false;
      }
      i++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code pr Name=Ranges ...} as an insertion-ordered map; a later duplicate name wins. */
  private static Map<String, String> protocols(Lines lines) throws DescriptorParseException {
    try {
      return Values.keyValues(lines.args(), 0);
    } catch (IllegalArgumentException e) {
      throw lines.fail("'pr' entries must be Name=Versions: " + e.getMessage());
    }
  }

  /** The unknown line, with the object after it (if any) so nothing is dropped. */
  private static String unknownLine(Lines lines) throws DescriptorParseException {
    String line = lines.line();
    String object = lines.readObject();
    return object == null ? line : line + "\n" + object;
  }
}
