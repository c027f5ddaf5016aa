package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.ConnBiDirect;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExtraInfoDescriptor;
import org.torspark.descriptor.StatsInterval;

/**
 * Extra-info items one at a time (dir-spec §2.1.2): each case starts from a real descriptor
 * (silverfoxden, 2015, with an ed25519 identity; or a sanitised bridge) and adds or changes one
 * statistics line.
 */
class ExtraInfoParserTest {

  private static DescriptorLines silverfoxden() {
    return DescriptorLines.fromFixture(DescriptorType.EXTRA_INFO,
        "extra-info/single/extrainfo_descriptor_with_ed25519");
  }

  private static DescriptorLines bridge() {
    return DescriptorLines.fromFixture(DescriptorType.BRIDGE_EXTRA_INFO,
        "bridge-extra-info/single/bridge_extrainfo_descriptor_with_ed25519");
  }

  /** Adds statistics lines where tor writes them: before the signatures. */
  private static DescriptorLines with(String... lines) {
    return silverfoxden().before("router-sig-ed25519", lines);
  }

  @Test
  void theExtraInfoLineGivesNicknameAndFingerprint() throws Exception {
    ExtraInfoDescriptor d = silverfoxden()
        .replace("extra-info", "extra-info Bilbo 4970b1dc3dbc8d82d7f1e43ff44b28dbf4765a4e").parse();
    assertThat(d.nickname()).isEqualTo("Bilbo");
    assertThat(d.fingerprint()).isEqualTo("4970B1DC3DBC8D82D7F1E43FF44B28DBF4765A4E");
    silverfoxden().replace("extra-info", "extra-info silverfoxden")
        .failsWith("'extra-info' needs at least 2 argument(s), found 1");
    silverfoxden().replace("extra-info", "extra-info silverfoxden 4970B1DC")
        .failsWith("'extra-info' needs a fingerprint of 40 hex digits, found '4970B1DC'");
  }

  @Test
  void extraInfoMustComeFirstAndPublishedOnce() {
    silverfoxden().remove("extra-info")
        .before("published", "extra-info silverfoxden 4970B1DC3DBC8D82D7F1E43FF44B28DBF4765A4E")
        .failsWith("an extra-info descriptor must start with 'extra-info', found 'identity-ed25519'");
    silverfoxden().remove("published").failsWith("missing required keyword 'published'");
    silverfoxden().after("published", "published 2015-08-22 19:21:12")
        .failsWith("keyword 'published' must appear exactly once, found 2 times");
  }

  /**
   * NINJA's extra-info (2012, tor 0.2.2/0.2.3: the era of dirreq-*-share and the last of
   * geoip-start-time) with lines added before its signature.
   */
  private static DescriptorLines ninjaWith(String... lines) {
    return DescriptorLines.fromFixture(DescriptorType.EXTRA_INFO, "extra-info/single/extrainfo_relay_descriptor")
        .before("router-signature", lines);
  }

  @Test
  void dirreqSharesArePercentagesReadAsFractions() throws Exception {
    ExtraInfoDescriptor d = ninjaWith("dirreq-v2-share 0.37%", "dirreq-v3-share 0.37%").parse();
    assertThat(d.dirV2Share()).isEqualTo(0.37 / 100);
    assertThat(d.dirV3Share()).isEqualTo(0.0037);
    assertThat(d.unknownLines()).isEmpty();
    // Above 100%: a tor bug of the time (tor-dev, June 2012), kept as written.
    assertThat(ninjaWith("opt dirreq-v3-share 104.50%").<ExtraInfoDescriptor>parse().dirV3Share()).isEqualTo(1.045);
    assertThat(silverfoxden().<ExtraInfoDescriptor>parse().dirV3Share()).isNull();
  }

  @Test
  void dirreqSharesMustBeNonNegativePercentages() {
    String why = "'dirreq-v3-share' needs a non-negative percentage such as 0.37%, found ";
    ninjaWith("dirreq-v3-share 0.37").failsAt("dirreq-v3-share 0.37", why + "'0.37'");
    ninjaWith("dirreq-v3-share -0.37%").failsAt("dirreq-v3-share -0.37%", why + "'-0.37%'");
    ninjaWith("dirreq-v3-share %").failsAt("dirreq-v3-share %", why + "'%'");
    ninjaWith("dirreq-v2-share 1e2%").failsAt("dirreq-v2-share 1e2%",
        "'dirreq-v2-share' needs a non-negative percentage such as 0.37%, found '1e2%'");
    ninjaWith("dirreq-v2-share 0.37%", "dirreq-v2-share 0.38%")
        .failsWith("keyword 'dirreq-v2-share' may appear at most once, found 2 times");
  }

  @Test
  void geoipStartTimeAndClientOriginsOfTor020And021() throws Exception {
    ExtraInfoDescriptor d = ninjaWith("geoip-start-time 2009-05-20 09:35:17", "geoip-client-origins us=16,de=8,??=8")
        .parse();
    assertThat(d.geoipStartTime()).isEqualTo(Instant.parse("2009-05-20T09:35:17Z"));
    assertThat(d.geoipClientOrigins()).containsExactly(entry("us", 16L), entry("de", 8L), entry("??", 8L));
    assertThat(d.unknownLines()).isEmpty();
    assertThat(ninjaWith("geoip-client-origins").<ExtraInfoDescriptor>parse().geoipClientOrigins()).isEmpty();
    ExtraInfoDescriptor none = silverfoxden().parse();
    assertThat(none.geoipStartTime()).isNull();
    assertThat(none.geoipClientOrigins()).isNull();
  }

  @Test
  void geoipStartTimeAndClientOriginsAreValidated() {
    ninjaWith("geoip-start-time 2009-05-20").failsAt("geoip-start-time 2009-05-20",
        "'geoip-start-time' needs at least 2 argument(s), found 1");
    ninjaWith("geoip-start-time 2009-05-32 09:35:17").failsAt("geoip-start-time 2009-05-32 09:35:17",
        "'geoip-start-time' has a bad timestamp '2009-05-32 09:35:17'");
    ninjaWith("geoip-client-origins us=16,de=x").failsAt("geoip-client-origins us=16,de=x",
        "'geoip-client-origins' has a value that is not an integer: 'de=x'");
    ninjaWith("geoip-client-origins usa=16").failsAt("geoip-client-origins usa=16",
        "'geoip-client-origins' has an invalid country code 'usa'");
  }

  @Test
  void signaturesAndCertificateAreKeptAsWritten() throws Exception {
    ExtraInfoDescriptor d = silverfoxden().parse();
    assertThat(d.ed25519Certificate()).startsWith("-----BEGIN ED25519 CERT-----\n")
        .endsWith("\n-----END ED25519 CERT-----");
    assertThat(d.ed25519Signature())
        .isEqualTo("g6Zg7Er8K7C1etmt7p20INE1ExIvMRPvhwt6sjbLqEK+EtQq8hT+86hQ1xu7cnz6bHee+Zhhmcc4JamV4eiMAw");
    assertThat(d.signature()).startsWith("-----BEGIN SIGNATURE-----\n").endsWith("\n-----END SIGNATURE-----");
    ExtraInfoDescriptor ninja = ninjaWith().parse();
    assertThat(ninja.signature()).isEqualTo("-----BEGIN SIGNATURE-----\n"
        + "K5FSywk7qvw/boA4DQcqkls6Ize5vcBYfhQ8JnOeRQC9+uDxbnpm3qaYN9jZ8myj\n"
        + "k0d2aofcVbHr4fPQOSST0LXDrhFl5Fqo5um296zpJGvRUeO6S44U/EfJAGShtqWw\n"
        + "7LZqklu+gVvhMKREpchVqlAwXkWR44VENm24Hs+mT3M=\n"
        + "-----END SIGNATURE-----");
    assertThat(ninja.ed25519Certificate()).isNull();
    assertThat(ninja.ed25519Signature()).isNull();
    ExtraInfoDescriptor b = bridge().parse();
    assertThat(b.signature()).isNull();
    assertThat(b.ed25519Signature()).isNull();
    assertThat(b.ed25519Certificate()).isNull();
  }

  @Test
  void historiesHaveEndIntervalAndValuesOldestFirst() throws Exception {
    ExtraInfoDescriptor d = with("ipv6-read-history 2019-04-15 04:25:02 (86400 s) 10,20,30",
        "ipv6-write-history 2019-04-15 04:25:02 (86400 s)").parse();
    assertThat(d.ipv6ReadHistory().end()).isEqualTo(Instant.parse("2019-04-15T04:25:02Z"));
    assertThat(d.ipv6ReadHistory().intervalSeconds()).isEqualTo(86400L);
    assertThat(d.ipv6ReadHistory().values()).containsExactly(10L, 20L, 30L);
    assertThat(d.ipv6WriteHistory().values()).isEmpty();
    assertThat(d.writeHistory().values()).startsWith(14409728L);
    with("read-history 2015-08-22 19:20:44 (14400 s) 1").failsWith(
        "keyword 'read-history' may appear at most once, found 2 times");
    silverfoxden().replace("write-history", "write-history 2015-08-22 19:20:44 (14400 s) 1,2,")
        .failsWith("'write-history' ends in a comma: '1,2,'");
    silverfoxden().replace("write-history", "write-history 2015-08-22 19:20:44 14400 s 1")
        .failsWith("'write-history' needs an interval like '(86400 s)', found '14400 s'");
    silverfoxden().replace("write-history", "write-history 2015-08-22 19:20:44 (-1 s) 1")
        .failsWith("'write-history' has a bad interval '(-1 s)'");
  }

  @Test
  void statsEndLinesAreIntervals() throws Exception {
    assertThat(silverfoxden().<ExtraInfoDescriptor>parse().dirreqStatsEnd())
        .isEqualTo(new StatsInterval(Instant.parse("2015-08-22T11:58:30Z"), 86400));
    silverfoxden().replace("dirreq-stats-end", "dirreq-stats-end 2015-08-22 11:58:30")
        .failsWith("'dirreq-stats-end' needs at least 3 argument(s), found 2");
  }

  @Test
  void countryStatisticsWithoutValuesAreEmptyMapsAndMissingOnesNull() throws Exception {
    ExtraInfoDescriptor d = silverfoxden().replace("dirreq-v3-ips", "dirreq-v3-ips").parse();
    assertThat(d.dirreqV3Ips()).isEmpty();
    assertThat(d.dirreqV3Reqs()).isEmpty();
    assertThat(d.entryIps()).isNull();
    assertThat(d.bridgeIps()).isNull();
    assertThat(silverfoxden().remove("dirreq-v3-ips").<ExtraInfoDescriptor>parse().dirreqV3Ips()).isNull();
  }

  @Test
  void countryStatisticsKeepOrderAndUnknownCountry() throws Exception {
    ExtraInfoDescriptor d = silverfoxden().replace("dirreq-v3-ips", "dirreq-v3-ips us=56,de=48,??=8,a1=8").parse();
    assertThat(d.dirreqV3Ips()).containsExactly(entry("us", 56L), entry("de", 48L), entry("??", 8L), entry("a1", 8L));
  }

  @Test
  void countryCodesAreTwoCharacters() {
    silverfoxden().replace("dirreq-v3-ips", "dirreq-v3-ips usa=8")
        .failsWith("'dirreq-v3-ips' has an invalid country code 'usa'");
    silverfoxden().replace("dirreq-v3-reqs", "dirreq-v3-reqs u\u00e9=8")
        .failsWith("'dirreq-v3-reqs' has an invalid country code 'u\u00e9'");
  }

  @Test
  void countStatisticsNeedIntegerValues() {
    silverfoxden().replace("dirreq-v3-resp", "dirreq-v3-resp ok=x")
        .failsWith("'dirreq-v3-resp' has a value that is not an integer: 'ok=x'");
    silverfoxden().replace("dirreq-v3-resp", "dirreq-v3-resp ok")
        .failsWith("'dirreq-v3-resp' needs key=value pairs, found 'ok'");
    silverfoxden().replace("dirreq-v3-resp", "dirreq-v3-resp =5").failsWith("'dirreq-v3-resp' has an invalid key ''");
  }

  @Test
  void entryStatistics() throws Exception {
    ExtraInfoDescriptor d = with("entry-stats-end 2012-05-03 12:07:50 (86400 s)", "entry-ips de=16,us=8").parse();
    assertThat(d.entryStatsEnd().end()).isEqualTo(Instant.parse("2012-05-03T12:07:50Z"));
    assertThat(d.entryIps()).containsExactly(entry("de", 16L), entry("us", 8L));
  }

  @Test
  void cellStatisticsAreDecileLists() throws Exception {
    ExtraInfoDescriptor d = with("cell-stats-end 2012-05-03 12:07:50 (86400 s)",
        "cell-processed-cells 4563,153,42.5,0,0,0,0,0,0,0",
        "cell-queued-cells 2.36,0.03,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00",
        "cell-time-in-queue 11,3,0,0,0,0,0,0,0,0",
        "cell-circuits-per-decile 13").parse();
    assertThat(d.cellStatsEnd().intervalSeconds()).isEqualTo(86400L);
    assertThat(d.cellProcessedCells()).hasSize(10).startsWith(4563.0, 153.0, 42.5);
    assertThat(d.cellQueuedCells()).startsWith(2.36, 0.03);
    assertThat(d.cellTimeInQueue()).startsWith(11.0, 3.0);
    assertThat(d.cellCircuitsPerDecile()).isEqualTo(13L);
    with("cell-processed-cells 1,x").failsWith("'cell-processed-cells' has a value that is not a number: 'x'");
    with("cell-queued-cells NaN").failsWith("'cell-queued-cells' has a value that is not a number: 'NaN'");
  }

  @Test
  void connBiDirectHasFourCounts() throws Exception {
    ExtraInfoDescriptor d = with("conn-bi-direct 2012-05-03 12:07:50 (86400 s) 277,12089,0,3",
        "ipv6-conn-bi-direct 2012-05-03 12:07:50 (86400 s) 1,2,3,4").parse();
    assertThat(d.connBiDirect())
        .isEqualTo(new ConnBiDirect(Instant.parse("2012-05-03T12:07:50Z"), 86400, 277, 12089, 0, 3));
    assertThat(d.ipv6ConnBiDirect().both()).isEqualTo(4L);
    with("conn-bi-direct 2012-05-03 12:07:50 (86400 s) 277,12089,0")
        .failsWith("'conn-bi-direct' needs four counts BELOW,READ,WRITE,BOTH, found 3");
    with("conn-bi-direct 2012-05-03 12:07:50 (86400 s)")
        .failsWith("'conn-bi-direct' needs at least 5 argument(s), found 4");
  }

  @Test
  void exitStatisticsArePortMaps() throws Exception {
    ExtraInfoDescriptor d = with("exit-stats-end 2012-05-03 12:07:50 (86400 s)",
        "exit-kibibytes-written 80=1,443=2,other=3",
        "exit-kibibytes-read 80=10,other=30",
        "exit-streams-opened 80=4,other=4").parse();
    assertThat(d.exitStatsEnd().end()).isEqualTo(Instant.parse("2012-05-03T12:07:50Z"));
    assertThat(d.exitKibibytesWritten()).containsExactly(entry("80", 1L), entry("443", 2L), entry("other", 3L));
    assertThat(d.exitKibibytesRead()).containsExactly(entry("80", 10L), entry("other", 30L));
    assertThat(d.exitStreamsOpened()).containsEntry("other", 4L);
  }

  @Test
  void hidservValuesMayBeNegativeAndCarryTheirParameters() throws Exception {
    ExtraInfoDescriptor d = with("hidserv-stats-end 2021-10-06 17:16:59 (86400 s)",
        "hidserv-rend-relayed-cells 3112 delta_f=2048 epsilon=0.30 bin_size=1024",
        "hidserv-dir-onions-seen -9 delta_f=8 epsilon=0.30 bin_size=8",
        "hidserv-v3-stats-end 2021-10-07 12:00:00 (86400 s)",
        "hidserv-rend-v3-relayed-cells -839 delta_f=2048 epsilon=0.30 bin_size=1024",
        "hidserv-dir-v3-onions-seen 6 delta_f=8 epsilon=0.30 bin_size=8").parse();
    assertThat(d.hidservRendRelayedCells()).isEqualTo(3112L);
    assertThat(d.hidservDirOnionsSeen()).isEqualTo(-9L);
    assertThat(d.hidservDirOnionsSeenParams()).containsExactly(entry("delta_f", 8.0), entry("epsilon", 0.30),
        entry("bin_size", 8.0));
    assertThat(d.hidservV3StatsEnd().end()).isEqualTo(Instant.parse("2021-10-07T12:00:00Z"));
    assertThat(d.hidservRendV3RelayedCells()).isEqualTo(-839L);
    assertThat(d.hidservRendV3RelayedCellsParams()).containsEntry("bin_size", 1024.0);
    assertThat(d.hidservDirV3OnionsSeen()).isEqualTo(6L);
    with("hidserv-dir-onions-seen -9 delta_f")
        .failsWith("'hidserv-dir-onions-seen' needs key=number parameters, found 'delta_f'");
    with("hidserv-dir-onions-seen many").failsWith("'hidserv-dir-onions-seen' argument 1 is not an integer: 'many'");
  }

  @Test
  void paddingCountsHaveAnIntervalAndCounters() throws Exception {
    ExtraInfoDescriptor d = with("padding-counts 2021-10-06 17:17:14 (86400 s) bin-size=10000 write-drop=0"
        + " write-pad=10000 max-chanpad-timers=0").parse();
    assertThat(d.paddingCounts().end()).isEqualTo(Instant.parse("2021-10-06T17:17:14Z"));
    assertThat(d.paddingCounts().counts()).containsExactly(entry("bin-size", 10000L), entry("write-drop", 0L),
        entry("write-pad", 10000L), entry("max-chanpad-timers", 0L));
    with("padding-counts 2021-10-06 17:17:14 (86400 s) bin-size=lots")
        .failsWith("'padding-counts' needs key=integer arguments: not an integer: lots");
  }

  @Test
  void overloadLines() throws Exception {
    ExtraInfoDescriptor d = with("overload-ratelimits 1 2021-10-07 05:00:00 122880 819200 221 105",
        "overload-fd-exhausted 1 2021-09-01 12:00:00").parse();
    assertThat(d.overloadRatelimitsVersion()).isEqualTo(1);
    assertThat(d.overloadRatelimitsTimestamp()).isEqualTo(Instant.parse("2021-10-07T05:00:00Z"));
    assertThat(d.overloadRatelimitsRateLimit()).isEqualTo(122880L);
    assertThat(d.overloadRatelimitsBurstLimit()).isEqualTo(819200L);
    assertThat(d.overloadRatelimitsReadCount()).isEqualTo(221L);
    assertThat(d.overloadRatelimitsWriteCount()).isEqualTo(105L);
    assertThat(d.overloadFdExhaustedVersion()).isEqualTo(1);
    assertThat(d.overloadFdExhaustedTimestamp()).isEqualTo(Instant.parse("2021-09-01T12:00:00Z"));
    with("overload-ratelimits 1 2021-10-07 05:00:00 122880 819200 221")
        .failsWith("'overload-ratelimits' needs at least 7 argument(s), found 6");
  }

  @Test
  void bridgeStatisticsAndTransports() throws Exception {
    ExtraInfoDescriptor d = with("transport obfs4 192.0.2.1:443 cert=abc iat-mode=0", "transport  meek",
        "bridge-stats-end 2015-08-21 12:51:21 (86400 s)", "bridge-ips ie=8,??=8",
        "bridge-ip-versions v4=8,v6=0", "bridge-ip-transports <OR>=8,<??>=8,obfs4=16").parse();
    assertThat(d.transports()).containsExactly("obfs4 192.0.2.1:443 cert=abc iat-mode=0", "meek");
    assertThat(d.bridgeIps()).containsExactly(entry("ie", 8L), entry("??", 8L));
    assertThat(d.bridgeIpVersions()).containsExactly(entry("v4", 8L), entry("v6", 0L));
    assertThat(d.bridgeIpTransports()).containsExactly(entry("<OR>", 8L), entry("<??>", 8L), entry("obfs4", 16L));
    with("transport").failsWith("'transport' needs at least 1 argument(s), found 0");
  }

  @Test
  void obsoleteV2DirectoryStatistics() throws Exception {
    ExtraInfoDescriptor d = with("dirreq-v2-ips us=8", "dirreq-v2-reqs", "dirreq-v2-resp ok=0,busy=0",
        "dirreq-v2-direct-dl complete=0", "dirreq-v2-tunneled-dl running=1").parse();
    assertThat(d.dirreqV2Ips()).containsExactly(entry("us", 8L));
    assertThat(d.dirreqV2Reqs()).isEmpty();
    assertThat(d.dirreqV2Resp()).containsEntry("busy", 0L);
    assertThat(d.dirreqV2DirectDl()).containsEntry("complete", 0L);
    assertThat(d.dirreqV2TunneledDl()).containsEntry("running", 1L);
  }

  @Test
  void geoipDigestsAreSha1Hex() {
    silverfoxden().replace("geoip-db-digest", "geoip-db-digest 6882B866")
        .failsWith("'geoip-db-digest' needs a SHA-1 of 40 hex digits, found '6882B866'");
  }

  @Test
  void unknownKeywordsAreKept() throws Exception {
    ExtraInfoDescriptor d = with("x-geoip-start-time 2009-05-20 09:35:17", "dirreq-v4-share 0.37%").parse();
    assertThat(d.unknownLines()).containsExactly("x-geoip-start-time 2009-05-20 09:35:17", "dirreq-v4-share 0.37%");
  }

  @Test
  void signaturesComeLastAndTogether() {
    silverfoxden().append("dirreq-v3-ips us=8")
        .failsWith("'dirreq-v3-ips' after 'router-signature', which must be the last item");
    silverfoxden().remove("router-sig-ed25519")
        .failsWith("missing 'router-sig-ed25519', required with 'identity-ed25519'");
    silverfoxden().remove("identity-ed25519")
        .failsWith("'router-sig-ed25519' requires 'identity-ed25519', which is missing");
    silverfoxden().remove("router-sig-ed25519").remove("router-signature")
        .failsWith("missing required keyword 'router-signature'");
  }

  @Test
  void masterKeyComesFromTheIdentityCertificate() throws Exception {
    assertThat(silverfoxden().<ExtraInfoDescriptor>parse().masterKeyEd25519())
        .isEqualTo("RQMEjRnEZRiLXuCNYIi70Ek3F3n0/d678dj2fMBA3sM");
    silverfoxden().after("identity-ed25519", "master-key-ed25519 VigmhxML9uw8CT1XeGqZ8KLMhKk6AOKnChQt24usBbI")
        .failsWith("'master-key-ed25519' does not match the master key RQMEjRnEZRiLXuCNYIi70Ek3F3n0/d678dj2fMBA3sM"
            + " in the identity-ed25519 certificate");
  }

  @Test
  void relayDigestsCoverTheSignedPartAndTheWholeDocument() throws Exception {
    DescriptorLines lines = silverfoxden();
    byte[] b = lines.bytes();
    String text = lines.text();
    int signedEnd = text.indexOf("\nrouter-signature\n") + "\nrouter-signature\n".length();
    ExtraInfoDescriptor d = lines.parse();
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    sha1.update(b, 0, signedEnd);
    assertThat(d.digest()).isEqualTo(HexFormat.of().formatHex(sha1.digest()))
        .isEqualTo("062cc821a3c643b5e02ac5c250c88958210a114b");
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(b);
    assertThat(d.digestSha256()).isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(sha256.digest()));
  }

  @Test
  void bridgeDigestIsTheRouterDigestLine() throws Exception {
    ExtraInfoDescriptor d = bridge().parse();
    assertThat(d.type()).isEqualTo(DescriptorType.BRIDGE_EXTRA_INFO);
    assertThat(d.digest()).isEqualTo("3dbe6840376f3ec277002396832788db2fb38393");
    assertThat(d.routerDigestSha256()).isEqualTo("7DSOQz9eGgjDX6GT7qcrVViK8yqJD4aoEnuhdAgYtgA");
    assertThat(d.masterKeyEd25519()).isEqualTo("VigmhxML9uw8CT1XeGqZ8KLMhKk6AOKnChQt24usBbI");
    assertThat(bridge().remove("router-digest").<ExtraInfoDescriptor>parse().digest()).isNull();
    bridge().replace("router-digest", "router-digest xyz")
        .failsWith("'router-digest' needs a SHA-1 of 40 hex digits, found 'xyz'");
  }

  @Test
  void anEmptyDocumentIsAnError() {
    DescriptorLines.of(DescriptorType.EXTRA_INFO, "").failsWith("empty extra-info descriptor");
  }
}
