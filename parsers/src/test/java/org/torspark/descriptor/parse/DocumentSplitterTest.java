package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.parse.DocumentSplitter.Piece;
import org.torspark.testing.Fixtures;

class DocumentSplitterTest {
  private static final DescriptorSource SRC = DescriptorSource.ofFile("test");

  private static List<Piece> split(String text, DescriptorType requested) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return DocumentSplitter.split(b, b.length, SRC, requested);
  }

  private static List<Piece> split(String text) {
    return split(text, null);
  }

  @Test
  void typeAnnotationsSeparateConcatenatedDescriptorsAndAreNotPartOfThem() {
    List<Piece> pieces = split("@type server-descriptor 1.0\nrouter a\nrouter-signature\n"
        + "@type server-descriptor 1.0\nrouter b\nrouter-signature\n");
    assertThat(pieces).hasSize(2);
    assertThat(pieces.get(0).document().text()).isEqualTo("router a\nrouter-signature\n");
    assertThat(pieces.get(0).document().type()).isEqualTo(DescriptorType.SERVER_DESCRIPTOR);
    assertThat(pieces.get(0).document().annotation()).isEqualTo("server-descriptor 1.0");
    assertThat(pieces.get(1).document().text()).isEqualTo("router b\nrouter-signature\n");
    assertThat(pieces.get(1).document().firstLine()).isEqualTo(5);
    assertThat(pieces.get(1).document().offset()).isEqualTo(82);
  }

  @Test
  void unannotatedConcatenationSplitsAtTheStartKeyword() {
    List<Piece> pieces = split("router a 1.2.3.4 9001 0 0\nplatform x\nrouter b 1.2.3.5 9001 0 0\n");
    assertThat(pieces).extracting(p -> p.document().text())
        .containsExactly("router a 1.2.3.4 9001 0 0\nplatform x\n", "router b 1.2.3.5 9001 0 0\n");
    assertThat(pieces).allSatisfy(p -> assertThat(p.document().type()).isEqualTo(DescriptorType.SERVER_DESCRIPTOR));
  }

  @Test
  void linesThatOnlyStartLikeTheKeywordStayInTheDocumentAndLinesAreCountedPastThem() {
    // The splitter jumps to lines starting with '@' or "ro"; these must not end the document.
    List<Piece> pieces = split("router a\nrouters x\nro\nr\n x@y\nrouter-signature\n"
        + "-----BEGIN SIGNATURE-----\nrouterAAAA\n-----END SIGNATURE-----\nrouter\tb\nplatform @x\nrouter\n");
    assertThat(pieces).extracting(p -> p.document().text()).containsExactly(
        "router a\nrouters x\nro\nr\n x@y\nrouter-signature\n"
            + "-----BEGIN SIGNATURE-----\nrouterAAAA\n-----END SIGNATURE-----\n",
        "router\tb\nplatform @x\n", "router\n");
    assertThat(pieces).extracting(p -> p.document().firstLine()).containsExactly(1, 10, 12);
  }

  @Test
  void aRepeatedTypeLineResolvesLikeTheFirstAndAChangedOneAnew() {
    List<Piece> pieces = split("@type server-descriptor 1.0\nrouter a\n@type server-descriptor 1.0\nrouter b\n"
        + "@type server-descriptor 2.0\nrouter c\n@type server-descriptor 1.1\nrouter d\n"
        + "@type extra-info 1.0\nextra-info e\n@type extra-info 1.0\nextra-info f\n");
    assertThat(pieces).extracting(p -> p.document().annotation()).containsExactly("server-descriptor 1.0",
        "server-descriptor 1.0", "server-descriptor 2.0", "server-descriptor 1.1", "extra-info 1.0", "extra-info 1.0");
    assertThat(pieces).extracting(Piece::problem).containsExactly(null, null,
        "unsupported version in '@type server-descriptor 2.0': this library reads server-descriptor 1.x", null, null,
        null);
    assertThat(pieces).extracting(p -> p.document().type()).containsExactly(DescriptorType.SERVER_DESCRIPTOR,
        DescriptorType.SERVER_DESCRIPTOR, DescriptorType.SERVER_DESCRIPTOR, DescriptorType.SERVER_DESCRIPTOR,
        DescriptorType.EXTRA_INFO, DescriptorType.EXTRA_INFO);
    assertThat(pieces).extracting(p -> p.document().firstLine()).containsExactly(2, 4, 6, 8, 10, 12);
  }

  @Test
  void torCacheAnnotationsEndADocumentAndAreDropped() {
    List<Piece> pieces = split("@downloaded-at 2020-01-01 00:00:00\n@source \"1.2.3.4\"\nrouter a\n"
        + "@downloaded-at 2020-01-01 00:00:00\nrouter b\n");
    assertThat(pieces).extracting(p -> p.document().text()).containsExactly("router a\n", "router b\n");
  }

  @Test
  void microdescriptorsSplitOnOnionKeyLineOnly() {
    List<Piece> pieces = split("onion-key\n-----BEGIN RSA PUBLIC KEY-----\nAAA\n-----END RSA PUBLIC KEY-----\n"
        + "ntor-onion-key x\nonion-key\nntor-onion-key y\n");
    assertThat(pieces).hasSize(2);
    assertThat(pieces.get(1).document().text()).isEqualTo("onion-key\nntor-onion-key y\n");
  }

  @Test
  void statusDocumentsAreNeverSplit() {
    String consensus = "network-status-version 3\nvote-status consensus\nr a\nr b\n"
        + "dir-key-certificate-version 3\n";
    List<Piece> pieces = split(consensus);
    assertThat(pieces).hasSize(1);
    assertThat(pieces.get(0).document().type()).isEqualTo(DescriptorType.NETWORK_STATUS_CONSENSUS_3);
    assertThat(pieces.get(0).document().text()).isEqualTo(consensus);
  }

  @Test
  void crlfAndStrayCarriageReturnsDoNotMoveBoundaries() {
    List<Piece> pieces = split("router a\r\ncontact x\ry\r\nrouter b\r\n");
    assertThat(pieces).extracting(p -> p.document().text())
        .containsExactly("router a\r\ncontact x\ry\r\n", "router b\r\n");
  }

  @Test
  void nonAsciiBytesDoNotMoveBoundaries() {
    List<Piece> pieces = split("router a\ncontact \u00e9\u00ff\u0000\nrouter b\n");
    assertThat(pieces).hasSize(2);
  }

  @Test
  void trailingBlankLinesAreNotPartOfTheDocument() {
    List<Piece> pieces = split("onion-key\np accept 80\n\n\n@type microdescriptor 1.0\nonion-key\n");
    assertThat(pieces.get(0).document().text()).isEqualTo("onion-key\np accept 80\n");
  }

  @Test
  void anyMinorVersionIsAccepted() {
    Piece p = split("@type network-status-vote-3 1.17\nnetwork-status-version 3\n").get(0);
    assertThat(p.problem()).isNull();
    assertThat(p.document().type()).isEqualTo(DescriptorType.NETWORK_STATUS_VOTE_3);
  }

  @Test
  void higherMajorVersionIsRefusedWithTheAnnotationQuoted() {
    Piece p = split("@type server-descriptor 2.0\nrouter a\n").get(0);
    assertThat(p.problem()).contains("unsupported version").contains("@type server-descriptor 2.0");
  }

  @Test
  void unknownTypeIsReportedWithTheAnnotation() {
    Piece p = split("@type bridge-pool-assignment 1.0\nbridge-pool-assignment 2011-01-01 00:00:00\n").get(0);
    assertThat(p.document().type()).isNull();
    assertThat(p.annotationName()).isEqualTo("bridge-pool-assignment");
    assertThat(p.problem()).contains("unsupported descriptor type '@type bridge-pool-assignment 1.0'");
  }

  @Test
  void exitListsMislabelledAsTorperfAreRecognisedByContent() {
    // CollecTor 1.1.0 and 1.1.1 wrote "@type torperf 1.0" on exit lists (formats.md §1.3).
    Piece p = split("@type torperf 1.0\nDownloaded 2016-12-01 00:02:00\nExitNode AAAA\n").get(0);
    assertThat(p.problem()).isNull();
    assertThat(p.document().type()).isEqualTo(DescriptorType.TORDNSEL);
  }

  @Test
  void unrecognisableContentWithoutAnnotationAsksForTheType() {
    Piece p = split("hello world\n").get(0);
    assertThat(p.document().type()).isNull();
    assertThat(p.problem()).contains("cannot tell the descriptor type").contains("set the type");
  }

  @Test
  void requestedTypeIsUsedWhenContentCannotTell() {
    Piece p = split("garbage\n", DescriptorType.SERVER_DESCRIPTOR).get(0);
    assertThat(p.document().type()).isEqualTo(DescriptorType.SERVER_DESCRIPTOR);
    assertThat(p.problem()).isNull();
  }

  @Test
  void bridgeDescriptorsWithoutAnnotationFollowTheRequest() {
    Piece p = split("router a\n", DescriptorType.BRIDGE_SERVER_DESCRIPTOR).get(0);
    assertThat(p.document().type()).isEqualTo(DescriptorType.BRIDGE_SERVER_DESCRIPTOR);
  }

  @Test
  void emptyAndBlankInputHasNoDocuments() {
    assertThat(split("")).isEmpty();
    assertThat(split("\n\r\n  \n")).isEmpty();
  }

  @Test
  void realRecentFileSplitsIntoAsManyDocumentsAsItHasTypeAnnotations() {
    String text = Fixtures.text("server-descriptor/2020-02-29-10-05-00-server-descriptors");
    long annotations = text.lines().filter(l -> l.startsWith("@type ")).count();
    long routers = text.lines().filter(l -> l.startsWith("router ")).count();
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    List<Piece> pieces = DocumentSplitter.split(b, b.length, SRC, null);
    assertThat(annotations).isEqualTo(routers).isGreaterThan(1);
    assertThat(pieces).hasSize((int) routers);
    assertThat(pieces).allSatisfy(p -> assertThat(p.document().text()).startsWith("router "));
  }
}
