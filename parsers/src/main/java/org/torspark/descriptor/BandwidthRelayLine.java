package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One relay line of a bandwidth file (bandwidth-file-spec §2.3): the bandwidth a bandwidth
 * authority's scanner measured for one relay. Keys this library knows (Torflow's and sbws's, up to
 * format 1.9) have typed components; every other key is in {@code extra}. Carries the file's
 * {@code timestamp}, {@code version} and {@code software} so that every row stands on its own.
 * Components are null when the key is absent (or its value did not parse, see {@code invalidTokens}).
 *
 * @param timestamp the file's timestamp (its first line)
 * @param version the file's format version ({@code 1.0.0} when it has none)
 * @param software the software that wrote the file
 * @param nodeId the {@code node_id} value as written ({@code $} + hex, or hex alone from sbws 1.9)
 * @param fingerprint {@code node_id} without {@code $}, 40 upper-case hex
 * @param bw the bandwidth to vote, kilobytes/s
 * @param measuredAt Torflow {@code measured_at}, a Unix time
 * @param updatedAt Torflow {@code updated_at}, a Unix time
 * @param time sbws {@code time}: when the last measurement was made
 * @param consensusBandwidthIsUnmeasured sbws {@code consensus_bandwidth_is_unmeasured} (True/False)
 * @param vote {@code vote} (0/1): false means authorities should ignore this line
 * @param unmeasured {@code unmeasured} (0/1)
 * @param underMinReport {@code under_min_report} (0/1)
 * @param duplicate true for the second and later lines of a relay already listed (same fingerprint,
 *     or same ed25519 key when there is no fingerprint); the spec forbids them, both are kept
 * @param extra every {@code key=value} without a typed component, as written
 * @param invalidTokens tokens that could not be used: a typed key whose value did not parse, a
 *     token without {@code =}; as written
 */
public record BandwidthRelayLine(
    Instant timestamp,
    String version,
    String software,
    String nodeId,
    String fingerprint,
    String masterKeyEd25519,
    Long bw,
    String nick,
    Instant measuredAt,
    Instant updatedAt,
    Double pidError,
    Double pidErrorSum,
    Double pidDelta,
    Long pidBw,
    Double circFail,
    String scanner,
    Long rtt,
    Instant time,
    Integer success,
    Integer errorStream,
    Integer errorCirc,
    Integer errorMisc,
    Integer errorDestination,
    Integer errorSecondRelay,
    Long bwMean,
    Long bwMedian,
    Long descBwAvg,
    Long descBwBur,
    Long descBwObsLast,
    Long descBwObsMean,
    Long consensusBandwidth,
    Boolean consensusBandwidthIsUnmeasured,
    Integer relayInRecentConsensusCount,
    Integer relayRecentPriorityListCount,
    Integer relayRecentMeasurementAttemptCount,
    Integer relayRecentMeasurementFailureCount,
    Integer relayRecentMeasurementsExcludedErrorCount,
    Integer relayRecentMeasurementsExcludedNearCount,
    Integer relayRecentMeasurementsExcludedOldCount,
    Integer relayRecentMeasurementsExcludedFewCount,
    Boolean vote,
    Boolean unmeasured,
    Boolean underMinReport,
    Long xoffRecv,
    Long xoffSent,
    Double rStrm,
    Double rStrmFilt,
    boolean duplicate,
    Map<String, String> extra,
    List<String> invalidTokens) {}
