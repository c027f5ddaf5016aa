package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.BandwidthRelayLine;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;

/** Bandwidth files built line by line (bandwidth-file-spec §2), one change per case. */
class BandwidthFileParserTest {

  private static final String SBWS_RELAY_1 = "bw=1 bw_mean=21403 bw_median=21405 consensus_bandwidth=1000"
      + " consensus_bandwidth_is_unmeasured=False desc_bw_avg=25600 desc_bw_bur=61440 desc_bw_obs_last=34105"
      + " desc_bw_obs_mean=36357 error_circ=2 error_destination=0 error_misc=0 error_second_relay=0 error_stream=0"
      + " master_key_ed25519=/Gk3GQhdhmASNPdGjReNdsWOHL1m2TGp4oAcvV0mXKI nick=t7"
      + " node_id=$F63DF6AA4F395AD2F5F363333D104279F2171381 relay_in_recent_consensus_count=19"
      + " relay_recent_measurement_attempt_count=1 relay_recent_measurements_excluded_error_count=2"
      + " relay_recent_priority_list_count=1 success=2 time=2019-04-21T06:53:01";
  private static final String SBWS_RELAY_2 = "bw=2 node_id=$26AD3C1C18F1CD2B357A33FA7652A906DB13A8CC nick=ageinghacker"
      + " consensus_bandwidth_is_unmeasured=True relay_recent_measurement_failure_count=3"
      + " relay_recent_measurements_excluded_near_count=4 relay_recent_measurements_excluded_old_count=5"
      + " relay_recent_measurements_excluded_few_count=6 vote=0 unmeasured=1 under_min_report=1 rtt=380"
      + " xoff_recv=7 xoff_sent=8 r_strm=0.95 r_strm_filt=1.07 future_key=abc";

  private static final List<String> SBWS = List.of(
      "1555882497",
      "version=1.4.0",
      "software=sbws",
      "software_version=1.1.0",
      "file_created=2019-04-21T21:35:04",
      "generator_started=2019-04-20T11:40:01",
      "earliest_bandwidth=2019-04-16T21:35:07",
      "latest_bandwidth=2019-04-21T21:34:57",
      "number_eligible_relays=6459",
      "minimum_percent_eligible_relays=60",
      "number_consensus_relays=6684",
      "percent_eligible_relays=97",
      "minimum_number_eligible_relays=4010",
      "scanner_country=US",
      "destinations_countries=ZZ,DE",
      "recent_consensus_count=34",
      "recent_priority_list_count=260",
      "recent_priority_relay_count=86417",
      "recent_measurement_attempt_count=86418",
      "recent_measurement_failure_count=57023",
      "recent_measurements_excluded_error_count=788",
      "recent_measurements_excluded_near_count=182",
      "recent_measurements_excluded_old_count=1",
      "recent_measurements_excluded_few_count=663",
      "time_to_report_half_network=223519",
      "tor_version=0.3.5.10",
      "mu=1234567",
      "muf=2345678",
      "dirauth_nickname=longclaw",
      "=====",
      SBWS_RELAY_1,
      SBWS_RELAY_2);
  private static final int TERMINATOR = 29;
  private static final int RELAY_1 = 30;

  private static final List<String> TORFLOW = List.of(
      "1547487689",
      "node_id=$221C91D4C51E4C73CB6A8F0BEE01B0A6BB4A8476 bw=38000 nick=digitalocean1 measured_at=1546325250"
          + " updated_at=1546325251 pid_error=4.88593489094 pid_error_sum=4.88593489095 pid_bw=38037642"
          + " pid_delta=3.83770474524 circ_fail=0.0 scanner=/scanner.3/scan-data/bws-29.1:29.9-done-2019-01-01-00:47:30",
      "node_id=$05DD3981CAD87DEDBC8ADCF1AC6981C65585DA99 bw=6710 nick=cpu measured_at=1547370922"
          + " updated_at=1547370922 pid_error=2.1221923319 pid_error_sum=2.1221923319 pid_bw=6709763"
          + " pid_delta=-0.0151740262706 circ_fail=0.761904761905"
          + " scanner=/scanner.1/scan-data/bws-1.5:2.3-done-2019-01-13-03:15:22");

  private static BandwidthFile parse(List<String> lines) throws DescriptorParseException {
    return parseText(String.join("\n", lines) + "\n");
  }

  private static BandwidthFile parseText(String text) throws DescriptorParseException {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return new BandwidthFileParser().parse(
        Document.of(DescriptorType.BANDWIDTH_FILE, bytes, DescriptorSource.ofFile("v3bw")));
  }

  private static List<String> with(List<String> base, int index, String replacement) {
    List<String> out = new ArrayList<>(base);
    if (replacement == null) {
      out.remove(index);
    } else {
      out.set(index, replacement);
    }
    return out;
  }

  private static List<String> inserted(List<String> base, int index, String line) {
    List<String> out = new ArrayList<>(base);
    out.add(index, line);
    return out;
  }

  private static List<String> plus(List<String> base, String line) {
    return inserted(base, base.size(), line);
  }

  @Test
  void sbwsHeaderIsTyped() throws Exception {
    BandwidthFile f = parse(SBWS);
    assertThat(f.timestamp()).isEqualTo(Instant.parse("2019-04-21T21:34:57Z"));
    assertThat(f.version()).isEqualTo("1.4.0");
    assertThat(f.software()).isEqualTo("sbws");
    assertThat(f.softwareVersion()).isEqualTo("1.1.0");
    assertThat(f.fileCreated()).isEqualTo(Instant.parse("2019-04-21T21:35:04Z"));
    assertThat(f.generatorStarted()).isEqualTo(Instant.parse("2019-04-20T11:40:01Z"));
    assertThat(f.earliestBandwidth()).isEqualTo(Instant.parse("2019-04-16T21:35:07Z"));
    assertThat(f.latestBandwidth()).isEqualTo(Instant.parse("2019-04-21T21:34:57Z"));
    assertThat(f.numberEligibleRelays()).isEqualTo(6459);
    assertThat(f.minimumPercentEligibleRelays()).isEqualTo(60);
    assertThat(f.numberConsensusRelays()).isEqualTo(6684);
    assertThat(f.percentEligibleRelays()).isEqualTo(97);
    assertThat(f.minimumNumberEligibleRelays()).isEqualTo(4010);
    assertThat(f.scannerCountry()).isEqualTo("US");
    assertThat(f.destinationsCountries()).containsExactly("ZZ", "DE");
    assertThat(f.recentConsensusCount()).isEqualTo(34);
    assertThat(f.recentPriorityListCount()).isEqualTo(260);
    assertThat(f.recentPriorityRelayCount()).isEqualTo(86417);
    assertThat(f.recentMeasurementAttemptCount()).isEqualTo(86418);
    assertThat(f.recentMeasurementFailureCount()).isEqualTo(57023);
    assertThat(f.recentMeasurementsExcludedErrorCount()).isEqualTo(788);
    assertThat(f.recentMeasurementsExcludedNearCount()).isEqualTo(182);
    assertThat(f.recentMeasurementsExcludedOldCount()).isEqualTo(1);
    assertThat(f.recentMeasurementsExcludedFewCount()).isEqualTo(663);
    assertThat(f.timeToReportHalfNetwork()).isEqualTo(223519);
    assertThat(f.torVersion()).isEqualTo("0.3.5.10");
    assertThat(f.mu()).isEqualTo(1234567L);
    assertThat(f.muf()).isEqualTo(2345678L);
    assertThat(f.dirauthNickname()).isEqualTo("longclaw");
    assertThat(f.terminator()).isEqualTo("=====");
    assertThat(f.header()).hasSize(28).containsEntry("destinations_countries", "ZZ,DE");
    assertThat(f.header().keySet()).as("file order").startsWith("version", "software", "software_version")
        .endsWith("dirauth_nickname");
    assertThat(f.relayCount()).isEqualTo(2);
    assertThat(f.invalidLines()).isEmpty();
    assertThat(f.unknownLines()).isEmpty();
    assertThat(f.duplicateRelayCount()).isZero();
    assertThat(f.type()).isEqualTo(DescriptorType.BANDWIDTH_FILE);
  }

  @Test
  void sbwsRelayLineIsTyped() throws Exception {
    BandwidthRelayLine r = parse(SBWS).relays().get(0);
    assertThat(r.fingerprint()).isEqualTo("F63DF6AA4F395AD2F5F363333D104279F2171381");
    assertThat(r.nodeId()).isEqualTo("$F63DF6AA4F395AD2F5F363333D104279F2171381");
    assertThat(r.masterKeyEd25519()).isEqualTo("/Gk3GQhdhmASNPdGjReNdsWOHL1m2TGp4oAcvV0mXKI");
    assertThat(r.bw()).isEqualTo(1L);
    assertThat(r.nick()).isEqualTo("t7");
    assertThat(r.bwMean()).isEqualTo(21403L);
    assertThat(r.bwMedian()).isEqualTo(21405L);
    assertThat(r.consensusBandwidth()).isEqualTo(1000L);
    assertThat(r.consensusBandwidthIsUnmeasured()).isFalse();
    assertThat(r.descBwAvg()).isEqualTo(25600L);
    assertThat(r.descBwBur()).isEqualTo(61440L);
    assertThat(r.descBwObsLast()).isEqualTo(34105L);
    assertThat(r.descBwObsMean()).isEqualTo(36357L);
    assertThat(r.errorCirc()).isEqualTo(2);
    assertThat(r.errorDestination()).isZero();
    assertThat(r.errorMisc()).isZero();
    assertThat(r.errorSecondRelay()).isZero();
    assertThat(r.errorStream()).isZero();
    assertThat(r.relayInRecentConsensusCount()).isEqualTo(19);
    assertThat(r.relayRecentMeasurementAttemptCount()).isEqualTo(1);
    assertThat(r.relayRecentMeasurementsExcludedErrorCount()).isEqualTo(2);
    assertThat(r.relayRecentPriorityListCount()).isEqualTo(1);
    assertThat(r.success()).isEqualTo(2);
    assertThat(r.time()).isEqualTo(Instant.parse("2019-04-21T06:53:01Z"));
    assertThat(r.vote()).as("absent").isNull();
    assertThat(r.measuredAt()).as("Torflow only").isNull();
    assertThat(r.extra()).isEmpty();
    assertThat(r.invalidTokens()).isEmpty();
    assertThat(r.duplicate()).isFalse();
  }

  @Test
  void laterSbwsKeysAreTypedAndUnknownKeysKeptInExtra() throws Exception {
    BandwidthRelayLine r = parse(SBWS).relays().get(1);
    assertThat(r.consensusBandwidthIsUnmeasured()).isTrue();
    assertThat(r.relayRecentMeasurementFailureCount()).isEqualTo(3);
    assertThat(r.relayRecentMeasurementsExcludedNearCount()).isEqualTo(4);
    assertThat(r.relayRecentMeasurementsExcludedOldCount()).isEqualTo(5);
    assertThat(r.relayRecentMeasurementsExcludedFewCount()).isEqualTo(6);
    assertThat(r.vote()).isFalse();
    assertThat(r.unmeasured()).isTrue();
    assertThat(r.underMinReport()).isTrue();
    assertThat(r.rtt()).isEqualTo(380L);
    assertThat(r.xoffRecv()).isEqualTo(7L);
    assertThat(r.xoffSent()).isEqualTo(8L);
    assertThat(r.rStrm()).isEqualTo(0.95);
    assertThat(r.rStrmFilt()).isEqualTo(1.07);
    assertThat(r.extra()).containsExactly(entry("future_key", "abc"));
  }

  @Test
  void everyRowCarriesTheFilesTimestampVersionAndSoftware() throws Exception {
    assertThat(parse(SBWS).relays()).allSatisfy(r -> {
      assertThat(r.timestamp()).isEqualTo(Instant.parse("2019-04-21T21:34:57Z"));
      assertThat(r.version()).isEqualTo("1.4.0");
      assertThat(r.software()).isEqualTo("sbws");
    });
  }

  @Test
  void torflowFormat100HasNoHeaderAndNoTerminator() throws Exception {
    BandwidthFile f = parse(TORFLOW);
    assertThat(f.timestamp()).isEqualTo(Instant.parse("2019-01-14T17:41:29Z"));
    assertThat(f.version()).isEqualTo("1.0.0");
    assertThat(f.software()).isEqualTo("torflow");
    assertThat(f.header()).isEmpty();
    assertThat(f.terminator()).isNull();
    assertThat(f.relayCount()).isEqualTo(2);
    BandwidthRelayLine r = f.relays().get(0);
    assertThat(r.fingerprint()).isEqualTo("221C91D4C51E4C73CB6A8F0BEE01B0A6BB4A8476");
    assertThat(r.bw()).isEqualTo(38000L);
    assertThat(r.nick()).isEqualTo("digitalocean1");
    assertThat(r.measuredAt()).isEqualTo(Instant.ofEpochSecond(1546325250));
    assertThat(r.updatedAt()).isEqualTo(Instant.ofEpochSecond(1546325251));
    assertThat(r.pidError()).isEqualTo(4.88593489094);
    assertThat(r.pidErrorSum()).isEqualTo(4.88593489095);
    assertThat(r.pidBw()).isEqualTo(38037642L);
    assertThat(r.pidDelta()).isEqualTo(3.83770474524);
    assertThat(r.circFail()).isEqualTo(0.0);
    assertThat(r.scanner()).isEqualTo("/scanner.3/scan-data/bws-29.1:29.9-done-2019-01-01-00:47:30");
    assertThat(r.version()).isEqualTo("1.0.0");
    assertThat(r.software()).isEqualTo("torflow");
    assertThat(f.relays().get(1).pidDelta()).isEqualTo(-0.0151740262706);
    assertThat(f.relays().get(1).circFail()).isEqualTo(0.761904761905);
  }

  @Test
  void fourCharacterTerminatorOfSbwsUpTo102() throws Exception {
    BandwidthFile f = parse(with(SBWS, TERMINATOR, "===="));
    assertThat(f.terminator()).isEqualTo("====");
    assertThat(f.relayCount()).isEqualTo(2);
    assertThat(f.header()).hasSize(28);
  }

  @Test
  void blankLineAfterTheTerminatorIsSkipped() throws Exception {
    // bandwidth-file-spec sample A.2 (sbws 0.1.0) has one.
    BandwidthFile f = parse(inserted(SBWS, RELAY_1, ""));
    assertThat(f.relayCount()).isEqualTo(2);
    assertThat(f.invalidLines()).isEmpty();
  }

  @Test
  void headerOnlyFileHasNoRelays() throws Exception {
    // sbws before 1.4 writes no relay lines when too few relays are eligible.
    BandwidthFile f = parse(SBWS.subList(0, RELAY_1));
    assertThat(f.relayCount()).isZero();
    assertThat(f.terminator()).isEqualTo("=====");
  }

  @Test
  void timestampAloneIsAnEmptyFormat100File() throws Exception {
    BandwidthFile f = parse(List.of("1547487689"));
    assertThat(f.relayCount()).isZero();
    assertThat(f.version()).isEqualTo("1.0.0");
  }

  @Test
  void sbws19NodeIdWithoutDollar() throws Exception {
    BandwidthFile f = parse(with(SBWS, RELAY_1, SBWS_RELAY_1.replace("node_id=$", "node_id=")));
    assertThat(f.relays().get(0).nodeId()).isEqualTo("F63DF6AA4F395AD2F5F363333D104279F2171381");
    assertThat(f.relays().get(0).fingerprint()).isEqualTo("F63DF6AA4F395AD2F5F363333D104279F2171381");
  }

  @Test
  void lowerCaseNodeIdGivesUpperCaseFingerprint() throws Exception {
    BandwidthFile f = parse(with(SBWS, RELAY_1, SBWS_RELAY_1.replace("$F63DF6AA4F", "$f63df6aa4f")));
    assertThat(f.relays().get(0).nodeId()).isEqualTo("$f63df6aa4f395AD2F5F363333D104279F2171381");
    assertThat(f.relays().get(0).fingerprint()).isEqualTo("F63DF6AA4F395AD2F5F363333D104279F2171381");
  }

  @Test
  void relayLineWithoutBwIsKeptAsInvalid() throws Exception {
    String line = SBWS_RELAY_1.replace("bw=1 ", "");
    BandwidthFile f = parse(with(SBWS, RELAY_1, line));
    assertThat(f.relayCount()).isEqualTo(1);
    assertThat(f.invalidLines()).containsExactly(line);
  }

  @Test
  void relayLineWithNegativeBwIsKeptAsInvalid() throws Exception {
    String line = SBWS_RELAY_1.replace("bw=1 ", "bw=-1 ");
    BandwidthFile f = parse(with(SBWS, RELAY_1, line));
    assertThat(f.relayCount()).isEqualTo(1);
    assertThat(f.invalidLines()).containsExactly(line);
  }

  @Test
  void relayLineWithOnlyAnEd25519IdentityIsARow() throws Exception {
    // bandwidth-file-spec §2.3: parsers SHOULD accept lines with node_id or master_key_ed25519.
    BandwidthFile f = parse(with(SBWS, RELAY_1,
        SBWS_RELAY_1.replace(" node_id=$F63DF6AA4F395AD2F5F363333D104279F2171381", "")));
    assertThat(f.relayCount()).isEqualTo(2);
    assertThat(f.relays().get(0).fingerprint()).isNull();
    assertThat(f.relays().get(0).masterKeyEd25519()).isEqualTo("/Gk3GQhdhmASNPdGjReNdsWOHL1m2TGp4oAcvV0mXKI");
  }

  @Test
  void relayLineWithoutAnyIdentityIsKeptAsInvalid() throws Exception {
    String line = "bw=2 nick=ageinghacker";
    BandwidthFile f = parse(with(SBWS, RELAY_1 + 1, line));
    assertThat(f.relayCount()).isEqualTo(1);
    assertThat(f.invalidLines()).containsExactly(line);
  }

  @Test
  void malformedNodeIdWithoutEd25519KeyIsKeptAsInvalid() throws Exception {
    String line = "node_id=$221C91D4 bw=38000 nick=digitalocean1";
    BandwidthFile f = parse(with(TORFLOW, 1, line));
    assertThat(f.relayCount()).isEqualTo(1);
    assertThat(f.invalidLines()).containsExactly(line);
  }

  @Test
  void malformedNodeIdWithEd25519KeyIsARowWithTheTokenRecorded() throws Exception {
    BandwidthFile f = parse(with(SBWS, RELAY_1, SBWS_RELAY_1.replace("node_id=$F63DF6AA4F", "node_id=$XX3DF6AA4F")));
    BandwidthRelayLine r = f.relays().get(0);
    assertThat(r.fingerprint()).isNull();
    assertThat(r.nodeId()).isEqualTo("$XX3DF6AA4F395AD2F5F363333D104279F2171381");
    assertThat(r.invalidTokens()).containsExactly("node_id=$XX3DF6AA4F395AD2F5F363333D104279F2171381");
  }

  @Test
  void unparsableTypedValueIsRecordedAndTheRestOfTheLineKept() throws Exception {
    BandwidthFile f = parse(with(SBWS, RELAY_1, SBWS_RELAY_1.replace("success=2", "success=many")));
    BandwidthRelayLine r = f.relays().get(0);
    assertThat(r.success()).isNull();
    assertThat(r.invalidTokens()).containsExactly("success=many");
    assertThat(r.bwMean()).isEqualTo(21403L);
  }

  @Test
  void boolNotZeroOrOneIsRecorded() throws Exception {
    BandwidthRelayLine r = parse(with(SBWS, RELAY_1 + 1, SBWS_RELAY_2.replace("vote=0", "vote=2"))).relays().get(1);
    assertThat(r.vote()).isNull();
    assertThat(r.invalidTokens()).containsExactly("vote=2");
  }

  @Test
  void tokenWithoutEqualsIsRecorded() throws Exception {
    BandwidthRelayLine r = parse(with(TORFLOW, 2, TORFLOW.get(2) + " stray")).relays().get(1);
    assertThat(r.invalidTokens()).containsExactly("stray");
    assertThat(r.bw()).isEqualTo(6710L);
  }

  @Test
  void duplicateRelaysAreKeptAndCounted() throws Exception {
    BandwidthFile f = parse(plus(TORFLOW, TORFLOW.get(1).replace("bw=38000", "bw=37000")));
    assertThat(f.relayCount()).isEqualTo(3);
    assertThat(f.duplicateRelayCount()).isEqualTo(1);
    assertThat(f.relays()).extracting(BandwidthRelayLine::duplicate).containsExactly(false, false, true);
    assertThat(f.relays()).extracting(BandwidthRelayLine::bw).containsExactly(38000L, 6710L, 37000L);
  }

  @Test
  void headerLineWithoutEqualsIsAnUnknownLine() throws Exception {
    BandwidthFile f = parse(inserted(SBWS, 2, "this is not a key value"));
    assertThat(f.unknownLines()).containsExactly("this is not a key value");
    assertThat(f.header()).hasSize(28);
    assertThat(f.relayCount()).isEqualTo(2);
  }

  @Test
  void unparsableTypedHeaderValueIsAnInvalidLineButStaysInTheHeader() throws Exception {
    BandwidthFile f = parse(with(SBWS, 4, "file_created=yesterday"));
    assertThat(f.fileCreated()).isNull();
    assertThat(f.header()).containsEntry("file_created", "yesterday");
    assertThat(f.invalidLines()).containsExactly("file_created=yesterday");
  }

  @Test
  void unknownHeaderKeyIsKeptInTheHeaderMap() throws Exception {
    BandwidthFile f = parse(inserted(SBWS, 2, "x_scanner_region=eu"));
    assertThat(f.header()).containsEntry("x_scanner_region", "eu");
    assertThat(f.invalidLines()).isEmpty();
    assertThat(f.unknownLines()).isEmpty();
  }

  @Test
  void terminatorAfterRelayLinesIsAnInvalidLine() throws Exception {
    BandwidthFile f = parse(plus(SBWS, "====="));
    assertThat(f.relayCount()).isEqualTo(2);
    assertThat(f.invalidLines()).containsExactly("=====");
  }

  @Test
  void relayLineEndsAHeaderThatHasNoTerminator() throws Exception {
    BandwidthFile f = parse(with(SBWS, TERMINATOR, null));
    assertThat(f.terminator()).isNull();
    assertThat(f.header()).hasSize(28);
    assertThat(f.relayCount()).isEqualTo(2);
  }

  @Test
  void fileWithoutVersionHasFormat100EvenWithOtherHeaders() throws Exception {
    BandwidthFile f = parse(with(SBWS, 1, null));
    assertThat(f.version()).isEqualTo("1.0.0");
    assertThat(f.software()).as("the software header wins").isEqualTo("sbws");
  }

  @Test
  void fileWithVersionButNoSoftwareHasNoSoftware() throws Exception {
    BandwidthFile f = parse(with(SBWS, 2, null));
    assertThat(f.software()).isNull();
  }

  @Test
  void firstLineMustBeATimestamp() {
    assertThatThrownBy(() -> parse(SBWS.subList(1, SBWS.size())))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("the first line of a bandwidth file must be the Unix timestamp of its most recent measurement")
        .satisfies(e -> assertThat(((DescriptorParseException) e).lineInDocument()).isEqualTo(1))
        .satisfies(e -> assertThat(((DescriptorParseException) e).line()).isEqualTo("version=1.4.0"));
  }

  @Test
  void firstLineWithTwoNumbersIsNotATimestamp() {
    assertThatThrownBy(() -> parse(with(SBWS, 0, "1555882497 1555882498")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessageStartingWith("the first line of a bandwidth file must be");
  }

  @Test
  void negativeTimestampIsRejected() {
    assertThatThrownBy(() -> parse(with(SBWS, 0, "-1555882497")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessageStartingWith("the first line of a bandwidth file must be");
  }

  @Test
  void hugeTimestampIsRejectedNotThrownAsDateTimeException() {
    assertThatThrownBy(() -> parse(with(SBWS, 0, "99999999999999999")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessageStartingWith("the first line of a bandwidth file must be");
  }

  @Test
  void hugeMeasuredAtIsAnInvalidTokenNotACrash() throws Exception {
    BandwidthRelayLine r = parse(with(TORFLOW, 2, TORFLOW.get(2).replace("measured_at=1547370922",
        "measured_at=99999999999999999"))).relays().get(1);
    assertThat(r.measuredAt()).isNull();
    assertThat(r.invalidTokens()).containsExactly("measured_at=99999999999999999");
  }

  @Test
  void digestIsSha256OfTheDocumentBytesUpperCaseHex() throws Exception {
    String text = String.join("\n", SBWS) + "\n";
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(parseText(text).digest()).isEqualTo(HexFormat.of().withUpperCase().formatHex(sha));
  }

  @Test
  void crlfLineEndingsAreRead() throws Exception {
    BandwidthFile f = parseText(String.join("\r\n", SBWS) + "\r\n");
    assertThat(f.terminator()).isEqualTo("=====");
    assertThat(f.header()).containsEntry("dirauth_nickname", "longclaw");
    assertThat(f.relays().get(1).rStrmFilt()).isEqualTo(1.07);
  }
}
