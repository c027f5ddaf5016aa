package org.torspark.collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which index entries to copy, as stem's {@code CollecTor.files(descriptor_type, start, end)}
 * chooses them (formats.md §1.4), restricted to the chosen trees:
 *
 * <ul>
 *   <li>type: the entry's {@code types} (or, when the index has none, the types its directory holds)
 *       contain one of the wanted names; names are compared without the version, exactly (stem
 *       compares by prefix, which makes {@code network-status} match every status type);
 *   <li>time: with a start, entries whose range end is unknown or before it are dropped; with an
 *       end, entries whose range start is unknown or after it are dropped. The range is
 *       {@code first_published}/{@code last_published}, or guessed from the file name when the
 *       index has neither.
 * </ul>
 */
public final class Selection {
  private final List<String> types;
  private final Instant start;
  private final Instant end;
  private final Set<String> trees;

  public Selection(List<String> types, Instant start, Instant end, Set<String> trees) {
    this.types = List.copyOf(types);
    this.start = start;
    this.end = end;
    this.trees = Set.copyOf(trees);
  }

  static Selection of(MirrorOptions o) {
    return new Selection(o.types(), o.start(), o.end(), o.trees());
  }

  /** The matching entries, sorted like stem's: by range start, unknown starts last, then by path. */
  public List<IndexEntry> apply(List<IndexEntry> entries) {
    record Keyed(Instant start, IndexEntry entry) {}
    List<Keyed> out = new ArrayList<>();
    for (IndexEntry e : entries) {
      if (matches(e)) {
        out.add(new Keyed(range(e).start(), e));
      }
    }
    out.sort(Comparator.comparing(Keyed::start, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
        .thenComparing(k -> k.entry().path()));
    return out.stream().map(Keyed::entry).toList();
  }

  public boolean matches(IndexEntry e) {
    if (!trees.contains(e.tree())) {
      return false;
    }
    if (!types.isEmpty()) {
      List<String> names = typeNames(e);
      boolean any = false;
      for (String wanted : types) {
        if (names.contains(wanted)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    if (start != null || end != null) {
      CollectorLayout.Range r = range(e);
      if (start != null && (r.end() == null || r.end().isBefore(start))) {
        return false;
      }
      if (end != null && (r.start() == null || r.start().isAfter(end))) {
        return false;
      }
    }
    return true;
  }

  /** Type names of an entry: from the index when it lists any, else from the directory layout. */
  static List<String> typeNames(IndexEntry e) {
    return e.types().isEmpty() ? CollectorLayout.typesFromPath(e.path()) : CollectorLayout.names(e.types());
  }

  /** The entry's publication range: from the index, else guessed from its name (stem's rule). */
  static CollectorLayout.Range range(IndexEntry e) {
    if (e.firstPublished() != null || e.lastPublished() != null) {
      return new CollectorLayout.Range(e.firstPublished(), e.lastPublished());
    }
    return CollectorLayout.guessRange(e.fileName());
  }

  /** Type names asked for that no known type and no index entry carries: likely typos. */
  List<String> unknownTypes(List<IndexEntry> entries) {
    List<String> unknown = new ArrayList<>();
    List<String> known = CollectorLayout.knownTypes();
    for (String t : types) {
      if (known.contains(t)) {
        continue;
      }
      boolean inIndex = false;
      for (IndexEntry e : entries) {
        if (CollectorLayout.names(e.types()).contains(t)) {
          inIndex = true;
          break;
        }
      }
      if (!inIndex) {
        unknown.add(t);
      }
    }
    return unknown;
  }

  @Override
  public String toString() {
    return "types=" + (types.isEmpty() ? "all" : String.join(",", types))
        + ", start=" + (start == null ? "-" : start) + ", end=" + (end == null ? "-" : end)
        + ", trees=" + String.join(",", new java.util.TreeSet<>(trees));
  }
}
