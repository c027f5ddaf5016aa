package org.torspark.collector;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the selected index entries with what the destination holds (one listing) and what the
 * manifest recorded, and decides per file; no file is read here, so a no-op re-sync is cheap.
 *
 * <table>
 *   <caption>Decisions</caption>
 *   <tr><th>destination</th><th>manifest</th><th>action</th></tr>
 *   <tr><td>absent</td><td>any</td><td>FETCH</td></tr>
 *   <tr><td>size differs from the index</td><td>any</td><td>REFETCH</td></tr>
 *   <tr><td>same size</td><td>no record, or record of another size or without sha256</td><td>VERIFY
 *       (hash in place; adopt if equal, else fetch)</td></tr>
 *   <tr><td>same size</td><td>same sha256 (or, without an index sha256, same last_modified)</td>
 *       <td>SKIP</td></tr>
 *   <tr><td>same size</td><td>other sha256 / last_modified</td><td>REFETCH (CollecTor rebuilt it)</td></tr>
 * </table>
 *
 * With {@code --delete}, files below the selected trees that the index no longer lists at all are
 * deleted (not files merely outside the type or time selection).
 */
final class Planner {
  private Planner() {}

  enum Action { FETCH, REFETCH, VERIFY, SKIP }

  record Item(IndexEntry entry, Action action, String reason) implements Serializable {}

  /**
   * The decisions, the files to delete, and the manifest records that stay valid (files still
   * present with the recorded size).
   */
  record Plan(List<Item> items, List<String> deletes, Map<String, ManifestRecord> carried) {
    long count(Action a) {
      return items.stream().filter(i -> i.action() == a).count();
    }

    long bytes(Action a) {
      return items.stream().filter(i -> i.action() == a).mapToLong(i -> i.entry().size()).sum();
    }

    List<Item> work() {
      return items.stream().filter(i -> i.action() != Action.SKIP).toList();
    }
  }

  static Plan plan(List<IndexEntry> selected, Set<String> indexPaths, Set<String> trees,
      Map<String, Destination.Present> listing, Map<String, ManifestRecord> manifest, boolean delete) {
    List<Item> items = new ArrayList<>(selected.size());
    for (IndexEntry e : selected) {
      items.add(decide(e, listing.get(e.path()), manifest.get(e.path())));
    }
    List<String> deletes = new ArrayList<>();
    if (delete) {
      for (String path : new TreeSet<>(listing.keySet())) {
        int slash = path.indexOf('/');
        String tree = slash < 0 ? "" : path.substring(0, slash);
        if (trees.contains(tree) && !indexPaths.contains(path)) {
          deletes.add(path);
        }
      }
    }
    Map<String, ManifestRecord> carried = new HashMap<>();
    Set<String> deleted = new java.util.HashSet<>(deletes);
    for (ManifestRecord r : manifest.values()) {
      Destination.Present p = listing.get(r.path());
      if (p != null && p.size() == r.size() && !deleted.contains(r.path())) {
        carried.put(r.path(), r);
      }
    }
    return new Plan(items, deletes, carried);
  }

  static Item decide(IndexEntry e, Destination.Present present, ManifestRecord rec) {
    if (present == null) {
      return new Item(e, Action.FETCH, rec == null ? "new" : "recorded but missing at the destination");
    }
    if (present.size() != e.size()) {
      return new Item(e, Action.REFETCH, "size changed: have " + present.size() + ", index lists " + e.size());
    }
    if (rec == null) {
      return new Item(e, Action.VERIFY, "present but not in the manifest");
    }
    if (rec.size() != present.size()) {
      return new Item(e, Action.VERIFY, "size differs from the manifest");
    }
    if (e.sha256() != null) {
      if (rec.sha256() == null) {
        return new Item(e, Action.VERIFY, "manifest has no sha256");
      }
      if (rec.sha256().equals(e.sha256())) {
        return new Item(e, Action.SKIP, "same size and sha256");
      }
      return new Item(e, Action.REFETCH, "sha256 changed");
    }
    if (e.lastModified() != null && rec.lastModified() != null
        && !Objects.equals(e.lastModified(), rec.lastModified())) {
      return new Item(e, Action.REFETCH, "last_modified changed: "
          + IndexParser.formatTime(rec.lastModified()) + " -> " + IndexParser.formatTime(e.lastModified()));
    }
    return new Item(e, Action.SKIP, "same size and last_modified");
  }
}
