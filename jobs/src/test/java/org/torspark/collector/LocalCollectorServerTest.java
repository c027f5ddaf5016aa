package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CollecTor-shaped server and index writer over the real fixtures. */
class LocalCollectorServerTest {
  @TempDir
  static Path tmp;
  private static Path root;
  private static LocalCollectorServer server;

  @BeforeAll
  static void start() throws Exception {
    root = Files.createDirectories(tmp.resolve("collector"));
    Files.writeString(tmp.resolve("secret.txt"), "outside the root");
    TestFixtures.buildTree(root, "http://127.0.0.1");
    server = LocalCollectorServer.start(root, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CollectorIndex index() throws IOException {
    try (InputStream in = Files.newInputStream(root.resolve("index/index.json"))) {
      return IndexClient.parse(in, IndexClient.Variant.JSON, 1 << 30, 1L << 40);
    }
  }

  @Test
  void indexListsEveryFixtureWithSizeDigestAndLastModified() throws Exception {
    CollectorIndex index = index();
    assertThat(index.rejected()).isEmpty();
    assertThat(index.entries()).extracting(IndexEntry::path)
        .containsExactlyInAnyOrderElementsOf(TestFixtures.TREE.keySet());
    for (IndexEntry e : index.entries()) {
      Path f = TestFixtures.testdata().resolve(TestFixtures.TREE.get(e.path()));
      assertThat(e.size()).isEqualTo(Files.size(f));
      assertThat(e.sha256()).isEqualTo(TestFixtures.sha256Base64(f));
      assertThat(e.lastModified()).isEqualTo(TestFixtures.MTIME);
    }
  }

  @Test
  void typesComeFromAnnotationsAndTimesFromTheDocuments() throws Exception {
    Map<String, IndexEntry> byPath = new java.util.HashMap<>();
    index().entries().forEach(e -> byPath.put(e.path(), e));
    IndexEntry consensus = byPath.get("recent/relay-descriptors/consensuses/2020-02-29-10-00-00-consensus");
    assertThat(consensus.types()).containsExactly("network-status-consensus-3 1.0");
    assertThat(consensus.firstPublished()).isEqualTo(java.time.Instant.parse("2020-02-29T10:00:00Z"));
    assertThat(consensus.lastPublished()).isEqualTo(consensus.firstPublished());
    IndexEntry exits = byPath.get("recent/exit-lists/2016-09-20-13-02-00");
    assertThat(exits.types()).containsExactly("tordnsel 1.0");
    assertThat(exits.firstPublished()).isEqualTo(java.time.Instant.parse("2016-09-20T13:02:00Z"));
    IndexEntry vote = byPath.values().stream().filter(e -> e.path().contains("/votes/")).findFirst().orElseThrow();
    assertThat(vote.types()).containsExactly("network-status-vote-3 1.17");
    assertThat(vote.firstPublished()).isEqualTo(java.time.Instant.parse("2016-09-20T13:00:00Z"));
    IndexEntry micro = byPath.get("recent/relay-descriptors/microdescs/micro/2017-07-17-17-20-00-micro");
    assertThat(micro.types()).containsExactly("microdescriptor 1.0");
    assertThat(micro.firstPublished()).isNull();
    IndexEntry consensuses = byPath.get("archive/relay-descriptors/consensuses/consensuses-2018-06.tar.xz");
    assertThat(consensuses.types()).containsExactly("network-status-consensus-3 1.0");
    assertThat(consensuses.firstPublished()).isEqualTo(java.time.Instant.parse("2018-06-01T00:00:00Z"));
    assertThat(consensuses.lastPublished()).isEqualTo(java.time.Instant.parse("2018-06-01T01:00:00Z"));
    IndexEntry servers = byPath.get("recent/relay-descriptors/server-descriptors/2020-02-29-10-05-00-server-descriptors");
    assertThat(servers.types()).containsExactly("server-descriptor 1.0");
    assertThat(servers.firstPublished()).isBefore(servers.lastPublished());
  }

  @Test
  void compressedIndexFormsHoldTheSameJson() throws Exception {
    CollectorIndex plain = index();
    for (IndexClient.Variant v : List.of(IndexClient.Variant.XZ, IndexClient.Variant.BZ2, IndexClient.Variant.GZ)) {
      try (InputStream in = Files.newInputStream(root.resolve("index/" + v.fileName()))) {
        assertThat(IndexClient.parse(in, v, 1 << 30, 1L << 40).entries()).isEqualTo(plain.entries());
      }
    }
  }

  @Test
  void servesFilesWithLengthRangesAndHead() throws Exception {
    String path = "/recent/exit-lists/2016-09-20-13-02-00";
    byte[] want = Files.readAllBytes(root.resolve(path.substring(1)));
    HttpURLConnection c = (HttpURLConnection) URI.create(server.baseUri() + path).toURL().openConnection();
    c.setRequestProperty("Range", "bytes=100-199");
    assertThat(c.getResponseCode()).isEqualTo(206);
    assertThat(c.getHeaderField("Content-Range")).isEqualTo("bytes 100-199/" + want.length);
    try (InputStream in = c.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(want, 100, 200));
    }
    HttpURLConnection h = (HttpURLConnection) URI.create(server.baseUri() + path).toURL().openConnection();
    h.setRequestMethod("HEAD");
    assertThat(h.getResponseCode()).isEqualTo(200);
    assertThat(h.getContentLengthLong()).isEqualTo(want.length);
    assertThat(server.getCount(path)).isEqualTo(1); // HEAD is not counted as a download
  }

  @Test
  void neverServesOutsideTheRoot() throws Exception {
    Files.createSymbolicLink(root.resolve("recent/link"), tmp);
    assertThat(rawStatus("/recent/link/secret.txt")).isEqualTo(404);
    for (String p : List.of("/../secret.txt", "/recent/../../secret.txt", "/%2e%2e/secret.txt", "/recent/%2F..%2F..",
        "//secret.txt", "/recent\\..\\..\\secret.txt", "/index", "/")) {
      assertThat(rawStatus(p)).as(p).isIn(400, 404); // the JDK server itself answers 400 to some
    }
    assertThat(rawStatus("/index/index.json")).isEqualTo(200);
  }

  /** Sends the request line byte for byte, so no client library normalises the path first. */
  private static int rawStatus(String rawPath) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
      OutputStream o = s.getOutputStream();
      o.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      o.flush();
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  @Test
  void indexWriterSkipsItsOwnDirectoryAndHiddenFiles() throws Exception {
    Path r = Files.createDirectories(tmp.resolve("small/recent/exit-lists"));
    Files.write(r.resolve("2016-09-20-13-02-00"), new byte[] {1, 2, 3});
    Files.setLastModifiedTime(r.resolve("2016-09-20-13-02-00"),
        java.nio.file.attribute.FileTime.from(TestFixtures.MTIME));
    Files.write(r.resolve(".partial"), new byte[] {9});
    Path small = tmp.resolve("small");
    IndexWriter.write(small, "http://127.0.0.1:1", TestFixtures.MTIME);
    IndexWriter.Summary again = IndexWriter.write(small, "http://127.0.0.1:1", TestFixtures.MTIME);
    assertThat(again.files()).isEqualTo(1);
    CollectorIndex idx = IndexParser.parse(new ByteArrayInputStream(again.json()), 1L << 40);
    assertThat(idx.entries()).extracting(IndexEntry::path).containsExactly("recent/exit-lists/2016-09-20-13-02-00");
    assertThat(idx.entries().get(0).types()).containsExactly("tordnsel 1.0");
    assertThat(new String(again.json(), StandardCharsets.UTF_8)).startsWith(
        "{\"index_created\":\"2020-03-01 00:00\",\"build_revision\":\"torspark\",\"path\":\"http://127.0.0.1:1\","
            + "\"directories\":[{\"path\":\"recent\",\"directories\":[{\"path\":\"exit-lists\",\"files\":[{\"path\":"
            + "\"2016-09-20-13-02-00\",\"size\":3,\"last_modified\":\"2020-03-01 00:00\",\"types\":[\"tordnsel 1.0\"],"
            + "\"sha256\":\"");
  }
}
