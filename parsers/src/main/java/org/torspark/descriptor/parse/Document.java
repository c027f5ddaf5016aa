package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;

/**
 * One document's bytes, cut out of an entry by {@link DocumentSplitter}: {@code bytes[start, end)},
 * annotation lines excluded. Parsers compute digests over exactly this range.
 *
 * @param annotation the {@code @type} annotation before the document without its {@code @type }
 *     prefix (e.g. {@code server-descriptor 1.0}), or null
 * @param offset byte offset of {@code start} within the entry
 * @param firstLine 1-based line number of {@code start} within the entry
 */
public record Document(
    DescriptorType type,
    String annotation,
    byte[] bytes,
    int start,
    int end,
    DescriptorSource source,
    long offset,
    int firstLine) {

  public int length() {
    return end - start;
  }

  /** Opens a line cursor over this document. */
  public Lines lines() {
    return new Lines(bytes, start, end);
  }

  /** The document as text, for tests and debugging; parsers work on bytes. */
  public String text() {
    return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /** A document over a whole byte array, for tests and for callers that already hold one document. */
  public static Document of(DescriptorType type, byte[] bytes, DescriptorSource source) {
    return new Document(type, null, bytes, 0, bytes.length, source, 0, 1);
  }
}
