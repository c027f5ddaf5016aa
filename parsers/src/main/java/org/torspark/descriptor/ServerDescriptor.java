package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * A relay server descriptor ({@code @type server-descriptor}) or a sanitised bridge server
 * descriptor ({@code @type bridge-server-descriptor}); both have the same columns. In bridge
 * descriptors CollecTor has replaced the fingerprint by its SHA-1, the address by a
 * {@code 10.x.x.x} one, ports by keyed hashes, the contact by {@code somebody}, removed keys and
 * signatures, and appended {@code router-digest} lines (formats.md §2.10).
 *
 * @param type {@link DescriptorType#SERVER_DESCRIPTOR} or {@link DescriptorType#BRIDGE_SERVER_DESCRIPTOR}
 */
public record ServerDescriptor(
    DescriptorType type,
    String nickname,
    String fingerprint,
    Instant published,
    String address,
    int orPort,
    int socksPort,
    int dirPort,
    List<String> orAddresses,
    String platform,
    String torVersion,
    String os,
    Map<String, String> proto,
    String protocols,
    long bandwidthAvg,
    long bandwidthBurst,
    Long bandwidthObserved,
    Long uptime,
    boolean hibernating,
    List<String> family,
    String contact,
    List<String> exitPolicy,
    String exitPolicyV6,
    String extraInfoDigest,
    String extraInfoDigestSha256,
    String masterKeyEd25519,
    String ntorOnionKey,
    String onionKey,
    String signingKey,
    String onionKeyCrosscert,
    String ntorOnionKeyCrosscert,
    Integer ntorOnionKeyCrosscertSign,
    String ed25519Certificate,
    boolean cachesExtraInfo,
    boolean tunnelledDirServer,
    boolean hiddenServiceDir,
    boolean allowSingleHopExits,
    Boolean eventdns,
    String bridgeDistributionRequest,
    Integer overloadGeneralVersion,
    Instant overloadGeneralTimestamp,
    BandwidthHistory readHistory,
    BandwidthHistory writeHistory,
    String ed25519Signature,
    String signature,
    String digest,
    String digestSha256,
    String routerDigestSha256,
    List<String> unknownLines) implements Descriptor {

  public static final Table<ServerDescriptor> TABLE = Table.<ServerDescriptor>builder("server_descriptor")
      .column("nickname", ColumnType.STRING, ServerDescriptor::nickname, "relay nickname (router line)")
      .column("fingerprint", ColumnType.STRING, ServerDescriptor::fingerprint,
          "40 upper-case hex digits, spaces removed; null if the descriptor has no fingerprint line;"
              + " bridges: SHA-1 of the real fingerprint")
      .column("published", ColumnType.TIMESTAMP, ServerDescriptor::published, "publication time (UTC)")
      .column("address", ColumnType.STRING, ServerDescriptor::address, "IPv4 address (bridges: sanitised 10.x.x.x)")
      .column("or_port", ColumnType.INT, ServerDescriptor::orPort, "OR port")
      .column("socks_port", ColumnType.INT, ServerDescriptor::socksPort, "SOCKS port (always 0 in practice)")
      .column("dir_port", ColumnType.INT, ServerDescriptor::dirPort, "directory port, 0 if none")
      .column("or_addresses", ColumnType.STRING_LIST, ServerDescriptor::orAddresses,
          "or-address lines as written (ADDR:PORT, IPv6 in brackets), in order")
      .column("platform", ColumnType.STRING, ServerDescriptor::platform, "platform line (UTF-8), null if absent")
      .column("tor_version", ColumnType.STRING, ServerDescriptor::torVersion,
          "version from a platform 'Tor X.Y.Z... on OS', e.g. 0.4.8.0-alpha-dev; null if not a Tor platform")
      .column("os", ColumnType.STRING, ServerDescriptor::os, "what follows ' on ' in the platform, null if absent")
      .column("proto", ColumnType.STRING_MAP, ServerDescriptor::proto,
          "subprotocol name -> version ranges (proto line), empty if absent")
      .column("protocols", ColumnType.STRING, ServerDescriptor::protocols,
          "legacy protocols line ('Link 1 2 Circuit 1'), null if absent")
      .column("bandwidth_avg", ColumnType.LONG, ServerDescriptor::bandwidthAvg, "average bandwidth, bytes/s")
      .column("bandwidth_burst", ColumnType.LONG, ServerDescriptor::bandwidthBurst, "burst bandwidth, bytes/s")
      .column("bandwidth_observed", ColumnType.LONG, ServerDescriptor::bandwidthObserved,
          "observed bandwidth, bytes/s; null in Tor 0.0.8-era descriptors that give only two values")
      .column("uptime", ColumnType.LONG, ServerDescriptor::uptime,
          "uptime in seconds (can be negative), null if absent")
      .column("hibernating", ColumnType.BOOLEAN, ServerDescriptor::hibernating, "'hibernating 1' present")
      .column("family", ColumnType.STRING_LIST, ServerDescriptor::family,
          "family members as written (nicknames or $HEX[=~nick]), empty if absent")
      .column("contact", ColumnType.STRING, ServerDescriptor::contact,
          "contact line as written (UTF-8; may hold carriage returns), null if absent")
      .column("exit_policy", ColumnType.STRING_LIST, ServerDescriptor::exitPolicy,
          "accept/reject/accept6/reject6 rules in order, single-spaced, e.g. 'accept *:80'")
      .column("exit_policy_v6", ColumnType.STRING, ServerDescriptor::exitPolicyV6,
          "ipv6-policy summary, e.g. 'accept 80,443'; null when absent (tor then means 'reject 1-65535')")
      .column("extra_info_digest", ColumnType.STRING, ServerDescriptor::extraInfoDigest,
          "SHA-1 hex of the extra-info descriptor as written; null if absent")
      .column("extra_info_digest_sha256", ColumnType.STRING, ServerDescriptor::extraInfoDigestSha256,
          "SHA-256 base64 of the extra-info descriptor as written; null if absent")
      .column("master_key_ed25519", ColumnType.STRING, ServerDescriptor::masterKeyEd25519,
          "ed25519 master identity key, base64 without padding (master-key-ed25519 line, else from the"
              + " identity-ed25519 certificate); bridges: sanitised; null if none")
      .column("ntor_onion_key", ColumnType.STRING, ServerDescriptor::ntorOnionKey,
          "curve25519 ntor onion key, base64 without padding; null if absent")
      .column("onion_key", ColumnType.STRING, ServerDescriptor::onionKey,
          "onion-key: the TAP RSA key as a PEM block ('-----BEGIN RSA PUBLIC KEY-----' to '-----END"
              + " RSA PUBLIC KEY-----', LF line ends); null if absent (bridges: removed by sanitising)")
      .column("signing_key", ColumnType.STRING, ServerDescriptor::signingKey,
          "signing-key: the RSA identity key as a PEM block; null if absent (bridges)")
      .column("onion_key_crosscert", ColumnType.STRING, ServerDescriptor::onionKeyCrosscert,
          "onion-key-crosscert: the CROSSCERT block (RSA signature by the onion key); null if absent")
      .column("ntor_onion_key_crosscert", ColumnType.STRING, ServerDescriptor::ntorOnionKeyCrosscert,
          "ntor-onion-key-crosscert: the ED25519 CERT block; null if absent")
      .column("ntor_onion_key_crosscert_sign", ColumnType.INT, ServerDescriptor::ntorOnionKeyCrosscertSign,
          "ntor-onion-key-crosscert sign bit (0 or 1) of the ed25519 key derived from the ntor key;"
              + " null if absent")
      .column("ed25519_certificate", ColumnType.STRING, ServerDescriptor::ed25519Certificate,
          "identity-ed25519: the ED25519 CERT block as written; null if absent")
      .column("caches_extra_info", ColumnType.BOOLEAN, ServerDescriptor::cachesExtraInfo, "caches-extra-info present")
      .column("tunnelled_dir_server", ColumnType.BOOLEAN, ServerDescriptor::tunnelledDirServer,
          "tunnelled-dir-server present")
      .column("hidden_service_dir", ColumnType.BOOLEAN, ServerDescriptor::hiddenServiceDir,
          "hidden-service-dir present")
      .column("allow_single_hop_exits", ColumnType.BOOLEAN, ServerDescriptor::allowSingleHopExits,
          "allow-single-hop-exits present")
      .column("eventdns", ColumnType.BOOLEAN, ServerDescriptor::eventdns,
          "eventdns (tor 0.1.2, obsolete): true for 1 (the evdns resolver), false for 0; null if absent")
      .column("bridge_distribution_request", ColumnType.STRING, ServerDescriptor::bridgeDistributionRequest,
          "bridges: requested distribution method (any, https, email, moat, none...); null if absent")
      .column("overload_general_version", ColumnType.INT, ServerDescriptor::overloadGeneralVersion,
          "overload-general version, null if absent")
      .column("overload_general_timestamp", ColumnType.TIMESTAMP, ServerDescriptor::overloadGeneralTimestamp,
          "overload-general time (UTC), null if absent")
      .struct("read_history", BandwidthHistory.TABLE, ServerDescriptor::readHistory,
          "read-history (descriptors of tor < 0.2.0 only), null if absent")
      .struct("write_history", BandwidthHistory.TABLE, ServerDescriptor::writeHistory,
          "write-history (descriptors of tor < 0.2.0 only), null if absent")
      .column("ed25519_signature", ColumnType.STRING, ServerDescriptor::ed25519Signature,
          "router-sig-ed25519: the ed25519 signature, base64 as written; null if absent")
      .column("signature", ColumnType.STRING, ServerDescriptor::signature,
          "router-signature: the RSA SIGNATURE block; null for bridges (removed by sanitising)")
      .column("digest", ColumnType.STRING, ServerDescriptor::digest,
          "relays: SHA-1 (lower-case hex) of the signed part, the id consensuses and archive file names use;"
              + " bridges: the router-digest line, lower-cased (null if absent)")
      .column("digest_sha256", ColumnType.STRING, ServerDescriptor::digestSha256,
          "relays: SHA-256 (base64, no padding) of the signed part; null for bridges")
      .column("router_digest_sha256", ColumnType.STRING, ServerDescriptor::routerDigestSha256,
          "bridges: router-digest-sha256 line as written; null for relays")
      .column("unknown_lines", ColumnType.STRING_LIST, ServerDescriptor::unknownLines,
          "lines with keywords this parser does not know, verbatim")
      .oneRowPerDescriptor()
      .build();
}
