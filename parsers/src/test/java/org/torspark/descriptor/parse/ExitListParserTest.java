package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExitAddress;
import org.torspark.descriptor.ExitList;
import org.torspark.descriptor.ExitListEntry;

/** TorDNSEL exit lists built line by line, one change per case. */
class ExitListParserTest {

  private static final List<String> BASE = List.of(
      "Downloaded 2016-09-20 13:02:00",
      "ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E",
      "Published 2016-09-20 07:22:06",
      "LastStatus 2016-09-20 08:02:53",
      "ExitAddress 162.247.72.201 2016-09-20 08:09:39",
      "ExitNode 10AF630D2187F3AB26333F6360BF5C5628D190B0",
      "Published 2016-09-20 09:33:36",
      "LastStatus 2016-09-20 10:02:53",
      "ExitAddress 109.236.89.202 2016-09-20 10:10:11",
      "ExitAddress 109.236.89.208 2016-09-20 10:10:12");

  private static final DescriptorSource IN_TARBALL =
      new DescriptorSource("exit-list-2016-09.tar.xz", "exit-list-2016-09/20/2016-09-20-13-02-00");

  private static ExitList parse(List<String> lines) throws DescriptorParseException {
    return parse(lines, IN_TARBALL);
  }

  private static ExitList parse(List<String> lines, DescriptorSource source) throws DescriptorParseException {
    byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    return new ExitListParser().parse(Document.of(DescriptorType.TORDNSEL, bytes, source));
  }

  private static List<String> with(int index, String replacement) {
    List<String> out = new ArrayList<>(BASE);
    if (replacement == null) {
      out.remove(index);
    } else {
      out.set(index, replacement);
    }
    return out;
  }

  private static List<String> inserted(int index, String line) {
    List<String> out = new ArrayList<>(BASE);
    out.add(index, line);
    return out;
  }

  @Test
  void readsEntriesInFileOrder() throws Exception {
    ExitList list = parse(BASE);
    assertThat(list.downloaded()).isEqualTo(Instant.parse("2016-09-20T13:02:00Z"));
    assertThat(list.entryCount()).isEqualTo(2);
    assertThat(list.unknownLines()).isEmpty();
    ExitListEntry first = list.entries().get(0);
    assertThat(first.fingerprint()).isEqualTo("0011BD2485AD45D984EC4159C88FC066E5E3300E");
    assertThat(first.published()).isEqualTo(Instant.parse("2016-09-20T07:22:06Z"));
    assertThat(first.lastStatus()).isEqualTo(Instant.parse("2016-09-20T08:02:53Z"));
    assertThat(first.exitAddresses())
        .containsExactly(new ExitAddress("162.247.72.201", Instant.parse("2016-09-20T08:09:39Z")));
    assertThat(list.entries().get(1).exitAddresses()).containsExactly(
        new ExitAddress("109.236.89.202", Instant.parse("2016-09-20T10:10:11Z")),
        new ExitAddress("109.236.89.208", Instant.parse("2016-09-20T10:10:12Z")));
    assertThat(list.type()).isEqualTo(DescriptorType.TORDNSEL);
  }

  @Test
  void everyEntryCarriesTheDownloadedTime() throws Exception {
    assertThat(parse(BASE).entries()).extracting(ExitListEntry::downloaded)
        .containsOnly(Instant.parse("2016-09-20T13:02:00Z"));
  }

  @Test
  void withoutDownloadedTheTimeComesFromTheFileName() throws Exception {
    ExitList list = parse(with(0, null));
    assertThat(list.downloaded()).isEqualTo(Instant.parse("2016-09-20T13:02:00Z"));
    assertThat(list.entries()).extracting(ExitListEntry::downloaded)
        .containsOnly(Instant.parse("2016-09-20T13:02:00Z"));
  }

  @Test
  void withoutDownloadedOrATimeInTheFileNameTheTimeIsNull() throws Exception {
    ExitList list = parse(with(0, null), DescriptorSource.ofFile("/data/exit-addresses"));
    assertThat(list.downloaded()).isNull();
    assertThat(list.entries()).extracting(ExitListEntry::downloaded).containsOnlyNulls();
  }

  @Test
  void downloadedLineWinsOverTheFileName() throws Exception {
    ExitList list = parse(with(0, "Downloaded 2016-09-20 13:02:07"));
    assertThat(list.downloaded()).isEqualTo(Instant.parse("2016-09-20T13:02:07Z"));
  }

  @Test
  void fileNameTimes() {
    assertThat(ExitListParser.timeFromFileName("2018-11-02-01-02-01"))
        .isEqualTo(Instant.parse("2018-11-02T01:02:01Z"));
    assertThat(ExitListParser.timeFromFileName("2018-11-02-01-02-01.txt"))
        .isEqualTo(Instant.parse("2018-11-02T01:02:01Z"));
    assertThat(ExitListParser.timeFromFileName("2018-11-02-01-02-011")).isNull();
    assertThat(ExitListParser.timeFromFileName("2018-11-02-25-02-01")).isNull();
    assertThat(ExitListParser.timeFromFileName("2018-11-02")).isNull();
    assertThat(ExitListParser.timeFromFileName("exit-list-2018-11")).isNull();
    assertThat(ExitListParser.timeFromFileName("")).isNull();
  }

  @Test
  void secondDownloadedLineIsRejected() {
    assertThatThrownBy(() -> parse(inserted(1, "Downloaded 2016-09-20 14:02:00")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("keyword 'Downloaded' may appear at most once, found 2 times");
  }

  @Test
  void badDownloadedTimeIsRejected() {
    assertThatThrownBy(() -> parse(with(0, "Downloaded 2016-09-20 13:02")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'Downloaded' has a bad timestamp '2016-09-20 13:02'");
  }

  @Test
  void lowerCaseFingerprintIsUpperCased() throws Exception {
    ExitList list = parse(with(1, "ExitNode 0011bd2485ad45d984ec4159c88fc066e5e3300e"));
    assertThat(list.entries().get(0).fingerprint()).isEqualTo("0011BD2485AD45D984EC4159C88FC066E5E3300E");
  }

  @Test
  void shortFingerprintIsRejected() {
    assertThatThrownBy(() -> parse(with(1, "ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'ExitNode' needs a 40-hex-digit fingerprint, found '0011BD2485AD45D984EC4159C88FC066E5E3300'")
        .satisfies(e -> assertThat(((DescriptorParseException) e).lineInDocument()).isEqualTo(2));
  }

  @Test
  void entryWithoutLastStatusIsRejectedNamingTheEntry() {
    assertThatThrownBy(() -> parse(with(7, null)))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("entry 'ExitNode 10AF630D2187F3AB26333F6360BF5C5628D190B0': missing required keyword 'LastStatus'")
        .satisfies(e -> assertThat(((DescriptorParseException) e).lineInDocument()).isEqualTo(6))
        .satisfies(e -> assertThat(((DescriptorParseException) e).line())
            .isEqualTo("ExitNode 10AF630D2187F3AB26333F6360BF5C5628D190B0"));
  }

  @Test
  void entryWithoutExitAddressIsRejected() {
    assertThatThrownBy(() -> parse(with(4, null)))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("entry 'ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E': missing required keyword 'ExitAddress'");
  }

  @Test
  void secondPublishedInAnEntryIsRejected() {
    assertThatThrownBy(() -> parse(inserted(3, "Published 2016-09-20 07:22:07")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("entry 'ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E': keyword 'Published' must appear"
            + " exactly once, found 2 times");
  }

  @Test
  void entryLineBeforeTheFirstExitNodeIsRejected() {
    assertThatThrownBy(() -> parse(inserted(1, "Published 2016-09-20 07:22:06")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'Published' before the first 'ExitNode'");
  }

  @Test
  void badExitAddressIsRejected() {
    assertThatThrownBy(() -> parse(with(4, "ExitAddress 162.247.72.301 2016-09-20 08:09:39")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'ExitAddress' has a bad IP address '162.247.72.301'");
  }

  @Test
  void exitAddressWithoutTimeIsRejected() {
    assertThatThrownBy(() -> parse(with(4, "ExitAddress 162.247.72.201")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'ExitAddress' needs at least 2 argument(s), found 1");
  }

  @Test
  void ipv6ExitAddressIsAccepted() throws Exception {
    ExitList list = parse(with(4, "ExitAddress 2001:db8::1 2016-09-20 08:09:39"));
    assertThat(list.entries().get(0).exitAddresses().get(0).address()).isEqualTo("2001:db8::1");
  }

  @Test
  void addresses() {
    assertThat(ExitListParser.isAddress("0.0.0.0")).isTrue();
    assertThat(ExitListParser.isAddress("255.255.255.255")).isTrue();
    assertThat(ExitListParser.isAddress("1.2.3")).isFalse();
    assertThat(ExitListParser.isAddress("1.2.3.4.5")).isFalse();
    assertThat(ExitListParser.isAddress("1.2.3.")).isFalse();
    assertThat(ExitListParser.isAddress("1..3.4")).isFalse();
    assertThat(ExitListParser.isAddress("1.2.3.0004")).isFalse();
    assertThat(ExitListParser.isAddress("a.b.c.d")).isFalse();
    assertThat(ExitListParser.isAddress("")).isFalse();
    assertThat(ExitListParser.isAddress("::1")).isTrue();
    assertThat(ExitListParser.isAddress("2001:db8::zz")).isFalse();
  }

  @Test
  void unknownLinesAreKeptInTheFileAndInTheirEntry() throws Exception {
    ExitList list = parse(inserted(8, "X-Confidence high"));
    assertThat(list.unknownLines()).containsExactly("X-Confidence high");
    assertThat(list.entries().get(1).unknownLines()).containsExactly("X-Confidence high");
    assertThat(list.entries().get(0).unknownLines()).isEmpty();
  }

  @Test
  void unknownLineBeforeTheFirstEntryBelongsToTheFileOnly() throws Exception {
    ExitList list = parse(inserted(1, "Source tordnsel"));
    assertThat(list.unknownLines()).containsExactly("Source tordnsel");
    assertThat(list.entries()).allSatisfy(e -> assertThat(e.unknownLines()).isEmpty());
  }

  @Test
  void listWithoutEntriesIsValid() throws Exception {
    ExitList list = parse(BASE.subList(0, 1));
    assertThat(list.entryCount()).isZero();
    assertThat(list.downloaded()).isEqualTo(Instant.parse("2016-09-20T13:02:00Z"));
  }

  @Test
  void crlfLineEndingsAreRead() throws Exception {
    byte[] bytes = (String.join("\r\n", BASE) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    ExitList list = new ExitListParser().parse(Document.of(DescriptorType.TORDNSEL, bytes, IN_TARBALL));
    assertThat(list.entries().get(1).exitAddresses().get(1).testedAt())
        .isEqualTo(Instant.parse("2016-09-20T10:10:12Z"));
  }
}
