package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.descriptor.DescriptorError;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.Microdescriptor;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.ReadStats;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;
import org.torspark.testing.Fixtures;

/** Real microdescriptors (see testdata/PROVENANCE.md): counts, values read off the text, digests, joins. */
class MicrodescriptorFixturesTest {

  /** Everything read from one fixture. */
  record Read(List<Microdescriptor> descriptors, List<ParsedDocument> documents, List<DescriptorError> errors,
      ReadStats stats) {}

  static Read read(String path, DescriptorType type) throws IOException {
    List<Microdescriptor> descriptors = new ArrayList<>();
    List<ParsedDocument> documents = new ArrayList<>();
    List<DescriptorError> errors = new ArrayList<>();
    InputStream in = Fixtures.open(path);
    DescriptorReader.Options options = DescriptorReader.Options.lenient().withType(type);
    try (DescriptorReader reader = DescriptorReader.open(in, path, options)) {
      while (reader.hasNext()) {
        ParsedDocument doc = reader.next();
        documents.add(doc);
        if (doc.isError()) {
          errors.add(doc.error());
        } else {
          descriptors.add((Microdescriptor) doc.descriptor());
        }
      }
      return new Read(descriptors, documents, errors, reader.stats());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "microdescriptor/2017-07-17-17-20-00-micro, 14",
      "microdescriptor/2019-12-15-cached-microdescs, 6374",
      "microdescriptor/2024-04-16-cached-microdescs.new, 280",
      "microdescriptor/single/cached-microdescs-2013, 3"})
  void everyRealMicrodescriptorParsesAndTheTypeIsDetectedFromContent(String path, int count) throws Exception {
    Read read = read(path, null);
    assertThat(read.errors()).isEmpty();
    assertThat(read.descriptors()).hasSize(count);
    assertThat(read.documents()).allSatisfy(d -> assertThat(d.type()).isEqualTo(DescriptorType.MICRODESCRIPTOR));
  }

  @Test
  void collectorRecentFileValues() throws Exception {
    List<Microdescriptor> mds = read("microdescriptor/2017-07-17-17-20-00-micro", null).descriptors();
    Microdescriptor first = mds.get(0);
    assertThat(first.digest()).isEqualTo("/jQrBtx413NvWDZt47XMEfySDzca+AmoDTFcydeJMVk");
    assertThat(first.digestHex()).isEqualTo("fe342b06dc78d7736f58366de3b5cc11fc920f371af809a80d315cc9d7893159");
    assertThat(first.ntorOnionKey()).isEqualTo("TNQpEp4ZLF3UitmQk8lHKVF0LBIiqxRXovZF2dIxg2s=");
    assertThat(first.idRsa1024()).isEqualTo("QqIYKeAXfHdaKZhrhE4SKiXuPJU");
    assertThat(first.idEd25519()).isNull();
    assertThat(first.exitPolicy()).isNull();
    Microdescriptor second = mds.get(1);
    assertThat(second.idEd25519()).isEqualTo("6FEPaO0qQ+XC/VWJOg17RGHUZxwjYZ7FEApvyezZzVg");
    assertThat(second.ntorOnionKey()).isEqualTo("Ho7mMeY7DbRkV4CCsoOt0l/33y68T5ak00W+x4KWFH8=");
    assertThat(mds.get(13).digest()).isEqualTo("0ZgGBFQ1JvSn3DWDggWol5uLLN6e8nPaJ0W4eLPdups");
  }

  @Test
  void stemCacheFrom2013Values() throws Exception {
    List<Microdescriptor> mds = read("microdescriptor/single/cached-microdescs-2013", null).descriptors();
    assertThat(mds.get(0).ntorOnionKey()).isNull();
    assertThat(mds.get(0).digest()).isEqualTo("UPBrN0HDguw7sN45oxlMa5p4NzQtFGoi69Lj4GGFJYc");
    assertThat(mds.get(1).family()).containsExactly("$6141629FA0D15A6AEAEF3A1BEB76E64C767B3174");
    assertThat(mds.get(1).ntorOnionKey()).isEqualTo("r5572HzD+PMPBbXlZwBhsm6YEbxnYgis8vhZ1jmdI2k=");
    Microdescriptor third = mds.get(2);
    assertThat(third.orAddresses()).containsExactly("[2001:6b0:7:125::242]:9001");
    assertThat(third.exitPolicy()).isEqualTo("accept 80,443");
    assertThat(third.digestHex()).isEqualTo("ba10867c833a45b783d59fc2e9ef5cb78d7e34897d11ba603fcc06eee653d91c");
  }

  @Test
  void torBrowserCacheFrom2024Values() throws Exception {
    List<Microdescriptor> mds = read("microdescriptor/2024-04-16-cached-microdescs.new", null).descriptors();
    Microdescriptor first = mds.get(0);
    assertThat(first.ntorOnionKey()).as("method 30 drops the '='").isEqualTo("plGKVLjWLXrGvugjl5KnKv1vTAeO6CgYc9viYpKCmw4");
    assertThat(first.family()).containsExactly(
        "$794BF108ED6FB213EF3DEB65D64EB7E44E332B1C", "$CEAD826E0C9C867EDCE24D8B77B47D34758F09BA");
    assertThat(first.idEd25519()).isEqualTo("OJ0+BbZEpjGxHBJUMdMW1iZiiJ7EpEpU/GdqOLvW0cw");
    assertThat(first.digest()).isEqualTo("+Ae9hiVWe3NLLedjx1OxwgHmJY1L8QYrRhy5xrknEbI");
    assertThat(mds.get(279).digest()).isEqualTo("ClOosE81nBQ16iOw4kTo/siriskL2uxlmKybD6olseQ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "collector-tarball/microdescs-2019-05-cropped.tar",
      "collector-tarball/derived-xz/microdescs-2019-05-cropped.tar.xz"})
  void tarballMembersAreNamedByTheDigestWeCompute(String path) throws Exception {
    Read read = read(path, DescriptorType.MICRODESCRIPTOR);
    assertThat(read.errors()).isEmpty();
    assertThat(read.descriptors()).hasSize(3);
    assertThat(read.stats().skipped()).as("the microdesc consensus in the same tarball").isEqualTo(1);
    for (ParsedDocument doc : read.documents()) {
      Microdescriptor md = (Microdescriptor) doc.descriptor();
      assertThat(doc.source().entry()).contains("/micro/");
      assertThat(md.digestHex()).isEqualTo(doc.source().innermostName());
    }
    assertThat(read.descriptors()).extracting(Microdescriptor::digestHex).containsExactlyInAnyOrder(
        "00a0fc9aeeb9677af212bd9999201303f2ab6f19561661a9c81e61abb93ec391",
        "00a1c073e857ec91257b1246d6b98e8696a0a88d843ebbb30f90d009054ed1bf",
        "00a3a786ca4f649029689bc1cc4a2033bb1403fecf45d7a1bc02e35cdabfac18");
    Microdescriptor withPolicies = read.descriptors().stream()
        .filter(m -> m.digestHex().startsWith("00a0fc")).findFirst().orElseThrow();
    assertThat(withPolicies.exitPolicy()).startsWith("accept 20-23,37,43,53,79-81,").endsWith(",50002,64738");
    assertThat(withPolicies.exitPolicyV6()).isEqualTo(withPolicies.exitPolicy());
    assertThat(withPolicies.family()).containsExactly(
        "$0510759CDCB5093E1C79E627F440F3A3A881FB89", "$524E676FDAFB9509E91897D8163695C9491C803C");
    assertThat(withPolicies.idEd25519()).isEqualTo("LGxFbkxROypnd2KOC9gLnLGS1L3NSb9mdNls6hyr/Jk");
  }

  @Test
  void microdescConsensusMLinesJoinTheCachedMicrodescriptorsOfTheSameClient() throws Exception {
    Map<String, Microdescriptor> byDigest = new HashMap<>();
    for (Microdescriptor md : read("microdescriptor/2019-12-15-cached-microdescs", null).descriptors()) {
      byDigest.put(md.digest(), md);
    }
    List<String> mLines = new ArrayList<>();
    for (String line : Fixtures.lines("consensus-microdesc/2019-12-15-13-00-00-cached-microdesc-consensus")) {
      if (line.startsWith("m ")) {
        mLines.add(line.substring(2));
      }
    }
    assertThat(mLines).hasSize(6345);
    // 5963 of the 6345 referenced microdescriptors are in the client's cache (counted independently).
    assertThat(mLines.stream().filter(byDigest::containsKey).count()).isEqualTo(5963);
    // relay rathergonaked's entry points at the first microdescriptor of the cache file.
    Microdescriptor rathergonaked = byDigest.get("jUlGcTMAliiBVoIcMtyWfQfTuFtcza3LglC7rWJu+Tw");
    assertThat(rathergonaked).isNotNull();
    assertThat(rathergonaked.idEd25519()).isEqualTo("nIfONGGaqq8Csth0uJTvn/Jyv/ejGC35edmVhzUJKVM");
    assertThat(rathergonaked.ntorOnionKey()).isEqualTo("+oeyx+QQiHBAldhG3diQzNarVs2XxKBddvXUNYKe028=");
  }

  @Test
  void malformedBogusPolicy() throws Exception {
    Read read = read("microdescriptor/malformed/bogus-policy", DescriptorType.MICRODESCRIPTOR);
    assertThat(read.descriptors()).isEmpty();
    assertThat(read.errors()).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("'p6' has a bad port list 'whatever'");
      assertThat(e.line()).isEqualTo("p6 accept whatever");
      assertThat(e.lineNumber()).isEqualTo(9);
    });
  }

  @Test
  void malformedNonAsciiPolicy() throws Exception {
    Read read = read("microdescriptor/malformed/non-ascii-policy", DescriptorType.MICRODESCRIPTOR);
    assertThat(read.descriptors()).isEmpty();
    assertThat(read.errors()).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("'p6' must start with 'accept' or 'reject', found 'acce'");
      assertThat(e.lineNumber()).isEqualTo(9);
    });
  }

  @Test
  void malformedWrongStartIsAnErrorForTheStrayFamilyLine() throws Exception {
    // The stray line before onion-key is its own (broken) document; the microdescriptor after it is whole.
    Read read = read("microdescriptor/malformed/wrong-start", DescriptorType.MICRODESCRIPTOR);
    assertThat(read.errors()).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("a microdescriptor must start with 'onion-key', found 'family'");
      assertThat(e.lineNumber()).isEqualTo(1);
    });
    assertThat(read.descriptors()).singleElement()
        .satisfies(md -> assertThat(md.family()).isEmpty())
        .satisfies(md -> assertThat(md.idEd25519()).isEqualTo("k3TwldYWObTQkjmY83o+uG6xcbD5b/Zda8QPc/C5Ftg"));
  }

  @Test
  void wrongIdIsNotAnErrorBecauseDirSpecSaysUnknownIdTypesMustBeIgnored() throws Exception {
    // arti rejects this file because it lacks 'id ed25519'; microdescriptors before consensus
    // method 21 have none, and dir-spec says unknown id key types MUST be ignored. Kept, not lost.
    Read read = read("microdescriptor/malformed/wrong-id", DescriptorType.MICRODESCRIPTOR);
    assertThat(read.errors()).isEmpty();
    assertThat(read.descriptors()).singleElement().satisfies(md -> {
      assertThat(md.idEd25519()).isNull();
      assertThat(md.unknownLines()).containsExactly("id explodo hgncrBuwMLKGDCCnpwzeiJ+kXohhfI2mKBqplig1QXQ");
      assertThat(md.ntorOnionKey()).isEqualTo("/fws6MoOl8/n43vQitjj7sIMUwsDIHK9SC5C1NvMS10");
    });
  }

  @Test
  void tableColumnsAreTheContract() throws Exception {
    Table<?> table = Tables.forType(DescriptorType.MICRODESCRIPTOR, Tables.Grain.ROW);
    assertThat(table.columns()).extracting(c -> c.name()).containsExactly(
        "digest", "digest_hex", "onion_key", "ntor_onion_key", "or_addresses", "family", "family_ids", "exit_policy",
        "exit_policy_v6", "id_rsa1024", "id_ed25519", "proto", "unknown_lines");
    Microdescriptor md = read("microdescriptor/single/cached-microdescs-2013", null).descriptors().get(2);
    @SuppressWarnings("unchecked")
    Table<Microdescriptor> t = (Table<Microdescriptor>) table;
    List<Object> rows = new ArrayList<>(t.rowsOf(md));
    assertThat(rows).containsExactly(md);
    assertThat(t.column("exit_policy").get(md)).isEqualTo("accept 80,443");
    assertThat(t.column("exit_policy_v6").get(md)).isNull();
  }
}
