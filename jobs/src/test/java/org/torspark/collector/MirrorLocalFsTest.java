package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole mirror on Spark local[2] into the local file system, against the loopback CollecTor
 * server serving the real fixtures, with faults injected.
 */
class MirrorLocalFsTest {
  @TempDir
  static Path tmp;
  private static SparkSession spark;
  private static Configuration conf;
  private static Path sharedTree;
  private static LocalCollectorServer shared;

  @BeforeAll
  static void start() throws Exception {
    spark = MirrorRun.localSpark("MirrorLocalFsTest");
    conf = spark.sparkContext().hadoopConfiguration();
    sharedTree = TestFixtures.buildTree(Files.createDirectories(tmp.resolve("shared-tree")), "http://127.0.0.1");
    shared = LocalCollectorServer.start(sharedTree, 0);
  }

  @AfterAll
  static void stop() {
    shared.close();
    spark.stop();
  }

  private static MirrorRun.Result mirror(LocalCollectorServer server, Path dest, String... extra) throws Exception {
    return MirrorRun.run(spark, conf, server.baseUri().toString(), dest.toUri().toString(), extra);
  }

  /** Relative path -> bytes of every visible file below dir. */
  private static List<String> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  private static List<String> downloads(LocalCollectorServer server) {
    return server.requests().stream().filter(r -> r.method().equals("GET") && !r.path().startsWith("/index/"))
        .map(LocalCollectorServer.Request::path).toList();
  }

  @Test
  void fullMirrorIsAnExactVerifiedCopyAndASecondRunFetchesNothing() throws Exception {
    Path dest = tmp.resolve("full");
    shared.resetCounts();
    MirrorRun.Result first = mirror(shared, dest, "--verbose");
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(first.fetched()).containsExactlyInAnyOrderElementsOf(TestFixtures.TREE.keySet());
    for (Map.Entry<String, String> e : TestFixtures.TREE.entrySet()) {
      assertThat(Files.readAllBytes(dest.resolve(e.getKey())))
          .isEqualTo(Files.readAllBytes(TestFixtures.testdata().resolve(e.getValue())));
    }
    // Exact copy: nothing but the files, the manifest snapshot; no .crc, no staging or journal leftovers.
    List<String> expected = new ArrayList<>(TestFixtures.TREE.keySet());
    expected.add("_manifest/manifest.jsonl");
    assertThat(filesUnder(dest)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(first.out()).contains("[mirror] summary: fetched 21 (").contains("failed 0")
        .contains("fetched  recent/exit-lists/2016-09-20-13-02-00 (177090 bytes)");
    assertThat(downloads(shared)).hasSize(21);
    assertThat(shared.requests()).filteredOn(r -> r.path().startsWith("/index/")).extracting(r -> r.path())
        .containsExactly("/index/index.json.xz");

    shared.resetCounts();
    MirrorRun.Result second = mirror(shared, dest);
    assertThat(second.exitCode()).isZero();
    assertThat(second.report().results()).isEmpty();
    assertThat(second.report().plan().count(Planner.Action.SKIP)).isEqualTo(21);
    assertThat(second.sparkRequests()).isZero();
    assertThat(downloads(shared)).isEmpty();
    assertThat(second.out()).contains("fetch 0 (0 B), refetch 0 (0 B), verify 0 (0 B), skip 21");
  }

  @Test
  void manifestRecordsWhatWasCopiedAndSparkReadsIt() throws Exception {
    Path dest = tmp.resolve("manifest");
    assertThat(mirror(shared, dest, "--types", "tordnsel,network-status-consensus-3").exitCode()).isZero();
    List<String> lines = Files.readAllLines(dest.resolve("_manifest/manifest.jsonl"));
    assertThat(lines).hasSize(5);
    ManifestRecord exits = lines.stream().map(Manifest::parseLine)
        .filter(r -> r.path().equals("recent/exit-lists/2016-09-20-13-02-00")).findFirst().orElseThrow();
    assertThat(exits.size()).isEqualTo(177090);
    assertThat(exits.sha256()).isEqualTo(TestFixtures.sha256Base64(dest.resolve(exits.path())));
    assertThat(exits.lastModified()).isEqualTo(TestFixtures.MTIME);
    assertThat(exits.types()).containsExactly("tordnsel 1.0");
    assertThat(exits.firstPublished()).isEqualTo(Instant.parse("2016-09-20T13:02:00Z"));
    assertThat(exits.fetchedAt()).isAfter(Instant.now().minusSeconds(600));

    assertThat(Manifest.read(dest.toUri().toString(), conf)).extracting(ManifestRecord::path).containsExactly(
        "archive/exit-lists/exit-list-2018-11.tar.xz",
        "archive/relay-descriptors/consensuses/consensuses-2018-06.tar.xz",
        "recent/exit-lists/2016-09-20-13-02-00",
        "recent/relay-descriptors/consensuses/2020-02-29-10-00-00-consensus",
        "recent/relay-descriptors/consensuses/2020-02-29-11-00-00-consensus");

    Dataset<Row> table = spark.read().schema("path STRING, size BIGINT, first_published TIMESTAMP")
        .json(dest.resolve("_manifest/manifest.jsonl").toString());
    assertThat(table.filter("first_published < TIMESTAMP '2017-01-01 00:00:00'").collectAsList())
        .extracting(row -> row.getString(0)).containsExactly("recent/exit-lists/2016-09-20-13-02-00");
  }

  @Test
  void typesAndTimeRangeSelectLikeStem() throws Exception {
    Path dest = tmp.resolve("selected");
    MirrorRun.Result r = mirror(shared, dest, "--types", "server-descriptor,network-status-consensus-3",
        "--start", "2020-02-29", "--end", "2020-02-29");
    assertThat(r.exitCode()).isZero();
    assertThat(r.fetched()).containsExactly(
        "recent/relay-descriptors/consensuses/2020-02-29-10-00-00-consensus",
        "recent/relay-descriptors/consensuses/2020-02-29-11-00-00-consensus",
        "recent/relay-descriptors/server-descriptors/2020-02-29-10-05-00-server-descriptors");
  }

  @Test
  void listIsADryRunWithBytes() throws Exception {
    Path dest = tmp.resolve("listed");
    MirrorRun.Result r = mirror(shared, dest, "--list", "--trees", "archive");
    assertThat(r.exitCode()).isZero();
    long bytes = TestFixtures.TREE.entrySet().stream().filter(e -> e.getKey().startsWith("archive/"))
        .mapToLong(e -> size(TestFixtures.testdata().resolve(e.getValue()))).sum();
    assertThat(r.out()).contains("[mirror] would transfer 10 files, " + bytes + " bytes")
        .contains(String.format("%-8s %14d  %s", "fetch", size(TestFixtures.testdata().resolve(
            "collector-tarball/derived-xz/certs-cropped.tar.xz")), "archive/relay-descriptors/certs.tar.xz"));
    assertThat(Files.exists(dest)).isFalse();
    assertThat(r.sparkRequests()).isZero();
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void faultsAreRetriedMismatchesNeverKeptAndTheRerunFetchesOnlyTheFailures() throws Exception {
    Path tree = TestFixtures.buildTree(Files.createDirectories(tmp.resolve("faults-tree")), "http://127.0.0.1");
    Path dest = tmp.resolve("faults");
    String flaky = "/recent/relay-descriptors/consensuses/2020-02-29-10-00-00-consensus";
    String dropped = "/recent/relay-descriptors/votes/"
        + "2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-60ADC6BEC262AE921A1037D54C8A3976367DBE87";
    String corrupt = "/recent/exit-lists/2016-09-20-13-02-00";
    String gone = "/archive/relay-descriptors/certs.tar.xz";
    try (LocalCollectorServer server = LocalCollectorServer.start(tree, 0)) {
      server.setFaults((p, n) -> {
        if (p.equals(flaky) && n <= 2) {
          return LocalCollectorServer.Fault.status(500);
        } else if (p.equals(dropped) && n == 1) {
          return LocalCollectorServer.Fault.dropBody(1_000_000);
        } else if (p.equals(corrupt)) {
          return LocalCollectorServer.Fault.corrupt();
        } else if (p.equals(gone)) {
          return LocalCollectorServer.Fault.status(404);
        }
        return LocalCollectorServer.Fault.NONE;
      });
      MirrorRun.Result r = mirror(server, dest, "--retries", "2");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.failed()).containsExactly(gone.substring(1), corrupt.substring(1));
      assertThat(r.result(flaky.substring(1)).attempts()).isEqualTo(3);
      FetchResult resumed = r.result(dropped.substring(1));
      assertThat(resumed.attempts()).isEqualTo(2);
      assertThat(resumed.bytesTransferred()).isEqualTo(resumed.size()); // resumed, not restarted
      assertThat(r.result(corrupt.substring(1)).attempts()).isEqualTo(3);
      assertThat(r.result(corrupt.substring(1)).error()).startsWith("sha256 mismatch: index says ")
          .endsWith("(after 3 attempts)");
      assertThat(r.result(gone.substring(1)).attempts()).isEqualTo(1);
      assertThat(r.result(gone.substring(1)).error()).isEqualTo("HTTP 404 Not Found");
      assertThat(r.out()).contains("[mirror] failed: recent/exit-lists/2016-09-20-13-02-00: sha256 mismatch")
          .contains("[mirror] failed: archive/relay-descriptors/certs.tar.xz: HTTP 404 Not Found")
          .contains("failed 2, retries 5");
      // A mismatch is never kept, not even under another name.
      assertThat(filesUnder(dest)).doesNotContain(corrupt.substring(1), gone.substring(1))
          .noneMatch(f -> f.contains("_staging") || f.contains("2016-09-20-13-02-00"));
      assertThat(Files.readAllBytes(dest.resolve(flaky.substring(1))))
          .isEqualTo(Files.readAllBytes(tree.resolve(flaky.substring(1))));
      assertThat(Files.readAllBytes(dest.resolve(dropped.substring(1))))
          .isEqualTo(Files.readAllBytes(tree.resolve(dropped.substring(1))));

      server.setFaults(null);
      server.resetCounts();
      MirrorRun.Result again = mirror(server, dest);
      assertThat(again.exitCode()).isZero();
      assertThat(again.fetched()).containsExactly(gone.substring(1), corrupt.substring(1));
      assertThat(downloads(server)).containsExactlyInAnyOrder(gone, corrupt);
    }
  }

  @Test
  void changedFilesAreRefetchedAndOnlyThose() throws Exception {
    Path tree = TestFixtures.buildTree(Files.createDirectories(tmp.resolve("change-tree")), "http://127.0.0.1");
    Path dest = tmp.resolve("change");
    String grown = "archive/exit-lists/exit-list-2018-11.tar.xz";
    String sameSize = "recent/relay-descriptors/microdescs/micro/2017-07-17-17-20-00-micro";
    try (LocalCollectorServer server = LocalCollectorServer.start(tree, 0)) {
      assertThat(mirror(server, dest).exitCode()).isZero();
      // CollecTor rebuilds the current month's tarball (new size) and a file changes in place (same size).
      Files.write(tree.resolve(grown), new byte[] {0, 1, 2}, StandardOpenOption.APPEND);
      byte[] b = Files.readAllBytes(tree.resolve(sameSize));
      b[b.length / 2] ^= 0x20;
      Files.write(tree.resolve(sameSize), b);
      IndexWriter.write(tree, "http://127.0.0.1", Instant.now());
      server.resetCounts();
      MirrorRun.Result r = mirror(server, dest, "--verbose");
      assertThat(r.exitCode()).isZero();
      assertThat(r.fetched()).containsExactly(grown, sameSize);
      assertThat(downloads(server)).containsExactlyInAnyOrder("/" + grown, "/" + sameSize);
      assertThat(r.out()).contains("plan     refetch " + grown + " (size changed: have ")
          .contains("plan     refetch " + sameSize + " (sha256 changed)");
      assertThat(Files.readAllBytes(dest.resolve(grown))).isEqualTo(Files.readAllBytes(tree.resolve(grown)));
      assertThat(Files.readAllBytes(dest.resolve(sameSize))).isEqualTo(b);
      String manifest = Files.readString(dest.resolve("_manifest/manifest.jsonl"));
      assertThat(manifest).contains(TestFixtures.sha256Base64(b));
    }
  }

  @Test
  void deleteRemovesWhatTheIndexNoLongerLists() throws Exception {
    Path tree = TestFixtures.buildTree(Files.createDirectories(tmp.resolve("delete-tree")), "http://127.0.0.1");
    Path dest = tmp.resolve("delete");
    String expired = "recent/exit-lists/2016-09-20-13-02-00";
    try (LocalCollectorServer server = LocalCollectorServer.start(tree, 0)) {
      assertThat(mirror(server, dest, "--types", "tordnsel").exitCode()).isZero();
      Files.writeString(dest.resolve("recent/notes.txt"), "mine");
      Files.delete(tree.resolve(expired)); // left recent/ after 72 hours
      IndexWriter.write(tree, "http://127.0.0.1", Instant.now());

      MirrorRun.Result keep = mirror(server, dest, "--types", "tordnsel");
      assertThat(keep.report().deleted()).isEmpty();
      assertThat(dest.resolve(expired)).exists();

      MirrorRun.Result r = mirror(server, dest, "--types", "tordnsel", "--delete", "--trees", "recent");
      assertThat(r.exitCode()).isZero();
      assertThat(r.report().deleted()).containsExactly("recent/exit-lists/2016-09-20-13-02-00", "recent/notes.txt");
      assertThat(dest.resolve(expired)).doesNotExist();
      assertThat(dest.resolve("archive/exit-lists/exit-list-2018-11.tar.xz")).exists();
      assertThat(Files.readString(dest.resolve("_manifest/manifest.jsonl"))).doesNotContain(expired)
          .contains("archive/exit-lists/exit-list-2018-11.tar.xz");
    }
  }

  @Test
  void afterAKilledRunCompletedFilesAreAdoptedNotDownloaded() throws Exception {
    Path dest = tmp.resolve("killed");
    assertThat(mirror(shared, dest, "--types", "network-status-consensus-3,tordnsel").exitCode()).isZero();
    // What a kill leaves: published files without a manifest, partial bytes under _staging.
    Files.delete(dest.resolve("_manifest/manifest.jsonl"));
    Path partial = dest.resolve("_staging/20200101T000000Z-dead/recent/exit-lists/2016-09-20-13-02-00.p0-a0-t1");
    Files.createDirectories(partial.getParent());
    Files.write(partial, new byte[] {1, 2, 3});
    shared.resetCounts();
    MirrorRun.Result r = mirror(shared, dest, "--types", "network-status-consensus-3,tordnsel");
    assertThat(r.exitCode()).isZero();
    assertThat(r.adopted()).hasSize(5);
    assertThat(r.fetched()).isEmpty();
    assertThat(downloads(shared)).isEmpty();
    assertThat(dest.resolve("_staging")).doesNotExist();
    assertThat(Files.readAllLines(dest.resolve("_manifest/manifest.jsonl"))).hasSize(5);

    // Journals written by finished tasks make even the hashing unnecessary.
    Files.delete(dest.resolve("_manifest/manifest.jsonl"));
    Files.delete(dest.resolve("recent/exit-lists/2016-09-20-13-02-00"));
    MirrorRun.Result refetch = mirror(shared, dest, "--types", "tordnsel");
    assertThat(refetch.fetched()).containsExactly("recent/exit-lists/2016-09-20-13-02-00");
    Files.move(dest.resolve("_manifest/manifest.jsonl"), dest.resolve("_manifest/journal/old-run-p0.jsonl"));
    MirrorRun.Result fromJournal = mirror(shared, dest, "--types", "tordnsel");
    assertThat(fromJournal.report().plan().items()).extracting(Planner.Item::action)
        .containsOnly(Planner.Action.SKIP);
    assertThat(dest.resolve("_manifest/journal/old-run-p0.jsonl")).doesNotExist();
    assertThat(dest.resolve("_manifest/manifest.jsonl")).exists();
  }

  @Test
  void hostileIndexWritesNothingOutsideTheDestination() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("hostile-tree/recent/exit-lists"));
    byte[] good = Files.readAllBytes(TestFixtures.testdata().resolve("exit-list/2017-07-17-17-02-00"));
    Files.write(tree.resolve("2017-07-17-17-02-00"), good);
    Path root = tmp.resolve("hostile-tree");
    Files.createDirectories(root.resolve("index"));
    String sha = TestFixtures.sha256Base64(good);
    String entries = "{\"path\":\"2017-07-17-17-02-00\",\"size\":" + good.length + ",\"sha256\":\"" + sha + "\"},"
        + "{\"path\":\"../../../escaped\",\"size\":" + good.length + ",\"sha256\":\"" + sha + "\"},"
        + "{\"path\":\"/tmp/escaped\",\"size\":1},"
        + "{\"path\":\"http://127.0.0.2/escaped\",\"size\":1},"
        + "{\"path\":\"big\",\"size\":999999999999999}";
    Files.writeString(root.resolve("index/index.json"), "{\"path\":\"http://evil.example\",\"directories\":["
        + "{\"path\":\"recent\",\"directories\":[{\"path\":\"exit-lists\",\"files\":[" + entries + "]},"
        + "{\"path\":\"..\",\"files\":[{\"path\":\"escaped\",\"size\":1}]}]}]}", StandardCharsets.UTF_8);
    Path dest = tmp.resolve("hostile/dest");
    List<String> before = filesUnder(tmp.resolve("hostile"));
    try (LocalCollectorServer server = LocalCollectorServer.start(root, 0)) {
      MirrorRun.Result r = mirror(server, dest, "--max-file-size", "1g");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.fetched()).containsExactly("recent/exit-lists/2017-07-17-17-02-00");
      assertThat(r.err()).contains("error: rejected index entry 'recent/exit-lists/../../../escaped': character '/'")
          .contains("'recent/exit-lists//tmp/escaped': absolute path")
          .contains("'recent/exit-lists/http://127.0.0.2/escaped': path segment is a URL")
          .contains("'recent/exit-lists/big': absurd size 999999999999999 (more than --max-file-size 1073741824)")
          .contains("directory '..': path segment '..'")
          .contains("warning: index variant not used: index.json.xz: HTTP 404 Not Found");
      assertThat(server.requests()).noneMatch(q -> q.path().contains("escaped"));
    }
    assertThat(before).isEmpty();
    assertThat(filesUnder(tmp.resolve("hostile"))).containsExactlyInAnyOrder(
        "dest/recent/exit-lists/2017-07-17-17-02-00", "dest/_manifest/manifest.jsonl");
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.map(Path::getFileName).map(Path::toString)).doesNotContain("escaped");
    }
  }

  @Test
  void concurrencyCapHoldsAcrossTasksAndCredentialsAreNeverPrinted() throws Exception {
    Path dest = tmp.resolve("capped");
    shared.resetCounts();
    String withUser = "http://mirror-user:hunter2@127.0.0.1:" + shared.baseUri().getPort();
    MirrorRun.Result r = MirrorRun.run(spark, conf, withUser, dest.toUri().toString(), "--concurrency", "1",
        "--task-bytes", "1", "--types", "tordnsel,network-status-consensus-3", "--verbose");
    assertThat(r.exitCode()).isZero();
    assertThat(r.fetched()).hasSize(5);
    assertThat(shared.maxConcurrentDownloads()).isEqualTo(1);
    assertThat(r.out() + r.err()).doesNotContain("hunter2").contains("http://***@127.0.0.1:");

    Path dest2 = tmp.resolve("capped2");
    shared.resetCounts();
    MirrorRun.Result r2 = mirror(shared, dest2, "--concurrency", "2", "--task-bytes", "1", "--types",
        "tordnsel,network-status-consensus-3");
    assertThat(r2.exitCode()).isZero();
    assertThat(shared.maxConcurrentDownloads()).isBetween(1, 2);
  }

  @Test
  void killedMidDownloadThenResumedWithoutRefetchingCompletedFiles() throws Exception {
    new MirrorKillResume(Files.createDirectories(tmp.resolve("kill")), spark)
        .killedMidDownloadThenResumedWithoutRefetchingCompletedFiles();
  }
}
