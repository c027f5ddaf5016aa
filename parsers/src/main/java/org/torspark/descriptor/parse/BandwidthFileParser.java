package org.torspark.descriptor.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.BandwidthRelayLine;

/**
 * Parses a bandwidth file (bandwidth-file-spec §2): a Unix timestamp line, header
 * {@code key=value} lines, a terminator, then relay lines of space-separated {@code key=value}
 * pairs. Only a first line that is not a timestamp fails the file. Everything else is lenient but
 * recorded, as the spec asks parsers to ignore what they cannot use: a header line that is not
 * {@code key=value} goes to {@code unknown_lines}; a relay line without {@code bw} or without a
 * relay identity ({@code node_id} or {@code master_key_ed25519}) to {@code invalid_lines}; a token
 * whose value does not parse to the row's {@code invalid_tokens}. Duplicate relays are kept and
 * counted.
 *
 * <p>The header ends at a terminator ({@code =====}, or {@code ====} from sbws 0.1.0 to 1.0.2) or,
 * in Torflow's format 1.0.0 which has neither header nor terminator, at the first line that carries
 * {@code node_id=}, {@code bw=} or {@code master_key_ed25519=}.
 */
final class BandwidthFileParser implements DescriptorParser {

  /** Format version of files without a {@code version} header (spec §2.2). */
  static final String DEFAULT_VERSION = "1.0.0";
  /** Software of files without a {@code version} header: format 1.0.0 is Torflow's (spec §2.2). */
  static final String DEFAULT_SOFTWARE = "torflow";
  /** Year 9999: the largest Unix time we turn into an Instant. */
  private static final long MAX_UNIX_TIME = 253402300799L;

  @Override
  public BandwidthFile parse(Document doc) throws DescriptorParseException {
    Lines lines = doc.lines();
    if (!lines.next()) {
      throw new DescriptorParseException("empty bandwidth file");
    }
    Instant timestamp = timestampLine(lines);
    Header header = new Header();
    List<RelayBuilder> relays = new ArrayList<>();
    List<String> invalidLines = new ArrayList<>(0);
    List<String> unknownLines = new ArrayList<>(0);
    String terminator = null;
    boolean inHeader = true;

    while (lines.next()) {
      String kw = lines.keyword();
      String[] args = lines.args();
      if (kw.isEmpty() && args.length == 0) {
        continue;
      }
      boolean isTerminator = args.length == 0 && (kw.equals("=====") || kw.equals("===="));
      if (inHeader) {
        if (isTerminator) {
          terminator = kw;
          inHeader = false;
          continue;
        }
        if (!isRelayLine(kw, args)) {
          header.line(lines.line(), invalidLines, unknownLines);
          continue;
        }
        inHeader = false;
      }
      if (isTerminator) {
        invalidLines.add(lines.line());
        continue;
      }
      RelayBuilder relay = new RelayBuilder();
      if (!kw.isEmpty()) {
        relay.token(kw);
      }
      for (String arg : args) {
        relay.token(arg);
      }
      if (relay.bw == null || (relay.fingerprint == null && relay.masterKeyEd25519 == null)) {
        invalidLines.add(lines.line());
      } else {
        relays.add(relay);
      }
    }

    String version = header.version != null ? header.version : DEFAULT_VERSION;
    String software = header.software != null ? header.software
        : header.version == null ? DEFAULT_SOFTWARE : null;
    List<BandwidthRelayLine> rows = new ArrayList<>(relays.size());
    Set<String> seen = new HashSet<>(relays.size() * 2);
    int duplicates = 0;
    for (RelayBuilder r : relays) {
      String identity = r.fingerprint != null ? r.fingerprint : "ed25519:" + r.masterKeyEd25519;
      boolean duplicate = !seen.add(identity);
      if (duplicate) {
        duplicates++;
      }
      rows.add(r.build(timestamp, version, software, duplicate));
    }
    String digest = Values.hex(Digests.sha256(doc.bytes(), doc.start(), doc.end()), true);
    return new BandwidthFile(timestamp, version, software, header.softwareVersion, header.fileCreated,
        header.generatorStarted, header.earliestBandwidth, header.latestBandwidth,
        header.numberEligibleRelays, header.minimumPercentEligibleRelays, header.numberConsensusRelays,
        header.percentEligibleRelays, header.minimumNumberEligibleRelays, header.scannerCountry,
        header.destinationsCountries, header.recentConsensusCount, header.recentPriorityListCount,
        header.recentPriorityRelayCount, header.recentMeasurementAttemptCount,
        header.recentMeasurementFailureCount, header.recentMeasurementsExcludedErrorCount,
        header.recentMeasurementsExcludedNearCount, header.recentMeasurementsExcludedOldCount,
        header.recentMeasurementsExcludedFewCount, header.timeToReportHalfNetwork, header.torVersion,
        header.mu, header.muf, header.dirauthNickname, Collections.unmodifiableMap(header.values), terminator, List.copyOf(rows),
        duplicates, List.copyOf(invalidLines), List.copyOf(unknownLines), digest);
  }

  private static Instant timestampLine(Lines lines) throws DescriptorParseException {
    String kw = lines.keyword();
    String[] args = lines.args();
    String token = kw.isEmpty() ? (args.length == 1 ? args[0] : null) : (args.length == 0 ? kw : null);
    if (token != null) {
      try {
        return unixTime(token);
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw lines.fail("the first line of a bandwidth file must be the Unix timestamp of its most recent"
        + " measurement");
  }

  private static boolean isRelayLine(String kw, String[] args) {
    if (isRelayKey(kw)) {
      return true;
    }
    for (String a : args) {
      if (isRelayKey(a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRelayKey(String token) {
    return token.startsWith("node_id=") || token.startsWith("bw=") || token.startsWith("master_key_ed25519=");
  }

  static Instant unixTime(String s) {
    long v = Values.parseLong(s);
    if (v < 0 || v > MAX_UNIX_TIME) {
      throw new IllegalArgumentException("Unix time out of range: " + s);
    }
    return Instant.ofEpochSecond(v);
  }

  static long nonNegativeLong(String s) {
    long v = Values.parseLong(s);
    if (v < 0) {
      throw new IllegalArgumentException("negative: " + s);
    }
    return v;
  }

  /** sbws writes {@code True}/{@code False} and {@code 0}/{@code 1}. */
  static boolean bool(String s) {
    switch (s) {
      case "1":
      case "True":
      case "true":
        return true;
      case "0":
      case "False":
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("not a boolean: " + s);
    }
  }

  /** The header lines read so far, typed where the key is known. */
  private static final class Header {
    final Map<String, String> values = new LinkedHashMap<>();
    String version;
    String software;
    String softwareVersion;
    Instant fileCreated;
    Instant generatorStarted;
    Instant earliestBandwidth;
    Instant latestBandwidth;
    Integer numberEligibleRelays;
    Integer minimumPercentEligibleRelays;
    Integer numberConsensusRelays;
    Integer percentEligibleRelays;
    Integer minimumNumberEligibleRelays;
    String scannerCountry;
    List<String> destinationsCountries = List.of();
    Integer recentConsensusCount;
    Integer recentPriorityListCount;
    Integer recentPriorityRelayCount;
    Integer recentMeasurementAttemptCount;
    Integer recentMeasurementFailureCount;
    Integer recentMeasurementsExcludedErrorCount;
    Integer recentMeasurementsExcludedNearCount;
    Integer recentMeasurementsExcludedOldCount;
    Integer recentMeasurementsExcludedFewCount;
    Integer timeToReportHalfNetwork;
    String torVersion;
    Long mu;
    Long muf;
    String dirauthNickname;

    void line(String line, List<String> invalidLines, List<String> unknownLines) {
      String keyValue = line.strip();
      int eq = keyValue.indexOf('=');
      if (eq <= 0) {
        unknownLines.add(line);
        return;
      }
      String key = keyValue.substring(0, eq);
      String value = keyValue.substring(eq + 1);
      values.put(key, value);
      try {
        typed(key, value);
      } catch (IllegalArgumentException e) {
        invalidLines.add(line);
      }
    }

    private void typed(String key, String v) {
      switch (key) {
        case "version":
          version = v;
          break;
        case "software":
          software = v;
          break;
        case "software_version":
          softwareVersion = v;
          break;
        case "file_created":
          fileCreated = Values.isoTimestamp(v);
          break;
        case "generator_started":
          generatorStarted = Values.isoTimestamp(v);
          break;
        case "earliest_bandwidth":
          earliestBandwidth = Values.isoTimestamp(v);
          break;
        case "latest_bandwidth":
          latestBandwidth = Values.isoTimestamp(v);
          break;
        case "number_eligible_relays":
          numberEligibleRelays = Values.parseInt(v);
          break;
        case "minimum_percent_eligible_relays":
          minimumPercentEligibleRelays = Values.parseInt(v);
          break;
        case "number_consensus_relays":
          numberConsensusRelays = Values.parseInt(v);
          break;
        case "percent_eligible_relays":
          percentEligibleRelays = Values.parseInt(v);
          break;
        case "minimum_number_eligible_relays":
          minimumNumberEligibleRelays = Values.parseInt(v);
          break;
        case "scanner_country":
          scannerCountry = v;
          break;
        case "destinations_countries":
          destinationsCountries = List.copyOf(Lines.commaList(v));
          break;
        case "recent_consensus_count":
          recentConsensusCount = Values.parseInt(v);
          break;
        case "recent_priority_list_count":
          recentPriorityListCount = Values.parseInt(v);
          break;
        case "recent_priority_relay_count":
          recentPriorityRelayCount = Values.parseInt(v);
          break;
        case "recent_measurement_attempt_count":
          recentMeasurementAttemptCount = Values.parseInt(v);
          break;
        case "recent_measurement_failure_count":
          recentMeasurementFailureCount = Values.parseInt(v);
          break;
        case "recent_measurements_excluded_error_count":
          recentMeasurementsExcludedErrorCount = Values.parseInt(v);
          break;
        case "recent_measurements_excluded_near_count":
          recentMeasurementsExcludedNearCount = Values.parseInt(v);
          break;
        case "recent_measurements_excluded_old_count":
          recentMeasurementsExcludedOldCount = Values.parseInt(v);
          break;
        case "recent_measurements_excluded_few_count":
          recentMeasurementsExcludedFewCount = Values.parseInt(v);
          break;
        case "time_to_report_half_network":
          timeToReportHalfNetwork = Values.parseInt(v);
          break;
        case "tor_version":
          torVersion = v;
          break;
        case "mu":
          mu = Values.parseLong(v);
          break;
        case "muf":
          muf = Values.parseLong(v);
          break;
        case "dirauth_nickname":
          dirauthNickname = v;
          break;
        default:
          break;
      }
    }
  }

  /** One relay line's values while it is read. */
  private static final class RelayBuilder {
    String nodeId;
    String fingerprint;
    String masterKeyEd25519;
    Long bw;
    String nick;
    Instant measuredAt;
    Instant updatedAt;
    Double pidError;
    Double pidErrorSum;
    Double pidDelta;
    Long pidBw;
    Double circFail;
    String scanner;
    Long rtt;
    Instant time;
    Integer success;
    Integer errorStream;
    Integer errorCirc;
    Integer errorMisc;
    Integer errorDestination;
    Integer errorSecondRelay;
    Long bwMean;
    Long bwMedian;
    Long descBwAvg;
    Long descBwBur;
    Long descBwObsLast;
    Long descBwObsMean;
    Long consensusBandwidth;
    Boolean consensusBandwidthIsUnmeasured;
    Integer relayInRecentConsensusCount;
    Integer relayRecentPriorityListCount;
    Integer relayRecentMeasurementAttemptCount;
    Integer relayRecentMeasurementFailureCount;
    Integer relayRecentMeasurementsExcludedErrorCount;
    Integer relayRecentMeasurementsExcludedNearCount;
    Integer relayRecentMeasurementsExcludedOldCount;
    Integer relayRecentMeasurementsExcludedFewCount;
    Boolean vote;
    Boolean unmeasured;
    Boolean underMinReport;
    Long xoffRecv;
    Long xoffSent;
    Double rStrm;
    Double rStrmFilt;
    final Map<String, String> extra = new LinkedHashMap<>();
    final List<String> invalidTokens = new ArrayList<>(0);

    void token(String token) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        invalidTokens.add(token);
        return;
      }
      try {
        typed(token.substring(0, eq), token.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        invalidTokens.add(token);
      }
    }

    /** Stores one value; throws IllegalArgumentException when a typed value does not parse. */
    private void typed(String key, String v) {
      switch (key) {
        case "node_id":
          nodeId = v;
          String hex = v.startsWith("$") ? v.substring(1) : v;
          if (!Values.isHex(hex, 40)) {
            throw new IllegalArgumentException("not a fingerprint: " + v);
          }
          fingerprint = hex.toUpperCase(Locale.ROOT);
          break;
        case "master_key_ed25519":
          masterKeyEd25519 = v;
          break;
        case "bw":
          bw = nonNegativeLong(v);
          break;
        case "nick":
          nick = v;
          break;
        case "measured_at":
          measuredAt = unixTime(v);
          break;
        case "updated_at":
          updatedAt = unixTime(v);
          break;
        case "pid_error":
          pidError = Values.parseDouble(v);
          break;
        case "pid_error_sum":
          pidErrorSum = Values.parseDouble(v);
          break;
        case "pid_delta":
          pidDelta = Values.parseDouble(v);
          break;
        case "pid_bw":
          pidBw = Values.parseLong(v);
          break;
        case "circ_fail":
          circFail = Values.parseDouble(v);
          break;
        case "scanner":
          scanner = v;
          break;
        case "rtt":
          rtt = Values.parseLong(v);
          break;
        case "time":
          time = Values.isoTimestamp(v);
          break;
        case "success":
          success = Values.parseInt(v);
          break;
        case "error_stream":
          errorStream = Values.parseInt(v);
          break;
        case "error_circ":
          errorCirc = Values.parseInt(v);
          break;
        case "error_misc":
          errorMisc = Values.parseInt(v);
          break;
        case "error_destination":
          errorDestination = Values.parseInt(v);
          break;
        case "error_second_relay":
          errorSecondRelay = Values.parseInt(v);
          break;
        case "bw_mean":
          bwMean = Values.parseLong(v);
          break;
        case "bw_median":
          bwMedian = Values.parseLong(v);
          break;
        case "desc_bw_avg":
          descBwAvg = Values.parseLong(v);
          break;
        case "desc_bw_bur":
          descBwBur = Values.parseLong(v);
          break;
        case "desc_bw_obs_last":
          descBwObsLast = Values.parseLong(v);
          break;
        case "desc_bw_obs_mean":
          descBwObsMean = Values.parseLong(v);
          break;
        case "consensus_bandwidth":
          consensusBandwidth = Values.parseLong(v);
          break;
        case "consensus_bandwidth_is_unmeasured":
          consensusBandwidthIsUnmeasured = bool(v);
          break;
        case "relay_in_recent_consensus_count":
          relayInRecentConsensusCount = Values.parseInt(v);
          break;
        case "relay_recent_priority_list_count":
          relayRecentPriorityListCount = Values.parseInt(v);
          break;
        case "relay_recent_measurement_attempt_count":
          relayRecentMeasurementAttemptCount = Values.parseInt(v);
          break;
        case "relay_recent_measurement_failure_count":
          relayRecentMeasurementFailureCount = Values.parseInt(v);
          break;
        case "relay_recent_measurements_excluded_error_count":
          relayRecentMeasurementsExcludedErrorCount = Values.parseInt(v);
          break;
        case "relay_recent_measurements_excluded_near_count":
          relayRecentMeasurementsExcludedNearCount = Values.parseInt(v);
          break;
        case "relay_recent_measurements_excluded_old_count":
          relayRecentMeasurementsExcludedOldCount = Values.parseInt(v);
          break;
        case "relay_recent_measurements_excluded_few_count":
          relayRecentMeasurementsExcludedFewCount = Values.parseInt(v);
          break;
        case "vote":
          vote = bool(v);
          break;
        case "unmeasured":
          unmeasured = bool(v);
          break;
        case "under_min_report":
          underMinReport = bool(v);
          break;
        case "xoff_recv":
          xoffRecv = Values.parseLong(v);
          break;
        case "xoff_sent":
          xoffSent = Values.parseLong(v);
          break;
        case "r_strm":
          rStrm = Values.parseDouble(v);
          break;
        case "r_strm_filt":
          rStrmFilt = Values.parseDouble(v);
          break;
        default:
          extra.put(key, v);
          break;
      }
    }

    BandwidthRelayLine build(Instant timestamp, String version, String software, boolean duplicate) {
      return new BandwidthRelayLine(timestamp, version, software, nodeId, fingerprint, masterKeyEd25519, bw,
          nick, measuredAt, updatedAt, pidError, pidErrorSum, pidDelta, pidBw, circFail, scanner, rtt, time,
          success, errorStream, errorCirc, errorMisc, errorDestination, errorSecondRelay, bwMean, bwMedian,
          descBwAvg, descBwBur, descBwObsLast, descBwObsMean, consensusBandwidth,
          consensusBandwidthIsUnmeasured, relayInRecentConsensusCount, relayRecentPriorityListCount,
          relayRecentMeasurementAttemptCount, relayRecentMeasurementFailureCount,
          relayRecentMeasurementsExcludedErrorCount, relayRecentMeasurementsExcludedNearCount,
          relayRecentMeasurementsExcludedOldCount, relayRecentMeasurementsExcludedFewCount, vote, unmeasured,
          underMinReport, xoffRecv, xoffSent, rStrm, rStrmFilt, duplicate,
          Collections.unmodifiableMap(extra), List.copyOf(invalidTokens));
    }
  }
}
