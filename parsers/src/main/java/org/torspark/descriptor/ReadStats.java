package org.torspark.descriptor;

/**
 * What a reader has seen so far. Every document found is counted exactly once as parsed, as an
 * error, or as skipped because it is of a type other than the one asked for:
 * {@code documents == descriptors + errors + skipped}. Unreadable archive tails count as errors
 * (and as documents) too.
 */
public final class ReadStats {
  long files;
  long entries;
  long bytes;
  long documents;
  long descriptors;
  long errors;
  long skipped;

  public long files() {
    return files;
  }

  public long entries() {
    return entries;
  }

  /** Uncompressed bytes read. */
  public long bytes() {
    return bytes;
  }

  public long documents() {
    return documents;
  }

  public long descriptors() {
    return descriptors;
  }

  public long errors() {
    return errors;
  }

  public long skipped() {
    return skipped;
  }

  public void add(ReadStats other) {
    files += other.files;
    entries += other.entries;
    bytes += other.bytes;
    documents += other.documents;
    descriptors += other.descriptors;
    errors += other.errors;
    skipped += other.skipped;
  }

  @Override
  public String toString() {
    return "files=" + files + " entries=" + entries + " bytes=" + bytes + " documents=" + documents
        + " descriptors=" + descriptors + " errors=" + errors + " skipped=" + skipped;
  }
}
