package org.torspark.descriptor;

/**
 * A document that could not be parsed (or an unreadable stretch of an archive), with everything
 * needed to find it again: the file, the archive entry, the byte offset of the document in that
 * entry, the 1-based line number in the entry, the offending line, and what was wrong.
 *
 * @param type the expected or detected type, or null when the type itself could not be told
 * @param offset byte offset of the document (or of the failure) within the entry; -1 if unknown
 * @param lineNumber 1-based line number within the entry of the offending line; 0 if not a line
 * @param line the offending line as text (may be null)
 */
public record DescriptorError(
    DescriptorType type,
    DescriptorSource source,
    long offset,
    int lineNumber,
    String line,
    String message) {

  /** One line for logs and exceptions: {@code file!entry offset N line L: message: "line"}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(source);
    if (offset >= 0) {
      sb.append(" offset ").append(offset);
    }
    if (lineNumber > 0) {
      sb.append(" line ").append(lineNumber);
    }
    if (type != null) {
      sb.append(" (").append(type.typeName()).append(')');
    }
    sb.append(": ").append(message);
    if (line != null) {
      sb.append(": \"").append(abbreviate(line)).append('"');
    }
    return sb.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  @Override
  public String toString() {
    return describe();
  }
}
