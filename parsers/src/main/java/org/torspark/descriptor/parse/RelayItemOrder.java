package org.torspark.descriptor.parse;

/**
 * The order rules server and extra-info descriptors share (dir-spec §2.1.1, §2.1.2): the document
 * starts with its own keyword, {@code router-sig-ed25519} stands directly before
 * {@code router-signature}, which is the last item, and no object comes without its keyword line.
 * One per document, fed each non-blank line in turn; its state is three fields, so the parse loop
 * allocates nothing per line.
 */
final class RelayItemOrder {
  private final String descriptor;
  private final String firstWord;
  private int items;
  private boolean afterSigEd25519;
  private boolean signed;

  /** {@code descriptor} names the document in messages ("a server descriptor"). */
  RelayItemOrder(String descriptor, String firstWord) {
    this.descriptor = descriptor;
    this.firstWord = firstWord;
  }

  /**
   * Checks the current line's place and counts it as an item. {@code known} is false for a keyword
   * the parser does not know; the three roles say what the known keyword is.
   */
  void next(Lines lines, boolean known, boolean first, boolean sigEd25519, boolean signature)
      throws DescriptorParseException {
    if (signed) {
      throw lines.fail("'" + lines.keyword() + "' after 'router-signature', which must be the last item");
    }
    if (!known && lines.keyword().startsWith("-----")) {
      throw lines.fail("object line without a keyword line before it");
    }
    if (items == 0 && !first) {
      throw lines.fail(descriptor + " must start with '" + firstWord + "', found '" + lines.keyword() + "'");
    }
    if (afterSigEd25519 && !signature) {
      throw lines.fail("'router-sig-ed25519' must be followed directly by 'router-signature', found '"
          + lines.keyword() + "'");
    }
    items++;
    afterSigEd25519 = sigEd25519;
    signed = signature;
  }

  /** How many items so far; the current one's position, counting from 1. */
  int items() {
    return items;
  }
}
