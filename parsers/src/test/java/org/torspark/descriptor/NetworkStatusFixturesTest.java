package org.torspark.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.descriptor.parse.Digests;
import org.torspark.descriptor.parse.DocumentSplitter;
import org.torspark.testing.Fixtures;

/**
 * Every real status document fixture (PROVENANCE.md) read through {@link DescriptorReader}: full
 * and cropped documents parse without errors and have exactly as many entries as they have
 * {@code r} lines; values asserted here were read off the fixture text.
 */
class NetworkStatusFixturesTest {
  private static final DescriptorType NS = DescriptorType.NETWORK_STATUS_CONSENSUS_3;
  private static final DescriptorType MD = DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3;
  private static final DescriptorType VOTE = DescriptorType.NETWORK_STATUS_VOTE_3;
  private static final DescriptorType BRIDGE = DescriptorType.BRIDGE_NETWORK_STATUS;

  /** The one status document in {@code path}, read with type detection; fails on any error. */
  static NetworkStatus only(String path) {
    List<ParsedDocument> docs = Fixtures.read(path, null);
    assertThat(docs).as(path).singleElement().satisfies(d -> assertThat(d.error()).as(path).isNull());
    return (NetworkStatus) docs.get(0).descriptor();
  }

  static RouterStatusEntry byNickname(NetworkStatus s, String nickname) {
    return s.entries().stream().filter(e -> e.nickname().equals(nickname)).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "consensus/2012-10-20-16-00-00-cached-consensus, network-status-consensus-3, 2991",
      "consensus/2014-12-08-16-00-00-consensus, network-status-consensus-3, 6840",
      "consensus/2016-09-20-13-00-00-consensus, network-status-consensus-3, 7213",
      "consensus/2017-04-15-00-00-00-consensus, network-status-consensus-3, 7347",
      "consensus/2020-02-29-10-00-00-consensus, network-status-consensus-3, 6433",
      "consensus/2020-02-29-11-00-00-consensus, network-status-consensus-3, 6463",
      "consensus/cropped/2017-07-17-17-00-00-consensus, network-status-consensus-3, 5",
      "consensus/cropped/2017-12-04-20-00-00-consensus.part, network-status-consensus-3, 3",
      "consensus/cropped/2018-10-15-00-00-00-consensus.part, network-status-consensus-3, 20",
      "consensus/cropped/cached-consensus-2012, network-status-consensus-3, 3",
      "consensus/cropped/metrics_consensus, network-status-consensus-3, 7",
      "consensus-microdesc/2016-10-02-17-00-00-consensus-microdesc, network-status-microdesc-consensus-3, 7284",
      "consensus-microdesc/2019-12-15-13-00-00-cached-microdesc-consensus, network-status-microdesc-consensus-3, 6345",
      "consensus-microdesc/2022-11-19-10-00-00-cached-microdesc-consensus, network-status-microdesc-consensus-3, 6088",
      "consensus-microdesc/cropped/2017-07-17-17-00-00-consensus-microdesc, network-status-microdesc-consensus-3, 3",
      "vote/2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-60ADC6BEC262AE921A1037D54C8A3976367DBE87,"
          + " network-status-vote-3, 7903",
      "vote/cropped/2017-07-17-17-00-00-vote-0232AF901C31A04EE9848595AF9BB7620D4C5B2E-6C2F5B0D52DFB3E4CA3DDEEAD690CC563CAF0601,"
          + " network-status-vote-3, 3",
      "vote/cropped/2018-10-15-00-00-00-vote-0232AF901C31A04EE9848595AF9BB7620D4C5B2E-55A38ED50848BE1F13C6A35C3CA637B0D962C2EF.part,"
          + " network-status-vote-3, 20",
      "vote/cropped/2018-10-15-00-00-00-vote-27102BC123E7AF1D4741AE047E160C91ADC76B21-049AB3179B12DACC391F06A10C2A8904E4339D33.part,"
          + " network-status-vote-3, 20",
      "vote/cropped/2018-10-15-00-00-00-vote-ED03BB616EB2F60BEC80151114BB25CEF515B226-2669AD153408F88E416CE6206D1A75EC3324A2F4.part,"
          + " network-status-vote-3, 20",
      "vote/cropped/2018-10-15-00-00-00-vote-EFCBE720AB3A82B99F9E953CD5BF50F7EEFC7B97-38C6A19F78948B689345EE41D7119D76246C4D3E.part,"
          + " network-status-vote-3, 20",
      "vote/cropped/metrics_vote, network-status-vote-3, 4",
      "bridge-network-status/20160920-063816-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1, bridge-network-status, 1906",
      "bridge-network-status/20170717-170645-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1, bridge-network-status, 53",
      "bridge-network-status/cropped/20171204-190507-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1.part, bridge-network-status, 2",
      "bridge-network-status/single/bridge_network_status, bridge-network-status, 4",
  })
  void everyRealDocumentParsesWithOneEntryPerRLine(String path, String typeName, int rLines) {
    NetworkStatus s = only(path);
    assertThat(s.type().typeName()).isEqualTo(typeName);
    assertThat(s.entryCount()).isEqualTo(rLines);
    assertThat(s.unknownLines()).isEmpty();
    assertThat(s.entries()).allSatisfy(e -> {
      assertThat(e.fingerprint()).matches("[0-9A-F]{40}");
      assertThat(e.unknownLines()).isEmpty();
    });
    if (s.type() != BRIDGE) {
      assertThat(s.validAfter()).isNotNull();
      assertThat(s.signatures()).isNotEmpty();
    }
  }

  @Test
  void consensus2020PreambleParamsAndWeights() {
    NetworkStatus s = only("consensus/2020-02-29-10-00-00-consensus");
    assertThat(s.type()).isEqualTo(NS);
    assertThat(s.consensusMethod()).isEqualTo(29);
    assertThat(s.validAfter()).isEqualTo(Instant.parse("2020-02-29T10:00:00Z"));
    assertThat(s.validUntil()).isEqualTo(Instant.parse("2020-02-29T13:00:00Z"));
    assertThat(s.knownFlags()).containsExactly("Authority", "BadExit", "Exit", "Fast", "Guard", "HSDir",
        "NoEdConsensus", "Running", "Stable", "StaleDesc", "V2Dir", "Valid");
    assertThat(s.params()).hasSize(18).containsEntry("CircuitPriorityHalflifeMsec", 30000L)
        .containsEntry("DoSConnectionMaxConcurrentCount", 50L).containsEntry("NumNTorsPerTAP", 100L)
        .containsEntry("sendme_emit_min_version", 1L).containsEntry("usecreatefast", 0L);
    assertThat(s.bandwidthWeights()).hasSize(19).containsEntry("Wee", 10000L).containsEntry("Wed", 10000L)
        .containsEntry("Wgg", 5683L).containsEntry("Wbg", 4317L).containsEntry("Wgd", 0L);
    assertThat(s.serverVersions()).startsWith("0.3.5.8").endsWith("0.4.3.2-alpha").hasSize(17);
    assertThat(s.requiredRelayProtocols()).containsEntry("Link", "3-4").containsEntry("Relay", "1-2");
    assertThat(s.sharedRandPreviousValue()).isEqualTo("byv03D8uD5fE73YYFyO+86pv3RF1mvF/bSyYA3xOxQg=");
    assertThat(s.authorities()).hasSize(8).extracting(DirSource::nickname)
        .containsExactly("dannenberg", "tor26", "longclaw", "maatuska", "moria1", "dizum", "gabelmoo", "Faravahar");
    DirSource maatuska = s.authorities().get(3);
    assertThat(maatuska.dirPort()).isEqualTo(443);
    assertThat(maatuska.orPort()).isEqualTo(80);
    assertThat(maatuska.contact()).isEqualTo("4096R/1E8BF34923291265 Linus Nordberg <linus@nordberg.se>");
    assertThat(maatuska.voteDigest()).isEqualTo("1EA0C19A3F7E7DC7DD75DDF7297EC0A9FB2C6CB4");
    assertThat(s.signatures()).hasSize(8).allSatisfy(sig -> assertThat(sig.algorithm()).isEqualTo("sha1"));
    assertThat(s.signatures().get(7).signingKeyDigest()).isEqualTo("310ED41DA061602C0D3127ED493C2D476426D73F");
  }

  @Test
  void consensus2020Relays() {
    NetworkStatus s = only("consensus/2020-02-29-10-00-00-consensus");
    RouterStatusEntry calyx = byNickname(s, "CalyxInstitute14");
    assertThat(calyx.fingerprint()).isEqualTo("0011BD2485AD45D984EC4159C88FC066E5E3300E");
    assertThat(calyx.digest()).isEqualTo("60abafbf924e3525d2e148a3785c0f724b5c6e00");
    assertThat(calyx.published()).isEqualTo(Instant.parse("2020-02-28T19:58:50Z"));
    assertThat(calyx.address()).isEqualTo("162.247.74.201");
    assertThat(calyx.orPort()).isEqualTo(443);
    assertThat(calyx.dirPort()).isEqualTo(80);
    assertThat(calyx.flags()).containsExactly("Exit", "Fast", "Guard", "Running", "Stable", "V2Dir", "Valid");
    assertThat(calyx.version()).isEqualTo("Tor 0.4.2.5");
    assertThat(calyx.proto()).hasSize(12).containsEntry("LinkAuth", "1,3").containsEntry("FlowCtrl", "1");
    assertThat(calyx.bandwidth()).isEqualTo(35200L);
    assertThat(calyx.unmeasured()).isFalse();
    assertThat(calyx.exitPolicy()).startsWith("accept 20-23,43,53,79-81,88,110,143,194,220,389,443,464,")
        .endsWith(",33033,64738");

    RouterStatusEntry volt = byNickname(s, "220VoltLive2");
    assertThat(volt.flags()).containsExactly("Running", "V2Dir", "Valid");
    assertThat(volt.bandwidth()).isEqualTo(20L);
    assertThat(volt.unmeasured()).isTrue();
    assertThat(volt.exitPolicy()).isEqualTo("reject 1-65535");

    RouterStatusEntry athena = byNickname(s, "Athena");
    assertThat(athena.orAddresses()).containsExactly("[2605:6400:30:fb10:d07b:edfd:2c84:bb4a]:443");

    // Aggregates over all 6433 entries, computed independently from the text.
    assertThat(s.entries().stream().filter(e -> e.flags().contains("Exit")).count()).isEqualTo(1118);
    assertThat(s.entries().stream().mapToLong(RouterStatusEntry::bandwidth).sum()).isEqualTo(68_842_463L);
    assertThat(s.entries().stream().filter(e -> !e.orAddresses().isEmpty()).count()).isEqualTo(1258);
    assertThat(s.entries().stream().filter(RouterStatusEntry::unmeasured).count()).isEqualTo(356);
    assertThat(s.entries().stream().filter(e -> "reject 1-65535".equals(e.exitPolicy())).count()).isEqualTo(5200);
  }

  @Test
  void consensus2014DigestsJoinServerDescriptorsOfThatDay() {
    byte[] descriptors = Fixtures.bytes("server-descriptor/2014-12-08-server-descriptors");
    Set<String> digests = new HashSet<>();
    for (DocumentSplitter.Piece p : DocumentSplitter.split(descriptors, descriptors.length,
        DescriptorSource.ofFile("2014-12-08-server-descriptors"), DescriptorType.SERVER_DESCRIPTOR)) {
      digests.add(Digests.signedPartSha1Hex(p.document()));
    }
    assertThat(digests).hasSize(867);
    NetworkStatus s = only("consensus/2014-12-08-16-00-00-consensus");
    assertThat(s.entries().stream().filter(e -> digests.contains(e.digest())).count()).isEqualTo(540);
  }

  @Test
  void consensus2012ListsNamedAndUnnamedFlags() {
    NetworkStatus s = only("consensus/2012-10-20-16-00-00-cached-consensus");
    assertThat(s.consensusMethod()).isEqualTo(14);
    assertThat(s.knownFlags()).contains("Named", "Unnamed");
    assertThat(s.authorities().get(2).hostname()).isEqualTo("dannenberg.ccc.de");
  }

  @Test
  void microdescConsensus2022() {
    NetworkStatus s = only("consensus-microdesc/2022-11-19-10-00-00-cached-microdesc-consensus");
    assertThat(s.type()).isEqualTo(MD);
    assertThat(s.flavor()).isEqualTo("microdesc");
    assertThat(s.consensusMethod()).isEqualTo(32);
    assertThat(s.knownFlags()).contains("MiddleOnly", "Sybil", "StaleDesc");
    RouterStatusEntry seele = s.entries().get(0);
    assertThat(seele.nickname()).isEqualTo("seele");
    assertThat(seele.fingerprint()).isEqualTo("000A10D43011EA4928A35F610405F92B4433B4DC");
    assertThat(seele.digest()).isNull();
    assertThat(seele.microdescriptorDigest()).isEqualTo("38hr2IZV5m/kTlVcZmroAwmemDqYVeN+5HcTprpIa2A");
    assertThat(seele.version()).isEqualTo("Tor 0.4.7.10");
    assertThat(seele.bandwidth()).isEqualTo(270L);
    assertThat(seele.exitPolicy()).isNull();
    assertThat(s.entries()).allSatisfy(e -> assertThat(e.microdescriptorDigest()).hasSize(43));
    assertThat(s.entries().stream().mapToLong(RouterStatusEntry::bandwidth).sum()).isEqualTo(94_115_156L);
    assertThat(s.entries().stream().filter(e -> e.flags().contains("Exit")).count()).isEqualTo(1438);
    assertThat(s.signatures()).hasSize(8).allSatisfy(sig -> assertThat(sig.algorithm()).isEqualTo("sha256"));
  }

  @Test
  void vote2016ByMaatuskaWithMinorVersion17() {
    String path = "vote/2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-"
        + "60ADC6BEC262AE921A1037D54C8A3976367DBE87";
    NetworkStatus v = only(path);
    assertThat(v.type()).isEqualTo(VOTE);
    assertThat(v.consensusMethods()).containsExactly(13, 14, 15, 16, 17, 18, 19, 20, 22);
    assertThat(v.published()).isEqualTo(Instant.parse("2016-09-20T12:50:01Z"));
    assertThat(v.validAfter()).isEqualTo(Instant.parse("2016-09-20T13:00:00Z"));
    assertThat(v.flagThresholds()).containsEntry("guard-wfu", "98.000%").containsEntry("fast-speed", "102000")
        .containsEntry("ignoring-advertised-bws", "1").hasSize(9);
    assertThat(v.params()).containsEntry("cbttestfreq", 60L);
    assertThat(v.authorityNickname()).isEqualTo("maatuska");
    assertThat(v.authorityFingerprint()).isEqualTo("49015F787433103580E3B66A1707A00E60F2D15B");
    KeyCertificate cert = v.keyCertificate();
    assertThat(cert.fingerprint()).isEqualTo("49015F787433103580E3B66A1707A00E60F2D15B");
    assertThat(cert.dirKeyPublished()).isEqualTo(Instant.parse("2016-07-10T21:51:43Z"));
    assertThat(cert.dirKeyExpires()).isEqualTo(Instant.parse("2016-10-10T21:51:43Z"));
    // The vote is signed with the signing key its own certificate certifies.
    assertThat(v.signatures()).singleElement().satisfies(sig ->
        assertThat(sig.signingKeyDigest()).isEqualTo("5AFD510553FD6A7249A9009F8E0F15AC3C24A644")
            .isEqualTo(cert.dirSigningKeyDigest()));

    RouterStatusEntry pd = v.entries().get(0);
    assertThat(pd.nickname()).isEqualTo("PDrelay1");
    assertThat(pd.fingerprint()).isEqualTo("000149E6EF7102AACA9690D6E8DD2932124B94AB");
    assertThat(pd.digest()).isEqualTo("ce51aade9c045b0577a90b6f30c2e32564ae950c");
    assertThat(pd.bandwidth()).isEqualTo(2992L);
    assertThat(pd.measured()).isEqualTo(8890L);
    assertThat(pd.ed25519Id()).isEqualTo("8RH34kO07Pp+XYwzdoATVyCibIvmbslUjRkAm7J4IA8");
    assertThat(pd.microdescriptorHashes()).hasSize(5).first()
        .isEqualTo("13 sha256=JtJq1Tt6Zcjfu7cwEIJcvhBQAymyAgFec7dsf3XGBvs");
    assertThat(v.entries().stream().filter(e -> e.measured() != null).count()).isEqualTo(7526);
    assertThat(v.entries().stream().mapToLong(RouterStatusEntry::bandwidth).sum()).isEqualTo(20_535_239L);
  }

  @Test
  void voteWithoutAnnotationIsRecognisedFromItsContent() {
    // In malformed/ because stem cannot read it without being told the type; it is a sound 2012 vote.
    NetworkStatus v = only("vote/malformed/vote-no-annotation");
    assertThat(v.type()).isEqualTo(VOTE);
    assertThat(v.entryCount()).isEqualTo(7);
    assertThat(v.consensusMethods()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(v.authorityNickname()).isEqualTo("turtles");
    assertThat(v.keyCertificate().fingerprint()).isEqualTo("27B6B5996C426270A5C95488AA5BCEB6BCC86956");
    RouterStatusEntry first = v.entries().get(0);
    assertThat(first.nickname()).isEqualTo("sumkledi");
    assertThat(first.version()).as("'opt v' line").isEqualTo("Tor 0.2.2.35");
    assertThat(first.exitPolicy()).isEqualTo("accept 80,443");
    assertThat(first.measured()).isEqualTo(36L);
    assertThat(first.microdescriptorHashes()).containsExactly("8,9,10,11,12 sha256=g1vx9si329muxV3tquWIXXySNOIwRGMeAESKs/v4DWs");
  }

  @Test
  void microdescConsensusWithCarriageReturnsParses() {
    // In malformed/ because stem needs normalize_newlines for it; CRLF endings are read like LF.
    NetworkStatus s = only("consensus-microdesc/malformed/cached-microdesc-consensus_with_carriage_returns");
    assertThat(s.type()).isEqualTo(MD);
    assertThat(s.entryCount()).isEqualTo(4);
    assertThat(s.entries().get(0).flags()).containsExactly("Fast", "Running", "Stable", "Valid");
    assertThat(s.entries().get(0).microdescriptorDigest()).isEqualTo("iH2s4cVPTmThmmx1phnjDd6oGpHAEP7FDK38AFYRV74");
    assertThat(s.knownFlags()).endsWith("Valid");
    assertThat(s.signatures()).hasSize(9);
  }

  @Test
  void bridgeStatus2016() {
    NetworkStatus b = only("bridge-network-status/20160920-063816-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1");
    assertThat(b.type()).isEqualTo(BRIDGE);
    assertThat(b.published()).isEqualTo(Instant.parse("2016-09-20T06:38:16Z"));
    assertThat(b.authorityFingerprint()).isEqualTo("1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1");
    assertThat(b.flagThresholds()).containsEntry("guard-wfu", "98.000%").containsEntry("ignoring-advertised-bws", "0");
    RouterStatusEntry first = b.entries().get(0);
    assertThat(first.nickname()).isEqualTo("Unnamed");
    assertThat(first.published()).isEqualTo(Instant.parse("2016-09-20T05:04:15Z"));
    assertThat(first.address()).isEqualTo("10.183.232.113");
    assertThat(first.orPort()).isEqualTo(56654);
    assertThat(first.flags()).containsExactly("Fast", "HSDir", "Running", "Stable", "V2Dir", "Valid");
    assertThat(first.bandwidth()).isEqualTo(790L);
    assertThat(b.entries().get(1).fingerprint()).isEqualTo("001B1B03AC99101899F358A6A5CB34CCDC51C97A");
  }

  @Test
  void bridgeStatusFormat10HasNoAuthorityLine() {
    NetworkStatus b = only("bridge-network-status/single/bridge_network_status");
    assertThat(b.published()).isEqualTo(Instant.parse("2012-06-01T04:07:04Z"));
    assertThat(b.authorityFingerprint()).isNull();
    assertThat(b.entries()).extracting(RouterStatusEntry::nickname)
        .containsExactly("Unnamed", "TolFuin", "sidvic", "AntoniusBlock");
    assertThat(b.entries().get(0).fingerprint()).isEqualTo("0014A2055278DB3EB0E59EA701741416AF185558");
    assertThat(b.entries().get(0).digest()).isEqualTo("148ef8685b8d259650ae0967d1ff8e6a870c7743");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "collector-tarball/consensuses-2018-06-cropped.tar, network-status-consensus-3, '35,208'",
      "collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz, network-status-consensus-3, '35,208'",
      "collector-tarball/bridge-statuses-2019-05-cropped.tar, bridge-network-status, '1297,1296'",
      "collector-tarball/derived-xz/bridge-statuses-2019-05-cropped.tar.xz, bridge-network-status, '1297,1296'",
      "collector-tarball/microdescs-2019-05-cropped.tar, network-status-microdesc-consensus-3, '556'",
      "collector-tarball/derived-xz/microdescs-2019-05-cropped.tar.xz, network-status-microdesc-consensus-3, '556'",
  })
  void tarballsOfStatuses(String path, String typeName, String entryCounts) {
    DescriptorType type = DescriptorType.fromName(typeName).orElseThrow();
    List<ParsedDocument> docs = Fixtures.read(path, type);
    assertThat(docs).allSatisfy(d -> assertThat(d.error()).isNull());
    assertThat(docs).extracting(d -> ((NetworkStatus) d.descriptor()).entryCount())
        .map(String::valueOf).containsExactly(entryCounts.split(","));
    assertThat(docs).allSatisfy(d -> assertThat(d.type()).isEqualTo(type));
  }

  @Test
  void tarballConsensusesKeepTheirEntryNames() {
    List<ParsedDocument> docs = Fixtures.read("collector-tarball/consensuses-2018-06-cropped.tar", null);
    assertThat(docs).extracting(d -> d.source().entry()).containsExactly(
        "consensuses-2018-06/01/2018-06-01-01-00-00-consensus", "consensuses-2018-06/01/2018-06-01-00-00-00-consensus");
    assertThat(docs).extracting(d -> ((NetworkStatus) d.descriptor()).validAfter())
        .containsExactly(Instant.parse("2018-06-01T01:00:00Z"), Instant.parse("2018-06-01T00:00:00Z"));
  }

  @Test
  void microdescTarballReadWithoutATypeReportsOnlyTheMicrodescriptorsItCannotParseHere() {
    List<ParsedDocument> docs = Fixtures.read("collector-tarball/microdescs-2019-05-cropped.tar", null);
    List<NetworkStatus> statuses = docs.stream().filter(d -> d.descriptor() instanceof NetworkStatus)
        .map(d -> (NetworkStatus) d.descriptor()).collect(Collectors.toList());
    assertThat(statuses).singleElement().satisfies(s -> assertThat(s.entryCount()).isEqualTo(556));
    assertThat(docs).filteredOn(ParsedDocument::isError)
        .allSatisfy(d -> assertThat(d.type()).isEqualTo(DescriptorType.MICRODESCRIPTOR));
  }

  @Test
  void legacyV2StatusIsReportedAsUnsupported() {
    List<ParsedDocument> docs = Fixtures.read("consensus/legacy-v2/cached-consensus-v2", null);
    assertThat(docs).singleElement().satisfies(d -> {
      assertThat(d.isError()).isTrue();
      assertThat(d.error().message()).startsWith("unsupported descriptor type '@type network-status-2 1.0'; supported: ");
      assertThat(d.error().line()).isEqualTo("network-status-version 2");
    });
  }

  @Test
  void legacyV2StatusIsSkippedWhenAV3ConsensusIsAskedFor() {
    List<ParsedDocument> docs = Fixtures.read("consensus/legacy-v2/cached-consensus-v2", NS);
    assertThat(docs).isEmpty();
  }

  @Test
  void minorAnnotationVersion17IsAccepted() {
    List<ParsedDocument> docs = Fixtures.read("consensus/2016-09-20-13-00-00-consensus", NS);
    assertThat(docs).singleElement().satisfies(d -> assertThat(d.isError()).isFalse());
    assertThat(((NetworkStatus) docs.get(0).descriptor()).entries().get(0).flags()).isNotEmpty();
  }
}
