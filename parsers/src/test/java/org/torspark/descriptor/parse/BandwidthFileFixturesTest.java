package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.BandwidthRelayLine;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.schema.Column;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;
import org.torspark.testing.Fixtures;

/** Real bandwidth files, Torflow 1.0.0 to sbws 1.4.0 (see testdata/PROVENANCE.md). */
class BandwidthFileFixturesTest {

  private static final String COLLECTOR_TORFLOW = "bandwidth-file/2019-05-14-11-43-39-bandwidth-"
      + "1997D0509203B29E02FE5CAB27C07CBD8365C5751135264D3AC70BA3E1638B41";
  private static final String COLLECTOR_SBWS = "bandwidth-file/2019-05-14-12-35-04-bandwidth-"
      + "376B05F867C6E06C816DD2FF7A5C7B88D9829D958F0DA2F73BDFFD2C3B49D217";

  private static List<ParsedDocument> read(String path) {
    List<ParsedDocument> docs = Fixtures.read(path);
    assertThat(docs).allSatisfy(d -> assertThat(d.error()).isNull());
    assertThat(docs).allSatisfy(d -> assertThat(d.type()).isEqualTo(DescriptorType.BANDWIDTH_FILE));
    return docs;
  }

  private static BandwidthFile readOne(String path) throws IOException {
    List<ParsedDocument> docs = read(path);
    assertThat(docs).hasSize(1);
    return (BandwidthFile) docs.get(0).descriptor();
  }

  /** Relay-line counts, header sizes and SHA-256 (of the bytes after annotations) from PROVENANCE.md and sha256sum. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      COLLECTOR_TORFLOW + ", 22, 1.0.0, 0, , 67CD0DC231B94B4C0E53BF46E8CBE2AE4AA7288F8844BF27B37219D162F4E55C",
      COLLECTOR_SBWS + ", 41, 1.4.0, 24, =====, B44E12DC4B73B95CE64CC705534A7FB3B43B556BD1165DD8E163A10FDEB2EEF9",
      "bandwidth-file/sbws-v1.2.0-2019-01-14, 81, 1.2.0, 12, =====, "
          + "6A8323845458BB0B69D639389A2F12290CCA5D0784DF3CC6ABFDA3D269B5C5FE",
      "bandwidth-file/sbws-v1.4.0-2019-04-21, 58, 1.4.0, 25, =====, "
          + "1621EF01D71C95B7A082CB9329E60B18A4A0109ADF19A561A78907FE65156C11",
      "bandwidth-file/torflow-v1.0.0-2019-01-14, 94, 1.0.0, 0, , "
          + "FAA0F49F80D190AE96521A2E83DA5EAB711B719E800A5D1A083D87715A579623",
      "sbws-results/v3bw/20190325_130909.v3bw, 15, 1.2.0, 23, =====, "
          + "A518E2B4DEEBAE88DCE4BA7C2C15E426AA2E29B094FDF818A5B5046627814776",
      "sbws-results/v3bw/20190511_063232.v3bw, 15, 1.4.0, 23, =====, "
          + "2298DE9ECF6272440BE616E26323DFF2610ACAA7CCB3FA006192E3BE4CBA9283"})
  void everyRealBandwidthFileParsesCompletely(String path, int relays, String version, int headerLines,
      String terminator, String sha256) throws Exception {
    BandwidthFile f = readOne(path);
    assertThat(f.relayCount()).isEqualTo(relays);
    assertThat(f.version()).isEqualTo(version);
    assertThat(f.header()).hasSize(headerLines);
    assertThat(f.terminator()).isEqualTo(terminator);
    assertThat(f.invalidLines()).isEmpty();
    assertThat(f.unknownLines()).isEmpty();
    assertThat(f.duplicateRelayCount()).isZero();
    assertThat(f.relays()).allSatisfy(r -> {
      assertThat(r.fingerprint()).hasSize(40);
      assertThat(r.bw()).isNotNull();
      assertThat(r.invalidTokens()).isEmpty();
      assertThat(r.timestamp()).isEqualTo(f.timestamp());
      assertThat(r.version()).isEqualTo(version);
    });
    assertThat(f.digest()).isEqualTo(sha256);
    if (f.latestBandwidth() != null) {
      // bandwidth-file-spec: latest_bandwidth MUST be identical to the timestamp line.
      assertThat(f.latestBandwidth()).isEqualTo(f.timestamp());
    }
  }

  @Test
  void croppedCollectorFilesNoLongerMatchTheDigestInTheirName() throws Exception {
    // stem cropped these files; their names still carry the SHA-256 of the original full files.
    BandwidthFile f = readOne(COLLECTOR_SBWS);
    assertThat(COLLECTOR_SBWS).endsWith("-376B05F867C6E06C816DD2FF7A5C7B88D9829D958F0DA2F73BDFFD2C3B49D217");
    assertThat(f.digest()).isNotEqualTo("376B05F867C6E06C816DD2FF7A5C7B88D9829D958F0DA2F73BDFFD2C3B49D217");
  }

  @Test
  void torflowFile() throws Exception {
    BandwidthFile f = readOne("bandwidth-file/torflow-v1.0.0-2019-01-14");
    assertThat(f.timestamp()).isEqualTo(Instant.parse("2019-01-14T17:41:29Z"));
    assertThat(f.software()).isEqualTo("torflow");
    assertThat(f.fileCreated()).isNull();
    BandwidthRelayLine first = f.relays().get(0);
    assertThat(first.nodeId()).isEqualTo("$221C91D4C51E4C73CB6A8F0BEE01B0A6BB4A8476");
    assertThat(first.fingerprint()).isEqualTo("221C91D4C51E4C73CB6A8F0BEE01B0A6BB4A8476");
    assertThat(first.bw()).isEqualTo(38000L);
    assertThat(first.nick()).isEqualTo("digitalocean1");
    assertThat(first.measuredAt()).isEqualTo(Instant.ofEpochSecond(1546325250));
    assertThat(first.pidError()).isEqualTo(4.88593489094);
    assertThat(first.pidBw()).isEqualTo(38037642L);
    assertThat(first.scanner()).isEqualTo("/scanner.3/scan-data/bws-29.1:29.9-done-2019-01-01-00:47:30");
    assertThat(first.extra()).isEmpty();
    BandwidthRelayLine last = f.relays().get(93);
    assertThat(last.fingerprint()).isEqualTo("05DD3981CAD87DEDBC8ADCF1AC6981C65585DA99");
    assertThat(last.bw()).isEqualTo(6710L);
    assertThat(last.nick()).isEqualTo("cpu");
    assertThat(last.pidDelta()).isEqualTo(-0.0151740262706);
  }

  @Test
  void sbws102File() throws Exception {
    BandwidthFile f = readOne("bandwidth-file/sbws-v1.2.0-2019-01-14");
    assertThat(f.timestamp()).isEqualTo(Instant.parse("2019-01-14T05:34:59Z"));
    assertThat(f.software()).isEqualTo("sbws");
    assertThat(f.softwareVersion()).isEqualTo("1.0.2");
    assertThat(f.fileCreated()).isEqualTo(Instant.parse("2019-01-14T05:35:06Z"));
    assertThat(f.earliestBandwidth()).isEqualTo(Instant.parse("2019-01-04T05:35:29Z"));
    assertThat(f.generatorStarted()).isEqualTo(Instant.parse("2019-01-03T22:45:08Z"));
    assertThat(f.numberConsensusRelays()).isEqualTo(6514);
    assertThat(f.numberEligibleRelays()).isEqualTo(6256);
    assertThat(f.minimumNumberEligibleRelays()).isEqualTo(3908);
    assertThat(f.percentEligibleRelays()).isEqualTo(96);
    assertThat(f.scannerCountry()).isNull();
    assertThat(f.destinationsCountries()).isEmpty();
    BandwidthRelayLine first = f.relays().get(0);
    assertThat(first.fingerprint()).isEqualTo("92808CA58D8F32CA34A34C547610869BF4E2A6EC");
    assertThat(first.nick()).isEqualTo("mrkoolltor");
    assertThat(first.masterKeyEd25519()).isEqualTo("u4wsHWWosT+yKp1tZQ7UMAM4Pp5X+rIuwlhHJ5fojMg");
    assertThat(first.bwMean()).isEqualTo(191643L);
    assertThat(first.bwMedian()).isEqualTo(218251L);
    assertThat(first.descBwAvg()).isEqualTo(262144L);
    assertThat(first.descBwObsLast()).isEqualTo(316578L);
    assertThat(first.descBwObsMean()).isEqualTo(311101L);
    assertThat(first.success()).isEqualTo(10);
    assertThat(first.time()).isEqualTo(Instant.parse("2019-01-12T15:00:59Z"));
    BandwidthRelayLine last = f.relays().get(80);
    assertThat(last.nick()).isEqualTo("glenda2");
    assertThat(last.masterKeyEd25519()).isNull();
    assertThat(last.success()).isEqualTo(11);
  }

  @Test
  void sbws110File() throws Exception {
    BandwidthFile f = readOne("bandwidth-file/sbws-v1.4.0-2019-04-21");
    assertThat(f.softwareVersion()).isEqualTo("1.1.0");
    assertThat(f.torVersion()).isEqualTo("0.3.5.10");
    assertThat(f.destinationsCountries()).containsExactly("ZZ");
    assertThat(f.scannerCountry()).isEqualTo("US");
    assertThat(f.recentConsensusCount()).isEqualTo(34);
    assertThat(f.recentMeasurementAttemptCount()).isEqualTo(86417);
    assertThat(f.recentMeasurementFailureCount()).isEqualTo(57023);
    assertThat(f.recentMeasurementsExcludedNearCount()).isEqualTo(182);
    assertThat(f.timeToReportHalfNetwork()).isEqualTo(223519);
    BandwidthRelayLine first = f.relays().get(0);
    assertThat(first.fingerprint()).isEqualTo("F63DF6AA4F395AD2F5F363333D104279F2171381");
    assertThat(first.nick()).isEqualTo("t7");
    assertThat(first.consensusBandwidth()).isEqualTo(1000L);
    assertThat(first.consensusBandwidthIsUnmeasured()).isFalse();
    assertThat(first.descBwBur()).isEqualTo(61440L);
    assertThat(first.errorCirc()).isEqualTo(2);
    assertThat(first.relayInRecentConsensusCount()).isEqualTo(19);
    assertThat(first.relayRecentMeasurementsExcludedErrorCount()).isEqualTo(2);
  }

  @Test
  void sbwsTestnetFileMarksRelaysNotToVoteOn() throws Exception {
    BandwidthFile f = readOne("sbws-results/v3bw/20190325_130909.v3bw");
    assertThat(f.softwareVersion()).isEqualTo("1.1.0-dev0");
    assertThat(f.numberEligibleRelays()).isZero();
    BandwidthRelayLine first = f.relays().get(0);
    assertThat(first.nick()).isEqualTo("relay7");
    assertThat(first.fingerprint()).isEqualTo("E894C65997F8EC96558B554176EEEA39C6A43EF6");
    assertThat(first.underMinReport()).isTrue();
    assertThat(first.unmeasured()).isTrue();
    assertThat(first.vote()).isFalse();
    assertThat(first.relayRecentMeasurementsExcludedFewCount()).isEqualTo(1);
    assertThat(f.relays()).allSatisfy(r -> assertThat(r.vote()).isFalse());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "collector-tarball/bandwidths-2019-05-cropped.tar",
      "collector-tarball/derived-xz/bandwidths-2019-05-cropped.tar.xz"})
  void monthlyTarball(String path) throws Exception {
    Map<String, BandwidthFile> byName = new LinkedHashMap<>();
    for (ParsedDocument doc : read(path)) {
      assertThat(doc.source().entry()).startsWith("bandwidths-2019-05/14/");
      byName.put(doc.source().innermostName(), (BandwidthFile) doc.descriptor());
    }
    assertThat(byName).hasSize(2);
    BandwidthFile torflow = byName.get(COLLECTOR_TORFLOW.substring("bandwidth-file/".length()));
    BandwidthFile sbws = byName.get(COLLECTOR_SBWS.substring("bandwidth-file/".length()));
    assertThat(torflow.relayCount()).isEqualTo(22);
    assertThat(sbws.relayCount()).isEqualTo(41);
    // CollecTor names the file by file_created, else by the timestamp line.
    assertThat(torflow.fileCreated()).isNull();
    assertThat(torflow.timestamp()).isEqualTo(Instant.parse("2019-05-14T11:43:39Z"));
    assertThat(sbws.fileCreated()).isEqualTo(Instant.parse("2019-05-14T12:35:04Z"));
    assertThat(sbws.timestamp()).isEqualTo(Instant.parse("2019-05-14T12:34:55Z"));
    assertThat(torflow.relays().get(0).fingerprint()).isEqualTo("35BD292A0F86C06A4753FF6F66505FF04B561986");
    assertThat(torflow.relays().get(0).nick()).isEqualTo("tor6zXLCtAn");
    assertThat(torflow.relays().get(0).bw()).isEqualTo(1210L);
    BandwidthRelayLine ripple = sbws.relays().get(0);
    assertThat(ripple.nick()).isEqualTo("ripple");
    assertThat(ripple.fingerprint()).isEqualTo("BAF94556C27AA9A988199DC275E4E1BEEE9612DA");
    assertThat(ripple.masterKeyEd25519()).isEqualTo("u0Gj3Ke56Es+mDZnAtnzefcEGMZQ9TAM2UzKN3lD5nM");
    assertThat(ripple.relayInRecentConsensusCount()).isEqualTo(403);
    assertThat(ripple.time()).isEqualTo(Instant.parse("2019-05-13T07:28:23Z"));
    BandwidthRelayLine nodeofswarm = sbws.relays().get(2);
    assertThat(nodeofswarm.fingerprint()).isEqualTo("BBF8763C551F87A1CCCB6652BBC0AC336BFAEA2F");
    assertThat(nodeofswarm.consensusBandwidth()).isEqualTo(269000L);
    assertThat(sbws.digest()).isEqualTo("B44E12DC4B73B95CE64CC705534A7FB3B43B556BD1165DD8E163A10FDEB2EEF9");
  }

  @Test
  void tablesAttachTheTimestampToEveryRowAndTheDocument() throws Exception {
    BandwidthFile f = readOne("bandwidth-file/sbws-v1.4.0-2019-04-21");
    String time = DescriptorType.BANDWIDTH_FILE.timeColumn();
    assertThat(time).isEqualTo("timestamp");

    @SuppressWarnings("unchecked")
    Table<BandwidthRelayLine> rows =
        (Table<BandwidthRelayLine>) Tables.forType(DescriptorType.BANDWIDTH_FILE, Tables.Grain.ROW);
    assertThat(rows.columns()).extracting(Column::name).startsWith(
        "timestamp", "version", "software", "fingerprint", "node_id", "master_key_ed25519", "bw", "nick")
        .contains("measured_at", "updated_at", "pid_error", "pid_error_sum", "pid_delta", "pid_bw", "circ_fail",
            "scanner", "time", "success", "error_stream", "error_circ", "error_misc", "error_destination",
            "error_second_relay", "bw_mean", "bw_median", "desc_bw_avg", "desc_bw_bur", "desc_bw_obs_last",
            "desc_bw_obs_mean", "consensus_bandwidth", "consensus_bandwidth_is_unmeasured", "vote", "unmeasured",
            "under_min_report", "relay_in_recent_consensus_count", "xoff_recv", "xoff_sent", "r_strm",
            "r_strm_filt")
        .endsWith("duplicate", "extra", "invalid_tokens");
    List<BandwidthRelayLine> relayRows = new ArrayList<>(rows.rowsOf(f));
    assertThat(relayRows).hasSize(58);
    assertThat(relayRows).allSatisfy(r ->
        assertThat(rows.column(time).get(r)).isEqualTo(Instant.parse("2019-04-21T21:34:57Z")));
    assertThat(rows.column("version").get(relayRows.get(0))).isEqualTo("1.4.0");
    assertThat(rows.column("software").get(relayRows.get(0))).isEqualTo("sbws");

    @SuppressWarnings("unchecked")
    Table<BandwidthFile> documents =
        (Table<BandwidthFile>) Tables.forType(DescriptorType.BANDWIDTH_FILE, Tables.Grain.DOCUMENT);
    assertThat(documents.columns()).extracting(Column::name).startsWith("timestamp", "version", "software")
        .contains("software_version", "file_created", "generator_started", "earliest_bandwidth",
            "latest_bandwidth", "scanner_country", "destinations_countries", "mu", "muf", "tor_version",
            "dirauth_nickname", "header", "terminator", "relay_count", "duplicate_relay_count")
        .endsWith("invalid_lines", "unknown_lines", "digest");
    assertThat(documents.column(time).get(f)).isEqualTo(Instant.parse("2019-04-21T21:34:57Z"));
    assertThat(documents.column("relay_count").get(f)).isEqualTo(58);
  }
}
