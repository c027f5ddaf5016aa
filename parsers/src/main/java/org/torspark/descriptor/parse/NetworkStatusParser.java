package org.torspark.descriptor.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.DirSource;
import org.torspark.descriptor.DirectorySignature;
import org.torspark.descriptor.KeyCertificate;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.RouterStatusEntry;

/**
 * Parses v3 network status documents (dir-spec §3.4.1, §3.9): consensuses of the ns and microdesc
 * flavours and votes, and CollecTor's sanitised bridge network statuses (a header, then entries).
 * A document is read in sections (preamble, authorities, router status entries, footer); a
 * keyword of an earlier section appearing in a later one is an error, as is an entry out of
 * identity order, a flag missing from {@code known-flags}, or a malformed value. Unknown keywords
 * are kept. Router status entries are read by {@link RouterStatusEntryReader}.
 */
final class NetworkStatusParser implements DescriptorParser {

  /** Document sections, in the order they must come. */
  enum Section {
    PREAMBLE("preamble"), AUTHORITY("authority section"), ENTRIES("router status entries"), FOOTER("footer");

    final String label;

    Section(String label) {
      this.label = label;
    }
  }

  /** Document-level keywords and the section each belongs to. */
  enum Keyword {
    NETWORK_STATUS_VERSION("network-status-version", Section.PREAMBLE),
    VOTE_STATUS("vote-status", Section.PREAMBLE),
    CONSENSUS_METHODS("consensus-methods", Section.PREAMBLE),
    CONSENSUS_METHOD("consensus-method", Section.PREAMBLE),
    PUBLISHED("published", Section.PREAMBLE),
    VALID_AFTER("valid-after", Section.PREAMBLE),
    FRESH_UNTIL("fresh-until", Section.PREAMBLE),
    VALID_UNTIL("valid-until", Section.PREAMBLE),
    VOTING_DELAY("voting-delay", Section.PREAMBLE),
    CLIENT_VERSIONS("client-versions", Section.PREAMBLE),
    SERVER_VERSIONS("server-versions", Section.PREAMBLE),
    PACKAGE("package", Section.PREAMBLE),
    KNOWN_FLAGS("known-flags", Section.PREAMBLE),
    FLAG_THRESHOLDS("flag-thresholds", Section.PREAMBLE),
    RECOMMENDED_CLIENT_PROTOCOLS("recommended-client-protocols", Section.PREAMBLE),
    RECOMMENDED_RELAY_PROTOCOLS("recommended-relay-protocols", Section.PREAMBLE),
    REQUIRED_CLIENT_PROTOCOLS("required-client-protocols", Section.PREAMBLE),
    REQUIRED_RELAY_PROTOCOLS("required-relay-protocols", Section.PREAMBLE),
    PARAMS("params", Section.PREAMBLE),
    BANDWIDTH_FILE_HEADERS("bandwidth-file-headers", Section.PREAMBLE),
    BANDWIDTH_FILE_DIGEST("bandwidth-file-digest", Section.PREAMBLE),
    /** Bridge statuses: the bridge authority's fingerprint. */
    FINGERPRINT("fingerprint", Section.PREAMBLE),
    /** In consensuses in the preamble, in votes in the authority section: accepted in both. */
    SHARED_RAND_PREVIOUS_VALUE("shared-rand-previous-value", Section.PREAMBLE),
    SHARED_RAND_CURRENT_VALUE("shared-rand-current-value", Section.PREAMBLE),
    DIR_SOURCE("dir-source", Section.AUTHORITY),
    CONTACT("contact", Section.AUTHORITY),
    VOTE_DIGEST("vote-digest", Section.AUTHORITY),
    LEGACY_DIR_KEY("legacy-dir-key", Section.AUTHORITY),
    SHARED_RAND_PARTICIPATE("shared-rand-participate", Section.AUTHORITY),
    SHARED_RAND_COMMIT("shared-rand-commit", Section.AUTHORITY),
    DIR_KEY_CERTIFICATE_VERSION("dir-key-certificate-version", Section.AUTHORITY),
    DIRECTORY_FOOTER("directory-footer", Section.FOOTER),
    BANDWIDTH_WEIGHTS("bandwidth-weights", Section.FOOTER),
    DIRECTORY_SIGNATURE("directory-signature", Section.FOOTER);

    final String spelling;
    final Section section;

    Keyword(String spelling, Section section) {
      this.spelling = spelling;
      this.section = section;
    }

    private static final Map<String, Keyword> BY_SPELLING = new HashMap<>();

    static {
      for (Keyword k : values()) {
        BY_SPELLING.put(k.spelling, k);
      }
    }

    static Keyword of(String spelling) {
      return BY_SPELLING.get(spelling);
    }
  }

  private static final Set<Keyword> CONSENSUS_KEYWORDS = EnumSet.complementOf(EnumSet.of(
      Keyword.CONSENSUS_METHODS, Keyword.PUBLISHED, Keyword.FLAG_THRESHOLDS, Keyword.BANDWIDTH_FILE_HEADERS,
      Keyword.BANDWIDTH_FILE_DIGEST, Keyword.FINGERPRINT, Keyword.LEGACY_DIR_KEY, Keyword.SHARED_RAND_PARTICIPATE,
      Keyword.SHARED_RAND_COMMIT, Keyword.DIR_KEY_CERTIFICATE_VERSION));
  private static final Set<Keyword> VOTE_KEYWORDS = EnumSet.complementOf(EnumSet.of(
      Keyword.CONSENSUS_METHOD, Keyword.FINGERPRINT, Keyword.VOTE_DIGEST, Keyword.BANDWIDTH_WEIGHTS));
  private static final Set<Keyword> BRIDGE_KEYWORDS = EnumSet.of(
      Keyword.PUBLISHED, Keyword.FLAG_THRESHOLDS, Keyword.FINGERPRINT);

  private static final KeywordRules<Keyword> CONSENSUS_RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.NETWORK_STATUS_VERSION)
      .exactlyOnce(Keyword.NETWORK_STATUS_VERSION, Keyword.VOTE_STATUS, Keyword.VALID_AFTER, Keyword.FRESH_UNTIL,
          Keyword.VALID_UNTIL, Keyword.VOTING_DELAY, Keyword.KNOWN_FLAGS)
      .atMostOnce(Keyword.CONSENSUS_METHOD, Keyword.CLIENT_VERSIONS, Keyword.SERVER_VERSIONS,
          Keyword.RECOMMENDED_CLIENT_PROTOCOLS, Keyword.RECOMMENDED_RELAY_PROTOCOLS,
          Keyword.REQUIRED_CLIENT_PROTOCOLS, Keyword.REQUIRED_RELAY_PROTOCOLS, Keyword.PARAMS,
          Keyword.SHARED_RAND_PREVIOUS_VALUE, Keyword.SHARED_RAND_CURRENT_VALUE, Keyword.DIRECTORY_FOOTER,
          Keyword.BANDWIDTH_WEIGHTS)
      .atLeastOnce(Keyword.DIR_SOURCE, Keyword.DIRECTORY_SIGNATURE)
      .build();

  private static final KeywordRules<Keyword> VOTE_RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.NETWORK_STATUS_VERSION)
      .exactlyOnce(Keyword.NETWORK_STATUS_VERSION, Keyword.VOTE_STATUS, Keyword.PUBLISHED, Keyword.VALID_AFTER,
          Keyword.FRESH_UNTIL, Keyword.VALID_UNTIL, Keyword.VOTING_DELAY, Keyword.KNOWN_FLAGS, Keyword.DIR_SOURCE,
          Keyword.DIR_KEY_CERTIFICATE_VERSION)
      .atMostOnce(Keyword.CONSENSUS_METHODS, Keyword.CLIENT_VERSIONS, Keyword.SERVER_VERSIONS,
          Keyword.FLAG_THRESHOLDS, Keyword.RECOMMENDED_CLIENT_PROTOCOLS, Keyword.RECOMMENDED_RELAY_PROTOCOLS,
          Keyword.REQUIRED_CLIENT_PROTOCOLS, Keyword.REQUIRED_RELAY_PROTOCOLS, Keyword.PARAMS,
          Keyword.SHARED_RAND_PREVIOUS_VALUE, Keyword.SHARED_RAND_CURRENT_VALUE, Keyword.BANDWIDTH_FILE_HEADERS,
          Keyword.BANDWIDTH_FILE_DIGEST, Keyword.CONTACT, Keyword.LEGACY_DIR_KEY, Keyword.SHARED_RAND_PARTICIPATE,
          Keyword.DIRECTORY_FOOTER)
      .atLeastOnce(Keyword.DIRECTORY_SIGNATURE)
      .build();

  private static final KeywordRules<Keyword> BRIDGE_RULES = KeywordRules.builder(Keyword.class)
      .exactlyOnce(Keyword.PUBLISHED)
      .atMostOnce(Keyword.FLAG_THRESHOLDS, Keyword.FINGERPRINT)
      .build();

  // After the keyword sets and rules, which the constructor reads.
  static final NetworkStatusParser CONSENSUS = new NetworkStatusParser(DescriptorType.NETWORK_STATUS_CONSENSUS_3);
  static final NetworkStatusParser MICRODESC_CONSENSUS =
      new NetworkStatusParser(DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3);
  static final NetworkStatusParser VOTE = new NetworkStatusParser(DescriptorType.NETWORK_STATUS_VOTE_3);
  static final NetworkStatusParser BRIDGE = new NetworkStatusParser(DescriptorType.BRIDGE_NETWORK_STATUS);

  private final DescriptorType type;
  private final boolean vote;
  private final boolean bridge;
  private final Set<Keyword> keywords;
  private final KeywordRules<Keyword> rules;

  private NetworkStatusParser(DescriptorType type) {
    this.type = type;
    this.vote = type == DescriptorType.NETWORK_STATUS_VOTE_3;
    this.bridge = type == DescriptorType.BRIDGE_NETWORK_STATUS;
    this.keywords = vote ? VOTE_KEYWORDS : bridge ? BRIDGE_KEYWORDS : CONSENSUS_KEYWORDS;
    this.rules = vote ? VOTE_RULES : bridge ? BRIDGE_RULES : CONSENSUS_RULES;
  }

  @Override
  public NetworkStatus parse(Document document) throws DescriptorParseException {
    return new Run(document).parse();
  }

  /** The state of one parse. */
  private final class Run {
    private final Lines lines;
    private final RouterStatusEntryReader entryReader;
    private final int[] counts = new int[Keyword.values().length];
    private Section section = Section.PREAMBLE;
    private boolean inEntry;
    private String previousFingerprint;

    private String flavor;
    private String voteStatus;
    private Integer consensusMethod;
    private List<Integer> consensusMethods = List.of();
    private Instant published;
    private Instant validAfter;
    private Instant freshUntil;
    private Instant validUntil;
    private Integer voteSeconds;
    private Integer distSeconds;
    private List<String> clientVersions = List.of();
    private List<String> serverVersions = List.of();
    private final List<String> packages = new ArrayList<>(0);
    private List<String> knownFlags = List.of();
    private Map<String, String> flagThresholds = Map.of();
    private Map<String, String> recommendedClientProtocols = Map.of();
    private Map<String, String> recommendedRelayProtocols = Map.of();
    private Map<String, String> requiredClientProtocols = Map.of();
    private Map<String, String> requiredRelayProtocols = Map.of();
    private Map<String, Long> params = Map.of();
    private Integer sharedRandPreviousNumReveals;
    private String sharedRandPreviousValue;
    private Integer sharedRandCurrentNumReveals;
    private String sharedRandCurrentValue;
    private Map<String, String> bandwidthFileHeaders = Map.of();
    private Map<String, String> bandwidthFileDigest = Map.of();
    private String bridgeAuthority;
    private final List<DirSource> authorities = new ArrayList<>();
    private AuthorityBuilder authority;
    private KeyCertificate keyCertificate;
    private final List<RouterStatusEntry> entries = new ArrayList<>();
    private Map<String, Long> bandwidthWeights = Map.of();
    private final List<DirectorySignature> signatures = new ArrayList<>();
    private final List<String> unknownLines = new ArrayList<>(0);

    Run(Document document) {
      this.lines = document.lines();
      this.entryReader = new RouterStatusEntryReader(document.bytes(),
          type == DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3, vote);
    }

    NetworkStatus parse() throws DescriptorParseException {
      boolean first = true;
      while (lines.next()) {
        if (section == Section.ENTRIES || lines.keywordIs("r")) {
          RouterStatusEntryReader.Keyword ek = entryReader.classify(lines);
          if (ek == RouterStatusEntryReader.Keyword.R) {
            checkFirst(first, null);
            first = false;
            beginEntry();
            continue;
          }
          if (ek != null && entryReader.offer(lines, ek)) {
            continue;
          }
        }
        if (isBlank()) {
          continue;
        }
        Keyword k = Keyword.of(lines.keyword());
        if (k != null && !keywords.contains(k)) {
          k = null;
        }
        checkFirst(first, k);
        first = false;
        if (k == null) {
          unknownLine();
          continue;
        }
        enter(k);
        counts[k.ordinal()]++;
        read(k);
      }
      if (inEntry) {
        endEntry();
      }
      endAuthority();
      if (first) {
        throw new DescriptorParseException("empty document");
      }
      rules.check(counts, k -> k.spelling);
      return build();
    }

    private boolean isBlank() {
      return lines.keywordIs("") && lines.line().isBlank();
    }

    private void checkFirst(boolean first, Keyword k) throws DescriptorParseException {
      if (first && rules.first() != null && k != rules.first()) {
        throw lines.fail("a " + type.typeName() + " must start with '" + rules.first().spelling + "'");
      }
    }

    /** Moves to the section of {@code k}, refusing to go back to an earlier one. */
    private void enter(Keyword k) throws DescriptorParseException {
      Section target = k.section;
      if (section == Section.AUTHORITY && (k == Keyword.SHARED_RAND_PREVIOUS_VALUE
          || k == Keyword.SHARED_RAND_CURRENT_VALUE)) {
        target = Section.AUTHORITY;
      }
      if (target.ordinal() < section.ordinal()) {
        throw lines.fail("'" + k.spelling + "' belongs in the " + target.label + " but appears in the "
            + section.label);
      }
      if (target == Section.AUTHORITY && k != Keyword.DIR_SOURCE && authority == null) {
        throw lines.fail("'" + k.spelling + "' before any 'dir-source'");
      }
      if (target != section) {
        if (inEntry) {
          endEntry();
        }
        if (section == Section.AUTHORITY) {
          endAuthority();
        }
        section = target;
      }
    }

    /** Keeps an unknown line verbatim, with the object after it if there is one. */
    private void unknownLine() throws DescriptorParseException {
      String line = lines.line();
      String object = lines.readObject();
      if (object != null) {
        line = line + "\n" + object;
      }
      if (inEntry) {
        entryReader.unknown(line);
      } else {
        unknownLines.add(line);
      }
    }

    private void beginEntry() throws DescriptorParseException {
      if (section == Section.FOOTER) {
        throw lines.fail("'r' belongs in the router status entries but appears in the footer");
      }
      if (inEntry) {
        endEntry();
      }
      if (section == Section.AUTHORITY) {
        endAuthority();
      }
      section = Section.ENTRIES;
      entryReader.begin(lines);
      inEntry = true;
      String fingerprint = entryReader.fingerprint();
      if (!bridge && previousFingerprint != null && fingerprint.compareTo(previousFingerprint) <= 0) {
        throw lines.fail("router status entries must be in ascending order of identity: " + fingerprint
            + (fingerprint.equals(previousFingerprint) ? " repeats" : " comes after " + previousFingerprint));
      }
      previousFingerprint = fingerprint;
    }

    private void endEntry() throws DescriptorParseException {
      entries.add(entryReader.end());
      inEntry = false;
    }

    private void endAuthority() {
      if (authority != null) {
        authorities.add(authority.build());
        authority = null;
      }
    }

    private void read(Keyword k) throws DescriptorParseException {
      switch (k) {
        case NETWORK_STATUS_VERSION:
          networkStatusVersion();
          break;
        case VOTE_STATUS:
          voteStatus();
          break;
        case CONSENSUS_METHOD:
          consensusMethod = lines.intArg(0);
          break;
        case CONSENSUS_METHODS:
          consensusMethods = intList();
          break;
        case PUBLISHED:
          published = lines.timestampArg(0);
          break;
        case VALID_AFTER:
          validAfter = lines.timestampArg(0);
          break;
        case FRESH_UNTIL:
          freshUntil = lines.timestampArg(0);
          break;
        case VALID_UNTIL:
          validUntil = lines.timestampArg(0);
          break;
        case VOTING_DELAY:
          voteSeconds = lines.intArg(0);
          distSeconds = lines.intArg(1);
          break;
        case CLIENT_VERSIONS:
          clientVersions = versions();
          break;
        case SERVER_VERSIONS:
          serverVersions = versions();
          break;
        case PACKAGE:
          packages.add(lines.requireArgs(4).rest());
          break;
        case KNOWN_FLAGS:
          knownFlags = List.of(lines.args());
          entryReader.knownFlags(knownFlags);
          break;
        case FLAG_THRESHOLDS:
          flagThresholds = keyValues();
          break;
        case RECOMMENDED_CLIENT_PROTOCOLS:
          recommendedClientProtocols = keyValues();
          break;
        case RECOMMENDED_RELAY_PROTOCOLS:
          recommendedRelayProtocols = keyValues();
          break;
        case REQUIRED_CLIENT_PROTOCOLS:
          requiredClientProtocols = keyValues();
          break;
        case REQUIRED_RELAY_PROTOCOLS:
          requiredRelayProtocols = keyValues();
          break;
        case PARAMS:
          params = keyLongValues();
          break;
        case BANDWIDTH_FILE_HEADERS:
          bandwidthFileHeaders = keyValues();
          break;
        case BANDWIDTH_FILE_DIGEST:
          bandwidthFileDigest = keyValues();
          break;
        case FINGERPRINT:
          bridgeAuthority = hexFingerprint(0);
          break;
        case SHARED_RAND_PREVIOUS_VALUE:
          sharedRandPreviousNumReveals = lines.intArg(0);
          sharedRandPreviousValue = lines.arg(1);
          break;
        case SHARED_RAND_CURRENT_VALUE:
          sharedRandCurrentNumReveals = lines.intArg(0);
          sharedRandCurrentValue = lines.arg(1);
          break;
        case DIR_SOURCE:
          endAuthority();
          authority = new AuthorityBuilder();
          authority.nickname = lines.requireArgs(6).arg(0);
          authority.identity = hexFingerprint(1);
          authority.hostname = lines.arg(2);
          authority.address = lines.arg(3);
          authority.dirPort = lines.intArg(4);
          authority.orPort = lines.intArg(5);
          break;
        case CONTACT:
          authority.contact = once(authority.contact, lines.utf8Rest());
          break;
        case VOTE_DIGEST:
          authority.voteDigest = once(authority.voteDigest, hexFingerprint(0));
          break;
        case LEGACY_DIR_KEY:
          authority.legacyDirKey = hexFingerprint(0);
          break;
        case SHARED_RAND_PARTICIPATE:
          authority.sharedRandParticipate = true;
          break;
        case SHARED_RAND_COMMIT:
          authority.sharedRandCommits.add(lines.requireArgs(4).rest());
          break;
        case DIR_KEY_CERTIFICATE_VERSION:
          keyCertificate = KeyCertificateParser.readEmbedded(lines);
          break;
        case DIRECTORY_FOOTER:
          break;
        case BANDWIDTH_WEIGHTS:
          bandwidthWeights = keyLongValues();
          break;
        case DIRECTORY_SIGNATURE:
          signature();
          break;
        default:
          throw new IllegalStateException("unhandled keyword " + k);
      }
    }

    private void networkStatusVersion() throws DescriptorParseException {
      String version = lines.arg(0);
      if (!version.equals("3")) {
        throw lines.fail("unsupported network-status-version '" + version + "': this library reads version 3");
      }
      flavor = lines.argCount() > 1 ? lines.arg(1) : "ns";
      boolean microdesc = flavor.equals("microdesc");
      if (!microdesc && !flavor.equals("ns")) {
        throw lines.fail("unsupported consensus flavor '" + flavor + "': this library reads ns and microdesc");
      }
      if (type == DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3 && !microdesc) {
        throw lines.fail("a " + type.typeName() + " must be of flavor 'microdesc', found '" + flavor + "'");
      }
      if (type != DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3 && microdesc) {
        throw lines.fail("a microdesc-flavor document read as " + type.typeName()
            + "; read it as " + DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3.typeName());
      }
    }

    private void voteStatus() throws DescriptorParseException {
      voteStatus = lines.arg(0);
      String expected = vote ? "vote" : "consensus";
      if (!voteStatus.equals(expected)) {
        throw lines.fail("a " + type.typeName() + " must have vote-status '" + expected + "', found '"
            + voteStatus + "'");
      }
    }

    private void signature() throws DescriptorParseException {
      String[] a = lines.requireArgs(2).args();
      DirectorySignature s = a.length >= 3
          ? new DirectorySignature(a[0], a[1], a[2])
          : new DirectorySignature("sha1", a[0], a[1]);
      lines.requireObject();
      signatures.add(s);
    }

    private <T> T once(T previous, T value) throws DescriptorParseException {
      if (previous != null) {
        throw lines.fail("'" + lines.keyword() + "' appears twice for authority '" + authority.nickname + "'");
      }
      return value;
    }

    private String hexFingerprint(int i) throws DescriptorParseException {
      String s = lines.arg(i);
      if (!Values.isHex(s, 40)) {
        throw lines.fail("'" + lines.keyword() + "' argument " + (i + 1) + " is not a 40-digit hex fingerprint: '"
            + s + "'");
      }
      return s.toUpperCase(Locale.ROOT);
    }

    private List<Integer> intList() throws DescriptorParseException {
      int n = lines.argCount();
      List<Integer> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(lines.intArg(i));
      }
      return Collections.unmodifiableList(out);
    }

    private List<String> versions() {
      return lines.argCount() == 0 ? List.of() : Collections.unmodifiableList(Lines.commaList(lines.args()[0]));
    }

    private Map<String, String> keyValues() throws DescriptorParseException {
      try {
        return Collections.unmodifiableMap(Values.keyValues(lines.args(), 0));
      } catch (IllegalArgumentException e) {
        throw lines.fail("'" + lines.keyword() + "' is not a list of key=value: " + e.getMessage());
      }
    }

    private Map<String, Long> keyLongValues() throws DescriptorParseException {
      try {
        return Collections.unmodifiableMap(Values.keyLongValues(lines.args(), 0));
      } catch (IllegalArgumentException e) {
        throw lines.fail("'" + lines.keyword() + "' is not a list of key=integer: " + e.getMessage());
      }
    }

    private NetworkStatus build() {
      String authorityNickname = null;
      String authorityFingerprint = bridgeAuthority;
      if (vote && !authorities.isEmpty()) {
        authorityNickname = authorities.get(0).nickname();
        authorityFingerprint = authorities.get(0).identity();
      }
      return new NetworkStatus(type, bridge ? null : flavor, voteStatus, consensusMethod, consensusMethods,
          published, validAfter, freshUntil, validUntil, voteSeconds, distSeconds, clientVersions, serverVersions,
          frozen(packages), knownFlags, flagThresholds, recommendedClientProtocols, recommendedRelayProtocols,
          requiredClientProtocols, requiredRelayProtocols, params, sharedRandPreviousNumReveals,
          sharedRandPreviousValue, sharedRandCurrentNumReveals, sharedRandCurrentValue, bandwidthFileHeaders,
          bandwidthFileDigest, authorityNickname, authorityFingerprint, frozen(authorities), keyCertificate,
          frozen(entries), bandwidthWeights, frozen(signatures), frozen(unknownLines));
    }
  }

  private static <T> List<T> frozen(List<T> list) {
    return list.isEmpty() ? List.of() : Collections.unmodifiableList(list);
  }

  /** One {@code dir-source} section being read. */
  private static final class AuthorityBuilder {
    String nickname;
    String identity;
    String hostname;
    String address;
    int dirPort;
    int orPort;
    String contact;
    String voteDigest;
    String legacyDirKey;
    boolean sharedRandParticipate;
    final List<String> sharedRandCommits = new ArrayList<>(0);

    DirSource build() {
      return new DirSource(nickname, identity, hostname, address, dirPort, orPort, contact, voteDigest, legacyDirKey,
          sharedRandParticipate, frozen(sharedRandCommits));
    }
  }
}
