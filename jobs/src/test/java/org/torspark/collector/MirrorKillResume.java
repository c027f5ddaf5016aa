package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Kill -9 a real mirror run (its own JVM, its own Spark) in the middle of downloading, then run
 * again: no partial file was ever visible under a final name, and the second run finishes without
 * downloading again what the first completed. Run from {@link MirrorLocalFsTest}, whose Spark
 * session does the second run.
 */
final class MirrorKillResume {
  private final Path tmp;
  private final SparkSession spark;

  MirrorKillResume(Path tmp, SparkSession spark) {
    this.tmp = tmp;
    this.spark = spark;
  }

  /** The child JVM's entry point: the CLI command, then exit with its code. */
  public static final class Child {
    public static void main(String[] args) {
      System.exit(MirrorCommand.run(args, System.out, System.err));
    }
  }

  void killedMidDownloadThenResumedWithoutRefetchingCompletedFiles() throws Exception {
    Path tree = TestFixtures.buildTree(Files.createDirectories(tmp.resolve("tree")), "http://127.0.0.1");
    Path dest = tmp.resolve("dest");
    Map<String, Long> sizes = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : TestFixtures.TREE.entrySet()) {
      sizes.put(e.getKey(), Files.size(TestFixtures.testdata().resolve(e.getValue())));
    }
    try (LocalCollectorServer server = LocalCollectorServer.start(tree, 0)) {
      server.setBytesPerSecondPerConnection(1 << 20);
      Process child = startChild(server, dest);
      Set<String> completed;
      try {
        completed = waitForCompletedFiles(child, dest, sizes, 2, 120_000);
      } finally {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
      Set<String> afterKill = new HashSet<>(visibleFiles(dest));
      assertThat(afterKill).as("files under final names at the kill").containsAll(completed)
          .hasSizeLessThan(TestFixtures.TREE.size());
      for (String f : afterKill) {
        assertThat(Files.readAllBytes(dest.resolve(f))).as(f)
            .isEqualTo(Files.readAllBytes(TestFixtures.testdata().resolve(TestFixtures.TREE.get(f))));
      }

      server.setBytesPerSecondPerConnection(0);
      server.resetCounts();
      MirrorRun.Result again = MirrorRun.run(spark, spark.sparkContext().hadoopConfiguration(),
          server.baseUri().toString(), dest.toUri().toString(), "--task-bytes", "256k");
      assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
      List<String> downloaded = server.requests().stream().filter(r -> !r.path().startsWith("/index/"))
          .map(r -> r.path().substring(1)).toList();
      assertThat(downloaded).doesNotContainAnyElementsOf(afterKill);
      assertThat(downloaded).hasSize(TestFixtures.TREE.size() - afterKill.size());
      for (Map.Entry<String, String> e : TestFixtures.TREE.entrySet()) {
        assertThat(Files.readAllBytes(dest.resolve(e.getKey())))
            .isEqualTo(Files.readAllBytes(TestFixtures.testdata().resolve(e.getValue())));
      }
      assertThat(Files.readAllLines(dest.resolve("_manifest/manifest.jsonl"))).hasSize(TestFixtures.TREE.size());
      assertThat(dest.resolve("_staging")).doesNotExist();
    }
  }

  private Process startChild(LocalCollectorServer server, Path dest) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("--sun-misc")
          || a.startsWith("--enable-native") || a.startsWith("-Dio.netty") || a.startsWith("-Duser.timezone")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-Dspark.ui.enabled=false", "-Dspark.driver.bindAddress=127.0.0.1",
        "-Dspark.driver.host=127.0.0.1", "-cp", System.getProperty("java.class.path"), Child.class.getName(),
        "--collector", server.baseUri().toString(), "--dest", dest.toUri().toString(), "--master", "local[2]",
        "--concurrency", "2", "--task-bytes", "256k", "--progress-interval", "1s"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
        .start();
  }

  /**
   * Polls until {@code atLeast} files are complete under their final names, checking on every look
   * that no file there is shorter than it should be.
   */
  private Set<String> waitForCompletedFiles(Process child, Path dest, Map<String, Long> sizes, int atLeast,
      long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      assertThat(child.isAlive()).as("child still running: " + log()).isTrue();
      List<String> visible = visibleFiles(dest);
      for (String f : visible) {
        assertThat(Files.size(dest.resolve(f))).as("size of " + f + " under its final name")
            .isEqualTo(sizes.get(f));
      }
      if (visible.size() >= atLeast) {
        return new HashSet<>(visible);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no files completed in time: " + log());
  }

  private String log() throws IOException {
    Path log = tmp.resolve("child.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Files under final names: everything but the mirror's own _manifest and _staging trees. */
  private static List<String> visibleFiles(Path dest) throws IOException {
    if (!Files.exists(dest)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dest)) {
      return s.filter(Files::isRegularFile).map(p -> dest.relativize(p).toString())
          .filter(p -> !p.startsWith("_")).toList();
    }
  }
}
