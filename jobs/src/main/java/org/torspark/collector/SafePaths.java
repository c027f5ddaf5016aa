package org.torspark.collector;

import java.nio.charset.StandardCharsets;

/**
 * The rules an index path must pass before it becomes a URL or a destination path. An index is
 * untrusted input, so only what CollecTor actually uses is allowed: segments of
 * {@code A-Z a-z 0-9 . _ - + = @ , ~}, not starting with a dot or underscore (no {@code ..}, no
 * hidden files, nothing that collides with the mirror's own {@code _manifest}/{@code _staging}),
 * no slashes, backslashes, colons, percent signs or control characters, so an entry can never name
 * an absolute path, another host, or a place outside the destination.
 */
final class SafePaths {
  static final int MAX_SEGMENT_BYTES = 255;
  static final int MAX_PATH_BYTES = 1024;
  static final int MAX_DEPTH = 16;

  private SafePaths() {}

  /** Null when the segment is acceptable, else why not (for the error message). */
  static String checkSegment(String segment) {
    if (segment == null || segment.isEmpty()) {
      return "empty path segment";
    }
    if (segment.equals("..") || segment.equals(".")) {
      return "path segment '" + segment + "' (parent/current directory)";
    }
    if (segment.contains("://") || segment.startsWith("//")) {
      return "path segment is a URL: '" + printable(segment) + "'";
    }
    if (segment.charAt(0) == '/') {
      return "absolute path '" + printable(segment) + "'";
    }
    if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
      return "path segment longer than " + MAX_SEGMENT_BYTES + " bytes";
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-' || c == '+' || c == '=' || c == '@' || c == ',' || c == '~';
      if (!ok) {
        return "character " + describe(c) + " not allowed in path segment '" + printable(segment) + "'";
      }
    }
    if (segment.charAt(0) == '.' || segment.charAt(0) == '_') {
      return "hidden or reserved name '" + printable(segment) + "' (starts with '" + segment.charAt(0) + "')";
    }
    return null;
  }

  /** Null when the full relative path is acceptable, else why not. */
  static String checkPath(String path) {
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      return "path longer than " + MAX_PATH_BYTES + " bytes";
    }
    String[] parts = path.split("/", -1);
    if (parts.length > MAX_DEPTH) {
      return "path deeper than " + MAX_DEPTH + " levels";
    }
    for (String p : parts) {
      String why = checkSegment(p);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  private static String describe(char c) {
    if (c == '/') {
      return "'/'";
    }
    if (c < 0x20 || c == 0x7f) {
      return String.format("U+%04X (control)", (int) c);
    }
    if (c > 0x7e) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  /** The segment with non-printable characters escaped, at most 80 characters. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 80; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (sb.length() >= 80) {
      sb.append("...");
    }
    return Redact.text(sb.toString());
  }
}
