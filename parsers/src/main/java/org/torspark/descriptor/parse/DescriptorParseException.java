package org.torspark.descriptor.parse;

/**
 * A parser's complaint about one document: what is wrong and where. Line numbers are 1-based and
 * relative to the document; the reader turns them into entry line numbers.
 */
public final class DescriptorParseException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int lineInDocument;
  private final String line;

  public DescriptorParseException(String message, int lineInDocument, String line) {
    super(message);
    this.lineInDocument = lineInDocument;
    this.line = line;
  }

  /** A complaint about the document as a whole (a missing keyword, say). */
  public DescriptorParseException(String message) {
    this(message, 0, null);
  }

  /** A complaint about the line the cursor is on. */
  public static DescriptorParseException at(Lines lines, String message) {
    return new DescriptorParseException(message, lines.lineNumber(), lines.line());
  }

  public int lineInDocument() {
    return lineInDocument;
  }

  public String line() {
    return line;
  }
}
