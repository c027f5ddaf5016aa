package org.torspark.collector;

import java.io.Serializable;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * One file listed by a CollecTor {@code index.json}: its full path below the instance's base URL
 * (e.g. {@code archive/relay-descriptors/consensuses/consensuses-2007-10.tar.xz}), size in bytes as
 * served, {@code last_modified}, the {@code @type} annotations found in it ({@code "name 1.0"}), its
 * publication range and SHA-256 (standard Base64 of the raw 32-byte digest, as the index has it).
 * Fields the index omits are null (times, sha256) or empty (types); old indexes have neither.
 */
public record IndexEntry(String path, long size, Instant lastModified, List<String> types,
    Instant firstPublished, Instant lastPublished, String sha256) implements Serializable {

  public IndexEntry {
    types = types == null ? List.of() : List.copyOf(types);
  }

  /** The raw digest, or null when the index publishes none. */
  public byte[] sha256Bytes() {
    return sha256 == null ? null : Base64.getDecoder().decode(sha256);
  }

  /** The last path segment. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The first path segment: {@code recent}, {@code archive}, or a file at the root. */
  public String tree() {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }
}
