package org.torspark.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for tests: S3Proxy's fat jar in its own JVM (its dependencies clash with
 * Spark's), on a free loopback port, storing buckets as directories under a temporary directory.
 * The build copies the jar to {@code target/s3proxy/s3proxy.jar} and names it in {@code s3proxy.jar}.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String IDENTITY = "local-identity";
  static final String CREDENTIAL = "local-credential";

  private final Process process;
  private final int port;
  private final Path blobs;

  private S3ProxyServer(Process process, int port, Path blobs) {
    this.process = process;
    this.port = port;
    this.blobs = blobs;
  }

  /** Starts S3Proxy with empty {@code buckets} under {@code workDir}; waits until it accepts connections. */
  static S3ProxyServer start(Path workDir, String... buckets) throws IOException, InterruptedException {
    String jar = System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar");
    if (!Files.isRegularFile(Paths.get(jar))) {
      throw new IllegalStateException("S3Proxy jar not found at " + jar + "; run the tests through"
          + " 'mvn verify' (the build copies it there)");
    }
    Path blobs = Files.createDirectories(workDir.resolve("blobs"));
    for (String bucket : buckets) {
      Files.createDirectories(blobs.resolve(bucket));
    }
    int port = freePort();
    Path props = workDir.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + IDENTITY,
        "s3proxy.credential=" + CREDENTIAL,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + blobs) + "\n");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar, "--properties", props.toString()))
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("s3proxy.log").toFile())
        .start();
    S3ProxyServer server = new S3ProxyServer(p, port, blobs);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!server.accepting()) {
      if (!p.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with " + p.exitValue() + "; see "
            + workDir.resolve("s3proxy.log"));
      }
      if (System.nanoTime() > deadline) {
        server.close();
        throw new IllegalStateException("S3Proxy did not open port " + port + " within 60 s");
      }
      Thread.sleep(100);
    }
    return server;
  }

  private boolean accepting() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  Path blobDirectory() {
    return blobs;
  }

  /** The s3a settings, as Spark {@code spark.hadoop.*} configuration, for this server. */
  Map<String, String> sparkConf() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.hadoop.fs.s3a.endpoint", endpoint());
    c.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
    c.put("spark.hadoop.fs.s3a.path.style.access", "true");
    c.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
    c.put("spark.hadoop.fs.s3a.access.key", IDENTITY);
    c.put("spark.hadoop.fs.s3a.secret.key", CREDENTIAL);
    c.put("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    return c;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
