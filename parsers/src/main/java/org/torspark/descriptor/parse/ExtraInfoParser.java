package org.torspark.descriptor.parse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.BandwidthHistory;
import org.torspark.descriptor.ConnBiDirect;
import org.torspark.descriptor.Descriptor;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExtraInfoDescriptor;
import org.torspark.descriptor.PaddingCounts;
import org.torspark.descriptor.StatsInterval;

/**
 * Parses relay extra-info descriptors (dir-spec §2.1.2) and CollecTor's sanitised bridge
 * extra-info descriptors. Most items are statistics of a handful of shapes, so each keyword
 * names its {@link Kind} (how to read it) and its slot (where the value goes).
 */
final class ExtraInfoParser implements DescriptorParser {
  /** The shapes of extra-info items. */
  enum Kind {
    EXTRA_INFO, IDENTITY, MASTER_KEY, PUBLISHED, HISTORY, GEOIP_DIGEST, STATS_END, COUNTRY_MAP, COUNT_MAP,
    DOUBLE_LIST, LONG_VALUE, CONN_BI_DIRECT, HIDSERV, PADDING_COUNTS, TRANSPORT, OVERLOAD_RATELIMITS,
    OVERLOAD_FD_EXHAUSTED, ROUTER_DIGEST, ROUTER_DIGEST_SHA256, ROUTER_SIG_ED25519, ROUTER_SIGNATURE, SHARE,
    GEOIP_START_TIME
  }

  // Slots of the arrays that collect values of one kind.
  private static final int READ = 0;
  private static final int WRITE = 1;
  private static final int IPV6_READ = 2;
  private static final int IPV6_WRITE = 3;
  private static final int DIRREQ_READ = 4;
  private static final int DIRREQ_WRITE = 5;

  private static final int DIRREQ_END = 0;
  private static final int ENTRY_END = 1;
  private static final int CELL_END = 2;
  private static final int EXIT_END = 3;
  private static final int HIDSERV_END = 4;
  private static final int HIDSERV_V3_END = 5;
  private static final int BRIDGE_END = 6;

  private static final int V3_IPS = 0;
  private static final int V3_REQS = 1;
  private static final int V3_RESP = 2;
  private static final int V3_DIRECT_DL = 3;
  private static final int V3_TUNNELED_DL = 4;
  private static final int V2_IPS = 5;
  private static final int V2_REQS = 6;
  private static final int V2_RESP = 7;
  private static final int V2_DIRECT_DL = 8;
  private static final int V2_TUNNELED_DL = 9;
  private static final int ENTRY_CLIENTS = 10;
  private static final int EXIT_WRITTEN = 11;
  private static final int EXIT_READ = 12;
  private static final int EXIT_STREAMS = 13;
  private static final int BRIDGE_CLIENTS = 14;
  private static final int BRIDGE_VERSIONS = 15;
  private static final int BRIDGE_TRANSPORTS = 16;
  private static final int GEOIP_CLIENTS = 17;

  private static final int CELL_PROCESSED = 0;
  private static final int CELL_QUEUED = 1;
  private static final int CELL_TIME = 2;

  private static final int REND_CELLS = 0;
  private static final int DIR_ONIONS = 1;
  private static final int REND_V3_CELLS = 2;
  private static final int DIR_V3_ONIONS = 3;

  private static final int IPV4 = 0;
  private static final int IPV6 = 1;

  private static final int V2_SHARE = 0;
  private static final int V3_SHARE = 1;

  enum Keyword {
    EXTRA_INFO("extra-info", Kind.EXTRA_INFO, 0),
    IDENTITY_ED25519("identity-ed25519", Kind.IDENTITY, 0),
    MASTER_KEY_ED25519("master-key-ed25519", Kind.MASTER_KEY, 0),
    PUBLISHED("published", Kind.PUBLISHED, 0),
    READ_HISTORY("read-history", Kind.HISTORY, READ),
    WRITE_HISTORY("write-history", Kind.HISTORY, WRITE),
    IPV6_READ_HISTORY("ipv6-read-history", Kind.HISTORY, IPV6_READ),
    IPV6_WRITE_HISTORY("ipv6-write-history", Kind.HISTORY, IPV6_WRITE),
    DIRREQ_READ_HISTORY("dirreq-read-history", Kind.HISTORY, DIRREQ_READ),
    DIRREQ_WRITE_HISTORY("dirreq-write-history", Kind.HISTORY, DIRREQ_WRITE),
    GEOIP_DB_DIGEST("geoip-db-digest", Kind.GEOIP_DIGEST, IPV4),
    GEOIP6_DB_DIGEST("geoip6-db-digest", Kind.GEOIP_DIGEST, IPV6),
    DIRREQ_STATS_END("dirreq-stats-end", Kind.STATS_END, DIRREQ_END),
    DIRREQ_V3_IPS("dirreq-v3-ips", Kind.COUNTRY_MAP, V3_IPS),
    DIRREQ_V3_REQS("dirreq-v3-reqs", Kind.COUNTRY_MAP, V3_REQS),
    DIRREQ_V3_RESP("dirreq-v3-resp", Kind.COUNT_MAP, V3_RESP),
    DIRREQ_V3_DIRECT_DL("dirreq-v3-direct-dl", Kind.COUNT_MAP, V3_DIRECT_DL),
    DIRREQ_V3_TUNNELED_DL("dirreq-v3-tunneled-dl", Kind.COUNT_MAP, V3_TUNNELED_DL),
    DIRREQ_V3_SHARE("dirreq-v3-share", Kind.SHARE, V3_SHARE),
    DIRREQ_V2_IPS("dirreq-v2-ips", Kind.COUNTRY_MAP, V2_IPS),
    DIRREQ_V2_REQS("dirreq-v2-reqs", Kind.COUNTRY_MAP, V2_REQS),
    DIRREQ_V2_RESP("dirreq-v2-resp", Kind.COUNT_MAP, V2_RESP),
    DIRREQ_V2_DIRECT_DL("dirreq-v2-direct-dl", Kind.COUNT_MAP, V2_DIRECT_DL),
    DIRREQ_V2_TUNNELED_DL("dirreq-v2-tunneled-dl", Kind.COUNT_MAP, V2_TUNNELED_DL),
    DIRREQ_V2_SHARE("dirreq-v2-share", Kind.SHARE, V2_SHARE),
    ENTRY_STATS_END("entry-stats-end", Kind.STATS_END, ENTRY_END),
    ENTRY_IPS("entry-ips", Kind.COUNTRY_MAP, ENTRY_CLIENTS),
    CELL_STATS_END("cell-stats-end", Kind.STATS_END, CELL_END),
    CELL_PROCESSED_CELLS("cell-processed-cells", Kind.DOUBLE_LIST, CELL_PROCESSED),
    CELL_QUEUED_CELLS("cell-queued-cells", Kind.DOUBLE_LIST, CELL_QUEUED),
    CELL_TIME_IN_QUEUE("cell-time-in-queue", Kind.DOUBLE_LIST, CELL_TIME),
    CELL_CIRCUITS_PER_DECILE("cell-circuits-per-decile", Kind.LONG_VALUE, 0),
    CONN_BI_DIRECT("conn-bi-direct", Kind.CONN_BI_DIRECT, IPV4),
    IPV6_CONN_BI_DIRECT("ipv6-conn-bi-direct", Kind.CONN_BI_DIRECT, IPV6),
    EXIT_STATS_END("exit-stats-end", Kind.STATS_END, EXIT_END),
    EXIT_KIBIBYTES_WRITTEN("exit-kibibytes-written", Kind.COUNT_MAP, EXIT_WRITTEN),
    EXIT_KIBIBYTES_READ("exit-kibibytes-read", Kind.COUNT_MAP, EXIT_READ),
    EXIT_STREAMS_OPENED("exit-streams-opened", Kind.COUNT_MAP, EXIT_STREAMS),
    HIDSERV_STATS_END("hidserv-stats-end", Kind.STATS_END, HIDSERV_END),
    HIDSERV_REND_RELAYED_CELLS("hidserv-rend-relayed-cells", Kind.HIDSERV, REND_CELLS),
    HIDSERV_DIR_ONIONS_SEEN("hidserv-dir-onions-seen", Kind.HIDSERV, DIR_ONIONS),
    HIDSERV_V3_STATS_END("hidserv-v3-stats-end", Kind.STATS_END, HIDSERV_V3_END),
    HIDSERV_REND_V3_RELAYED_CELLS("hidserv-rend-v3-relayed-cells", Kind.HIDSERV, REND_V3_CELLS),
    HIDSERV_DIR_V3_ONIONS_SEEN("hidserv-dir-v3-onions-seen", Kind.HIDSERV, DIR_V3_ONIONS),
    PADDING_COUNTS("padding-counts", Kind.PADDING_COUNTS, 0),
    GEOIP_START_TIME("geoip-start-time", Kind.GEOIP_START_TIME, 0),
    GEOIP_CLIENT_ORIGINS("geoip-client-origins", Kind.COUNTRY_MAP, GEOIP_CLIENTS),
    BRIDGE_STATS_END("bridge-stats-end", Kind.STATS_END, BRIDGE_END),
    BRIDGE_IPS("bridge-ips", Kind.COUNTRY_MAP, BRIDGE_CLIENTS),
    BRIDGE_IP_VERSIONS("bridge-ip-versions", Kind.COUNT_MAP, BRIDGE_VERSIONS),
    BRIDGE_IP_TRANSPORTS("bridge-ip-transports", Kind.COUNT_MAP, BRIDGE_TRANSPORTS),
    TRANSPORT("transport", Kind.TRANSPORT, 0),
    OVERLOAD_RATELIMITS("overload-ratelimits", Kind.OVERLOAD_RATELIMITS, 0),
    OVERLOAD_FD_EXHAUSTED("overload-fd-exhausted", Kind.OVERLOAD_FD_EXHAUSTED, 0),
    ROUTER_DIGEST_SHA256("router-digest-sha256", Kind.ROUTER_DIGEST_SHA256, 0),
    ROUTER_DIGEST("router-digest", Kind.ROUTER_DIGEST, 0),
    ROUTER_SIG_ED25519("router-sig-ed25519", Kind.ROUTER_SIG_ED25519, 0),
    ROUTER_SIGNATURE("router-signature", Kind.ROUTER_SIGNATURE, 0);

    final String word;
    final Kind kind;
    final int slot;

    Keyword(String word, Kind kind, int slot) {
      this.word = word;
      this.kind = kind;
      this.slot = slot;
    }
  }

  private static final KeywordIndex<Keyword> INDEX = new KeywordIndex<>(Keyword.class, k -> k.word);

  private static final KeywordRules<Keyword> RELAY_RULES = rules(false);
  private static final KeywordRules<Keyword> BRIDGE_RULES = rules(true);

  private static KeywordRules<Keyword> rules(boolean bridge) {
    KeywordRules.Builder<Keyword> b = KeywordRules.builder(Keyword.class).first(Keyword.EXTRA_INFO);
    b.exactlyOnce(Keyword.EXTRA_INFO, Keyword.PUBLISHED);
    if (!bridge) {
      b.exactlyOnce(Keyword.ROUTER_SIGNATURE);
    }
    for (Keyword k : Keyword.values()) {
      if (k != Keyword.EXTRA_INFO && k != Keyword.PUBLISHED && k != Keyword.TRANSPORT
          && (bridge || k != Keyword.ROUTER_SIGNATURE)) {
        b.atMostOnce(k);
      }
    }
    return b.build();
  }

  // After the rules above: class initialisation runs in textual order.
  static final ExtraInfoParser RELAY = new ExtraInfoParser(DescriptorType.EXTRA_INFO);
  static final ExtraInfoParser BRIDGE = new ExtraInfoParser(DescriptorType.BRIDGE_EXTRA_INFO);

  private final DescriptorType type;
  private final boolean bridge;
  private final KeywordRules<Keyword> rules;

  private ExtraInfoParser(DescriptorType type) {
    this.type = type;
    this.bridge = type == DescriptorType.BRIDGE_EXTRA_INFO;
    this.rules = bridge ? BRIDGE_RULES : RELAY_RULES;
  }

  /** What one descriptor has said so far. */
  private static final class Fields {
    String nickname;
    String fingerprint;
    Instant published;
    String masterKey;
    String certMasterKey;
    String ed25519Certificate;
    final Double[] shares = new Double[2];
    Instant geoipStartTime;
    String ed25519Signature;
    String signature;
    final BandwidthHistory[] histories = new BandwidthHistory[6];
    final String[] geoipDigests = new String[2];
    final StatsInterval[] ends = new StatsInterval[7];
    @SuppressWarnings({"unchecked", "rawtypes"})
    final Map<String, Long>[] maps = new Map[18];
    @SuppressWarnings({"unchecked", "rawtypes"})
    final List<Double>[] cells = new List[3];
    Long cellCircuitsPerDecile;
    final ConnBiDirect[] connBiDirect = new ConnBiDirect[2];
    final Long[] hidserv = new Long[4];
    @SuppressWarnings({"unchecked", "rawtypes"})
    final Map<String, Double>[] hidservParams = new Map[4];
    PaddingCounts paddingCounts;
    List<String> transports;
    Integer ratelimitsVersion;
    Instant ratelimitsTimestamp;
    Long rateLimit;
    Long burstLimit;
    Long readOverloads;
    Long writeOverloads;
    Integer fdExhaustedVersion;
    Instant fdExhaustedTimestamp;
    String routerDigest;
    String routerDigestSha256;
    int signedEnd = -1;
    int end = -1;
    List<String> unknownLines;
  }

  @Override
  public Descriptor parse(Document doc) throws DescriptorParseException {
    Lines lines = doc.lines();
    Fields f = new Fields();
    int[] counts = new int[Keyword.values().length];
    RelayItemOrder order = new RelayItemOrder("an extra-info descriptor", "extra-info");
    while (lines.next()) {
      Keyword k = INDEX.lookup(lines);
      if (k == null && KeywordIndex.isBlank(lines)) {
        continue;
      }
      order.next(lines, k != null, k == Keyword.EXTRA_INFO, k == Keyword.ROUTER_SIG_ED25519,
          k == Keyword.ROUTER_SIGNATURE);
      if (k == null) {
        f.unknownLines = ServerDescriptorParser.add(f.unknownLines, lines.line());
        lines.skipObject();
        continue;
      }
      counts[k.ordinal()]++;
      item(k, lines, f, order.items());
      if (k == Keyword.ROUTER_SIGNATURE) {
        f.end = lines.nextLineStart();
      }
    }
    if (order.items() == 0) {
      throw new DescriptorParseException("empty extra-info descriptor");
    }
    rules.check(counts, k -> k.word);
    if (!bridge) {
      boolean identity = counts[Keyword.IDENTITY_ED25519.ordinal()] > 0;
      boolean signature = counts[Keyword.ROUTER_SIG_ED25519.ordinal()] > 0;
      if (identity && !signature) {
        throw new DescriptorParseException("missing 'router-sig-ed25519', required with 'identity-ed25519'");
      }
      if (signature && !identity) {
        throw new DescriptorParseException("'router-sig-ed25519' requires 'identity-ed25519', which is missing");
      }
    }
    return build(doc, f);
  }

  private void item(Keyword k, Lines lines, Fields f, int position) throws DescriptorParseException {
    int slot = k.slot;
    switch (k.kind) {
      case EXTRA_INFO:
        lines.requireArgs(2);
        f.nickname = RelayItems.nickname(lines, lines.arg(0));
        f.fingerprint = RelayItems.fingerprint(lines, lines.arg(1));
        break;
      case IDENTITY:
        int certStart = lines.nextLineStart();
        f.certMasterKey = RelayItems.identityMasterKey(lines, position);
        f.ed25519Certificate = lines.textFrom(certStart);
        break;
      case MASTER_KEY:
        f.masterKey = RelayItems.masterKey(lines, lines.arg(0), f.certMasterKey);
        break;
      case PUBLISHED:
        f.published = lines.timestampArg(0);
        break;
      case HISTORY:
        f.histories[slot] = RelayItems.history(lines);
        break;
      case GEOIP_DIGEST:
        String digest = lines.arg(0);
        if (!Values.isHex(digest, 40)) {
          throw lines.fail("'" + k.word + "' needs a SHA-1 of 40 hex digits, found '" + digest + "'");
        }
        f.geoipDigests[slot] = digest;
        break;
      case STATS_END:
        f.ends[slot] = RelayItems.statsInterval(lines);
        break;
      case COUNTRY_MAP:
        f.maps[slot] = RelayItems.countMap(lines, RelayItems.Keys.COUNTRY);
        break;
      case COUNT_MAP:
        f.maps[slot] = RelayItems.countMap(lines, RelayItems.Keys.ANY);
        break;
      case DOUBLE_LIST:
        f.cells[slot] = RelayItems.doubleList(lines);
        break;
      case LONG_VALUE:
        f.cellCircuitsPerDecile = lines.longArg(0);
        break;
      case CONN_BI_DIRECT:
        f.connBiDirect[slot] = connBiDirect(lines);
        break;
      case HIDSERV:
        f.hidserv[slot] = lines.longArg(0);
        f.hidservParams[slot] = RelayItems.keyDoubleArgs(lines, 1);
        break;
      case SHARE:
        f.shares[slot] = share(lines);
        break;
      case GEOIP_START_TIME:
        f.geoipStartTime = lines.timestampArg(0);
        break;
      case PADDING_COUNTS:
        StatsInterval interval = RelayItems.statsInterval(lines);
        f.paddingCounts = new PaddingCounts(interval.end(), interval.intervalSeconds(),
            RelayItems.keyLongArgs(lines, 4));
        break;
      case TRANSPORT:
        lines.arg(0);
        f.transports = ServerDescriptorParser.add(f.transports, RelayItems.joinedArgs(lines));
        break;
      case OVERLOAD_RATELIMITS:
        lines.requireArgs(7);
        f.ratelimitsVersion = lines.intArg(0);
        f.ratelimitsTimestamp = lines.timestampArg(1);
        f.rateLimit = lines.longArg(3);
        f.burstLimit = lines.longArg(4);
        f.readOverloads = lines.longArg(5);
        f.writeOverloads = lines.longArg(6);
        break;
      case OVERLOAD_FD_EXHAUSTED:
        f.fdExhaustedVersion = lines.intArg(0);
        f.fdExhaustedTimestamp = lines.timestampArg(1);
        break;
      case ROUTER_DIGEST_SHA256:
        f.routerDigestSha256 = lines.arg(0);
        break;
      case ROUTER_DIGEST:
        String routerDigest = lines.arg(0);
        if (!Values.isHex(routerDigest, 40)) {
          throw lines.fail("'router-digest' needs a SHA-1 of 40 hex digits, found '" + routerDigest + "'");
        }
        f.routerDigest = RelayItems.lower(routerDigest);
        break;
      case ROUTER_SIG_ED25519:
        RelayItems.requireArgument(lines);
        f.ed25519Signature = lines.rest();
        break;
      case ROUTER_SIGNATURE:
        f.signedEnd = lines.nextLineStart();
        f.signature = lines.requiredObject();
        break;
      default:
        throw new IllegalStateException("kind without a case: " + k.kind);
    }
  }


  /**
   * {@code dirreq-v2-share}/{@code dirreq-v3-share} {@code num%} (dir-spec §2.1.2, tor 0.2.2 and
   * 0.2.3, which wrote {@code %.2f%%}), as a fraction, as Stem reads it. Above 100% is a tor bug
   * seen in real descriptors, so it is kept; a negative share is not.
   */
  private static double share(Lines lines) throws DescriptorParseException {
    String s = lines.arg(0);
    int n = s.length() - 1;
    boolean ok = n > 0 && s.charAt(n) == '%';
    int dots = 0;
    for (int i = 0; ok && i < n; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        ok = false;
      }
    }
    if (!ok || dots > 1 || (n == 1 && dots == 1)) {
      throw lines.fail("'" + lines.keyword() + "' needs a non-negative percentage such as 0.37%, found '" + s + "'");
    }
    return Double.parseDouble(s.substring(0, n)) / 100;
  }

  /** {@code YYYY-MM-DD HH:MM:SS (N s) BELOW,READ,WRITE,BOTH}. */
  private static ConnBiDirect connBiDirect(Lines lines) throws DescriptorParseException {
    StatsInterval interval = RelayItems.statsInterval(lines);
    List<Long> v = RelayItems.longList(lines, lines.arg(4));
    if (v.size() != 4) {
      throw lines.fail("'" + lines.keyword() + "' needs four counts BELOW,READ,WRITE,BOTH, found " + v.size());
    }
    return new ConnBiDirect(interval.end(), interval.intervalSeconds(), v.get(0), v.get(1), v.get(2), v.get(3));
  }

  private ExtraInfoDescriptor build(Document doc, Fields f) {
    String digest;
    String digestSha256;
    if (bridge) {
      digest = f.routerDigest;
      digestSha256 = null;
    } else {
      byte[] b = doc.bytes();
      digest = Values.hex(Digests.sha1(b, doc.start(), f.signedEnd), false);
      // extra-info-digest's SHA-256 covers the whole document, signature included (dir-spec §2.1.1).
      digestSha256 = Values.base64NoPadding(Digests.sha256(b, doc.start(), f.end));
    }
    Map<String, Long>[] m = f.maps;
    BandwidthHistory[] h = f.histories;
    StatsInterval[] e = f.ends;
    return new ExtraInfoDescriptor(
        type,
        f.nickname,
        f.fingerprint,
        f.published,
        f.masterKey != null ? f.masterKey : f.certMasterKey,
        f.ed25519Certificate,
        h[READ], h[WRITE], h[IPV6_READ], h[IPV6_WRITE], h[DIRREQ_READ], h[DIRREQ_WRITE],
        f.geoipDigests[IPV4], f.geoipDigests[IPV6],
        e[DIRREQ_END],
        m[V3_IPS], m[V3_REQS], m[V3_RESP], m[V3_DIRECT_DL], m[V3_TUNNELED_DL], f.shares[V3_SHARE],
        m[V2_IPS], m[V2_REQS], m[V2_RESP], m[V2_DIRECT_DL], m[V2_TUNNELED_DL], f.shares[V2_SHARE],
        e[ENTRY_END], m[ENTRY_CLIENTS],
        e[CELL_END], f.cells[CELL_PROCESSED], f.cells[CELL_QUEUED], f.cells[CELL_TIME], f.cellCircuitsPerDecile,
        f.connBiDirect[IPV4], f.connBiDirect[IPV6],
        e[EXIT_END], m[EXIT_WRITTEN], m[EXIT_READ], m[EXIT_STREAMS],
        e[HIDSERV_END], f.hidserv[REND_CELLS], f.hidservParams[REND_CELLS],
        f.hidserv[DIR_ONIONS], f.hidservParams[DIR_ONIONS],
        e[HIDSERV_V3_END], f.hidserv[REND_V3_CELLS], f.hidservParams[REND_V3_CELLS],
        f.hidserv[DIR_V3_ONIONS], f.hidservParams[DIR_V3_ONIONS],
        f.paddingCounts,
        f.geoipStartTime, m[GEOIP_CLIENTS],
        e[BRIDGE_END], m[BRIDGE_CLIENTS], m[BRIDGE_VERSIONS], m[BRIDGE_TRANSPORTS],
        ServerDescriptorParser.frozen(f.transports),
        f.ratelimitsVersion, f.ratelimitsTimestamp, f.rateLimit, f.burstLimit, f.readOverloads, f.writeOverloads,
        f.fdExhaustedVersion, f.fdExhaustedTimestamp,
        f.ed25519Signature, f.signature,
        digest,
        digestSha256,
        f.routerDigestSha256,
        ServerDescriptorParser.frozen(f.unknownLines));
  }
}
