package org.torspark.descriptor;

import java.util.List;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * One directory authority as a consensus or vote lists it: its {@code dir-source} line and the
 * lines that follow it ({@code contact}, {@code vote-digest}; in votes also {@code legacy-dir-key},
 * {@code shared-rand-participate}, {@code shared-rand-commit}). Consensuses list legacy keys as
 * extra {@code dir-source} lines whose nickname ends in {@code -legacy} and that have no contact
 * or vote digest.
 *
 * @param identity the authority's v3 identity fingerprint, 40 upper-case hex
 * @param hostname the hostname as written (often the address again)
 * @param voteDigest consensus only: SHA-1 of the authority's vote, 40 upper-case hex; else null
 * @param legacyDirKey votes only: the legacy v3 identity fingerprint, or null
 * @param sharedRandCommits votes only: each {@code shared-rand-commit} line's arguments as written
 */
public record DirSource(
    String nickname,
    String identity,
    String hostname,
    String address,
    int dirPort,
    int orPort,
    String contact,
    String voteDigest,
    String legacyDirKey,
    boolean sharedRandParticipate,
    List<String> sharedRandCommits) {

  /** Nested table of the {@code authorities} column of status documents. */
  public static final Table<DirSource> TABLE = Table.<DirSource>builder("dir_source")
      .column("nickname", ColumnType.STRING, DirSource::nickname, "authority nickname (`-legacy` suffix for legacy keys)")
      .column("identity", ColumnType.STRING, DirSource::identity, "v3 identity fingerprint, 40 upper-case hex")
      .column("hostname", ColumnType.STRING, DirSource::hostname, "hostname as written")
      .column("address", ColumnType.STRING, DirSource::address, "IPv4 address")
      .column("dir_port", ColumnType.INT, DirSource::dirPort, "directory port")
      .column("or_port", ColumnType.INT, DirSource::orPort, "OR port")
      .column("contact", ColumnType.STRING, DirSource::contact, "contact line (UTF-8), null if absent")
      .column("vote_digest", ColumnType.STRING, DirSource::voteDigest,
          "consensus: SHA-1 of the authority's vote, 40 upper-case hex; null in votes and legacy entries")
      .column("legacy_dir_key", ColumnType.STRING, DirSource::legacyDirKey, "votes: legacy identity key fingerprint, else null")
      .column("shared_rand_participate", ColumnType.BOOLEAN, DirSource::sharedRandParticipate,
          "votes: the authority takes part in the shared-randomness protocol")
      .column("shared_rand_commits", ColumnType.STRING_LIST, DirSource::sharedRandCommits,
          "votes: each shared-rand-commit line's arguments as written (version, algorithm, identity, commit[, reveal])")
      .build();
}
