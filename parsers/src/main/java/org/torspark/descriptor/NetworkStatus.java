package org.torspark.descriptor;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * A network status document: a consensus (ns or microdesc flavour), a vote, or a sanitised bridge
 * network status. One record holds the header, the authorities, the router status entries and the
 * footer; which fields are filled depends on {@link #type()} and is stated per field.
 *
 * <p>Two grains show it as rows ({@code Tables.forType}): the row tables ({@link #CONSENSUS_TABLE},
 * {@link #MICRODESC_CONSENSUS_TABLE}, {@link #VOTE_TABLE}, {@link #BRIDGE_TABLE}) yield one row per
 * router status entry with the document's time (and a few cheap document values) attached; the
 * document tables yield one row per document.
 *
 * @param flavor {@code ns} or {@code microdesc} from {@code network-status-version}; null for
 *     bridge statuses
 * @param voteStatus {@code consensus} or {@code vote}; null for bridge statuses
 * @param consensusMethod consensuses: {@code consensus-method}, null when absent (method 1)
 * @param consensusMethods votes: the methods the authority supports; empty otherwise
 * @param published votes: when the vote was made; bridge statuses: the status's {@code published}
 *     (column {@code status_published}); null in consensuses
 * @param validAfter consensuses and votes: the document's time and identity; null for bridges
 * @param authorityNickname votes: the authority's nickname; null otherwise
 * @param authorityFingerprint votes: the authority's identity; bridge statuses: the bridge
 *     authority's {@code fingerprint} line (format 1.2 on; null before); null in consensuses
 * @param keyCertificate votes: the author's embedded key certificate; null otherwise
 * @param signatures the footer's {@code directory-signature} lines; empty for bridge statuses
 */
public record NetworkStatus(
    DescriptorType type,
    String flavor,
    String voteStatus,
    Integer consensusMethod,
    List<Integer> consensusMethods,
    Instant published,
    Instant validAfter,
    Instant freshUntil,
    Instant validUntil,
    Integer voteSeconds,
    Integer distSeconds,
    List<String> clientVersions,
    List<String> serverVersions,
    List<String> packages,
    List<String> knownFlags,
    Map<String, String> flagThresholds,
    Map<String, String> recommendedClientProtocols,
    Map<String, String> recommendedRelayProtocols,
    Map<String, String> requiredClientProtocols,
    Map<String, String> requiredRelayProtocols,
    Map<String, Long> params,
    Integer sharedRandPreviousNumReveals,
    String sharedRandPreviousValue,
    Integer sharedRandCurrentNumReveals,
    String sharedRandCurrentValue,
    Map<String, String> bandwidthFileHeaders,
    Map<String, String> bandwidthFileDigest,
    String authorityNickname,
    String authorityFingerprint,
    List<DirSource> authorities,
    KeyCertificate keyCertificate,
    List<RouterStatusEntry> entries,
    Map<String, Long> bandwidthWeights,
    List<DirectorySignature> signatures,
    List<String> unknownLines) implements Descriptor {

  /** Number of router status entries. */
  public int entryCount() {
    return entries.size();
  }

  /** The distinct signature algorithms in footer order. */
  public List<String> signatureAlgorithms() {
    List<String> out = new ArrayList<>(2);
    for (DirectorySignature s : signatures) {
      if (!out.contains(s.algorithm())) {
        out.add(s.algorithm());
      }
    }
    return out;
  }

  /** The entries as rows of a row table: each entry paired with its document. */
  public List<EntryRow> entryRows() {
    return new EntryRows(this);
  }

  /**
   * A row of a row table: one router status entry and the document it belongs to (for the
   * document columns attached to every row).
   */
  public record EntryRow(NetworkStatus status, RouterStatusEntry entry) {
    @Override
    public String toString() {
      return "EntryRow[" + status.type() + " " + status.validAfter() + ", " + entry + "]";
    }
  }

  /** A view, so reading a status at row grain allocates one small row object per row read. */
  private static final class EntryRows extends AbstractList<EntryRow> implements RandomAccess {
    private final NetworkStatus status;

    EntryRows(NetworkStatus status) {
      this.status = status;
    }

    @Override
    public EntryRow get(int index) {
      return new EntryRow(status, status.entries.get(index));
    }

    @Override
    public int size() {
      return status.entries.size();
    }
  }

  /** Row grain of {@code network-status-consensus-3}: one row per router status entry. */
  public static final Table<EntryRow> CONSENSUS_TABLE = entryTable(DescriptorType.NETWORK_STATUS_CONSENSUS_3);
  /** Row grain of {@code network-status-microdesc-consensus-3}; same columns as the ns flavour. */
  public static final Table<EntryRow> MICRODESC_CONSENSUS_TABLE =
      entryTable(DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3);
  /** Row grain of {@code network-status-vote-3}. */
  public static final Table<EntryRow> VOTE_TABLE = entryTable(DescriptorType.NETWORK_STATUS_VOTE_3);
  /** Row grain of {@code bridge-network-status}. */
  public static final Table<EntryRow> BRIDGE_TABLE = entryTable(DescriptorType.BRIDGE_NETWORK_STATUS);

  /** Document grain of {@code network-status-consensus-3}: one row per consensus. */
  public static final Table<NetworkStatus> CONSENSUS_DOCUMENT_TABLE =
      documentTable(DescriptorType.NETWORK_STATUS_CONSENSUS_3);
  /** Document grain of {@code network-status-microdesc-consensus-3}. */
  public static final Table<NetworkStatus> MICRODESC_CONSENSUS_DOCUMENT_TABLE =
      documentTable(DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3);
  /** Document grain of {@code network-status-vote-3}. */
  public static final Table<NetworkStatus> VOTE_DOCUMENT_TABLE = documentTable(DescriptorType.NETWORK_STATUS_VOTE_3);
  /** Document grain of {@code bridge-network-status}. */
  public static final Table<NetworkStatus> BRIDGE_DOCUMENT_TABLE = documentTable(DescriptorType.BRIDGE_NETWORK_STATUS);

  private static boolean isConsensus(DescriptorType t) {
    return t == DescriptorType.NETWORK_STATUS_CONSENSUS_3 || t == DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3;
  }

  private static Table<EntryRow> entryTable(DescriptorType t) {
    Table.Builder<EntryRow> b = Table.builder(t.typeName().replace('-', '_'));
    boolean vote = t == DescriptorType.NETWORK_STATUS_VOTE_3;
    if (t == DescriptorType.BRIDGE_NETWORK_STATUS) {
      b.column("status_published", ColumnType.TIMESTAMP, r -> r.status().published(),
          "the bridge status's published time (UTC), attached to every entry");
      b.column("authority_fingerprint", ColumnType.STRING, r -> r.status().authorityFingerprint(),
          "bridge authority fingerprint from the header (format 1.2 on), else null");
    } else {
      b.column("valid_after", ColumnType.TIMESTAMP, r -> r.status().validAfter(),
          "the document's valid-after (UTC), attached to every entry");
    }
    if (isConsensus(t)) {
      b.column("flavor", ColumnType.STRING, r -> r.status().flavor(), "consensus flavour: ns or microdesc");
      b.column("consensus_method", ColumnType.INT, r -> r.status().consensusMethod(),
          "the consensus method, null when not written (method 1)");
    }
    if (vote) {
      b.column("authority_nickname", ColumnType.STRING, r -> r.status().authorityNickname(), "the voting authority");
      b.column("authority_fingerprint", ColumnType.STRING, r -> r.status().authorityFingerprint(),
          "the voting authority's identity, 40 upper-case hex");
    }
    b.column("nickname", ColumnType.STRING, r -> r.entry().nickname(), "relay nickname")
        .column("fingerprint", ColumnType.STRING, r -> r.entry().fingerprint(),
            "relay identity, 40 upper-case hex (from the r line's base64)")
        .column("digest", ColumnType.STRING, r -> r.entry().digest(),
            "server descriptor digest, 40 lower-case hex; null in microdesc consensuses")
        .column("microdescriptor_digest", ColumnType.STRING, r -> r.entry().microdescriptorDigest(),
            "microdesc consensuses: the m line's SHA-256 as written (base64); null otherwise"
                + (vote ? " (votes list theirs in microdescriptor_hashes)" : ""))
        .column("published", ColumnType.TIMESTAMP, r -> r.entry().published(),
            "the r line's descriptor publication time (UTC)")
        .column("address", ColumnType.STRING, r -> r.entry().address(), "IPv4 address")
        .column("or_port", ColumnType.INT, r -> r.entry().orPort(), "OR port")
        .column("dir_port", ColumnType.INT, r -> r.entry().dirPort(), "directory port, 0 if none")
        .column("or_addresses", ColumnType.STRING_LIST, r -> r.entry().orAddresses(),
            "a lines as written ([ipv6]:port)")
        .column("flags", ColumnType.STRING_LIST, r -> r.entry().flags(), "the s line's flags")
        .column("version", ColumnType.STRING, r -> r.entry().version(),
            "the v line as written (e.g. 'Tor 0.4.2.6'), null if absent")
        .column("proto", ColumnType.STRING_MAP, r -> r.entry().proto(), "pr line: protocol -> version ranges")
        .column("bandwidth", ColumnType.LONG, r -> r.entry().bandwidth(),
            "w Bandwidth= (kilobytes/s), null without a w line")
        .column("measured", ColumnType.LONG, r -> r.entry().measured(), "w Measured=, null when absent")
        .column("unmeasured", ColumnType.BOOLEAN, r -> r.entry().unmeasured(), "w Unmeasured=1")
        .column("exit_policy", ColumnType.STRING, r -> r.entry().exitPolicy(),
            "p line policy summary as written (e.g. 'accept 80,443'), null if absent");
    if (vote) {
      b.column("ed25519_id", ColumnType.STRING, r -> r.entry().ed25519Id(),
              "id ed25519 key (base64 as written); null when absent or 'none'")
          .column("microdescriptor_hashes", ColumnType.STRING_LIST, r -> r.entry().microdescriptorHashes(),
              "each m line's arguments as written: consensus methods then sha256=<base64>")
          .column("stats", ColumnType.STRING_MAP, r -> r.entry().stats(), "stats line key=value pairs (tor >= 0.4.6)");
    }
    b.column("unknown_lines", ColumnType.STRING_LIST, r -> r.entry().unknownLines(),
        "lines of this entry with unknown keywords, verbatim (with any object after one)");
    return b.rows(d -> ((NetworkStatus) d).entryRows()).build();
  }

  private static Table<NetworkStatus> documentTable(DescriptorType t) {
    Table.Builder<NetworkStatus> b = Table.builder(t.typeName().replace('-', '_') + "_document");
    boolean vote = t == DescriptorType.NETWORK_STATUS_VOTE_3;
    if (t == DescriptorType.BRIDGE_NETWORK_STATUS) {
      return b.column("status_published", ColumnType.TIMESTAMP, NetworkStatus::published, "published (UTC)")
          .column("authority_fingerprint", ColumnType.STRING, NetworkStatus::authorityFingerprint,
              "bridge authority fingerprint (format 1.2 on), else null")
          .column("flag_thresholds", ColumnType.STRING_MAP, NetworkStatus::flagThresholds,
              "flag-thresholds key=value as written (e.g. guard-wfu=98.000%)")
          .column("entry_count", ColumnType.INT, NetworkStatus::entryCount, "number of bridge entries")
          .column("unknown_lines", ColumnType.STRING_LIST, NetworkStatus::unknownLines,
              "header lines with unknown keywords, verbatim (with any object after one)")
          .oneRowPerDescriptor()
          .build();
    }
    b.column("valid_after", ColumnType.TIMESTAMP, NetworkStatus::validAfter, "valid-after (UTC)")
        .column("fresh_until", ColumnType.TIMESTAMP, NetworkStatus::freshUntil, "fresh-until (UTC)")
        .column("valid_until", ColumnType.TIMESTAMP, NetworkStatus::validUntil, "valid-until (UTC)");
    if (vote) {
      b.column("published", ColumnType.TIMESTAMP, NetworkStatus::published, "when the vote was made (UTC)");
    }
    b.column("flavor", ColumnType.STRING, NetworkStatus::flavor, "ns or microdesc")
        .column("vote_status", ColumnType.STRING, NetworkStatus::voteStatus, "consensus or vote");
    if (vote) {
      b.column("consensus_methods", ColumnType.INT_LIST, NetworkStatus::consensusMethods, "supported consensus methods")
          .column("authority_nickname", ColumnType.STRING, NetworkStatus::authorityNickname, "the voting authority")
          .column("authority_fingerprint", ColumnType.STRING, NetworkStatus::authorityFingerprint,
              "the voting authority's identity, 40 upper-case hex");
    } else {
      b.column("consensus_method", ColumnType.INT, NetworkStatus::consensusMethod, "null when not written (method 1)");
    }
    b.column("vote_seconds", ColumnType.INT, NetworkStatus::voteSeconds, "voting-delay: vote seconds")
        .column("dist_seconds", ColumnType.INT, NetworkStatus::distSeconds, "voting-delay: distribution seconds")
        .column("client_versions", ColumnType.STRING_LIST, NetworkStatus::clientVersions, "recommended client versions")
        .column("server_versions", ColumnType.STRING_LIST, NetworkStatus::serverVersions, "recommended relay versions")
        .column("packages", ColumnType.STRING_LIST, NetworkStatus::packages, "package lines as written")
        .column("known_flags", ColumnType.STRING_LIST, NetworkStatus::knownFlags, "known-flags");
    if (vote) {
      b.column("flag_thresholds", ColumnType.STRING_MAP, NetworkStatus::flagThresholds,
          "flag-thresholds key=value as written (e.g. guard-wfu=98.000%)");
    }
    b.column("recommended_client_protocols", ColumnType.STRING_MAP, NetworkStatus::recommendedClientProtocols,
            "protocol -> version ranges")
        .column("recommended_relay_protocols", ColumnType.STRING_MAP, NetworkStatus::recommendedRelayProtocols,
            "protocol -> version ranges")
        .column("required_client_protocols", ColumnType.STRING_MAP, NetworkStatus::requiredClientProtocols,
            "protocol -> version ranges")
        .column("required_relay_protocols", ColumnType.STRING_MAP, NetworkStatus::requiredRelayProtocols,
            "protocol -> version ranges")
        .column("params", ColumnType.LONG_MAP, NetworkStatus::params, "params: name -> integer value")
        .column("shared_rand_previous_num_reveals", ColumnType.INT, NetworkStatus::sharedRandPreviousNumReveals,
            "shared-rand-previous-value reveals")
        .column("shared_rand_previous_value", ColumnType.STRING, NetworkStatus::sharedRandPreviousValue, "base64 as written")
        .column("shared_rand_current_num_reveals", ColumnType.INT, NetworkStatus::sharedRandCurrentNumReveals,
            "shared-rand-current-value reveals")
        .column("shared_rand_current_value", ColumnType.STRING, NetworkStatus::sharedRandCurrentValue, "base64 as written");
    if (vote) {
      b.column("bandwidth_file_headers", ColumnType.STRING_MAP, NetworkStatus::bandwidthFileHeaders,
              "header key=values of the bandwidth file the authority used")
          .column("bandwidth_file_digest", ColumnType.STRING_MAP, NetworkStatus::bandwidthFileDigest,
              "algorithm -> base64 digest of that bandwidth file");
    }
    b.structList("authorities", DirSource.TABLE, NetworkStatus::authorities, "dir-source sections in order");
    if (vote) {
      b.struct("key_certificate", KeyCertificate.TABLE, NetworkStatus::keyCertificate,
          "the authority's key certificate embedded in the vote");
    } else {
      b.column("bandwidth_weights", ColumnType.LONG_MAP, NetworkStatus::bandwidthWeights,
          "bandwidth-weights (divide by param bwweightscale, default 10000)");
    }
    return b.column("signature_count", ColumnType.INT, s -> s.signatures().size(), "number of directory-signature lines")
        .column("signature_algorithms", ColumnType.STRING_LIST, NetworkStatus::signatureAlgorithms,
            "distinct signature digest algorithms (sha1 when not written)")
        .structList("signatures", DirectorySignature.TABLE, NetworkStatus::signatures, "directory-signature lines")
        .column("entry_count", ColumnType.INT, NetworkStatus::entryCount, "number of router status entries")
        .column("unknown_lines", ColumnType.STRING_LIST, NetworkStatus::unknownLines,
            "header, authority and footer lines with unknown keywords, verbatim (with any object after one)")
        .oneRowPerDescriptor()
        .build();
  }
}
