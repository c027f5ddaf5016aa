package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.torspark.testing.Fixtures.parseAll;
import static org.torspark.testing.Fixtures.parseOne;
import static org.torspark.testing.Fixtures.read;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torspark.descriptor.DescriptorError;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.ServerDescriptor;
import org.torspark.testing.Fixtures;

/**
 * Relay and bridge server descriptors from real fixtures (testdata/PROVENANCE.md). Expected values
 * were read off the fixture text; digests were computed independently (Python hashlib over the
 * bytes from "router " through "router-signature\n") and, where CollecTor names files by digest,
 * equal the file name.
 */
class ServerDescriptorFixturesTest {
  private static final DescriptorType RELAY = DescriptorType.SERVER_DESCRIPTOR;
  private static final DescriptorType BRIDGE = DescriptorType.BRIDGE_SERVER_DESCRIPTOR;

  static List<String> relayFiles() {
    return Fixtures.filesUnder("server-descriptor");
  }

  static List<String> bridgeFiles() {
    return Fixtures.filesUnder("bridge-server-descriptor");
  }

  @ParameterizedTest
  @MethodSource("relayFiles")
  void everyRealRelayFixtureParsesWithoutErrors(String path) {
    assertThat(parseAll(path, RELAY, ServerDescriptor.class))
        .allSatisfy(d -> {
          assertThat(d.type()).isEqualTo(RELAY);
          assertThat(d.digest()).matches("[0-9a-f]{40}");
          assertThat(d.digestSha256()).matches("[A-Za-z0-9+/]{43}");
          assertThat(d.exitPolicy()).isNotEmpty();
        });
  }

  @ParameterizedTest
  @MethodSource("bridgeFiles")
  void everyRealBridgeFixtureParsesWithoutErrors(String path) {
    assertThat(parseAll(path, BRIDGE, ServerDescriptor.class))
        .allSatisfy(d -> {
          assertThat(d.type()).isEqualTo(BRIDGE);
          assertThat(d.digest()).matches("[0-9a-f]{40}");
          assertThat(d.digestSha256()).isNull();
          assertThat(d.address()).startsWith("10.");
        });
  }

  @Test
  void descriptorCountsMatchProvenance() {
    assertThat(parseAll("server-descriptor/2014-12-08-server-descriptors", null, ServerDescriptor.class)).hasSize(867);
    assertThat(parseAll("server-descriptor/2020-02-29-10-05-00-server-descriptors", null, ServerDescriptor.class))
        .hasSize(587);
    assertThat(parseAll("server-descriptor/2017-07-17-17-20-00-server-descriptors", null, ServerDescriptor.class))
        .hasSize(4);
    assertThat(parseAll("server-descriptor/relay-2016-10-02-16-05-00-server-descriptors", null,
        ServerDescriptor.class)).hasSize(10);
    assertThat(parseAll("server-descriptor/single/metrics_server_desc_multiple", null, ServerDescriptor.class))
        .hasSize(2);
    assertThat(parseAll("bridge-server-descriptor/2017-07-17-17-09-00-server-descriptors", null,
        ServerDescriptor.class)).hasSize(13);
    assertThat(parseAll("bridge-server-descriptor/bridge-2016-10-02-16-09-00-server-descriptors", null,
        ServerDescriptor.class)).hasSize(8);
  }

  @Test
  void exampleDescriptorCaerSidi() {
    ServerDescriptor d = parseOne("server-descriptor/single/example_descriptor", null, ServerDescriptor.class);
    assertThat(d.type()).isEqualTo(RELAY);
    assertThat(d.nickname()).isEqualTo("caerSidi");
    assertThat(d.address()).isEqualTo("71.35.133.197");
    assertThat(d.orPort()).isEqualTo(9001);
    assertThat(d.socksPort()).isZero();
    assertThat(d.dirPort()).isZero();
    assertThat(d.platform()).isEqualTo("Tor 0.2.1.30 on Linux x86_64");
    assertThat(d.torVersion()).isEqualTo("0.2.1.30");
    assertThat(d.os()).isEqualTo("Linux x86_64");
    assertThat(d.protocols()).isEqualTo("Link 1 2 Circuit 1");
    assertThat(d.proto()).isEmpty();
    assertThat(d.published()).isEqualTo(Instant.parse("2012-03-01T17:15:27Z"));
    assertThat(d.fingerprint()).isEqualTo("A7569A83B5706AB1B1A9CB52EFF7D2D32E4553EB");
    assertThat(d.uptime()).isEqualTo(588217L);
    assertThat(d.bandwidthAvg()).isEqualTo(153600L);
    assertThat(d.bandwidthBurst()).isEqualTo(256000L);
    assertThat(d.bandwidthObserved()).isEqualTo(104590L);
    assertThat(d.extraInfoDigest()).isEqualTo("D225B728768D7EA4B5587C13A7A9D22EBBEE6E66");
    assertThat(d.extraInfoDigestSha256()).isNull();
    assertThat(d.family()).hasSize(8)
        .startsWith("$0CE3CFB1E9CC47B63EA8869813BF6FAB7D4540C1")
        .endsWith("$E5E3E9A472EAF7BE9682B86E92305DB4C71048EF");
    assertThat(d.hiddenServiceDir()).isTrue();
    assertThat(d.hibernating()).isFalse();
    assertThat(d.contact()).isEqualTo("www.atagar.com/contact");
    assertThat(d.exitPolicy()).containsExactly("reject *:*");
    assertThat(d.exitPolicyV6()).isNull();
    assertThat(d.masterKeyEd25519()).isNull();
    assertThat(d.ntorOnionKey()).isNull();
    assertThat(d.digest()).isEqualTo("2c7b27beab04b4e2459d89ca6d5cd1cc5f95a689");
    assertThat(d.digestSha256()).isEqualTo("Vfh8k6pcFjETCNCblDFd0UNRdKlQIOT9R6cPgjOL6eo");
    assertThat(d.routerDigestSha256()).isNull();
    assertThat(d.unknownLines()).isEmpty();
  }

  @Test
  void oldDescriptorFrom2005HasHistoriesAndOptPrefixes() {
    ServerDescriptor d = parseOne("server-descriptor/single/old_descriptor", null, ServerDescriptor.class);
    assertThat(d.nickname()).isEqualTo("krypton");
    assertThat(d.platform()).isEqualTo("Tor 0.1.0.14 on FreeBSD i386");
    assertThat(d.torVersion()).isEqualTo("0.1.0.14");
    assertThat(d.fingerprint()).isEqualTo("3E2F63E2356F52318B536A12B6445373808A5D6C");
    assertThat(d.bandwidthObserved()).isZero();
    assertThat(d.hibernating()).isTrue();
    // "opt write-history" and "opt read-history  2005-..." (two spaces) in the original.
    assertThat(d.writeHistory().end()).isEqualTo(Instant.parse("2005-12-16T18:00:48Z"));
    assertThat(d.writeHistory().intervalSeconds()).isEqualTo(900L);
    assertThat(d.writeHistory().values()).hasSize(96).startsWith(81L).endsWith(110668L);
    assertThat(d.writeHistory().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2113522876L);
    assertThat(d.readHistory().values()).hasSize(96).startsWith(20774L).endsWith(131334L);
    assertThat(d.exitPolicy()).hasSize(20)
        .startsWith("reject 169.254.0.0/255.255.0.0:*", "reject 127.0.0.0/255.0.0.0:*")
        .contains("accept *:20-22", "accept *:6660-6669")
        .endsWith("accept *:8888", "reject *:*");
    assertThat(d.digest()).isEqualTo("00bb5385c0df28dc6765ac465d0cc7bc6a41ad33");
    assertThat(d.digestSha256()).isEqualTo("cfinfh1kInrI+2GF1V1QbYzDsdJpO0eLXw4kuHzAuWI");
  }

  @Test
  void modernDescriptorAkkaWithEd25519Identity() {
    ServerDescriptor d = parseOne("server-descriptor/single/routerdesc1-Akka-2022.txt", RELAY, ServerDescriptor.class);
    assertThat(d.nickname()).isEqualTo("Akka");
    assertThat(d.address()).isEqualTo("95.216.33.58");
    assertThat(d.orPort()).isEqualTo(443);
    assertThat(d.fingerprint()).isEqualTo("56927E61B51E6F363FB55498150A6DDFCF7077F2");
    assertThat(d.masterKeyEd25519()).isEqualTo("CVTjf1oeaL616hH+1+UvYZ8OgkwF3z7UMITvJzm5r7A");
    assertThat(d.orAddresses()).containsExactly("[2a01:4f9:2a:2145::2]:443");
    assertThat(d.torVersion()).isEqualTo("0.4.8.0-alpha-dev");
    assertThat(d.proto()).hasSize(12)
        .containsEntry("Cons", "1-2")
        .containsEntry("LinkAuth", "1,3")
        .containsEntry("Relay", "1-4");
    assertThat(d.proto().keySet()).startsWith("Cons", "Desc", "DirCache", "FlowCtrl");
    assertThat(d.bandwidthObserved()).isEqualTo(61224922L);
    assertThat(d.extraInfoDigest()).isEqualTo("4CCE5DEC20C90181E17F6289ACD0F7D4F154E163");
    assertThat(d.extraInfoDigestSha256()).isEqualTo("HnCFgG6MKHpSVLtj5EIf6+27Sv8bYXnzRMF/SoJEkbw");
    assertThat(d.family()).containsExactly("$303509AB910EF207B7438C27435C4A2FD579F1B1",
        "$56927E61B51E6F363FB55498150A6DDFCF7077F2");
    assertThat(d.contact()).isEqualTo("Alexander Faeroey <ahf@0x90.dk> (0x61A208E16E7CB435)");
    assertThat(d.ntorOnionKey()).isEqualTo("Mps7UpkWEzkuNdGoId1nU+EhBFjswzN/e305v89donM");
    assertThat(d.tunnelledDirServer()).isTrue();
    assertThat(d.digest()).isEqualTo("2516b9302d015686b1f272424d6cb4c3714856a7");
    assertThat(d.digestSha256()).isEqualTo("f14BlfaBZCccHVwIue8fKKC6L2dNjlMmMuC1jp2+224");
  }

  @Test
  void descriptorWithEd25519AndIpv6Policy() {
    ServerDescriptor d = parseOne("server-descriptor/single/server_descriptor_with_ed25519", null,
        ServerDescriptor.class);
    assertThat(d.nickname()).isEqualTo("destiny");
    assertThat(d.dirPort()).isEqualTo(443);
    assertThat(d.masterKeyEd25519()).isEqualTo("Z6a1UabSK+N21j6NnyM6N7jssH6DK68qa6W5uB4QpGQ");
    assertThat(d.orAddresses()).containsExactly("[2a01:608:ffff:ff07::1:23]:9003");
    assertThat(d.exitPolicy()).hasSize(19).startsWith("reject 0.0.0.0/8:*").endsWith("accept *:*")
        .contains("reject 94.242.246.23:*", "reject *:587");
    assertThat(d.exitPolicyV6()).isEqualTo("reject 25,465,587,10000,14464");
    assertThat(d.ntorOnionKey()).isEqualTo("JCj8BOqk0Khfp1hfoJaDbSTzNgeA/u2pSAXnaR3vhl0");
    assertThat(d.digest()).isEqualTo("b5e441051d139ccd84bc765d130b01e44dac29ad");
  }

  @Test
  void exitRelayIn2020HourlyFileIsTheOneItsConsensusEntryNames() {
    List<ServerDescriptor> all = parseAll("server-descriptor/2020-02-29-10-05-00-server-descriptors", null,
        ServerDescriptor.class);
    ServerDescriptor d = all.stream()
        .filter(s -> "5DC945CE8FB2A37E6E2795ECD2709BB21F8714B0".equals(s.fingerprint()))
        .findFirst().orElseThrow();
    assertThat(d.nickname()).isEqualTo("Unnamed");
    assertThat(d.address()).isEqualTo("207.244.70.35");
    assertThat(d.orPort()).isEqualTo(443);
    assertThat(d.dirPort()).isEqualTo(80);
    assertThat(d.published()).isEqualTo(Instant.parse("2020-02-29T09:01:12Z"));
    assertThat(d.bandwidthAvg()).isEqualTo(29360128L);
    assertThat(d.bandwidthBurst()).isEqualTo(52428800L);
    assertThat(d.bandwidthObserved()).isEqualTo(26593749L);
    assertThat(d.orAddresses()).containsExactly("[2604:9a00:2010:a08d:10::23]:443");
    assertThat(d.exitPolicy()).hasSize(87)
        .startsWith("reject 0.0.0.0/8:*", "reject 169.254.0.0/16:*")
        .contains("reject 207.244.70.35:*", "accept *:80-81", "accept *:443")
        .endsWith("accept *:64738", "reject *:*");
    assertThat(d.exitPolicyV6()).startsWith("accept 20-23,43,53,79-81,").endsWith(",50002,64738");
    // The consensus of 2020-02-29 10:00 lists it as
    // "r Unnamed XclFzo+yo35uJ5Xs0nCbsh+HFLA Myp/Sh1yQe6RRprKtSWx5eEDDuk".
    assertThat(d.digest()).isEqualTo("332a7f4a1d7241ee91469acab525b1e5e1030ee9");
    assertThat(d.digestSha256()).isEqualTo("WraxxwxMABKmM1mCxg0RRFiWYexKRwydspJyIZoWWSk");
  }

  @Test
  void firstDescriptorOf2020HourlyFile() {
    ServerDescriptor d = parseAll("server-descriptor/2020-02-29-10-05-00-server-descriptors", null,
        ServerDescriptor.class).get(0);
    assertThat(d.nickname()).isEqualTo("dc6jgk5b");
    assertThat(d.fingerprint()).isEqualTo("846B3EAAF0C07FF72FC79AEBB11FA3ADC58F240F");
    assertThat(d.masterKeyEd25519()).isEqualTo("cvBD6VtTgGHX9teN59R3rGppq4ZBEvz/v74QOAlu3NI");
    assertThat(d.uptime()).isEqualTo(5000987L);
    assertThat(d.family()).hasSize(18).contains("$846B3EAAF0C07FF72FC79AEBB11FA3ADC58F240F");
    assertThat(d.contact()).isEqualTo("see https://www.artikel5ev.de/torcontact/");
    assertThat(d.extraInfoDigestSha256()).isEqualTo("eNsv1uTt4qoX214WK2/5ssUWZOZazQCAB1pRMfSesqI");
    assertThat(d.digest()).isEqualTo("ad9e6512f0ad2825a948a059d1621a1022d613f1");
    assertThat(d.digestSha256()).isEqualTo("m4nLVhUf4+H8CUqCwIyCJamOreXHfNM3wRA+vItvUmM");
  }

  @Test
  void aggregatesOver2014FileMatchKeywordCounts() {
    List<ServerDescriptor> all = parseAll("server-descriptor/2014-12-08-server-descriptors", null,
        ServerDescriptor.class);
    // Counted with grep over the fixture (plain and "opt " lines).
    assertThat(all.stream().filter(ServerDescriptor::hibernating).count()).isEqualTo(56);
    assertThat(all.stream().filter(d -> d.exitPolicyV6() != null).count()).isEqualTo(4);
    assertThat(all.stream().filter(d -> !d.family().isEmpty()).count()).isEqualTo(129);
    assertThat(all.stream().filter(d -> d.contact() != null).count()).isEqualTo(451);
    assertThat(all.stream().filter(d -> d.ntorOnionKey() != null).count()).isEqualTo(820);
    assertThat(all.stream().filter(d -> !d.orAddresses().isEmpty()).count()).isEqualTo(36);
    assertThat(all.stream().filter(ServerDescriptor::cachesExtraInfo).count()).isEqualTo(6);
    assertThat(all).allSatisfy(d -> assertThat(d.fingerprint()).matches("[0-9A-F]{40}"));
  }

  /** Consensus r lines name descriptors by digest: the join key the digest column exists for. */
  @Test
  void digestsJoinWithConsensusEntries() throws IOException {
    Set<String> consensus = new HashSet<>();
    consensus.addAll(consensusDigests("consensus/2020-02-29-10-00-00-consensus"));
    consensus.addAll(consensusDigests("consensus/2020-02-29-11-00-00-consensus"));
    List<ServerDescriptor> d2020 = parseAll("server-descriptor/2020-02-29-10-05-00-server-descriptors", null,
        ServerDescriptor.class);
    assertThat(d2020.stream().filter(d -> consensus.contains(d.digest())).count()).isEqualTo(401);

    Set<String> consensus2014 = consensusDigests("consensus/2014-12-08-16-00-00-consensus");
    List<ServerDescriptor> d2014 = parseAll("server-descriptor/2014-12-08-server-descriptors", null,
        ServerDescriptor.class);
    assertThat(d2014.stream().filter(d -> consensus2014.contains(d.digest())).count()).isEqualTo(540);
  }

  private static Set<String> consensusDigests(String path) throws IOException {
    Set<String> out = new HashSet<>();
    for (String line : Fixtures.lines(path)) {
      if (line.startsWith("r ")) {
        String[] parts = line.split(" ");
        out.add(HexFormat.of().formatHex(Base64.getDecoder().decode(parts[3])));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("filesNamedByDigest")
  void digestIsTheFileNameCollectorGaveIt(String path) {
    List<ParsedDocument> docs = read(path, null);
    assertThat(docs).isNotEmpty().allSatisfy(doc -> {
      assertThat(doc.isError()).as(String.valueOf(doc.error())).isFalse();
      assertThat(((ServerDescriptor) doc.descriptor()).digest()).isEqualTo(doc.source().innermostName());
    });
  }

  static List<String> filesNamedByDigest() {
    return List.of(
        "server-descriptor/single/fafaa9366f010db805de13a4b7348aba2acb6f17",
        "server-descriptor/single/ffe08f10c0ca5198f7cfa8787651bee538f4f7e0",
        "server-descriptor/single/server-descriptors-2014-11/8/8/88827c73d5fd35e9638f820c44187ccdf8403b0f",
        "server-descriptor/single/server-descriptors-2014-12/7/a/7aef3ff4d6a3b20c03ebefef94e6dfca4d9b663a",
        "collector-tarball/server-descriptors-2005-12-cropped.tar",
        "collector-tarball/derived-xz/server-descriptors-2005-12-cropped.tar.xz",
        "collector-tarball/descriptor_archive.tar",
        "collector-tarball/descriptor_archive.tar.bz2",
        "collector-tarball/descriptor_archive.tar.gz",
        "bridge-server-descriptor/single/000a7fe20a17bf5d9839a126b1dff43f998aac6f",
        "collector-tarball/bridge-server-descriptors-2019-02-cropped.tar",
        "collector-tarball/derived-xz/bridge-server-descriptors-2019-02-cropped.tar.xz");
  }

  @Test
  void tarballsHoldTheExpectedNumberOfDescriptors() {
    assertThat(parseAll("collector-tarball/server-descriptors-2005-12-cropped.tar", null, ServerDescriptor.class))
        .hasSize(5).allSatisfy(d -> assertThat(d.type()).isEqualTo(RELAY));
    assertThat(parseAll("collector-tarball/descriptor_archive.tar.gz", null, ServerDescriptor.class)).hasSize(3);
    assertThat(parseAll("collector-tarball/bridge-server-descriptors-2019-02-cropped.tar", null,
        ServerDescriptor.class)).hasSize(4).allSatisfy(d -> assertThat(d.type()).isEqualTo(BRIDGE));
  }

  @Test
  void dizumIn2005TarballListsItsFamilyByNickname() {
    ServerDescriptor d = parseAll("collector-tarball/server-descriptors-2005-12-cropped.tar", null,
        ServerDescriptor.class).stream().filter(s -> s.nickname().equals("dizum")).findFirst().orElseThrow();
    assertThat(d.family()).containsExactly("cajones", "sabotage");
    assertThat(d.uptime()).isEqualTo(12762002L);
    assertThat(d.contact()).isEqualTo("1024R/8D56913D Alex de Joode <adejoode@sabotage.org>");
    assertThat(d.exitPolicy()).hasSize(21).startsWith("reject 0.0.0.0/255.0.0.0:*").endsWith("reject *:*");
    assertThat(d.digest()).isEqualTo("05c2a9a8439ddaa9d847c78e0ac390a1a0d4b475");
  }

  @Test
  void carriageReturnsInsideTheContactLineAreKept() {
    ServerDescriptor d = parseOne("server-descriptor/edge-cases/cr_in_contact_line", null, ServerDescriptor.class);
    assertThat(d.nickname()).isEqualTo("pogonip");
    assertThat(d.contact())
        .startsWith("jie1 at pacbell dot net -----BEGIN PGP PUBLIC KEY BLOCK-----\rVersion: GnuPG v1 dot 4 dot 7"
            + " (Darwin)\r\rmQGiBEbb0rcRBADqBiUXsmtpJifh74irNnkHbhKMj8O4TqenaZYhdjLWouZsZd07\r")
        .endsWith("\r=Xaw3\r-----END PGP PUBLIC KEY BLOCK-----");
    assertThat(d.exitPolicy()).isNotEmpty();
    assertThat(d.digest()).isEqualTo("def5878c5fe864cbe48510e85327e1d30f7aa971");
  }

  @Test
  void negativeUptimeIsKept() {
    ServerDescriptor d = parseOne("server-descriptor/edge-cases/negative_uptime", null, ServerDescriptor.class);
    assertThat(d.nickname()).isEqualTo("TipTor");
    assertThat(d.uptime()).isEqualTo(-31081285L);
    assertThat(d.digest()).isEqualTo("284979361612b14bebdf3d01b7973412caad5489");
  }

  @Test
  void nonAsciiContactIsDecodedAsUtf8() {
    ServerDescriptor d = parseOne("server-descriptor/edge-cases/non-ascii_descriptor", null, ServerDescriptor.class);
    assertThat(d.nickname()).isEqualTo("Coruscant");
    assertThat(d.contact()).isEqualTo("1024D/04D2E818 L\u00e9na\u00efc Huard <lenaic dot huard AT laposte dot net>");
    assertThat(d.digest()).isEqualTo("f0ce398f63e2a1a2b391dd92d3859c70c5afb21e");
  }

  @Test
  void bridgeDescriptorFrom2008() {
    ServerDescriptor d = parseOne("bridge-server-descriptor/single/bridge_descriptor", null, ServerDescriptor.class);
    assertThat(d.type()).isEqualTo(BRIDGE);
    assertThat(d.nickname()).isEqualTo("Unnamed");
    assertThat(d.address()).isEqualTo("10.18.111.71");
    assertThat(d.platform()).isEqualTo("Tor 0.2.0.26-rc (r14597) on Linux i686");
    assertThat(d.torVersion()).isEqualTo("0.2.0.26-rc");
    assertThat(d.os()).isEqualTo("Linux i686");
    assertThat(d.fingerprint()).isEqualTo("4ED573582B16ACDAF6E42AA044A038F83A7F6333");
    assertThat(d.uptime()).isEqualTo(204L);
    assertThat(d.bandwidthObserved()).isEqualTo(59408L);
    assertThat(d.extraInfoDigest()).isEqualTo("BB1F13AA431421BEA29B840A2E33BB1C31C2990B");
    assertThat(d.cachesExtraInfo()).isTrue();
    assertThat(d.exitPolicy()).containsExactly("reject *:*");
    assertThat(d.digest()).isEqualTo("00f1cd29ad308a59a9ab5a88b49ecb46e0f215fd");
    assertThat(d.routerDigestSha256()).isNull();
  }

  @Test
  void bridgeDescriptorWithSanitisedEd25519Key() {
    ServerDescriptor d = parseOne("bridge-server-descriptor/single/bridge_descriptor_with_ed25519", null,
        ServerDescriptor.class);
    assertThat(d.nickname()).isEqualTo("ChandlerObfs11");
    assertThat(d.orAddresses()).containsExactly("[fd9f:2e19:3bcf::3d:b3f9]:443");
    assertThat(d.masterKeyEd25519()).isEqualTo("lgIuiAJCoXPRwWoHgG4ZAoKtmrv47aPr4AsbmESj8AA");
    // CollecTor replaces a bridge's master key by a digest of it, which is no curve point: that is
    // why master-key-ed25519 lines are not checked, only the keys inside identity certificates.
    assertThat(Ed25519Point.isPoint(Base64.getDecoder().decode("lgIuiAJCoXPRwWoHgG4ZAoKtmrv47aPr4AsbmESj8AA=")))
        .isFalse();
    assertThat(d.contact()).isEqualTo("somebody");
    assertThat(d.extraInfoDigestSha256()).isEqualTo("lTSVvW/NMR2HsLaJwhndqTULAtsaaSilmvm/orV9y/s");
    assertThat(d.routerDigestSha256()).isEqualTo("OB/fqLD8lYmjti09R+xXH/D4S2qlizxdZqtudnsunxE");
    assertThat(d.digest()).isEqualTo("402ac6e2bb371923e637a1d23c2d8ea55d6eb7d5");
  }

  /** arti's deliberately broken descriptors (testdata/server-descriptor/malformed). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedDescriptorsBecomeErrorsSayingWhatIsWrong(String file, int line, String message) {
    List<ParsedDocument> docs = read("server-descriptor/malformed/" + file, RELAY);
    List<DescriptorError> errors = docs.stream().filter(ParsedDocument::isError).map(ParsedDocument::error).toList();
    assertThat(errors).as(file).isNotEmpty();
    DescriptorError first = errors.get(0);
    assertThat(first.message()).isEqualTo(message);
    assertThat(first.lineNumber()).isEqualTo(line);
  }

  static List<Object[]> malformed() {
    return List.of(
        new Object[] {"bad-cc-sign", 34, "'ntor-onion-key-crosscert' needs a sign bit of 0 or 1, found '7'"},
        new Object[] {"bad-ipv6policy", 43,
            "'ipv6-policy' needs 'accept' or 'reject' and a port list such as 80,443,1000-2000"},
        new Object[] {"bad-sig-order", 50,
            "'router-sig-ed25519' after 'router-signature', which must be the last item"},
        new Object[] {"bad-start1", 1, "a server descriptor must start with 'router', found 'identity-ed25519'"},
        new Object[] {"bad-start2", 1, "a server descriptor must start with 'router', found 'master-key-ed25519'"},
        new Object[] {"mismatched-ed-sk-in-cert", 8, "'master-key-ed25519' does not match the master key"
            + " CVTjf1oeaL616hH+1+UvYZ8OgkwF3z7UMITvJzm5r7E in the identity-ed25519 certificate"},
        new Object[] {"mismatched-fp", 12,
            "'fingerprint' does not match the signing-key, whose SHA-1 is EB6EFB27F29AC9511A4246D7ABE1AFABFB416FF1"},
        new Object[] {"no-ed-id-key-in-cert", 2,
            "'identity-ed25519' certificate has no signed-with-ed25519-key extension naming the master key"},
        new Object[] {"no-ed-sk", 1, "'onion-key-crosscert' requires 'identity-ed25519', which is missing"},
        new Object[] {"non-ed-sk-in-cert", 2, "'identity-ed25519' certified key type 3 is not ed25519 (1)"});
  }

  @Test
  void badStartFilesYieldTheStrayLinesAsErrorsAndParseWhatFollows() {
    // bad-start1 moved identity-ed25519 above router: the stray object is one error, and the
    // descriptor after it lacks the identity its cross-certificates need.
    List<ParsedDocument> start1 = read("server-descriptor/malformed/bad-start1", RELAY);
    assertThat(start1).hasSize(2).allSatisfy(d -> assertThat(d.isError()).isTrue());
    assertThat(start1.get(1).error().message())
        .isEqualTo("'onion-key-crosscert' requires 'identity-ed25519', which is missing");
    // bad-start2 put master-key-ed25519 above router: one error, then a valid descriptor.
    List<ParsedDocument> start2 = read("server-descriptor/malformed/bad-start2", RELAY);
    assertThat(start2).hasSize(2);
    assertThat(start2.get(1).isError()).isFalse();
    assertThat(((ServerDescriptor) start2.get(1).descriptor()).nickname()).isEqualTo("idun2");
  }

  /**
   * bad-ed-sk-in-cert replaces the certified signing key with bytes that are not a point on
   * ed25519: tor would reject the certificate's signature, arti the key itself; so do we (the key
   * check of Ed25519Point, no signature verification).
   */
  @Test
  void signingKeyThatIsNotACurvePointIsAnError() {
    List<ParsedDocument> docs = read("server-descriptor/malformed/bad-ed-sk-in-cert", RELAY);
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).isError()).isTrue();
    assertThat(docs.get(0).error().message()).isEqualTo(
        "'identity-ed25519' certificate certifies a signing key that is not a point on ed25519 (a damaged key)");
    assertThat(docs.get(0).error().line()).isEqualTo("identity-ed25519");
  }
}
