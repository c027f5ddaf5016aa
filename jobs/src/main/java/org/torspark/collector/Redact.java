package org.torspark.collector;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Removes credentials from anything the mirror prints: URL userinfo ({@code https://user:pw@host},
 * {@code s3a://KEY:SECRET@bucket}) and {@code key=value} pairs whose key names a secret. Every
 * message that can carry a URL or a Hadoop exception text goes through {@link #text}.
 */
final class Redact {
  private static final Pattern USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"']+@");
  /** A key naming a secret, then = or :, then the value; no leading wildcard, so matching stays linear. */
  private static final Pattern SECRET_PAIR = Pattern.compile(
      "(?i)((?:secret|password|passwd|token|credential|access\\.key|session\\.key)"
          + "[a-z0-9_.-]*\\s*[=:]\\s*)[^\\s,;\"']+");

  private Redact() {}

  static String text(String s) {
    if (s == null) {
      return null;
    }
    String out = USERINFO.matcher(s).replaceAll("$1***@");
    return SECRET_PAIR.matcher(out).replaceAll("$1***");
  }

  static String uri(URI uri) {
    return uri == null ? null : text(uri.toString());
  }

  /** An exception's message (or class name when it has none), redacted, on one line. */
  static String message(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getClass().getSimpleName();
    } else if (t.getClass() != java.io.IOException.class) {
      m = t.getClass().getSimpleName() + ": " + m;
    }
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    return text(m);
  }
}
