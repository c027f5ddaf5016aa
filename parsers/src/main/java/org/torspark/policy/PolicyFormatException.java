package org.torspark.policy;

/**
 * A malformed exit-policy rule or policy summary. The message quotes the text and says what is
 * wrong with it, e.g. {@code malformed exit policy rule 'accept *:80-70': port range 80-70 ends
 * before it starts}. Unchecked, like {@link NumberFormatException}: policies come from parsed
 * descriptors whose parsers turn it into their own error records.
 */
public class PolicyFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final String reason;

  public PolicyFormatException(String what, String text, String reason) {
    super("malformed " + what + " '" + text + "': " + reason);
    this.text = text;
    this.reason = reason;
  }

  /** The rule or summary as given. */
  public String text() {
    return text;
  }

  /** What is wrong with it, without the quoted text. */
  public String reason() {
    return reason;
  }
}
