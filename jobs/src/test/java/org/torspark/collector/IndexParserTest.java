package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class IndexParserTest {
  private static final long MAX_FILE = 64L << 30;
  private static final long MAX_INDEX = 256L << 20;

  private static CollectorIndex parse(String json) throws IOException {
    return IndexParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), MAX_FILE);
  }

  private static IndexEntry entry(CollectorIndex index, String path) {
    return index.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
  }

  @Test
  void full2016IndexWithoutTypesOrDigestsParses() throws Exception {
    try (InputStream in = Files.newInputStream(
        TestFixtures.testdata().resolve("collector-index/index-2016-08-22-full.json"))) {
      CollectorIndex index = IndexClient.parse(in, IndexClient.Variant.JSON, MAX_INDEX, MAX_FILE);
      assertThat(index.entries()).hasSize(2821);
      assertThat(index.rejected()).isEmpty();
      assertThat(index.indexCreated()).isEqualTo("2016-08-22 10:48");
      assertThat(index.basePath()).isEqualTo("https://collector.torproject.org");
      IndexEntry e = entry(index, "archive/relay-descriptors/consensuses/consensuses-2007-10.tar.xz");
      assertThat(e.size()).isEqualTo(1061648);
      assertThat(e.lastModified()).isEqualTo(Instant.parse("2012-05-15T14:35:00Z"));
      assertThat(e.types()).isEmpty();
      assertThat(e.sha256()).isNull();
      assertThat(e.firstPublished()).isNull();
      assertThat(entry(index, "recent/relay-descriptors/consensuses/2016-08-22-10-00-00-consensus").size())
          .isEqualTo(1575877);
      assertThat(index.entries().stream().mapToLong(IndexEntry::size).sum()).isEqualTo(66_939_497_621L);
    }
  }

  @Test
  void xzFormOfThe2016IndexGivesTheSameEntries() throws Exception {
    CollectorIndex plain;
    CollectorIndex xz;
    try (InputStream in = Files.newInputStream(
        TestFixtures.testdata().resolve("collector-index/index-2016-08-22-full.json"))) {
      plain = IndexClient.parse(in, IndexClient.Variant.JSON, MAX_INDEX, MAX_FILE);
    }
    try (InputStream in = Files.newInputStream(
        TestFixtures.testdata().resolve("collector-index/index-2016-08-22-full.json.xz"))) {
      xz = IndexClient.parse(in, IndexClient.Variant.XZ, MAX_INDEX, MAX_FILE);
    }
    assertThat(xz.entries()).isEqualTo(plain.entries());
  }

  @Test
  void index2019HasTypesTimesAndBase64Digests() throws Exception {
    try (InputStream in = Files.newInputStream(
        TestFixtures.testdata().resolve("collector-index/index-2019-11-30-cropped.json"))) {
      CollectorIndex index = IndexClient.parse(in, IndexClient.Variant.JSON, MAX_INDEX, MAX_FILE);
      assertThat(index.entries()).hasSize(96);
      assertThat(index.buildRevision()).isEqualTo("199d1bed");
      IndexEntry e = entry(index, "archive/relay-descriptors/consensuses/consensuses-2007-10.tar.xz");
      assertThat(e.size()).isEqualTo(1061648);
      assertThat(e.types()).containsExactly("network-status-consensus-3 1.0");
      assertThat(e.firstPublished()).isEqualTo(Instant.parse("2007-10-27T12:00:00Z"));
      assertThat(e.lastPublished()).isEqualTo(Instant.parse("2007-10-31T23:00:00Z"));
      assertThat(e.sha256()).isEqualTo("4lhYcEmZbJUcI5L4+p+Rt1/vn65L9b4mcdBQRzdTvKo=");
      assertThat(e.sha256Bytes()).hasSize(32);
      IndexEntry micro = entry(index, "recent/relay-descriptors/microdescs/micro/2019-11-27-22-05-00-micro");
      assertThat(micro.types()).containsExactly("microdescriptor 1.0");
      assertThat(micro.firstPublished()).isNull();
      IndexEntry md = entry(index, "archive/relay-descriptors/microdescs/microdescs-2014-01.tar.xz");
      assertThat(md.types()).containsExactly("microdescriptor 1.0", "network-status-microdesc-consensus-3 1.0");
    }
  }

  @Test
  void unknownFieldsAndFieldOrderDoNotMatter() throws Exception {
    CollectorIndex index = parse("{\"future\":{\"x\":[1,2]},\"directories\":[{\"files\":[{\"sha256\":null,"
        + "\"size\":5,\"extra\":true,\"path\":\"f\"}],\"path\":\"recent\"}],\"path\":\"https://h\"}");
    assertThat(index.entries()).extracting(IndexEntry::path).containsExactly("recent/f");
    assertThat(index.basePath()).isEqualTo("https://h");
  }

  @Test
  void hostileEntriesAreRejectedOneByOneWithClearReasons() throws Exception {
    String good = "{\"path\":\"ok\",\"size\":3}";
    CollectorIndex index = parse("{\"directories\":[{\"path\":\"recent\",\"files\":[" + good + ","
        + "{\"path\":\"..\",\"size\":1},"
        + "{\"path\":\"../../etc/passwd\",\"size\":1},"
        + "{\"path\":\"/etc/passwd\",\"size\":1},"
        + "{\"path\":\"http://evil.example/x\",\"size\":1},"
        + "{\"path\":\"//evil.example/x\",\"size\":1},"
        + "{\"path\":\"a\\\\b\",\"size\":1},"
        + "{\"path\":\"c:x\",\"size\":1},"
        + "{\"path\":\"nul\\u0000byte\",\"size\":1},"
        + "{\"path\":\".hidden\",\"size\":1},"
        + "{\"path\":\"neg\",\"size\":-1},"
        + "{\"path\":\"huge\",\"size\":99999999999999999999},"
        + "{\"path\":\"float\",\"size\":1e30},"
        + "{\"path\":\"toobig\",\"size\":" + (MAX_FILE + 1) + "},"
        + "{\"path\":\"nosize\"},"
        + "{\"path\":\"digest\",\"size\":1,\"sha256\":\"abc\"},"
        + "{\"path\":\"short\",\"size\":1,\"sha256\":\"AAAA\"},"
        + "{\"path\":\"when\",\"size\":1,\"last_modified\":\"yesterday\"},"
        + "{\"path\":\"types\",\"size\":1,\"types\":\"server-descriptor\"},"
        + good + "]},"
        + "{\"path\":\"..\",\"files\":[" + good + "]},"
        + "{\"path\":\"archive\",\"directories\":[{\"path\":\"https:\",\"files\":[" + good + "]}]}]}");
    assertThat(index.entries()).extracting(IndexEntry::path).containsExactly("recent/ok");
    assertThat(index.rejected()).hasSize(21);
    String all = String.join("\n", index.rejected());
    assertThat(all)
        .contains("'recent/..': path segment '..' (parent/current directory)")
        .contains("'recent/../../etc/passwd': character '/' not allowed")
        .contains("'recent//etc/passwd': absolute path")
        .contains("'recent/http://evil.example/x': path segment is a URL")
        .contains("'recent///evil.example/x': path segment is a URL")
        .contains("character '\\' not allowed")
        .contains("character ':' not allowed in path segment 'c:x'")
        .contains("U+0000 (control)")
        .contains("hidden or reserved name '.hidden'")
        .contains("'recent/neg': negative size -1")
        .contains("'recent/huge': absurd size 99999999999999999999")
        .contains("'recent/float': 'size' is not a whole number")
        .contains("'recent/toobig': absurd size 68719476737 (more than --max-file-size 68719476736)")
        .contains("'recent/nosize': file entry without 'size'")
        .contains("'recent/digest': sha256 decodes to 2 bytes, not 32")
        .contains("'recent/short': sha256 decodes to 3 bytes, not 32")
        .contains("'recent/when': bad last_modified 'yesterday'")
        .contains("'recent/types': 'types' is not an array")
        .contains("'recent/ok': listed twice; the later entry is ignored")
        .contains("directory '..': path segment '..' (parent/current directory) (1 entries below it skipped)")
        .contains("directory 'https:': character ':' not allowed");
    assertThat(all).doesNotContain("\u0000");
  }

  @Test
  void malformedJsonRejectsTheWholeIndex() {
    assertThatThrownBy(() -> parse("{\"directories\":[{\"path\":\"recent\",\"files\":[{\"path\":\"a\""))
        .isInstanceOf(IndexParser.IndexException.class).hasMessageStartingWith("index is not valid JSON:");
    assertThatThrownBy(() -> parse("[1,2,3]")).hasMessage("index is not a JSON object");
    assertThatThrownBy(() -> parse("")).hasMessage("index is not a JSON object");
    assertThatThrownBy(() -> parse("{\"files\":{}}")).hasMessageStartingWith("'files' is not an array");
    assertThatThrownBy(() -> parse("{} {}")).hasMessageStartingWith("unexpected content after the index object");
  }

  @Test
  void tooDeepDirectoriesRejectTheWholeIndex() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      sb.append("\"directories\":[{\"path\":\"d\",");
    }
    sb.append("\"files\":[]");
    for (int i = 0; i < 40; i++) {
      sb.append("}]");
    }
    sb.append("}");
    assertThatThrownBy(() -> parse(sb.toString())).isInstanceOf(IndexParser.IndexException.class)
        .hasMessageContaining("deeper");
  }

  @Test
  void gzipAndBzip2BombsStopAtTheLimit() throws Exception {
    byte[] spaces = new byte[(1 << 20) + 4096];
    Arrays.fill(spaces, (byte) ' ');
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream o = new GZIPOutputStream(gz)) {
      o.write(spaces);
      o.write("{}".getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(gz.size()).isLessThan(64 << 10);
    assertThatThrownBy(() -> IndexClient.parse(new ByteArrayInputStream(gz.toByteArray()), IndexClient.Variant.GZ,
        1 << 20, MAX_FILE)).isInstanceOf(IndexParser.IndexException.class)
        .hasMessage("index.json.gz decompresses to more than 1048576 bytes (--max-index-bytes); "
            + "refusing it as a possible decompression bomb");
    ByteArrayOutputStream bz = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream o = new BZip2CompressorOutputStream(bz)) {
      o.write(spaces);
    }
    assertThatThrownBy(() -> IndexClient.parse(new ByteArrayInputStream(bz.toByteArray()), IndexClient.Variant.BZ2,
        1 << 20, MAX_FILE)).hasMessageStartingWith("index.json.bz2 decompresses to more than 1048576 bytes");
  }

  @Test
  void xzStreamAskingForAHugeDictionaryIsRefusedBeforeAllocating() throws Exception {
    byte[] xz = hugeDictionaryXz("{}".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> IndexClient.parse(new ByteArrayInputStream(xz), IndexClient.Variant.XZ, MAX_INDEX,
        MAX_FILE)).isInstanceOf(IndexParser.IndexException.class)
        .hasMessageStartingWith("xz stream needs 1536 MiB to decompress, more than the 128 MiB allowed");
  }

  @Test
  void garbageInACompressedVariantIsAClearError() {
    byte[] html = "<html>not here</html>".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> IndexClient.parse(new ByteArrayInputStream(html), IndexClient.Variant.XZ, MAX_INDEX,
        MAX_FILE)).hasMessageStartingWith("not a valid xz stream");
    assertThatThrownBy(() -> IndexClient.parse(new ByteArrayInputStream(html), IndexClient.Variant.GZ, MAX_INDEX,
        MAX_FILE)).hasMessageStartingWith("not a valid gz stream");
  }

  /**
   * A real xz stream whose LZMA2 dictionary-size byte is patched to 37 (1.5 GiB), with the block
   * header CRC32 fixed up: what a bomb aimed at the decoder's memory looks like.
   */
  static byte[] hugeDictionaryXz(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XZOutputStream o = new XZOutputStream(bytes, new LZMA2Options(0))) {
      o.write(content);
    }
    byte[] xz = bytes.toByteArray();
    int header = 12;
    int headerSize = ((xz[header] & 0xff) + 1) * 4;
    assertThat(xz[header + 2]).isEqualTo((byte) 0x21); // LZMA2 filter id
    xz[header + 4] = 37; // 1.5 GiB, the largest the decoder supports
    CRC32 crc = new CRC32();
    crc.update(xz, header, headerSize - 4);
    long v = crc.getValue();
    for (int i = 0; i < 4; i++) {
      xz[header + headerSize - 4 + i] = (byte) (v >>> (8 * i));
    }
    return xz;
  }

  @Test
  void typesAndTimesAreKeptAsGiven() throws Exception {
    CollectorIndex index = parse("{\"directories\":[{\"path\":\"archive\",\"files\":[{\"path\":\"x-2019-05.tar.xz\","
        + "\"size\":10,\"last_modified\":\"2019-06-08 01:02\",\"types\":[\"bandwidth-file 1.0\"],"
        + "\"first_published\":\"2019-05-01 00:00\",\"last_published\":\"2019-05-31 23:59\",\"sha256\":\""
        + TestFixtures.sha256Base64(new byte[0]) + "\"}]}]}");
    IndexEntry e = index.entries().get(0);
    assertThat(e).isEqualTo(new IndexEntry("archive/x-2019-05.tar.xz", 10, Instant.parse("2019-06-08T01:02:00Z"),
        List.of("bandwidth-file 1.0"), Instant.parse("2019-05-01T00:00:00Z"), Instant.parse("2019-05-31T23:59:00Z"),
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));
  }
}
