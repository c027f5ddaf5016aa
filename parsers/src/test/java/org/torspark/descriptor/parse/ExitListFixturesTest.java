package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExitAddress;
import org.torspark.descriptor.ExitList;
import org.torspark.descriptor.ExitListEntry;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;
import org.torspark.testing.Fixtures;

/** Real TorDNSEL exit lists (see testdata/PROVENANCE.md). */
class ExitListFixturesTest {

  private static List<ParsedDocument> read(InputStream in, String name) throws IOException {
    List<ParsedDocument> docs = new ArrayList<>();
    try (DescriptorReader reader = DescriptorReader.open(in, name, DescriptorReader.Options.lenient())) {
      reader.forEachRemaining(docs::add);
    }
    assertThat(docs).allSatisfy(d -> assertThat(d.error()).isNull());
    assertThat(docs).allSatisfy(d -> assertThat(d.type()).isEqualTo(DescriptorType.TORDNSEL));
    return docs;
  }

  private static ExitList readOne(String path) throws IOException {
    List<ParsedDocument> docs = read(Fixtures.open(path), path);
    assertThat(docs).hasSize(1);
    return (ExitList) docs.get(0).descriptor();
  }

  private static long addressCount(ExitList list) {
    return list.entries().stream().mapToLong(e -> e.exitAddresses().size()).sum();
  }

  @Test
  void fullExitList2016() throws Exception {
    ExitList list = readOne("exit-list/2016-09-20-13-02-00");
    assertThat(list.downloaded()).isEqualTo(Instant.parse("2016-09-20T13:02:00Z"));
    assertThat(list.entryCount()).isEqualTo(1118);
    assertThat(addressCount(list)).isEqualTo(1148);
    assertThat(list.unknownLines()).isEmpty();
    ExitListEntry first = list.entries().get(0);
    assertThat(first.fingerprint()).isEqualTo("0011BD2485AD45D984EC4159C88FC066E5E3300E");
    assertThat(first.published()).isEqualTo(Instant.parse("2016-09-20T07:22:06Z"));
    assertThat(first.lastStatus()).isEqualTo(Instant.parse("2016-09-20T08:02:53Z"));
    assertThat(first.exitAddresses())
        .containsExactly(new ExitAddress("162.247.72.201", Instant.parse("2016-09-20T08:09:39Z")));
    ExitListEntry twoAddresses = list.entries().stream()
        .filter(e -> e.fingerprint().equals("10AF630D2187F3AB26333F6360BF5C5628D190B0")).findFirst().orElseThrow();
    assertThat(twoAddresses.exitAddresses()).extracting(ExitAddress::address)
        .containsExactly("109.236.89.202", "109.236.89.208");
    ExitListEntry last = list.entries().get(1117);
    assertThat(last.fingerprint()).isEqualTo("FFA62CA0B2406685D86C69B4F82EF7B518FF8FFE");
    assertThat(last.exitAddresses())
        .containsExactly(new ExitAddress("91.134.232.49", Instant.parse("2016-09-20T06:13:43Z")));
  }

  @Test
  void croppedExitList2017() throws Exception {
    ExitList list = readOne("exit-list/2017-07-17-17-02-00");
    assertThat(list.downloaded()).isEqualTo(Instant.parse("2017-07-17T17:02:00Z"));
    assertThat(list.entryCount()).isEqualTo(44);
    assertThat(addressCount(list)).isEqualTo(44);
    ExitListEntry last = list.entries().get(43);
    assertThat(last.fingerprint()).isEqualTo("FFCF1FD04F46C429712AC7A04BB442CAD46B255B");
    assertThat(last.published()).isEqualTo(Instant.parse("2017-07-17T04:57:12Z"));
    assertThat(last.lastStatus()).isEqualTo(Instant.parse("2017-07-17T06:03:16Z"));
    assertThat(last.exitAddresses())
        .containsExactly(new ExitAddress("209.249.180.198", Instant.parse("2017-07-17T06:06:56Z")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "collector-tarball/exit-list-2018-11-cropped.tar",
      "collector-tarball/derived-xz/exit-list-2018-11-cropped.tar.xz"})
  void monthlyTarball(String path) throws Exception {
    Map<String, ExitList> byName = new LinkedHashMap<>();
    for (ParsedDocument doc : read(Fixtures.open(path), path)) {
      byName.put(doc.source().innermostName(), (ExitList) doc.descriptor());
    }
    assertThat(byName).hasSize(4);
    assertThat(byName.get("2018-11-01-00-02-01").entryCount()).isEqualTo(931);
    assertThat(byName.get("2018-11-01-01-02-01").entryCount()).isEqualTo(935);
    assertThat(byName.get("2018-11-02-00-02-01").entryCount()).isEqualTo(922);
    assertThat(byName.get("2018-11-02-01-02-01").entryCount()).isEqualTo(925);
    assertThat(addressCount(byName.get("2018-11-01-00-02-01"))).isEqualTo(934);
    // CollecTor names the file after the Downloaded time.
    byName.forEach((name, list) -> assertThat(list.downloaded()).isEqualTo(ExitListParser.timeFromFileName(name)));
    ExitListEntry first = byName.get("2018-11-02-01-02-01").entries().get(0);
    assertThat(first.fingerprint()).isEqualTo("0011BD2485AD45D984EC4159C88FC066E5E3300E");
    assertThat(first.published()).isEqualTo(Instant.parse("2018-11-01T17:08:26Z"));
    assertThat(first.lastStatus()).isEqualTo(Instant.parse("2018-11-02T00:03:25Z"));
    assertThat(first.downloaded()).isEqualTo(Instant.parse("2018-11-02T01:02:01Z"));
  }

  @Test
  void listWithoutDownloadedLineTakesItsTimeFromTheCollectorFileName() throws Exception {
    // Older files lack the line; the same real list with the line removed stands in for one.
    String text = Fixtures.text("exit-list/2017-07-17-17-02-00").replace("Downloaded 2017-07-17 17:02:00\n", "");
    assertThat(text).doesNotContain("Downloaded");
    List<ParsedDocument> docs = read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
        "recent/exit-lists/2017-07-17-17-02-00");
    ExitList list = (ExitList) docs.get(0).descriptor();
    assertThat(list.downloaded()).isEqualTo(Instant.parse("2017-07-17T17:02:00Z"));
    assertThat(list.entryCount()).isEqualTo(44);
  }

  @Test
  void tablesAttachDownloadedToEveryRow() throws Exception {
    ExitList list = readOne("exit-list/2017-07-17-17-02-00");
    String time = DescriptorType.TORDNSEL.timeColumn();
    assertThat(time).isEqualTo("downloaded");

    @SuppressWarnings("unchecked")
    Table<ExitListEntry> rows = (Table<ExitListEntry>) Tables.forType(DescriptorType.TORDNSEL, Tables.Grain.ROW);
    assertThat(rows.columns()).extracting(c -> c.name()).containsExactly(
        "downloaded", "fingerprint", "published", "last_status", "exit_addresses", "unknown_lines");
    assertThat(rows.column("exit_addresses").nested().columns()).extracting(c -> c.name())
        .containsExactly("address", "tested_at");
    List<ExitListEntry> entries = new ArrayList<>(rows.rowsOf(list));
    assertThat(entries).hasSize(44);
    assertThat(entries).allSatisfy(e ->
        assertThat(rows.column(time).get(e)).isEqualTo(Instant.parse("2017-07-17T17:02:00Z")));

    @SuppressWarnings("unchecked")
    Table<ExitList> documents = (Table<ExitList>) Tables.forType(DescriptorType.TORDNSEL, Tables.Grain.DOCUMENT);
    assertThat(documents.columns()).extracting(c -> c.name())
        .containsExactly("downloaded", "entry_count", "unknown_lines");
    assertThat(documents.column(time).get(list)).isEqualTo(Instant.parse("2017-07-17T17:02:00Z"));
    assertThat(documents.column("entry_count").get(list)).isEqualTo(44);
  }
}
