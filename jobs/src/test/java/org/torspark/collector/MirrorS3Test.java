package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror into S3 through s3a, against S3Proxy running as a separate JVM on 127.0.0.1 (its
 * dependencies would clash with Spark's in one JVM): files are uploaded straight to their final
 * keys and become visible only complete; a mismatch aborts the upload.
 */
class MirrorS3Test {
  private static final String BUCKET = "collector";

  @TempDir
  static Path tmp;
  private static Process s3proxy;
  private static SparkSession spark;
  private static Configuration conf;
  private static LocalCollectorServer server;
  private static Path blobs;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Path.of(System.getProperty("torspark.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    assertThat(jar).as("S3Proxy jar (copied by maven-dependency-plugin)").exists();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    blobs = Files.createDirectories(tmp.resolve("blobs"));
    Files.createDirectories(blobs.resolve(BUCKET));
    Path props = tmp.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=local-identity",
        "s3proxy.credential=local-credential",
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + blobs) + "\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    s3proxy = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("s3proxy.log").toFile()).start();
    waitForPort(port, 60_000);

    spark = MirrorRun.localSpark("MirrorS3Test");
    conf = spark.sparkContext().hadoopConfiguration();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.access.key", "local-identity");
    conf.set("fs.s3a.secret.key", "local-credential");
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.buffer.dir", tmp.resolve("s3a-buffer").toString());
    conf.set("fs.s3a.multipart.size", "5M");
    conf.set("fs.s3a.attempts.maximum", "2");
    conf.set("fs.s3a.retry.limit", "2");

    Path tree = TestFixtures.buildTree(Files.createDirectories(tmp.resolve("tree")), "http://127.0.0.1");
    server = LocalCollectorServer.start(tree, 0);
  }

  private static void waitForPort(int port, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (!s3proxy.isAlive()) {
        throw new IllegalStateException("S3Proxy exited: " + Files.readString(tmp.resolve("s3proxy.log")));
      }
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        probe.shutdownOutput();
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("S3Proxy did not open port " + port);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (spark != null) {
      spark.stop();
    }
    if (s3proxy != null) {
      s3proxy.destroy();
      if (!s3proxy.waitFor(10, TimeUnit.SECONDS)) {
        s3proxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static MirrorRun.Result mirror(String dest, String... extra) throws Exception {
    return MirrorRun.run(spark, conf, server.baseUri().toString(), dest, extra);
  }

  private static FileSystem s3(String dest) throws IOException {
    return new org.apache.hadoop.fs.Path(dest).getFileSystem(conf);
  }

  private static List<String> list(String dest) throws IOException {
    List<String> out = new ArrayList<>();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dest);
    RemoteIterator<LocatedFileStatus> it = s3(dest).listFiles(root, true);
    String prefix = root.toUri().getPath() + "/";
    while (it.hasNext()) {
      out.add(it.next().getPath().toUri().getPath().substring(prefix.length()));
    }
    return out;
  }

  @Test
  void mirrorsIntoS3WithoutStagingAndResyncsNothing() throws Exception {
    String dest = "s3a://" + BUCKET + "/mirror";
    assertThat(Destination.open(dest, conf).writesDirect()).isTrue();
    MirrorRun.Result first = mirror(dest, "--verbose");
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(first.fetched()).hasSize(TestFixtures.TREE.size());
    FileSystem fs = s3(dest);
    for (Map.Entry<String, String> e : TestFixtures.TREE.entrySet()) {
      try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(dest + "/" + e.getKey()))) {
        assertThat(in.readAllBytes()).as(e.getKey())
            .isEqualTo(Files.readAllBytes(TestFixtures.testdata().resolve(e.getValue())));
      }
    }
    List<String> expected = new ArrayList<>(TestFixtures.TREE.keySet());
    expected.add("_manifest/manifest.jsonl");
    assertThat(list(dest)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(first.out() + first.err()).doesNotContain("local-credential");

    server.resetCounts();
    MirrorRun.Result second = mirror(dest);
    assertThat(second.exitCode()).isZero();
    assertThat(second.report().results()).isEmpty();
    assertThat(second.report().plan().count(Planner.Action.SKIP)).isEqualTo(TestFixtures.TREE.size());
    assertThat(server.requests()).allMatch(r -> r.path().startsWith("/index/"));
  }

  @Test
  void aMismatchAbortsTheUploadSoNoObjectAppears() throws Exception {
    String dest = "s3a://" + BUCKET + "/faulty";
    String corrupt = "/recent/relay-descriptors/votes/"
        + "2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-60ADC6BEC262AE921A1037D54C8A3976367DBE87";
    server.setFaults((p, n) -> p.equals(corrupt) ? LocalCollectorServer.Fault.corrupt()
        : LocalCollectorServer.Fault.NONE);
    try {
      MirrorRun.Result r = mirror(dest, "--types", "network-status-vote-3,tordnsel", "--retries", "1");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.failed()).containsExactly(corrupt.substring(1));
      assertThat(list(dest)).containsExactlyInAnyOrder("recent/exit-lists/2016-09-20-13-02-00",
          "archive/exit-lists/exit-list-2018-11.tar.xz", "_manifest/manifest.jsonl");
      try (Stream<Path> stored = Files.walk(blobs.resolve(BUCKET).resolve("faulty"))) {
        assertThat(stored.map(Path::toString)).noneMatch(p -> p.contains("vote"));
      }
    } finally {
      server.setFaults(null);
    }
  }
}
