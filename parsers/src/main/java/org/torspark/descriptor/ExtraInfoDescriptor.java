package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * A relay extra-info descriptor ({@code @type extra-info}) or a sanitised bridge extra-info
 * descriptor ({@code @type bridge-extra-info}); both have the same columns. Statistics blocks are
 * optional: a column is null when its line is absent, while a line without values (legal, e.g.
 * {@code dirreq-v3-ips} with nothing after it) gives an empty map. Lines that carry
 * {@code YYYY-MM-DD HH:MM:SS (N s)} become STRUCT columns with {@code end} and
 * {@code interval_seconds}.
 *
 * @param type {@link DescriptorType#EXTRA_INFO} or {@link DescriptorType#BRIDGE_EXTRA_INFO}
 */
public record ExtraInfoDescriptor(
    DescriptorType type,
    String nickname,
    String fingerprint,
    Instant published,
    String masterKeyEd25519,
    String ed25519Certificate,
    BandwidthHistory readHistory,
    BandwidthHistory writeHistory,
    BandwidthHistory ipv6ReadHistory,
    BandwidthHistory ipv6WriteHistory,
    BandwidthHistory dirreqReadHistory,
    BandwidthHistory dirreqWriteHistory,
    String geoipDbDigest,
    String geoip6DbDigest,
    StatsInterval dirreqStatsEnd,
    Map<String, Long> dirreqV3Ips,
    Map<String, Long> dirreqV3Reqs,
    Map<String, Long> dirreqV3Resp,
    Map<String, Long> dirreqV3DirectDl,
    Map<String, Long> dirreqV3TunneledDl,
    Double dirV3Share,
    Map<String, Long> dirreqV2Ips,
    Map<String, Long> dirreqV2Reqs,
    Map<String, Long> dirreqV2Resp,
    Map<String, Long> dirreqV2DirectDl,
    Map<String, Long> dirreqV2TunneledDl,
    Double dirV2Share,
    StatsInterval entryStatsEnd,
    Map<String, Long> entryIps,
    StatsInterval cellStatsEnd,
    List<Double> cellProcessedCells,
    List<Double> cellQueuedCells,
    List<Double> cellTimeInQueue,
    Long cellCircuitsPerDecile,
    ConnBiDirect connBiDirect,
    ConnBiDirect ipv6ConnBiDirect,
    StatsInterval exitStatsEnd,
    Map<String, Long> exitKibibytesWritten,
    Map<String, Long> exitKibibytesRead,
    Map<String, Long> exitStreamsOpened,
    StatsInterval hidservStatsEnd,
    Long hidservRendRelayedCells,
    Map<String, Double> hidservRendRelayedCellsParams,
    Long hidservDirOnionsSeen,
    Map<String, Double> hidservDirOnionsSeenParams,
    StatsInterval hidservV3StatsEnd,
    Long hidservRendV3RelayedCells,
    Map<String, Double> hidservRendV3RelayedCellsParams,
    Long hidservDirV3OnionsSeen,
    Map<String, Double> hidservDirV3OnionsSeenParams,
    PaddingCounts paddingCounts,
    Instant geoipStartTime,
    Map<String, Long> geoipClientOrigins,
    StatsInterval bridgeStatsEnd,
    Map<String, Long> bridgeIps,
    Map<String, Long> bridgeIpVersions,
    Map<String, Long> bridgeIpTransports,
    List<String> transports,
    Integer overloadRatelimitsVersion,
    Instant overloadRatelimitsTimestamp,
    Long overloadRatelimitsRateLimit,
    Long overloadRatelimitsBurstLimit,
    Long overloadRatelimitsReadCount,
    Long overloadRatelimitsWriteCount,
    Integer overloadFdExhaustedVersion,
    Instant overloadFdExhaustedTimestamp,
    String ed25519Signature,
    String signature,
    String digest,
    String digestSha256,
    String routerDigestSha256,
    List<String> unknownLines) implements Descriptor {

  public static final Table<ExtraInfoDescriptor> TABLE = Table.<ExtraInfoDescriptor>builder("extra_info")
      .column("nickname", ColumnType.STRING, ExtraInfoDescriptor::nickname,
          "nickname (extra-info line)")
      .column("fingerprint", ColumnType.STRING, ExtraInfoDescriptor::fingerprint,
          "40 upper-case hex digits (extra-info line); bridges: SHA-1 of the real fingerprint")
      .column("published", ColumnType.TIMESTAMP, ExtraInfoDescriptor::published,
          "publication time (UTC)")
      .column("master_key_ed25519", ColumnType.STRING, ExtraInfoDescriptor::masterKeyEd25519,
          "ed25519 master key, base64 without padding: bridges' master-key-ed25519 line (sanitised), "
              + "relays' identity-ed25519 certificate; null if none")
      .column("ed25519_certificate", ColumnType.STRING, ExtraInfoDescriptor::ed25519Certificate,
          "identity-ed25519: the ED25519 CERT block as written (LF line ends); null if absent"
              + " (bridges: removed by sanitising)")
      .struct("read_history", BandwidthHistory.TABLE, ExtraInfoDescriptor::readHistory,
          "read-history, null if absent")
      .struct("write_history", BandwidthHistory.TABLE, ExtraInfoDescriptor::writeHistory,
          "write-history, null if absent")
      .struct("ipv6_read_history", BandwidthHistory.TABLE, ExtraInfoDescriptor::ipv6ReadHistory,
          "ipv6-read-history, null if absent")
      .struct("ipv6_write_history", BandwidthHistory.TABLE, ExtraInfoDescriptor::ipv6WriteHistory,
          "ipv6-write-history, null if absent")
      .struct("dirreq_read_history", BandwidthHistory.TABLE, ExtraInfoDescriptor::dirreqReadHistory,
          "dirreq-read-history, null if absent")
      .struct("dirreq_write_history", BandwidthHistory.TABLE, ExtraInfoDescriptor::dirreqWriteHistory,
          "dirreq-write-history, null if absent")
      .column("geoip_db_digest", ColumnType.STRING, ExtraInfoDescriptor::geoipDbDigest,
          "geoip-db-digest (SHA-1 hex as written), null if absent")
      .column("geoip6_db_digest", ColumnType.STRING, ExtraInfoDescriptor::geoip6DbDigest,
          "geoip6-db-digest (SHA-1 hex as written), null if absent")
      .struct("dirreq_stats_end", StatsInterval.TABLE, ExtraInfoDescriptor::dirreqStatsEnd,
          "dirreq-stats-end, null if absent")
      .column("dirreq_v3_ips", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV3Ips,
          "dirreq-v3-ips: country code -> unique IPs (rounded up to multiples of 8); empty if the line has "
              + "no values, null if absent")
      .column("dirreq_v3_reqs", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV3Reqs,
          "dirreq-v3-reqs: country code -> requests (multiples of 8); empty if no values, null if absent")
      .column("dirreq_v3_resp", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV3Resp,
          "dirreq-v3-resp: status -> responses (ok, not-enough-sigs, unavailable, not-found, not-modified, "
              + "busy); null if absent")
      .column("dirreq_v3_direct_dl", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV3DirectDl,
          "dirreq-v3-direct-dl: complete, timeout, running, min, d1..d9, q1, md, q3, max; null if absent")
      .column("dirreq_v3_tunneled_dl", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV3TunneledDl,
          "dirreq-v3-tunneled-dl: as dirreq_v3_direct_dl; null if absent")
      .column("dir_v3_share", ColumnType.DOUBLE, ExtraInfoDescriptor::dirV3Share,
          "dirreq-v3-share (tor 0.2.2-0.2.3): expected share of v3 directory requests as a fraction"
              + " ('0.37%' gives 0.0037; can exceed 1, a tor bug); null if absent")
      .column("dirreq_v2_ips", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV2Ips,
          "dirreq-v2-ips (obsolete), null if absent")
      .column("dirreq_v2_reqs", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV2Reqs,
          "dirreq-v2-reqs (obsolete), null if absent")
      .column("dirreq_v2_resp", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV2Resp,
          "dirreq-v2-resp (obsolete), null if absent")
      .column("dirreq_v2_direct_dl", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV2DirectDl,
          "dirreq-v2-direct-dl (obsolete), null if absent")
      .column("dirreq_v2_tunneled_dl", ColumnType.LONG_MAP, ExtraInfoDescriptor::dirreqV2TunneledDl,
          "dirreq-v2-tunneled-dl (obsolete), null if absent")
      .column("dir_v2_share", ColumnType.DOUBLE, ExtraInfoDescriptor::dirV2Share,
          "dirreq-v2-share (obsolete): as dir_v3_share for v2 requests; null if absent")
      .struct("entry_stats_end", StatsInterval.TABLE, ExtraInfoDescriptor::entryStatsEnd,
          "entry-stats-end, null if absent")
      .column("entry_ips", ColumnType.LONG_MAP, ExtraInfoDescriptor::entryIps,
          "entry-ips: country code -> unique client IPs; null if absent")
      .struct("cell_stats_end", StatsInterval.TABLE, ExtraInfoDescriptor::cellStatsEnd,
          "cell-stats-end, null if absent")
      .column("cell_processed_cells", ColumnType.DOUBLE_LIST, ExtraInfoDescriptor::cellProcessedCells,
          "cell-processed-cells: mean cells per circuit decile; null if absent")
      .column("cell_queued_cells", ColumnType.DOUBLE_LIST, ExtraInfoDescriptor::cellQueuedCells,
          "cell-queued-cells: mean queued cells per decile; null if absent")
      .column("cell_time_in_queue", ColumnType.DOUBLE_LIST, ExtraInfoDescriptor::cellTimeInQueue,
          "cell-time-in-queue: mean ms in queue per decile; null if absent")
      .column("cell_circuits_per_decile", ColumnType.LONG, ExtraInfoDescriptor::cellCircuitsPerDecile,
          "cell-circuits-per-decile, null if absent")
      .struct("conn_bi_direct", ConnBiDirect.TABLE, ExtraInfoDescriptor::connBiDirect,
          "conn-bi-direct, null if absent")
      .struct("ipv6_conn_bi_direct", ConnBiDirect.TABLE, ExtraInfoDescriptor::ipv6ConnBiDirect,
          "ipv6-conn-bi-direct, null if absent")
      .struct("exit_stats_end", StatsInterval.TABLE, ExtraInfoDescriptor::exitStatsEnd,
          "exit-stats-end, null if absent")
      .column("exit_kibibytes_written", ColumnType.LONG_MAP, ExtraInfoDescriptor::exitKibibytesWritten,
          "exit-kibibytes-written: port (or 'other') -> KiB; null if absent")
      .column("exit_kibibytes_read", ColumnType.LONG_MAP, ExtraInfoDescriptor::exitKibibytesRead,
          "exit-kibibytes-read: port (or 'other') -> KiB; null if absent")
      .column("exit_streams_opened", ColumnType.LONG_MAP, ExtraInfoDescriptor::exitStreamsOpened,
          "exit-streams-opened: port (or 'other') -> streams; null if absent")
      .struct("hidserv_stats_end", StatsInterval.TABLE, ExtraInfoDescriptor::hidservStatsEnd,
          "hidserv-stats-end, null if absent")
      .column("hidserv_rend_relayed_cells", ColumnType.LONG, ExtraInfoDescriptor::hidservRendRelayedCells,
          "hidserv-rend-relayed-cells value (Laplace noise added: can be negative), null if absent")
      .column("hidserv_rend_relayed_cells_params", ColumnType.DOUBLE_MAP,
          ExtraInfoDescriptor::hidservRendRelayedCellsParams,
          "its parameters (delta_f, epsilon, bin_size), null if absent")
      .column("hidserv_dir_onions_seen", ColumnType.LONG, ExtraInfoDescriptor::hidservDirOnionsSeen,
          "hidserv-dir-onions-seen value (can be negative), null if absent")
      .column("hidserv_dir_onions_seen_params", ColumnType.DOUBLE_MAP,
          ExtraInfoDescriptor::hidservDirOnionsSeenParams,
          "its parameters, null if absent")
      .struct("hidserv_v3_stats_end", StatsInterval.TABLE, ExtraInfoDescriptor::hidservV3StatsEnd,
          "hidserv-v3-stats-end, null if absent")
      .column("hidserv_rend_v3_relayed_cells", ColumnType.LONG, ExtraInfoDescriptor::hidservRendV3RelayedCells,
          "hidserv-rend-v3-relayed-cells value (can be negative), null if absent")
      .column("hidserv_rend_v3_relayed_cells_params", ColumnType.DOUBLE_MAP,
          ExtraInfoDescriptor::hidservRendV3RelayedCellsParams,
          "its parameters, null if absent")
      .column("hidserv_dir_v3_onions_seen", ColumnType.LONG, ExtraInfoDescriptor::hidservDirV3OnionsSeen,
          "hidserv-dir-v3-onions-seen value (can be negative), null if absent")
      .column("hidserv_dir_v3_onions_seen_params", ColumnType.DOUBLE_MAP,
          ExtraInfoDescriptor::hidservDirV3OnionsSeenParams,
          "its parameters, null if absent")
      .struct("padding_counts", PaddingCounts.TABLE, ExtraInfoDescriptor::paddingCounts,
          "padding-counts, null if absent")
      .column("geoip_start_time", ColumnType.TIMESTAMP, ExtraInfoDescriptor::geoipStartTime,
          "geoip-start-time (tor < 0.2.2, replaced by bridge-stats-end): start of the client counts"
              + " in geoip_client_origins (UTC); null if absent")
      .column("geoip_client_origins", ColumnType.LONG_MAP, ExtraInfoDescriptor::geoipClientOrigins,
          "geoip-client-origins (tor < 0.2.2, replaced by bridge-ips): country code -> client IPs"
              + " (rounded up to multiples of 8); empty if the line has no values, null if absent")
      .struct("bridge_stats_end", StatsInterval.TABLE, ExtraInfoDescriptor::bridgeStatsEnd,
          "bridge-stats-end, null if absent")
      .column("bridge_ips", ColumnType.LONG_MAP, ExtraInfoDescriptor::bridgeIps,
          "bridge-ips: country code -> unique client IPs; null if absent")
      .column("bridge_ip_versions", ColumnType.LONG_MAP, ExtraInfoDescriptor::bridgeIpVersions,
          "bridge-ip-versions: v4/v6 -> unique client IPs; null if absent")
      .column("bridge_ip_transports", ColumnType.LONG_MAP, ExtraInfoDescriptor::bridgeIpTransports,
          "bridge-ip-transports: transport (<OR>, obfs4, ...) -> unique client IPs; null if absent")
      .column("transports", ColumnType.STRING_LIST, ExtraInfoDescriptor::transports,
          "transport lines, single-spaced (bridges: names only), in order")
      .column("overload_ratelimits_version", ColumnType.INT, ExtraInfoDescriptor::overloadRatelimitsVersion,
          "overload-ratelimits version, null if absent")
      .column("overload_ratelimits_timestamp", ColumnType.TIMESTAMP, ExtraInfoDescriptor::overloadRatelimitsTimestamp,
          "overload-ratelimits time (UTC), null if absent")
      .column("overload_ratelimits_rate_limit", ColumnType.LONG, ExtraInfoDescriptor::overloadRatelimitsRateLimit,
          "overload-ratelimits configured rate limit (bytes/s), null if absent")
      .column("overload_ratelimits_burst_limit", ColumnType.LONG, ExtraInfoDescriptor::overloadRatelimitsBurstLimit,
          "overload-ratelimits configured burst (bytes), null if absent")
      .column("overload_ratelimits_read_count", ColumnType.LONG, ExtraInfoDescriptor::overloadRatelimitsReadCount,
          "overload-ratelimits read overload count, null if absent")
      .column("overload_ratelimits_write_count", ColumnType.LONG, ExtraInfoDescriptor::overloadRatelimitsWriteCount,
          "overload-ratelimits write overload count, null if absent")
      .column("overload_fd_exhausted_version", ColumnType.INT, ExtraInfoDescriptor::overloadFdExhaustedVersion,
          "overload-fd-exhausted version, null if absent")
      .column("overload_fd_exhausted_timestamp", ColumnType.TIMESTAMP,
          ExtraInfoDescriptor::overloadFdExhaustedTimestamp,
          "overload-fd-exhausted time (UTC), null if absent")
      .column("ed25519_signature", ColumnType.STRING, ExtraInfoDescriptor::ed25519Signature,
          "router-sig-ed25519: the ed25519 signature, base64 as written; null if absent")
      .column("signature", ColumnType.STRING, ExtraInfoDescriptor::signature,
          "router-signature: the RSA SIGNATURE block (LF line ends); null for bridges")
      .column("digest", ColumnType.STRING, ExtraInfoDescriptor::digest,
          "relays: SHA-1 (lower-case hex) of the signed part, what server descriptors' extra-info-digest "
              + "names; bridges: the router-digest line, lower-cased (null if absent)")
      .column("digest_sha256", ColumnType.STRING, ExtraInfoDescriptor::digestSha256,
          "relays: SHA-256 (base64, no padding) of the whole document including the signature, what "
              + "extra-info-digest's second value names; null for bridges")
      .column("router_digest_sha256", ColumnType.STRING, ExtraInfoDescriptor::routerDigestSha256,
          "bridges: router-digest-sha256 line as written; null for relays")
      .column("unknown_lines", ColumnType.STRING_LIST, ExtraInfoDescriptor::unknownLines,
          "lines with keywords this parser does not know, verbatim")
      .oneRowPerDescriptor()
      .build();
}
