package org.torspark.collector;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One mirrored file as the manifest records it: its path below the destination (the same as below
 * the CollecTor base URL), size, SHA-256 (Base64 of the raw digest, computed while copying, so it is
 * present even when the index had none), the index's {@code last_modified}, when it was fetched, its
 * types and its publication range (from the index, else guessed from the name) so readers can prune
 * files by time without opening them.
 */
public record ManifestRecord(String path, long size, String sha256, Instant lastModified, Instant fetchedAt,
    List<String> types, Instant firstPublished, Instant lastPublished) implements Serializable {

  public ManifestRecord {
    types = types == null ? List.of() : List.copyOf(types);
  }

  static ManifestRecord of(IndexEntry e, String sha256, Instant fetchedAt) {
    CollectorLayout.Range r = Selection.range(e);
    List<String> types = e.types().isEmpty() ? CollectorLayout.typesFromPath(e.path()) : e.types();
    return new ManifestRecord(e.path(), e.size(), sha256, e.lastModified(), fetchedAt, types, r.start(), r.end());
  }
}
