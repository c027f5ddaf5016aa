package org.torspark.descriptor;

/**
 * One document as read: either a descriptor or an error, never both, with its provenance.
 *
 * @param offset byte offset of the document within its entry (or plain file)
 * @param lineNumber 1-based line number of the document's first line within its entry
 */
public record ParsedDocument(
    DescriptorType type,
    DescriptorSource source,
    long offset,
    int lineNumber,
    Descriptor descriptor,
    DescriptorError error) {

  public boolean isError() {
    return error != null;
  }
}
