package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.torspark.testing.Fixtures.parseAll;
import static org.torspark.testing.Fixtures.parseOne;
import static org.torspark.testing.Fixtures.read;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torspark.descriptor.DescriptorError;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExtraInfoDescriptor;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.ServerDescriptor;
import org.torspark.descriptor.StatsInterval;
import org.torspark.testing.Fixtures;

/**
 * Relay and bridge extra-info descriptors from real fixtures. Values were read off the fixture
 * text; relay digests were computed independently with Python hashlib (SHA-1 from "extra-info "
 * through "router-signature\n", SHA-256 through "-----END SIGNATURE-----\n").
 */
class ExtraInfoFixturesTest {
  private static final DescriptorType RELAY = DescriptorType.EXTRA_INFO;
  private static final DescriptorType BRIDGE = DescriptorType.BRIDGE_EXTRA_INFO;

  static List<String> relayFiles() {
    return Fixtures.filesUnder("extra-info");
  }

  static List<String> bridgeFiles() {
    return Fixtures.filesUnder("bridge-extra-info");
  }

  @ParameterizedTest
  @MethodSource("relayFiles")
  void everyRealRelayFixtureParsesWithoutErrors(String path) {
    assertThat(parseAll(path, RELAY, ExtraInfoDescriptor.class)).allSatisfy(d -> {
      assertThat(d.type()).isEqualTo(RELAY);
      assertThat(d.fingerprint()).matches("[0-9A-F]{40}");
      assertThat(d.digest()).matches("[0-9a-f]{40}");
      assertThat(d.digestSha256()).matches("[A-Za-z0-9+/]{43}");
    });
  }

  @ParameterizedTest
  @MethodSource("bridgeFiles")
  void everyRealBridgeFixtureParsesWithoutErrors(String path) {
    assertThat(parseAll(path, BRIDGE, ExtraInfoDescriptor.class)).allSatisfy(d -> {
      assertThat(d.type()).isEqualTo(BRIDGE);
      assertThat(d.digest()).matches("[0-9a-f]{40}");
      assertThat(d.digestSha256()).isNull();
    });
  }

  @Test
  void descriptorCountsMatchProvenance() {
    assertThat(parseAll("extra-info/2017-07-17-17-20-00-extra-infos", null, ExtraInfoDescriptor.class)).hasSize(6);
    assertThat(parseAll("extra-info/relay-2016-10-02-08-05-00-extra-infos", null, ExtraInfoDescriptor.class))
        .hasSize(9);
    assertThat(parseAll("bridge-extra-info/2017-07-17-17-09-00-extra-infos", null, ExtraInfoDescriptor.class))
        .hasSize(6);
    assertThat(parseAll("bridge-extra-info/bridge-2016-10-02-08-09-00-extra-infos", null,
        ExtraInfoDescriptor.class)).hasSize(10);
    assertThat(parseAll("bridge-extra-info/single/extrainfo_bridge_descriptor_multiple", null,
        ExtraInfoDescriptor.class)).hasSize(6);
    assertThat(parseAll("collector-tarball/extra-infos-2019-04-cropped.tar", null, ExtraInfoDescriptor.class))
        .hasSize(7).allSatisfy(d -> assertThat(d.type()).isEqualTo(RELAY));
    assertThat(parseAll("collector-tarball/bridge-extra-infos-2019-03-cropped.tar", null,
        ExtraInfoDescriptor.class)).hasSize(6).allSatisfy(d -> assertThat(d.type()).isEqualTo(BRIDGE));
  }

  @Test
  void relayExtraInfoNinjaFrom2012() {
    ExtraInfoDescriptor d = parseOne("extra-info/single/extrainfo_relay_descriptor", null, ExtraInfoDescriptor.class);
    assertThat(d.nickname()).isEqualTo("NINJA");
    assertThat(d.fingerprint()).isEqualTo("B2289C3EAB83ECD6EB916A2F481A02E6B76A0A48");
    assertThat(d.published()).isEqualTo(Instant.parse("2012-05-05T17:03:50Z"));
    assertThat(d.writeHistory().end()).isEqualTo(Instant.parse("2012-05-05T17:02:45Z"));
    assertThat(d.writeHistory().intervalSeconds()).isEqualTo(900L);
    assertThat(d.writeHistory().values()).hasSize(28).startsWith(1082368L, 19456L).endsWith(16678912L);
    assertThat(d.readHistory().values()).hasSize(28).startsWith(3309568L).endsWith(8186880L);
    assertThat(d.dirreqWriteHistory().values()).hasSize(28).startsWith(0L, 0L, 0L, 227328L).endsWith(8610816L);
    assertThat(d.dirreqReadHistory().values()).endsWith(30720L);
    assertThat(d.ipv6ReadHistory()).isNull();
    assertThat(d.dirreqStatsEnd()).isNull();
    assertThat(d.dirreqV3Ips()).isNull();
    assertThat(d.masterKeyEd25519()).isNull();
    assertThat(d.transports()).isEmpty();
    assertThat(d.unknownLines()).isEmpty();
    assertThat(d.digest()).isEqualTo("00a57a9aab5ea113898e2dd02a755e31afc27227");
    assertThat(d.digestSha256()).isEqualTo("n2+wh6uM+lbKnhbkOog2jv9X5tPytlrFdO+I+auSmME");
  }

  @Test
  void emptyStatisticsLinesGiveEmptyMaps() {
    ExtraInfoDescriptor d = parseOne("extra-info/single/extrainfo_descriptor_with_ed25519", null,
        ExtraInfoDescriptor.class);
    assertThat(d.nickname()).isEqualTo("silverfoxden");
    assertThat(d.fingerprint()).isEqualTo("4970B1DC3DBC8D82D7F1E43FF44B28DBF4765A4E");
    // From the signed-with-ed25519-key extension of the identity-ed25519 certificate.
    assertThat(d.masterKeyEd25519()).isEqualTo("RQMEjRnEZRiLXuCNYIi70Ek3F3n0/d678dj2fMBA3sM");
    assertThat(d.writeHistory().intervalSeconds()).isEqualTo(14400L);
    assertThat(d.writeHistory().values()).containsExactly(14409728L, 23076864L, 7756800L, 6234112L, 7446528L,
        12290048L);
    assertThat(d.geoipDbDigest()).isEqualTo("6882B8663F74C23E26E3C2274C24CAB2E82D67A2");
    assertThat(d.geoip6DbDigest()).isEqualTo("F063BD5247EB9829E6B9E586393D7036656DAF44");
    assertThat(d.dirreqStatsEnd()).isEqualTo(new StatsInterval(Instant.parse("2015-08-22T11:58:30Z"), 86400));
    // "dirreq-v3-ips " and "dirreq-v3-reqs " with nothing after them.
    assertThat(d.dirreqV3Ips()).isEmpty();
    assertThat(d.dirreqV3Reqs()).isEmpty();
    assertThat(d.dirreqV3Resp()).containsExactly(entry("ok", 0L), entry("not-enough-sigs", 0L),
        entry("unavailable", 0L), entry("not-found", 0L), entry("not-modified", 0L), entry("busy", 0L));
    assertThat(d.dirreqV3DirectDl()).containsExactly(entry("complete", 0L), entry("timeout", 0L),
        entry("running", 0L));
    assertThat(d.digest()).isEqualTo("062cc821a3c643b5e02ac5c250c88958210a114b");
    assertThat(d.digestSha256()).isEqualTo("37bmesl/iCY+KFFPRrI5HV7EA73E+5KypFCmdEEG6g0");
  }

  @Test
  void hidservAndPaddingStatisticsFrom2019() {
    List<ParsedDocument> docs = read("collector-tarball/extra-infos-2019-04-cropped.tar", null);
    ExtraInfoDescriptor d = docs.stream()
        .filter(p -> p.source().innermostName().equals("00a1ff23b135a59f7e767e72faf3ca24e85eb7cb"))
        .map(p -> (ExtraInfoDescriptor) p.descriptor()).findFirst().orElseThrow();
    assertThat(d.fingerprint()).isEqualTo("5E4D1E6D31413DCCC148A8050224578CBBF12883");
    assertThat(d.masterKeyEd25519()).isEqualTo("B9o9gMAG+zbiTt7BYaR3F+PKCsFGOr7dbhog+tGr/IE");
    assertThat(d.writeHistory().end()).isEqualTo(Instant.parse("2019-04-11T20:14:22Z"));
    assertThat(d.writeHistory().intervalSeconds()).isEqualTo(86400L);
    assertThat(d.writeHistory().values()).containsExactly(425834496000L, 226694325248L, 576885309440L,
        618780886016L, 718767817728L);
    assertThat(d.dirreqV3Ips()).hasSize(44).containsEntry("us", 56L).containsEntry("de", 48L)
        .containsEntry("vn", 8L);
    assertThat(d.dirreqV3Ips().keySet()).startsWith("us", "de", "ru", "nl");
    assertThat(d.dirreqV3Reqs()).containsEntry("us", 232L).containsEntry("ru", 152L);
    assertThat(d.dirreqV3Resp()).containsEntry("ok", 720L).containsEntry("not-modified", 5448L);
    assertThat(d.dirreqV3TunneledDl()).hasSize(16).containsEntry("complete", 720L).containsEntry("md", 698907L)
        .containsEntry("max", 5530862L);
    assertThat(d.hidservStatsEnd()).isEqualTo(new StatsInterval(Instant.parse("2019-04-11T09:23:32Z"), 86400));
    assertThat(d.hidservRendRelayedCells()).isEqualTo(50787587L);
    assertThat(d.hidservRendRelayedCellsParams()).containsExactly(entry("delta_f", 2048.0), entry("epsilon", 0.30),
        entry("bin_size", 1024.0));
    assertThat(d.hidservDirOnionsSeen()).isEqualTo(45L);
    assertThat(d.hidservDirOnionsSeenParams()).containsEntry("bin_size", 8.0);
    assertThat(d.hidservV3StatsEnd()).isNull();
    assertThat(d.paddingCounts().end()).isEqualTo(Instant.parse("2019-04-11T09:23:46Z"));
    assertThat(d.paddingCounts().intervalSeconds()).isEqualTo(86400L);
    assertThat(d.paddingCounts().counts()).hasSize(12)
        .containsEntry("bin-size", 10000L)
        .containsEntry("read-total", 1338840000L)
        .containsEntry("max-chanpad-timers", 221L);
    assertThat(d.digest()).isEqualTo("00a1ff23b135a59f7e767e72faf3ca24e85eb7cb");
    assertThat(d.digestSha256()).isEqualTo("unqgWX3oam/NZmNzSk+xF9eqwCxLmaqMykIjeK65cQs");
  }

  @ParameterizedTest
  @MethodSource("filesNamedByDigest")
  void digestIsTheFileNameCollectorGaveIt(String path) {
    List<ParsedDocument> docs = read(path, null);
    assertThat(docs).isNotEmpty().allSatisfy(doc -> {
      assertThat(doc.isError()).as(String.valueOf(doc.error())).isFalse();
      assertThat(((ExtraInfoDescriptor) doc.descriptor()).digest()).isEqualTo(doc.source().innermostName());
    });
  }

  static List<String> filesNamedByDigest() {
    return List.of(
        "collector-tarball/extra-infos-2019-04-cropped.tar",
        "collector-tarball/derived-xz/extra-infos-2019-04-cropped.tar.xz",
        "collector-tarball/bridge-extra-infos-2019-03-cropped.tar",
        "collector-tarball/derived-xz/bridge-extra-infos-2019-03-cropped.tar.xz");
  }

  @Test
  void relayDigestsOf2017HourlyFile() {
    Map<String, String> sha1 = parseAll("extra-info/2017-07-17-17-20-00-extra-infos", null,
        ExtraInfoDescriptor.class).stream().collect(Collectors.toMap(ExtraInfoDescriptor::fingerprint,
            ExtraInfoDescriptor::digest));
    assertThat(sha1)
        .containsEntry("A9EB7F7DAB0EB59BE2AF0C1677BAD40C4BCA1936", "228095f2984265365e9713489a4a34ab55e945c9")
        .containsEntry("954B221CFDC3F56A15FE3C29F85D5FE34BB144B2", "1fb0613941127dfaaee37b7f6a7f92bcb7b8bcd2");
    ExtraInfoDescriptor laika = parseAll("extra-info/2017-07-17-17-20-00-extra-infos", null,
        ExtraInfoDescriptor.class).get(0);
    assertThat(laika.nickname()).isEqualTo("Laika");
    assertThat(laika.digestSha256()).isEqualTo("LseFBBCdN55rEMK8OqA535BtRFbe8qaHOdbtbGZUSq8");
  }

  @Test
  void bridgeExtraInfoWithTransportsAndClientStatistics() {
    ExtraInfoDescriptor d = parseOne("bridge-extra-info/single/bridge_extrainfo_descriptor_with_ed25519", null,
        ExtraInfoDescriptor.class);
    assertThat(d.type()).isEqualTo(BRIDGE);
    assertThat(d.nickname()).isEqualTo("Unnamed");
    assertThat(d.fingerprint()).isEqualTo("B8AB331047F1C1637EFE07FB1B94CCC0FE0ABFFA");
    assertThat(d.masterKeyEd25519()).isEqualTo("VigmhxML9uw8CT1XeGqZ8KLMhKk6AOKnChQt24usBbI");
    assertThat(d.published()).isEqualTo(Instant.parse("2015-08-21T16:08:15Z"));
    assertThat(d.transports()).containsExactly("scramblesuit", "obfs3", "obfs4");
    assertThat(d.bridgeStatsEnd()).isEqualTo(new StatsInterval(Instant.parse("2015-08-21T12:51:21Z"), 86400));
    assertThat(d.bridgeIps()).containsExactly(entry("ie", 8L), entry("in", 8L), entry("kz", 8L), entry("nl", 8L),
        entry("qa", 8L));
    assertThat(d.bridgeIpVersions()).containsExactly(entry("v4", 8L), entry("v6", 0L));
    assertThat(d.bridgeIpTransports()).containsExactly(entry("<OR>", 8L), entry("obfs3", 8L), entry("obfs4", 8L));
    assertThat(d.dirreqV3TunneledDl()).containsExactly(entry("complete", 4L), entry("timeout", 4L),
        entry("running", 0L));
    assertThat(d.routerDigestSha256()).isEqualTo("7DSOQz9eGgjDX6GT7qcrVViK8yqJD4aoEnuhdAgYtgA");
    assertThat(d.digest()).isEqualTo("3dbe6840376f3ec277002396832788db2fb38393");
    assertThat(d.digestSha256()).isNull();
  }

  @Test
  void bridgeExtraInfoFrom2012WithObsoleteV2Statistics() {
    ExtraInfoDescriptor d = parseOne("bridge-extra-info/single/extrainfo_bridge_descriptor", null,
        ExtraInfoDescriptor.class);
    assertThat(d.nickname()).isEqualTo("ec2bridgereaac65a3");
    assertThat(d.dirreqV2Ips()).isEmpty();
    assertThat(d.dirreqV2Resp()).containsExactly(entry("ok", 0L), entry("unavailable", 0L), entry("not-found", 0L),
        entry("not-modified", 0L), entry("busy", 0L));
    assertThat(d.dirreqV3Resp()).containsEntry("ok", 72L);
    assertThat(d.dirreqV3TunneledDl()).hasSize(16).containsEntry("min", 2626L).containsEntry("max", 32136142L);
    assertThat(d.bridgeIps()).hasSize(16).containsEntry("cn", 16L).containsEntry("??", 8L);
    assertThat(d.bridgeIps().keySet()).startsWith("cn", "ir", "sy", "us", "??");
    assertThat(d.geoip6DbDigest()).isNull();
    assertThat(d.writeHistory().values()).hasSize(96);
    assertThat(d.digest()).isEqualTo("00a2aeccead3fee033cfe29893387143146728ec");
  }

  @Test
  void negativeHidservValueFrom2019BridgeTarball() {
    ExtraInfoDescriptor d = read("collector-tarball/bridge-extra-infos-2019-03-cropped.tar", null).stream()
        .filter(p -> p.source().innermostName().equals("01a0dddf41107f8167d48331d956855627eb2079"))
        .map(p -> (ExtraInfoDescriptor) p.descriptor()).findFirst().orElseThrow();
    assertThat(d.hidservRendRelayedCells()).isEqualTo(-7405L);
    assertThat(d.hidservDirOnionsSeen()).isEqualTo(31L);
    assertThat(d.transports()).containsExactly("obfs4");
    assertThat(d.bridgeIpTransports()).containsExactly(entry("obfs4", 48L));
    assertThat(d.paddingCounts().counts()).containsEntry("max-chanpad-timers", 11L);
    assertThat(d.routerDigestSha256()).isEqualTo("FHbr8XesczZkwPtn9JWS2TCKHk/IT4KblTk2BsoTYpU");
  }

  @Test
  void bridgeFileWithForeignAnnotationsBetweenDescriptors() {
    List<ExtraInfoDescriptor> all = parseAll("bridge-extra-info/bridge-2016-10-02-08-09-00-extra-infos", null,
        ExtraInfoDescriptor.class);
    assertThat(all).extracting(ExtraInfoDescriptor::nickname)
        .startsWith("DragonBridge", "DNCBridgeRPi").endsWith("lizard");
    assertThat(all.get(0).digest()).isEqualTo("9f88a7c2abe6665d204137ba8c2661d42e7c2829");
  }

  /** A bridge's server descriptor names its extra-info by the same sanitised digest. */
  @Test
  void bridgeServerDescriptorsJoinTheirExtraInfos() {
    Set<String> extraInfos = parseAll("bridge-extra-info/2017-07-17-17-09-00-extra-infos", null,
        ExtraInfoDescriptor.class).stream().map(ExtraInfoDescriptor::digest).collect(Collectors.toSet());
    List<ServerDescriptor> servers = parseAll("bridge-server-descriptor/2017-07-17-17-09-00-server-descriptors",
        null, ServerDescriptor.class);
    List<String> joined = servers.stream()
        .filter(s -> s.extraInfoDigest() != null && extraInfos.contains(s.extraInfoDigest().toLowerCase()))
        .map(ServerDescriptor::nickname).collect(Collectors.toList());
    assertThat(joined).hasSize(2).contains("vvput");
  }

  @Test
  void nonAsciiCountryCodesAreAnError() {
    List<ParsedDocument> docs = read("extra-info/malformed/extrainfo_nonascii_v3_reqs", null);
    assertThat(docs).hasSize(1);
    DescriptorError e = docs.get(0).error();
    assertThat(e).isNotNull();
    assertThat(e.type()).isEqualTo(RELAY);
    assertThat(e.lineNumber()).isEqualTo(17);
    assertThat(e.message()).isEqualTo("'dirreq-v3-reqs' has an invalid country code 'S\u00ff'");
    assertThat(e.line()).startsWith("dirreq-v3-reqs S\u00ff=4026597208,");
  }
}
