package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One case per row of the decision table in {@link Planner}. */
class PlannerTest {
  private static final String SHA_A = TestFixtures.sha256Base64(new byte[] {1});
  private static final String SHA_B = TestFixtures.sha256Base64(new byte[] {2});
  private static final Instant T1 = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2020-01-08T00:00:00Z");

  private static IndexEntry entry(String sha, Instant lastModified) {
    return new IndexEntry("archive/exit-lists/exit-list-2020-01.tar.xz", 100, lastModified, List.of(), null, null, sha);
  }

  private static ManifestRecord record(long size, String sha, Instant lastModified) {
    return new ManifestRecord("archive/exit-lists/exit-list-2020-01.tar.xz", size, sha, lastModified, T1, List.of(),
        null, null);
  }

  private static Planner.Item decide(IndexEntry e, Long presentSize, ManifestRecord r) {
    return Planner.decide(e, presentSize == null ? null : new Destination.Present(presentSize, 0), r);
  }

  @Test
  void absentFileIsFetched() {
    assertThat(decide(entry(SHA_A, T1), null, null).action()).isEqualTo(Planner.Action.FETCH);
    assertThat(decide(entry(SHA_A, T1), null, record(100, SHA_A, T1)).reason())
        .isEqualTo("recorded but missing at the destination");
  }

  @Test
  void sizeChangeIsRefetchedWithoutLookingAtTheManifest() {
    Planner.Item i = decide(entry(SHA_A, T1), 90L, record(90, SHA_B, T1));
    assertThat(i.action()).isEqualTo(Planner.Action.REFETCH);
    assertThat(i.reason()).isEqualTo("size changed: have 90, index lists 100");
  }

  @Test
  void presentWithoutRecordIsVerifiedInPlace() {
    assertThat(decide(entry(SHA_A, T1), 100L, null).action()).isEqualTo(Planner.Action.VERIFY);
    assertThat(decide(entry(SHA_A, T1), 100L, record(99, SHA_A, T1)).action()).isEqualTo(Planner.Action.VERIFY);
    assertThat(decide(entry(SHA_A, T1), 100L, record(100, null, T1)).action()).isEqualTo(Planner.Action.VERIFY);
  }

  @Test
  void sameDigestIsSkippedChangedDigestIsRefetched() {
    assertThat(decide(entry(SHA_A, T2), 100L, record(100, SHA_A, T1)).action()).isEqualTo(Planner.Action.SKIP);
    Planner.Item i = decide(entry(SHA_B, T1), 100L, record(100, SHA_A, T1));
    assertThat(i.action()).isEqualTo(Planner.Action.REFETCH);
    assertThat(i.reason()).isEqualTo("sha256 changed");
  }

  @Test
  void withoutIndexDigestLastModifiedDecides() {
    assertThat(decide(entry(null, T1), 100L, record(100, SHA_A, T1)).action()).isEqualTo(Planner.Action.SKIP);
    Planner.Item i = decide(entry(null, T2), 100L, record(100, SHA_A, T1));
    assertThat(i.action()).isEqualTo(Planner.Action.REFETCH);
    assertThat(i.reason()).isEqualTo("last_modified changed: 2020-01-01 00:00 -> 2020-01-08 00:00");
  }

  @Test
  void deleteRemovesOnlyUnlistedFilesInSelectedTreesAndTheManifestFollows() {
    IndexEntry kept = entry(SHA_A, T1);
    Map<String, Destination.Present> listing = Map.of(
        kept.path(), new Destination.Present(100, 0),
        "recent/exit-lists/2016-09-20-13-02-00", new Destination.Present(5, 0),
        "archive/exit-lists/exit-list-2010-01.tar.xz", new Destination.Present(7, 0),
        "notes/readme.txt", new Destination.Present(1, 0));
    Map<String, ManifestRecord> manifest = Map.of(kept.path(), record(100, SHA_A, T1),
        "recent/exit-lists/2016-09-20-13-02-00", new ManifestRecord("recent/exit-lists/2016-09-20-13-02-00", 5, SHA_B,
            T1, T1, List.of(), null, null),
        "recent/gone", new ManifestRecord("recent/gone", 5, SHA_B, T1, T1, List.of(), null, null));
    Planner.Plan plan = Planner.plan(List.of(kept), Set.of(kept.path()), Set.of("recent"), listing, manifest, true);
    assertThat(plan.deletes()).containsExactly("recent/exit-lists/2016-09-20-13-02-00");
    assertThat(plan.carried()).containsOnlyKeys(kept.path());
    assertThat(plan.items()).extracting(Planner.Item::action).containsExactly(Planner.Action.SKIP);

    Planner.Plan noDelete = Planner.plan(List.of(kept), Set.of(kept.path()), Set.of("recent", "archive"), listing,
        manifest, false);
    assertThat(noDelete.deletes()).isEmpty();
    assertThat(noDelete.carried()).containsOnlyKeys(kept.path(), "recent/exit-lists/2016-09-20-13-02-00");
  }

  @Test
  void packingPutsBigFilesAloneAndSmallOnesTogether() {
    List<Planner.Item> work = List.of(item("a", 100), item("b", 10), item("c", 10), item("d", 70), item("e", 50));
    List<List<Planner.Item>> groups = MirrorJob.pack(work, 60);
    assertThat(groups).extracting(g -> g.stream().map(i -> i.entry().path()).toList()).containsExactly(
        List.of("recent/a"), List.of("recent/d"), List.of("recent/e", "recent/b"), List.of("recent/c"));
  }

  private static Planner.Item item(String name, long size) {
    return new Planner.Item(new IndexEntry("recent/" + name, size, null, List.of(), null, null, null),
        Planner.Action.FETCH, "new");
  }
}
