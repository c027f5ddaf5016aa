package org.torspark.collector;

import java.util.List;

/**
 * A parsed {@code index.json}: the accepted file entries in index order, and one message per entry
 * (or directory) that was rejected as unsafe or malformed. {@code basePath} is the instance URL the
 * index advertises; files are always fetched from the URL the user gave, never from it.
 */
public record CollectorIndex(String indexCreated, String buildRevision, String basePath,
    List<IndexEntry> entries, List<String> rejected) {

  public CollectorIndex {
    entries = List.copyOf(entries);
    rejected = List.copyOf(rejected);
  }
}
