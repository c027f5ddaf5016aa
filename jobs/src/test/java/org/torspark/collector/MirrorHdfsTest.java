package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror into HDFS (a MiniDFSCluster in this JVM): staged writes renamed into place. */
class MirrorHdfsTest {
  @TempDir
  static Path tmp;
  private static MiniDFSCluster cluster;
  private static SparkSession spark;
  private static FileSystem hdfs;
  private static Path tree;
  private static LocalCollectorServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Configuration c = new Configuration();
    c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    c.set("dfs.namenode.http-address", "127.0.0.1:0");
    c.set("dfs.datanode.address", "127.0.0.1:0");
    c.set("dfs.datanode.http.address", "127.0.0.1:0");
    c.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    cluster = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = cluster.getFileSystem();
    base = cluster.getURI().toString() + "/mirror";
    spark = MirrorRun.localSpark("MirrorHdfsTest");
    tree = TestFixtures.buildTree(Files.createDirectories(tmp.resolve("tree")), "http://127.0.0.1");
    server = LocalCollectorServer.start(tree, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    spark.stop();
    cluster.shutdown();
  }

  private static MirrorRun.Result mirror(String dest, String... extra) throws Exception {
    return MirrorRun.run(spark, spark.sparkContext().hadoopConfiguration(), server.baseUri().toString(), dest, extra);
  }

  private static byte[] read(String path) throws Exception {
    try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(path))) {
      return in.readAllBytes();
    }
  }

  private static List<String> list(String dir) throws Exception {
    List<String> out = new ArrayList<>();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
    if (!hdfs.exists(root)) {
      return out;
    }
    RemoteIterator<LocatedFileStatus> it = hdfs.listFiles(root, true);
    String prefix = root.toUri().getPath() + "/";
    while (it.hasNext()) {
      out.add(it.next().getPath().toUri().getPath().substring(prefix.length()));
    }
    return out;
  }

  @Test
  void mirrorsVerifiedBytesIntoHdfsAndResyncsOnlyWhatChanged() throws Exception {
    String dest = base + "/full";
    MirrorRun.Result first = mirror(dest);
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(first.fetched()).hasSize(TestFixtures.TREE.size());
    for (Map.Entry<String, String> e : TestFixtures.TREE.entrySet()) {
      assertThat(read(dest + "/" + e.getKey())).as(e.getKey())
          .isEqualTo(Files.readAllBytes(TestFixtures.testdata().resolve(e.getValue())));
    }
    List<String> expected = new ArrayList<>(TestFixtures.TREE.keySet());
    expected.add("_manifest/manifest.jsonl");
    assertThat(list(dest)).containsExactlyInAnyOrderElementsOf(expected);
    List<String> manifest = List.of(new String(read(dest + "/_manifest/manifest.jsonl")).split("\n"));
    assertThat(manifest).hasSize(TestFixtures.TREE.size());
    for (String line : manifest) {
      ManifestRecord r = Manifest.parseLine(line);
      assertThat(r.sha256()).isEqualTo(TestFixtures.sha256Base64(read(dest + "/" + r.path())));
    }

    String grown = "archive/relay-descriptors/bandwidths/bandwidths-2019-05.tar.xz";
    byte[] before = read(dest + "/" + grown);
    Path onServer = tree.resolve(grown);
    Files.write(onServer, new byte[] {42}, StandardOpenOption.APPEND);
    IndexWriter.write(tree, "http://127.0.0.1", Instant.now());
    server.resetCounts();
    MirrorRun.Result second = mirror(dest);
    assertThat(second.exitCode()).isZero();
    assertThat(second.fetched()).containsExactly(grown);
    assertThat(second.report().plan().count(Planner.Action.SKIP)).isEqualTo(TestFixtures.TREE.size() - 1);
    assertThat(read(dest + "/" + grown)).hasSize(before.length + 1).isEqualTo(Files.readAllBytes(onServer));
    assertThat(list(dest)).noneMatch(p -> p.startsWith("_staging"));
  }

  @Test
  void aMismatchNeverAppearsInHdfs() throws Exception {
    String dest = base + "/faulty";
    String corrupt = "/recent/relay-descriptors/consensuses/2020-02-29-11-00-00-consensus";
    server.setFaults((p, n) -> p.equals(corrupt) ? LocalCollectorServer.Fault.corrupt()
        : LocalCollectorServer.Fault.NONE);
    try {
      MirrorRun.Result r = mirror(dest, "--types", "network-status-consensus-3", "--retries", "1");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.failed()).containsExactly(corrupt.substring(1));
      assertThat(r.fetched()).hasSize(2);
      assertThat(list(dest)).containsExactlyInAnyOrder(
          "archive/relay-descriptors/consensuses/consensuses-2018-06.tar.xz",
          "recent/relay-descriptors/consensuses/2020-02-29-10-00-00-consensus",
          "_manifest/manifest.jsonl");
    } finally {
      server.setFaults(null);
    }
  }
}
