package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching the index over HTTP: most compact variant first, fallback on every kind of failure. */
class IndexClientTest {
  private static final HttpFetcher.Settings FAST = new HttpFetcher.Settings("t", 2000, 2000, 1, 10, 20, 4);
  private static final List<IndexClient.Variant> ALL = List.of(IndexClient.Variant.XZ, IndexClient.Variant.BZ2,
      IndexClient.Variant.GZ, IndexClient.Variant.JSON);

  @TempDir
  Path root;

  private Path tree() throws Exception {
    Path f = root.resolve("recent/exit-lists/2016-09-20-13-02-00");
    Files.createDirectories(f.getParent());
    Files.copy(TestFixtures.testdata().resolve("exit-list/2016-09-20-13-02-00"), f);
    IndexWriter.write(root, "http://127.0.0.1", TestFixtures.MTIME);
    return root;
  }

  @Test
  void takesXzWhenAllAreThere() throws Exception {
    try (LocalCollectorServer s = LocalCollectorServer.start(tree(), 0)) {
      IndexClient.Result r = IndexClient.fetch(s.baseUri(), ALL, FAST, 1 << 20, 1L << 40);
      assertThat(r.variant()).isEqualTo(IndexClient.Variant.XZ);
      assertThat(r.failedVariants()).isEmpty();
      assertThat(r.index().entries()).hasSize(1);
      assertThat(s.getCount("/index/index.json.bz2")).isZero();
    }
  }

  @Test
  void fallsBackPastCorruptMissingAndBombVariants() throws Exception {
    Path t = tree();
    Files.writeString(t.resolve("index/index.json.xz"), "<html>oops</html>", StandardCharsets.US_ASCII);
    Files.delete(t.resolve("index/index.json.bz2"));
    Files.write(t.resolve("index/index.json.gz"), gzipOfSpaces(2 << 20));
    try (LocalCollectorServer s = LocalCollectorServer.start(t, 0)) {
      IndexClient.Result r = IndexClient.fetch(s.baseUri(), ALL, FAST, 1 << 20, 1L << 40);
      assertThat(r.variant()).isEqualTo(IndexClient.Variant.JSON);
      assertThat(r.index().entries()).extracting(IndexEntry::path)
          .containsExactly("recent/exit-lists/2016-09-20-13-02-00");
      assertThat(r.failedVariants()).containsExactly(
          "index.json.xz: IndexException: not a valid xz stream: XZFormatException: Input is not in the XZ format",
          "index.json.bz2: HTTP 404 Not Found",
          "index.json.gz: IndexException: index.json.gz decompresses to more than 1048576 bytes (--max-index-bytes);"
              + " refusing it as a possible decompression bomb");
    }
  }

  @Test
  void noUsableVariantIsOneErrorListingEachReason() throws Exception {
    Path t = tree();
    Files.writeString(t.resolve("index/index.json"), "{\"directories\":[", StandardCharsets.US_ASCII);
    try (LocalCollectorServer s = LocalCollectorServer.start(t, 0)) {
      s.setFaults((p, n) -> p.endsWith(".json") ? LocalCollectorServer.Fault.NONE
          : LocalCollectorServer.Fault.status(500));
      URI base = URI.create("http://reader:pw@127.0.0.1:" + s.baseUri().getPort());
      assertThatThrownBy(() -> IndexClient.fetch(base, ALL, FAST, 1 << 20, 1L << 40))
          .isInstanceOf(IndexClient.NoIndexException.class)
          .hasMessageStartingWith("no usable index at http://***@127.0.0.1:")
          .hasMessageContaining("index.json.xz: HTTP 500 Internal Server Error (after 2 attempts); ")
          .hasMessageContaining("index.json: IndexException: index is not valid JSON: Unexpected end-of-input")
          .hasMessageNotContaining("pw");
      assertThat(s.getCount("/index/index.json.xz")).isEqualTo(2);
    }
  }

  private static byte[] gzipOfSpaces(int n) throws Exception {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(b)) {
      g.write(" ".repeat(n).getBytes(StandardCharsets.US_ASCII));
    }
    return b.toByteArray();
  }
}
