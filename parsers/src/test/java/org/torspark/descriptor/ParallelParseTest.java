package org.torspark.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torspark.archive.ArchiveReader;
import org.torspark.testing.Fixtures;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Parsing on the shared pool ({@code parseThreads > 1}) must hand out exactly the documents, errors
 * and counts of a sequential read, in the same order, whatever the file.
 */
class ParallelParseTest {

  private record Read(List<ParsedDocument> documents, String stats) {}

  private static Read read(byte[] file, String name, DescriptorReader.Options options) {
    List<ParsedDocument> out = new ArrayList<>();
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(file), name, options)) {
      r.forEachRemaining(out::add);
      return new Read(out, r.stats().toString());
    }
  }

  static Stream<String> everyFixture() {
    List<String> all = new ArrayList<>();
    for (String dir : List.of("server-descriptor", "extra-info", "microdescriptor", "consensus",
        "consensus-microdesc", "vote", "bridge-network-status", "bridge-server-descriptor", "bridge-extra-info",
        "key-certificate", "bandwidth-file", "exit-list", "collector-tarball")) {
      all.addAll(Fixtures.filesUnder(dir));
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("everyFixture")
  void everyFixtureReadsTheSameInParallel(String path) {
    byte[] file = Fixtures.bytes(path);
    DescriptorReader.Options sequential = DescriptorReader.Options.lenient();
    Read expected = read(file, path, sequential);
    assertThat(expected.documents()).isNotEmpty();
    for (int threads : new int[] {2, 5}) {
      Read parallel = read(file, path, sequential.withParseThreads(threads));
      assertThat(parallel.documents()).as("%s with %d threads", path, threads).isEqualTo(expected.documents());
      assertThat(parallel.stats()).isEqualTo(expected.stats());
    }
  }

  @Test
  void skippedDocumentsAndErrorsKeepTheirPlaceAndCount() {
    // a tarball of many small entries of three types plus an empty one and a broken descriptor:
    // reading one type skips the others, batch by batch, and keeps the errors in file order
    byte[] server = Fixtures.bytes("server-descriptor/2020-02-29-10-05-00-server-descriptors");
    byte[] extra = Fixtures.bytes(Fixtures.filesUnder("extra-info").get(0));
    byte[] broken = new String(server, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replaceFirst("\nbandwidth [0-9]+", "\nbandwidth x").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      for (int i = 0; i < 40; i++) {
        byte[] body = switch (i % 4) {
          case 0 -> server;
          case 1 -> extra;
          case 2 -> i == 18 ? new byte[0] : broken;
          default -> server;
        };
        TarArchiveEntry e = new TarArchiveEntry("d/" + i);
        e.setSize(body.length);
        out.putArchiveEntry(e);
        out.write(body);
        out.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = tar.toByteArray();
    for (DescriptorType type : new DescriptorType[] {null, DescriptorType.SERVER_DESCRIPTOR, DescriptorType.EXTRA_INFO}) {
      DescriptorReader.Options options = DescriptorReader.Options.lenient().withType(type);
      Read expected = read(bytes, "mixed.tar", options);
      assertThat(expected.documents()).anyMatch(ParsedDocument::isError).anyMatch(d -> !d.isError());
      Read parallel = read(bytes, "mixed.tar", options.withParseThreads(3));
      assertThat(parallel.documents()).as("type %s", type).isEqualTo(expected.documents());
      assertThat(parallel.stats()).isEqualTo(expected.stats());
    }
  }

  /** The real exit lists four times over, xz'd in several LZMA2 chunks, cut after two thirds. */
  private static byte[] truncatedExitListArchive() throws IOException {
    ByteArrayOutputStream xzBytes = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(xzBytes, new LZMA2Options(0))) {
      for (int copy = 0; copy < 4; copy++) {
        xz.write(Fixtures.bytes("collector-tarball/exit-list-2018-11-cropped.tar"));
      }
    }
    return Arrays.copyOf(xzBytes.toByteArray(), xzBytes.size() * 2 / 3);
  }

  @Test
  void aTruncatedArchiveEndsWithTheSameErrorInParallel() throws IOException {
    byte[] truncated = truncatedExitListArchive();
    DescriptorReader.Options options = DescriptorReader.Options.lenient().withReadAhead(false);
    Read expected = read(truncated, "exits.tar.xz", options);
    ParsedDocument last = expected.documents().get(expected.documents().size() - 1);
    assertThat(last.isError()).isTrue();
    assertThat(last.error().message()).contains("the rest of this file was not read");
    Read parallel = read(truncated, "exits.tar.xz", options.withParseThreads(2));
    assertThat(parallel.documents()).isEqualTo(expected.documents());
    assertThat(parallel.stats()).isEqualTo(expected.stats());
  }

  @Test
  void largeEntriesThatKeepTheArchiveBufferAreNotOverwrittenByLaterOnes() throws IOException {
    // entries of 1 MiB and more are parsed from the archive reader's own buffer, handed back once
    // parsed: twelve large consensuses of different content, interleaved with small entries
    byte[] a = Fixtures.bytes("consensus/2020-02-29-10-00-00-consensus");
    byte[] b = Fixtures.bytes("consensus/2016-09-20-13-00-00-consensus");
    assertThat(Math.min(a.length, b.length)).isGreaterThanOrEqualTo(ParseQueue.OWN_BUFFER_BYTES);
    byte[] small = Fixtures.bytes("exit-list/2016-09-20-13-02-00");
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      for (int i = 0; i < 12; i++) {
        for (byte[] body : new byte[][] {i % 3 == 0 ? b : a, small}) {
          TarArchiveEntry e = new TarArchiveEntry("e/" + i + "-" + body.length);
          e.setSize(body.length);
          out.putArchiveEntry(e);
          out.write(body);
          out.closeArchiveEntry();
        }
      }
    }
    Read expected = read(tar.toByteArray(), "big.tar", DescriptorReader.Options.lenient());
    assertThat(expected.documents()).hasSize(24).noneMatch(ParsedDocument::isError);
    for (int threads : new int[] {2, 3}) {
      Read parallel = read(tar.toByteArray(), "big.tar", DescriptorReader.Options.lenient().withParseThreads(threads));
      assertThat(parallel.documents()).isEqualTo(expected.documents());
    }
  }

  private static Read readShard(byte[] file, String name, DescriptorReader.Options options, int index, int count) {
    List<ParsedDocument> out = new ArrayList<>();
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(file), name, options).shard(index, count)) {
      r.forEachRemaining(out::add);
      return new Read(out, r.stats().toString());
    }
  }

  private static long stat(String stats, String name) {
    for (String part : stats.split(" ")) {
      if (part.startsWith(name + "=")) {
        return Long.parseLong(part.substring(name.length() + 1));
      }
    }
    throw new IllegalArgumentException(name);
  }

  static Stream<String> archives() {
    return Stream.concat(Fixtures.filesUnder("collector-tarball").stream().filter(p -> p.contains(".tar")),
        Stream.of("consensus/2020-02-29-10-00-00-consensus", "server-descriptor/2014-12-08-server-descriptors"));
  }

  @ParameterizedTest
  @MethodSource("archives")
  void sharesOfAFileTogetherHandOutEveryDocumentOnce(String path) {
    byte[] file = Fixtures.bytes(path);
    for (DescriptorType type : new DescriptorType[] {null, DescriptorType.SERVER_DESCRIPTOR}) {
      DescriptorReader.Options options = DescriptorReader.Options.lenient().withType(type);
      Read whole = read(file, path, options);
      for (int count : new int[] {2, 3}) {
        for (int threads : new int[] {1, 2}) {
          List<ParsedDocument> union = new ArrayList<>();
          long documents = 0;
          long descriptors = 0;
          long errors = 0;
          long skipped = 0;
          for (int index = 0; index < count; index++) {
            Read share = readShard(file, path, options.withParseThreads(threads), index, count);
            union.addAll(share.documents());
            documents += stat(share.stats(), "documents");
            descriptors += stat(share.stats(), "descriptors");
            errors += stat(share.stats(), "errors");
            skipped += stat(share.stats(), "skipped");
            for (String counted : new String[] {"files", "entries", "bytes"}) {
              assertThat(stat(share.stats(), counted)).as(counted + " of share " + index)
                  .isEqualTo(index == 0 ? stat(whole.stats(), counted) : 0);
            }
          }
          assertThat(union).as("%s in %d shares, type %s", path, count, type)
              .containsExactlyInAnyOrderElementsOf(whole.documents());
          assertThat(documents).isEqualTo(stat(whole.stats(), "documents"));
          assertThat(descriptors).isEqualTo(stat(whole.stats(), "descriptors"));
          assertThat(errors).isEqualTo(stat(whole.stats(), "errors"));
          assertThat(skipped).isEqualTo(stat(whole.stats(), "skipped"));
        }
      }
    }
  }

  @Test
  void theErrorForAnUnreadableRestComesFromExactlyOneShare() throws IOException {
    byte[] truncated = truncatedExitListArchive();
    DescriptorReader.Options options = DescriptorReader.Options.lenient().withReadAhead(false);
    List<ParsedDocument> union = new ArrayList<>();
    for (int index = 0; index < 3; index++) {
      union.addAll(readShard(truncated, "exits.tar.xz", options, index, 3).documents());
    }
    assertThat(union).filteredOn(ParsedDocument::isError).hasSize(1);
    assertThat(union).containsExactlyInAnyOrderElementsOf(read(truncated, "exits.tar.xz", options).documents());
  }

  @Test
  void aShareMustBeOneOfTheCount() {
    DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(new byte[0]), "x", DescriptorReader.Options.lenient());
    assertThatThrownBy(() -> r.shard(2, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.shard(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closingWithBatchesStillInThePoolReturnsAndLeavesNothingBehind() {
    byte[] file = Fixtures.bytes("collector-tarball/server-descriptors-2005-12-cropped.tar");
    for (int i = 0; i < 20; i++) {
      try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(file), "s.tar",
          DescriptorReader.Options.lenient().withParseThreads(4))) {
        assertThat(r.hasNext()).isTrue();
        r.next();
      }
    }
    // the pool is still usable afterwards
    Read after = read(file, "s.tar", DescriptorReader.Options.lenient().withParseThreads(4));
    assertThat(after.documents()).isEqualTo(read(file, "s.tar", DescriptorReader.Options.lenient()).documents());
  }

  @Test
  void strictReadersParseOnTheCallingThreadSoTheFirstErrorStopsThem() {
    byte[] file = "router x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    DescriptorReader.Options strict = new DescriptorReader.Options(DescriptorType.SERVER_DESCRIPTOR, true,
        ArchiveReader.MAX_ENTRY_BYTES_DEFAULT, false, 4);
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(file), "bad", strict)) {
      assertThatThrownBy(r::hasNext).isInstanceOf(DescriptorException.class).hasMessageContaining("bad");
    }
  }

  /** What a job might take from a document: everything its relay lines or entries say, read in full. */
  private static String summary(ParsedDocument d) {
    if (d.isError()) {
      return "error " + d.error().message();
    }
    if (d.descriptor() instanceof BandwidthFile bf) {
      StringBuilder sb = new StringBuilder(bf.timestamp().toString());
      for (BandwidthRelayLine l : bf.relays()) {
        sb.append(' ').append(l.fingerprint()).append('=').append(l.bw()).append('/').append(l.bwMean());
      }
      return sb.toString();
    }
    if (d.descriptor() instanceof NetworkStatus n) {
      StringBuilder sb = new StringBuilder(String.valueOf(n.validAfter()));
      for (RouterStatusEntry e : n.entries()) {
        sb.append(' ').append(e.fingerprint()).append('=').append(e.bandwidth());
      }
      return sb.toString();
    }
    return d.toString();
  }

  /**
   * Bandwidth files of more than 1 MiB (whose parsed documents keep the archive reader's buffer)
   * made from the real sbws file, each with its own bandwidths, between the two real consensuses.
   */
  private static byte[] largeEntriesTar() throws IOException {
    String text = new String(Fixtures.bytes("bandwidth-file/sbws-v1.4.0-2019-04-21"),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    int body = text.indexOf("=====\n") + 6;
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      for (int i = 0; i < 10; i++) {
        byte[] entry;
        if (i % 4 == 3) {
          entry = Fixtures.bytes(i % 8 == 3 ? "consensus/2020-02-29-10-00-00-consensus"
              : "consensus/2016-09-20-13-00-00-consensus");
        } else {
          StringBuilder sb = new StringBuilder(text.substring(0, body));
          while (sb.length() < ParseQueue.OWN_BUFFER_BYTES + 1000) {
            sb.append(text.substring(body).replace("bw=", "bw=" + i + sb.length() % 7));
          }
          entry = sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        TarArchiveEntry e = new TarArchiveEntry("m/" + i);
        e.setSize(entry.length);
        out.putArchiveEntry(e);
        out.write(entry);
        out.closeArchiveEntry();
      }
    }
    return tar.toByteArray();
  }

  @Test
  void mappedDocumentsComeOutInOrderAsIfMappedOneByOne() throws IOException {
    byte[] tar = largeEntriesTar();
    List<String> expected = new ArrayList<>();
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(tar), "m.tar",
        DescriptorReader.Options.lenient())) {
      r.forEachRemaining(d -> expected.add(summary(d)));
    }
    assertThat(expected).hasSize(10).noneMatch(x -> x.startsWith("error"));
    assertThat(new java.util.HashSet<>(expected)).hasSize(10);
    for (int threads : new int[] {1, 2, 3}) {
      List<String> mapped = new ArrayList<>();
      try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(tar), "m.tar",
          DescriptorReader.Options.lenient().withParseThreads(threads))) {
        r.map(ParallelParseTest::summary).forEachRemaining(mapped::add);
        assertThat(stat(r.stats().toString(), "documents")).isEqualTo(10);
      }
      assertThat(mapped).as("%d threads", threads).isEqualTo(expected);
    }
  }

  @Test
  void errorsAreMappedTooAndWhatTheMapThrowsComesOut() throws IOException {
    byte[] truncated = truncatedExitListArchive();
    DescriptorReader.Options options = DescriptorReader.Options.lenient().withReadAhead(false);
    List<String> expected = read(truncated, "exits.tar.xz", options).documents().stream()
        .map(ParallelParseTest::summary).toList();
    for (int threads : new int[] {1, 2}) {
      List<String> mapped = new ArrayList<>();
      try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(truncated), "exits.tar.xz",
          options.withParseThreads(threads))) {
        r.map(ParallelParseTest::summary).forEachRemaining(mapped::add);
        assertThatThrownBy(r::next).isInstanceOf(IllegalStateException.class);
      }
      assertThat(mapped).isEqualTo(expected);
      assertThat(mapped.get(mapped.size() - 1)).contains("the rest of this file was not read");
      try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(truncated), "exits.tar.xz",
          options.withParseThreads(threads))) {
        java.util.Iterator<String> failing = r.map(d -> {
          throw new IllegalArgumentException("no thanks: " + d.source());
        });
        assertThatThrownBy(failing::hasNext).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no thanks");
        assertThatThrownBy(() -> r.map(ParallelParseTest::summary)).isInstanceOf(IllegalStateException.class);
      }
    }
  }

  @Test
  void parseThreadsBelowOneIsRefused() {
    assertThatThrownBy(() -> DescriptorReader.Options.lenient().withParseThreads(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parseThreads");
  }
}
