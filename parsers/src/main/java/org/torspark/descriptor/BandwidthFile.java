package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * A bandwidth file ({@code @type bandwidth-file 1.0}; bandwidth-file-spec formats 1.0.0 to 1.9.x),
 * one per file: a timestamp line, header {@code key=value} lines up to a terminator ({@code =====},
 * or {@code ====} from sbws up to 1.0.2; Torflow's format 1.0.0 has neither header nor terminator),
 * then one line per measured relay. Header keys this library knows have typed components; all header
 * lines are also in {@code header} as written.
 *
 * @param timestamp the first line: Unix time of the most recent measurement (not file creation)
 * @param version the {@code version} header, or {@code 1.0.0} when absent (spec §2.2)
 * @param software the {@code software} header, or {@code torflow} for a file without {@code version}
 *     (spec §2.2: format 1.0.0 files are Torflow's), else null
 * @param header every header line as key to value, as written, in file order
 * @param terminator the header terminator line as written, or null (format 1.0.0)
 * @param relays the relay lines that identify a relay and carry a bandwidth, in file order
 * @param duplicateRelayCount relay lines for a relay already listed (kept in {@code relays})
 * @param invalidLines relay lines that could not become rows (no {@code bw}, no relay identity, bad
 *     {@code node_id}), header lines whose typed value did not parse, and terminators after the
 *     header; verbatim
 * @param unknownLines header lines that are not {@code key=value}, verbatim (the spec says to
 *     ignore them)
 * @param digest SHA-256 of the file bytes after the annotation lines, upper-case hex: the digest in
 *     CollecTor's {@code ...-bandwidth-<DIGEST>} file names
 */
public record BandwidthFile(
    Instant timestamp,
    String version,
    String software,
    String softwareVersion,
    Instant fileCreated,
    Instant generatorStarted,
    Instant earliestBandwidth,
    Instant latestBandwidth,
    Integer numberEligibleRelays,
    Integer minimumPercentEligibleRelays,
    Integer numberConsensusRelays,
    Integer percentEligibleRelays,
    Integer minimumNumberEligibleRelays,
    String scannerCountry,
    List<String> destinationsCountries,
    Integer recentConsensusCount,
    Integer recentPriorityListCount,
    Integer recentPriorityRelayCount,
    Integer recentMeasurementAttemptCount,
    Integer recentMeasurementFailureCount,
    Integer recentMeasurementsExcludedErrorCount,
    Integer recentMeasurementsExcludedNearCount,
    Integer recentMeasurementsExcludedOldCount,
    Integer recentMeasurementsExcludedFewCount,
    Integer timeToReportHalfNetwork,
    String torVersion,
    Long mu,
    Long muf,
    String dirauthNickname,
    Map<String, String> header,
    String terminator,
    List<BandwidthRelayLine> relays,
    int duplicateRelayCount,
    List<String> invalidLines,
    List<String> unknownLines,
    String digest) implements Descriptor {

  /** Row grain: one row per relay line. */
  public static final Table<BandwidthRelayLine> TABLE = Table.<BandwidthRelayLine>builder("bandwidth_file")
      .column("timestamp", ColumnType.TIMESTAMP, BandwidthRelayLine::timestamp,
          "The file's timestamp (first line): time of its most recent measurement")
      .column("version", ColumnType.STRING, BandwidthRelayLine::version,
          "The file's format version ('1.0.0' when it has no version header)")
      .column("software", ColumnType.STRING, BandwidthRelayLine::software,
          "Software that wrote the file ('torflow' for format 1.0.0 files)")
      .column("fingerprint", ColumnType.STRING, BandwidthRelayLine::fingerprint,
          "Relay fingerprint from node_id, 40 upper-case hex")
      .column("node_id", ColumnType.STRING, BandwidthRelayLine::nodeId, "node_id as written ('$' optional)")
      .column("master_key_ed25519", ColumnType.STRING, BandwidthRelayLine::masterKeyEd25519,
          "Relay ed25519 master key, base64 without '='")
      .column("bw", ColumnType.LONG, BandwidthRelayLine::bw, "Bandwidth to vote, kilobytes/s")
      .column("nick", ColumnType.STRING, BandwidthRelayLine::nick, "Relay nickname")
      .column("measured_at", ColumnType.TIMESTAMP, BandwidthRelayLine::measuredAt, "Torflow: last measurement")
      .column("updated_at", ColumnType.TIMESTAMP, BandwidthRelayLine::updatedAt, "Torflow: last update")
      .column("pid_error", ColumnType.DOUBLE, BandwidthRelayLine::pidError, "Torflow PID error")
      .column("pid_error_sum", ColumnType.DOUBLE, BandwidthRelayLine::pidErrorSum, "Torflow PID error sum")
      .column("pid_delta", ColumnType.DOUBLE, BandwidthRelayLine::pidDelta, "Torflow PID delta")
      .column("pid_bw", ColumnType.LONG, BandwidthRelayLine::pidBw, "Torflow PID bandwidth, bytes/s")
      .column("circ_fail", ColumnType.DOUBLE, BandwidthRelayLine::circFail, "Torflow circuit failure rate")
      .column("scanner", ColumnType.STRING, BandwidthRelayLine::scanner, "Torflow scanner data path")
      .column("rtt", ColumnType.LONG, BandwidthRelayLine::rtt, "sbws round-trip time, ms")
      .column("time", ColumnType.TIMESTAMP, BandwidthRelayLine::time, "sbws: last measurement")
      .column("success", ColumnType.INT, BandwidthRelayLine::success, "sbws successful measurements")
      .column("error_stream", ColumnType.INT, BandwidthRelayLine::errorStream, "sbws stream failures")
      .column("error_circ", ColumnType.INT, BandwidthRelayLine::errorCirc, "sbws circuit failures")
      .column("error_misc", ColumnType.INT, BandwidthRelayLine::errorMisc, "sbws other failures")
      .column("error_destination", ColumnType.INT, BandwidthRelayLine::errorDestination,
          "sbws failures: destination unavailable")
      .column("error_second_relay", ColumnType.INT, BandwidthRelayLine::errorSecondRelay,
          "sbws failures: no second relay")
      .column("bw_mean", ColumnType.LONG, BandwidthRelayLine::bwMean, "sbws measured mean, bytes/s")
      .column("bw_median", ColumnType.LONG, BandwidthRelayLine::bwMedian, "sbws measured median, bytes/s")
      .column("desc_bw_avg", ColumnType.LONG, BandwidthRelayLine::descBwAvg, "Descriptor bandwidth-avg, bytes/s")
      .column("desc_bw_bur", ColumnType.LONG, BandwidthRelayLine::descBwBur, "Descriptor bandwidth-burst, bytes/s")
      .column("desc_bw_obs_last", ColumnType.LONG, BandwidthRelayLine::descBwObsLast,
          "Last descriptor bandwidth-observed, bytes/s")
      .column("desc_bw_obs_mean", ColumnType.LONG, BandwidthRelayLine::descBwObsMean,
          "Mean descriptor bandwidth-observed, bytes/s")
      .column("consensus_bandwidth", ColumnType.LONG, BandwidthRelayLine::consensusBandwidth,
          "Consensus weight seen by sbws (as bytes/s)")
      .column("consensus_bandwidth_is_unmeasured", ColumnType.BOOLEAN,
          BandwidthRelayLine::consensusBandwidthIsUnmeasured, "Consensus weight was not from 3+ bandwidth authorities")
      .column("relay_in_recent_consensus_count", ColumnType.INT, BandwidthRelayLine::relayInRecentConsensusCount,
          "Consensuses listing the relay in the data period")
      .column("relay_recent_priority_list_count", ColumnType.INT,
          BandwidthRelayLine::relayRecentPriorityListCount, "Times prioritised for measurement")
      .column("relay_recent_measurement_attempt_count", ColumnType.INT,
          BandwidthRelayLine::relayRecentMeasurementAttemptCount, "Measurement attempts")
      .column("relay_recent_measurement_failure_count", ColumnType.INT,
          BandwidthRelayLine::relayRecentMeasurementFailureCount, "Failed measurement attempts")
      .column("relay_recent_measurements_excluded_error_count", ColumnType.INT,
          BandwidthRelayLine::relayRecentMeasurementsExcludedErrorCount, "Measurements excluded: errors")
      .column("relay_recent_measurements_excluded_near_count", ColumnType.INT,
          BandwidthRelayLine::relayRecentMeasurementsExcludedNearCount, "Measurements excluded: too close in time")
      .column("relay_recent_measurements_excluded_old_count", ColumnType.INT,
          BandwidthRelayLine::relayRecentMeasurementsExcludedOldCount, "Measurements excluded: too old")
      .column("relay_recent_measurements_excluded_few_count", ColumnType.INT,
          BandwidthRelayLine::relayRecentMeasurementsExcludedFewCount, "Measurements excluded: too few")
      .column("vote", ColumnType.BOOLEAN, BandwidthRelayLine::vote, "False: authorities should ignore this line")
      .column("unmeasured", ColumnType.BOOLEAN, BandwidthRelayLine::unmeasured, "Relay was not measured")
      .column("under_min_report", ColumnType.BOOLEAN, BandwidthRelayLine::underMinReport,
          "Too few eligible relays in the file")
      .column("xoff_recv", ColumnType.LONG, BandwidthRelayLine::xoffRecv, "Flow-control XOFF cells received")
      .column("xoff_sent", ColumnType.LONG, BandwidthRelayLine::xoffSent, "Flow-control XOFF cells sent")
      .column("r_strm", ColumnType.DOUBLE, BandwidthRelayLine::rStrm, "sbws Torflow-scaling stream ratio")
      .column("r_strm_filt", ColumnType.DOUBLE, BandwidthRelayLine::rStrmFilt,
          "sbws Torflow-scaling filtered stream ratio")
      .column("duplicate", ColumnType.BOOLEAN, BandwidthRelayLine::duplicate,
          "A later line for a relay already listed in this file")
      .column("extra", ColumnType.STRING_MAP, BandwidthRelayLine::extra,
          "Every key=value without a typed column, as written")
      .column("invalid_tokens", ColumnType.STRING_LIST, BandwidthRelayLine::invalidTokens,
          "Tokens that could not be used (typed value did not parse, no '='), as written")
      .rows(d -> ((BandwidthFile) d).relays())
      .build();

  /** Document grain: one row per bandwidth file. */
  public static final Table<BandwidthFile> DOCUMENT_TABLE = Table.<BandwidthFile>builder("bandwidth_file_document")
      .column("timestamp", ColumnType.TIMESTAMP, BandwidthFile::timestamp,
          "First line: time of the most recent measurement")
      .column("version", ColumnType.STRING, BandwidthFile::version, "Format version ('1.0.0' when absent)")
      .column("software", ColumnType.STRING, BandwidthFile::software,
          "Software that wrote the file ('torflow' for format 1.0.0 files)")
      .column("software_version", ColumnType.STRING, BandwidthFile::softwareVersion, "Its version")
      .column("file_created", ColumnType.TIMESTAMP, BandwidthFile::fileCreated, "When the file was written")
      .column("generator_started", ColumnType.TIMESTAMP, BandwidthFile::generatorStarted,
          "When the generator started")
      .column("earliest_bandwidth", ColumnType.TIMESTAMP, BandwidthFile::earliestBandwidth,
          "Oldest measurement used")
      .column("latest_bandwidth", ColumnType.TIMESTAMP, BandwidthFile::latestBandwidth,
          "Newest measurement used")
      .column("number_eligible_relays", ColumnType.INT, BandwidthFile::numberEligibleRelays,
          "Relays with enough measurements")
      .column("minimum_percent_eligible_relays", ColumnType.INT, BandwidthFile::minimumPercentEligibleRelays,
          "Required percentage of eligible relays")
      .column("number_consensus_relays", ColumnType.INT, BandwidthFile::numberConsensusRelays,
          "Relays in the consensus")
      .column("percent_eligible_relays", ColumnType.INT, BandwidthFile::percentEligibleRelays,
          "Eligible relays as a percentage of the consensus")
      .column("minimum_number_eligible_relays", ColumnType.INT, BandwidthFile::minimumNumberEligibleRelays,
          "Required number of eligible relays")
      .column("scanner_country", ColumnType.STRING, BandwidthFile::scannerCountry, "Scanner's country code")
      .column("destinations_countries", ColumnType.STRING_LIST, BandwidthFile::destinationsCountries,
          "Country codes of the measurement destinations")
      .column("recent_consensus_count", ColumnType.INT, BandwidthFile::recentConsensusCount,
          "Consensuses seen in the data period")
      .column("recent_priority_list_count", ColumnType.INT, BandwidthFile::recentPriorityListCount,
          "Priority lists made in the data period")
      .column("recent_priority_relay_count", ColumnType.INT, BandwidthFile::recentPriorityRelayCount,
          "Relays put on priority lists in the data period")
      .column("recent_measurement_attempt_count", ColumnType.INT, BandwidthFile::recentMeasurementAttemptCount,
          "Measurement attempts in the data period (formats 1.4.x)")
      .column("recent_measurement_failure_count", ColumnType.INT, BandwidthFile::recentMeasurementFailureCount,
          "Failed measurement attempts in the data period")
      .column("recent_measurements_excluded_error_count", ColumnType.INT,
          BandwidthFile::recentMeasurementsExcludedErrorCount, "Relays excluded: no successful measurement")
      .column("recent_measurements_excluded_near_count", ColumnType.INT,
          BandwidthFile::recentMeasurementsExcludedNearCount, "Relays excluded: measurements too close in time")
      .column("recent_measurements_excluded_old_count", ColumnType.INT,
          BandwidthFile::recentMeasurementsExcludedOldCount, "Relays excluded: measurements too old")
      .column("recent_measurements_excluded_few_count", ColumnType.INT,
          BandwidthFile::recentMeasurementsExcludedFewCount, "Relays excluded: too few measurements")
      .column("time_to_report_half_network", ColumnType.INT, BandwidthFile::timeToReportHalfNetwork,
          "Seconds it would take to measure half the network")
      .column("tor_version", ColumnType.STRING, BandwidthFile::torVersion, "Scanner's tor version")
      .column("mu", ColumnType.LONG, BandwidthFile::mu, "Network mean of measured bandwidths (scaling)")
      .column("muf", ColumnType.LONG, BandwidthFile::muf, "Network mean of filtered bandwidths (scaling)")
      .column("dirauth_nickname", ColumnType.STRING, BandwidthFile::dirauthNickname,
          "Directory authority the file is for")
      .column("header", ColumnType.STRING_MAP, BandwidthFile::header, "Every header key=value, as written")
      .column("terminator", ColumnType.STRING, BandwidthFile::terminator,
          "Header terminator as written ('=====' or '===='), null in format 1.0.0")
      .column("relay_count", ColumnType.INT, BandwidthFile::relayCount, "Relay lines that became rows")
      .column("duplicate_relay_count", ColumnType.INT, BandwidthFile::duplicateRelayCount,
          "Relay lines for a relay already listed (kept as rows)")
      .column("invalid_lines", ColumnType.STRING_LIST, BandwidthFile::invalidLines,
          "Lines kept verbatim because they could not be used (relay lines without bw or relay id, ...)")
      .column("unknown_lines", ColumnType.STRING_LIST, BandwidthFile::unknownLines,
          "Header lines that are not key=value, verbatim")
      .column("digest", ColumnType.STRING, BandwidthFile::digest,
          "SHA-256 of the file after annotations, upper-case hex (CollecTor file name)")
      .oneRowPerDescriptor()
      .build();

  public int relayCount() {
    return relays.size();
  }

  @Override
  public DescriptorType type() {
    return DescriptorType.BANDWIDTH_FILE;
  }
}
