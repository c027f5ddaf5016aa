package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against the loopback CollecTor server with injected faults. */
class HttpFetcherTest {
  private static final String FILE = "/recent/exit-lists/2016-09-20-13-02-00";
  private static final HttpFetcher.Settings FAST = new HttpFetcher.Settings("torspark-test/1.0", 5000, 1000, 3, 10,
      50, 4);

  @TempDir
  static Path root;
  private static LocalCollectorServer server;
  private static byte[] content;
  private static byte[] sha;

  @BeforeAll
  static void start() throws Exception {
    Path f = root.resolve(FILE.substring(1));
    Files.createDirectories(f.getParent());
    Files.copy(TestFixtures.testdata().resolve("exit-list/2016-09-20-13-02-00"), f);
    content = Files.readAllBytes(f);
    sha = Base64.getDecoder().decode(TestFixtures.sha256Base64(content));
    server = LocalCollectorServer.start(root, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.setFaults(null);
    server.resetCounts();
  }

  private static final class Bytes implements HttpFetcher.Sink {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int restarts;

    @Override
    public void write(byte[] b, int off, int len) {
      out.write(b, off, len);
    }

    @Override
    public void restart() {
      out.reset();
      restarts++;
    }
  }

  private static HttpFetcher.Outcome fetch(Bytes sink) {
    return fetch(sink, FAST);
  }

  private static HttpFetcher.Outcome fetch(Bytes sink, HttpFetcher.Settings s) {
    return new HttpFetcher(s).fetch(URI.create(server.baseUri() + FILE), content.length, sha, content.length, sink,
        HttpFetcher.Listener.NONE);
  }

  @Test
  void plainDownloadIsVerifiedAndSendsTheUserAgent() {
    Bytes sink = new Bytes();
    HttpFetcher.Outcome out = fetch(sink);
    assertThat(out.ok()).isTrue();
    assertThat(out.attempts()).isEqualTo(1);
    assertThat(out.sha256Base64()).isEqualTo(TestFixtures.sha256Base64(content));
    assertThat(sink.out.toByteArray()).isEqualTo(content);
    assertThat(server.requests()).extracting(LocalCollectorServer.Request::userAgent)
        .containsExactly("torspark-test/1.0");
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    server.setFaults((p, n) -> n <= 2 ? LocalCollectorServer.Fault.status(500) : LocalCollectorServer.Fault.NONE);
    Bytes sink = new Bytes();
    HttpFetcher.Outcome out = fetch(sink);
    assertThat(out.ok()).isTrue();
    assertThat(out.attempts()).isEqualTo(3);
    assertThat(server.getCount(FILE)).isEqualTo(3);
    assertThat(sink.out.toByteArray()).isEqualTo(content);
  }

  @Test
  void notFoundIsNotRetried() {
    Bytes sink = new Bytes();
    HttpFetcher.Outcome out = new HttpFetcher(FAST).fetch(URI.create(server.baseUri() + "/recent/none"), 10, sha, 10,
        sink, HttpFetcher.Listener.NONE);
    assertThat(out.ok()).isFalse();
    assertThat(out.attempts()).isEqualTo(1);
    assertThat(out.error()).isEqualTo("HTTP 404 Not Found");
  }

  @Test
  void persistentServerErrorGivesUpAfterTheRetries() {
    server.setFaults((p, n) -> LocalCollectorServer.Fault.status(503));
    HttpFetcher.Outcome out = fetch(new Bytes());
    assertThat(out.ok()).isFalse();
    assertThat(out.attempts()).isEqualTo(4);
    assertThat(out.error()).isEqualTo("HTTP 503 Service Unavailable (after 4 attempts)");
  }

  @Test
  void slowResponseTimesOutAndIsRetried() {
    server.setFaults((p, n) -> n == 1 ? LocalCollectorServer.Fault.delayHeaders(3000)
        : LocalCollectorServer.Fault.NONE);
    Bytes sink = new Bytes();
    HttpFetcher.Outcome out = fetch(sink);
    assertThat(out.ok()).isTrue();
    assertThat(out.attempts()).isEqualTo(2);
    assertThat(sink.out.toByteArray()).isEqualTo(content);
  }

  @Test
  void droppedConnectionIsResumedWithARangeRequest() {
    server.setFaults((p, n) -> n == 1 ? LocalCollectorServer.Fault.dropBody(100_000) : LocalCollectorServer.Fault.NONE);
    Bytes sink = new Bytes();
    HttpFetcher.Outcome out = fetch(sink);
    assertThat(out.ok()).isTrue();
    assertThat(out.attempts()).isEqualTo(2);
    assertThat(sink.restarts).isZero();
    assertThat(sink.out.toByteArray()).isEqualTo(content);
    List<LocalCollectorServer.Request> reqs = server.requests();
    assertThat(reqs).hasSize(2);
    assertThat(reqs.get(0).range()).isNull();
    assertThat(reqs.get(1).range()).startsWith("bytes=").endsWith("-");
    long resumedAt = Long.parseLong(reqs.get(1).range().substring(6, reqs.get(1).range().length() - 1));
    assertThat(resumedAt).isPositive().isLessThanOrEqualTo(100_000);
    assertThat(out.bytesTransferred()).isEqualTo(content.length);
  }

  @Test
  void stalledBodyTimesOutAndIsResumed() {
    server.setFaults((p, n) -> n == 1 ? LocalCollectorServer.Fault.stallBody(50_000, 3000)
        : LocalCollectorServer.Fault.NONE);
    Bytes sink = new Bytes();
    HttpFetcher.Outcome out = fetch(sink);
    assertThat(out.ok()).isTrue();
    assertThat(out.attempts()).isEqualTo(2);
    assertThat(sink.out.toByteArray()).isEqualTo(content);
    assertThat(server.requests().get(1).range()).isNotNull();
  }

  @Test
  void corruptBodyIsRetriedFromScratchThenReported() {
    server.setFaults((p, n) -> n == 1 ? LocalCollectorServer.Fault.corrupt() : LocalCollectorServer.Fault.NONE);
    Bytes sink = new Bytes();
    HttpFetcher.Outcome out = fetch(sink);
    assertThat(out.ok()).isTrue();
    assertThat(out.attempts()).isEqualTo(2);
    assertThat(sink.restarts).isEqualTo(1);
    assertThat(sink.out.toByteArray()).isEqualTo(content);

    server.setFaults((p, n) -> LocalCollectorServer.Fault.corrupt());
    HttpFetcher.Outcome bad = fetch(new Bytes());
    assertThat(bad.ok()).isFalse();
    assertThat(bad.attempts()).isEqualTo(4);
    assertThat(bad.error()).startsWith("sha256 mismatch: index says " + TestFixtures.sha256Base64(content) + ", got ")
        .endsWith("(177090 bytes) (after 4 attempts)");
  }

  @Test
  void sizeDisagreeingWithTheIndexIsReported() {
    HttpFetcher.Outcome out = new HttpFetcher(FAST).fetch(URI.create(server.baseUri() + FILE), content.length + 1,
        null, content.length + 1, new Bytes(), HttpFetcher.Listener.NONE);
    assertThat(out.ok()).isFalse();
    assertThat(out.error()).startsWith("server sends 177090 bytes but the index lists 177091");
  }

  @Test
  void redirectToAnotherHostIsRefused() throws Exception {
    HttpServer redirector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    redirector.createContext("/", ex -> {
      ex.getResponseHeaders().set("Location", "http://127.0.0.2:9/steal");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    redirector.start();
    try {
      HttpFetcher.Outcome out = new HttpFetcher(FAST).fetch(
          URI.create("http://127.0.0.1:" + redirector.getAddress().getPort() + "/x"), 10, null, 10, new Bytes(),
          HttpFetcher.Listener.NONE);
      assertThat(out.ok()).isFalse();
      assertThat(out.attempts()).isEqualTo(1);
      assertThat(out.error()).isEqualTo("redirect to another host or scheme refused: http://127.0.0.2:9/steal");
    } finally {
      redirector.stop(0);
    }
  }

  @Test
  void connectionRefusedIsRetriedAndReportedWithoutCredentials() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    HttpFetcher.Outcome out = new HttpFetcher(FAST).fetch(URI.create("http://alice:s3cret@127.0.0.1:" + port + "/x"),
        10, null, 10, new Bytes(), HttpFetcher.Listener.NONE);
    assertThat(out.ok()).isFalse();
    assertThat(out.attempts()).isEqualTo(4);
    assertThat(out.error()).startsWith("connection failed: ").doesNotContain("s3cret");
  }

  @Test
  void backoffDoublesAndIsCapped() {
    HttpFetcher f = new HttpFetcher(new HttpFetcher.Settings("ua", 1000, 1000, 5, 1000, 3000, 1));
    for (int i = 0; i < 20; i++) {
      assertThat(f.backoff(1, -1)).isBetween(500L, 1000L);
      assertThat(f.backoff(2, -1)).isBetween(1000L, 2000L);
      assertThat(f.backoff(3, -1)).isBetween(1500L, 3000L);
      assertThat(f.backoff(10, -1)).isBetween(1500L, 3000L);
      assertThat(f.backoff(1, 2500)).isEqualTo(2500L);
      assertThat(f.backoff(1, 60_000)).isEqualTo(3000L);
    }
  }

  @Test
  void rangeHeaderParsing() {
    assertThat(LocalCollectorServer.parseRange("bytes=10-", 100)).containsExactly(10, 99);
    assertThat(LocalCollectorServer.parseRange("bytes=10-19", 100)).containsExactly(10, 19);
    assertThat(LocalCollectorServer.parseRange("bytes=-5", 100)).containsExactly(95, 99);
    assertThat(LocalCollectorServer.parseRange("bytes=100-", 100)).isNull();
    assertThat(LocalCollectorServer.parseRange("bytes=1-2,4-5", 100)).isNull();
    assertThat(HttpFetcher.contentRangeStart("bytes 10-99/100")).isEqualTo(10);
  }
}
