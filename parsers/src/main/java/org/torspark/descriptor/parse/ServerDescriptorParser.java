package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.BandwidthHistory;
import org.torspark.descriptor.Descriptor;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ServerDescriptor;

/**
 * Parses relay server descriptors (dir-spec §2.1.1) and CollecTor's sanitised bridge server
 * descriptors, which have the same items minus keys and signatures plus {@code router-digest}
 * lines. Key, certificate and signature objects are kept as written (PEM blocks, as Stem gives
 * them) and decoded only where they identify the relay: {@code signing-key}, whose SHA-1 must
 * equal the {@code fingerprint}, and the {@code identity-ed25519} certificate, whose master key
 * must equal {@code master-key-ed25519}. Signatures are not verified.
 */
final class ServerDescriptorParser implements DescriptorParser {
  enum Keyword {
    ROUTER("router"),
    IDENTITY_ED25519("identity-ed25519"),
    MASTER_KEY_ED25519("master-key-ed25519"),
    PLATFORM("platform"),
    PROTO("proto"),
    PROTOCOLS("protocols"),
    PUBLISHED("published"),
    FINGERPRINT("fingerprint"),
    UPTIME("uptime"),
    BANDWIDTH("bandwidth"),
    HIBERNATING("hibernating"),
    EXTRA_INFO_DIGEST("extra-info-digest"),
    ONION_KEY("onion-key"),
    SIGNING_KEY("signing-key"),
    ONION_KEY_CROSSCERT("onion-key-crosscert"),
    NTOR_ONION_KEY_CROSSCERT("ntor-onion-key-crosscert"),
    NTOR_ONION_KEY("ntor-onion-key"),
    FAMILY("family"),
    CONTACT("contact"),
    HIDDEN_SERVICE_DIR("hidden-service-dir"),
    CACHES_EXTRA_INFO("caches-extra-info"),
    TUNNELLED_DIR_SERVER("tunnelled-dir-server"),
    ALLOW_SINGLE_HOP_EXITS("allow-single-hop-exits"),
    EVENTDNS("eventdns"),
    ACCEPT("accept"),
    REJECT("reject"),
    ACCEPT6("accept6"),
    REJECT6("reject6"),
    IPV6_POLICY("ipv6-policy"),
    OR_ADDRESS("or-address"),
    BRIDGE_DISTRIBUTION_REQUEST("bridge-distribution-request"),
    OVERLOAD_GENERAL("overload-general"),
    READ_HISTORY("read-history"),
    WRITE_HISTORY("write-history"),
    ROUTER_DIGEST_SHA256("router-digest-sha256", true),
    ROUTER_DIGEST("router-digest", true),
    ROUTER_SIG_ED25519("router-sig-ed25519"),
    ROUTER_SIGNATURE("router-signature");

    final String word;
    /** Added by CollecTor's sanitiser; an unknown line in a relay descriptor. */
    final boolean bridgeOnly;

    Keyword(String word) {
      this(word, false);
    }

    Keyword(String word, boolean bridgeOnly) {
      this.word = word;
      this.bridgeOnly = bridgeOnly;
    }
  }

  private static final KeywordIndex<Keyword> INDEX = new KeywordIndex<>(Keyword.class, k -> k.word);

  private static final Keyword[] SINGLE = {
    Keyword.IDENTITY_ED25519, Keyword.MASTER_KEY_ED25519, Keyword.PLATFORM, Keyword.PROTO, Keyword.PROTOCOLS,
    Keyword.FINGERPRINT, Keyword.UPTIME, Keyword.HIBERNATING, Keyword.EXTRA_INFO_DIGEST, Keyword.ONION_KEY,
    Keyword.ONION_KEY_CROSSCERT, Keyword.NTOR_ONION_KEY_CROSSCERT, Keyword.NTOR_ONION_KEY, Keyword.FAMILY,
    Keyword.CONTACT, Keyword.HIDDEN_SERVICE_DIR, Keyword.CACHES_EXTRA_INFO, Keyword.TUNNELLED_DIR_SERVER,
    Keyword.ALLOW_SINGLE_HOP_EXITS, Keyword.EVENTDNS, Keyword.IPV6_POLICY, Keyword.BRIDGE_DISTRIBUTION_REQUEST,
    Keyword.OVERLOAD_GENERAL, Keyword.READ_HISTORY, Keyword.WRITE_HISTORY, Keyword.ROUTER_SIG_ED25519,
  };

  private static final KeywordRules<Keyword> RELAY_RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.ROUTER)
      .exactlyOnce(Keyword.ROUTER, Keyword.BANDWIDTH, Keyword.PUBLISHED, Keyword.SIGNING_KEY, Keyword.ROUTER_SIGNATURE)
      .atMostOnce(SINGLE)
      .build();

  /** Sanitising removed keys and signatures and appended the router-digest lines. */
  private static final KeywordRules<Keyword> BRIDGE_RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.ROUTER)
      .exactlyOnce(Keyword.ROUTER, Keyword.BANDWIDTH, Keyword.PUBLISHED)
      .atMostOnce(SINGLE)
      .atMostOnce(Keyword.SIGNING_KEY, Keyword.ROUTER_SIGNATURE, Keyword.ROUTER_DIGEST, Keyword.ROUTER_DIGEST_SHA256)
      .build();

  /** Items that only make sense with an ed25519 identity: present without it, the descriptor is broken. */
  private static final Keyword[] NEED_IDENTITY = {
    Keyword.ONION_KEY_CROSSCERT, Keyword.NTOR_ONION_KEY_CROSSCERT, Keyword.ROUTER_SIG_ED25519,
    Keyword.MASTER_KEY_ED25519,
  };

  /** Items a relay must publish once it has an ed25519 identity. */
  private static final Keyword[] REQUIRED_WITH_IDENTITY = {
    Keyword.ROUTER_SIG_ED25519, Keyword.ONION_KEY_CROSSCERT, Keyword.NTOR_ONION_KEY_CROSSCERT,
  };

  // After the rules above: class initialisation runs in textual order.
  static final ServerDescriptorParser RELAY = new ServerDescriptorParser(DescriptorType.SERVER_DESCRIPTOR);
  static final ServerDescriptorParser BRIDGE = new ServerDescriptorParser(DescriptorType.BRIDGE_SERVER_DESCRIPTOR);

  private final DescriptorType type;
  private final boolean bridge;
  private final KeywordRules<Keyword> rules;

  private ServerDescriptorParser(DescriptorType type) {
    this.type = type;
    this.bridge = type == DescriptorType.BRIDGE_SERVER_DESCRIPTOR;
    this.rules = bridge ? BRIDGE_RULES : RELAY_RULES;
  }

  /**
   * Per-thread memory of lines that repeat across descriptors: a relay's {@code proto} line is one
   * of a handful per tor version, and most exit policies are made of the same few hundred rules.
   */
  private static final class Recent {
    final RecentLines<Map<String, String>> proto = new RecentLines<>(64);
    final RecentLines<String> rules = new RecentLines<>(1024);
    /** One cursor for all descriptors: no allocation each, and its date cache outlives one descriptor. */
    final LineArgs args = new LineArgs();
  }

  private static final ThreadLocal<Recent> RECENT = ThreadLocal.withInitial(Recent::new);

  /** What one descriptor has said so far. */
  private static final class Fields {
    final Recent recent = RECENT.get();
    final LineArgs args = recent.args;
    String nickname;
    String fingerprint;
    int fingerprintLine;
    int fingerprintStart;
    int fingerprintEnd;
    Instant published;
    String address;
    int orPort;
    int socksPort;
    int dirPort;
    List<String> orAddresses;
    String platform;
    Map<String, String> proto;
    String protocols;
    long bandwidthAvg;
    long bandwidthBurst;
    Long bandwidthObserved;
    Long uptime;
    boolean hibernating;
    List<String> family;
    String contact;
    List<String> exitPolicy;
    String exitPolicyV6;
    String extraInfoDigest;
    String extraInfoDigestSha256;
    String masterKey;
    String certMasterKey;
    String ntorOnionKey;
    String onionKey;
    String signingKey;
    String onionKeyCrosscert;
    String ntorOnionKeyCrosscert;
    Integer ntorOnionKeyCrosscertSign;
    String ed25519Certificate;
    String ed25519Signature;
    String signature;
    Boolean eventdns;
    boolean cachesExtraInfo;
    boolean tunnelledDirServer;
    boolean hiddenServiceDir;
    boolean allowSingleHopExits;
    String bridgeDistributionRequest;
    Integer overloadGeneralVersion;
    Instant overloadGeneralTimestamp;
    BandwidthHistory readHistory;
    BandwidthHistory writeHistory;
    byte[] signingKeySha1;
    String routerDigest;
    String routerDigestSha256;
    int signedEnd = -1;
    List<String> unknownLines;
  }

  @Override
  public Descriptor parse(Document doc) throws DescriptorParseException {
    Fields f = new Fields();
    try {
      return parse(doc, f);
    } finally {
      f.args.release(); // the thread's cursor must not keep this document's bytes alive
    }
  }

  private Descriptor parse(Document doc, Fields f) throws DescriptorParseException {
    Lines lines = doc.lines();
    int[] counts = new int[Keyword.values().length];
    RelayItemOrder order = new RelayItemOrder("a server descriptor", "router");
    while (lines.next()) {
      Keyword k = INDEX.lookup(lines);
      if (k == null && KeywordIndex.isBlank(lines)) {
        continue;
      }
      if (k != null && k.bridgeOnly && !bridge) {
        k = null;
      }
      order.next(lines, k != null, k == Keyword.ROUTER, k == Keyword.ROUTER_SIG_ED25519,
          k == Keyword.ROUTER_SIGNATURE);
      if (k == null) {
        f.unknownLines = add(f.unknownLines, lines.line());
        lines.skipObject();
        continue;
      }
      counts[k.ordinal()]++;
      item(k, lines, f, order.items());
    }
    if (order.items() == 0) {
      throw new DescriptorParseException("empty server descriptor");
    }
    rules.check(counts, k -> k.word);
    if (f.exitPolicy == null) {
      throw new DescriptorParseException("missing exit policy: at least one 'accept' or 'reject' line is required");
    }
    if (!bridge) {
      checkRelayIdentity(doc, f, counts);
    }
    return build(doc, f);
  }

  private void item(Keyword k, Lines lines, Fields f, int position) throws DescriptorParseException {
    switch (k) {
      case ROUTER:
        LineArgs a = f.args.on(lines);
        if (a.count() < 5) {
          lines.requireArgs(5);
        }
        f.nickname = RelayItems.nickname(lines, a.string(0));
        f.address = RelayItems.ipv4(lines, a.string(1));
        f.orPort = RelayItems.port(lines, a, 2);
        f.socksPort = RelayItems.port(lines, a, 3);
        f.dirPort = RelayItems.port(lines, a, 4);
        break;
      case IDENTITY_ED25519:
        int certStart = lines.nextLineStart();
        f.certMasterKey = RelayItems.identityMasterKey(lines, position);
        f.ed25519Certificate = lines.textFrom(certStart);
        break;
      case MASTER_KEY_ED25519:
        f.masterKey = RelayItems.masterKey(lines, f.args.on(lines).string(0), f.certMasterKey);
        break;
      case PLATFORM:
        f.platform = lines.utf8Rest();
        break;
      case PROTO:
        f.proto = f.recent.proto.of(lines, ServerDescriptorParser::proto);
        break;
      case PROTOCOLS:
        f.protocols = lines.rest();
        break;
      case PUBLISHED:
        f.published = f.args.on(lines).timestamp(0);
        break;
      case FINGERPRINT:
        f.fingerprint = RelayItems.spacedFingerprint(lines);
        // Kept to quote the line should the signing key disagree; decoded only then.
        f.fingerprintLine = lines.lineNumber();
        f.fingerprintStart = lines.lineStart();
        f.fingerprintEnd = KeywordIndex.lineEnd(lines);
        break;
      case UPTIME:
        f.uptime = f.args.on(lines).longValue(0);
        break;
      case BANDWIDTH:
        bandwidth(lines, f.args.on(lines), f);
        break;
      case HIBERNATING:
        f.hibernating = flag(lines, f.args.on(lines));
        break;
      case EXTRA_INFO_DIGEST:
        LineArgs digests = f.args.on(lines);
        f.extraInfoDigest = digests.string(0);
        if (!digests.isHex(0, 40)) {
          throw lines.fail("'extra-info-digest' needs a SHA-1 of 40 hex digits, found '" + f.extraInfoDigest + "'");
        }
        f.extraInfoDigestSha256 = f.args.count() > 1 ? RelayItems.stripPadding(f.args.string(1)) : null;
        break;
      case SIGNING_KEY:
        int keyStart = lines.nextLineStart();
        if (bridge) {
          lines.requireObject();
        } else {
          byte[] key = RelayItems.objectBytes(lines);
          // Test fixtures sometimes carry empty key objects; there is nothing to check then.
          f.signingKeySha1 = key.length == 0 ? null : Digests.sha1(key, 0, key.length);
        }
        f.signingKey = lines.textFrom(keyStart);
        break;
      case ONION_KEY:
        f.onionKey = lines.requiredObject();
        break;
      case ONION_KEY_CROSSCERT:
        f.onionKeyCrosscert = lines.requiredObject();
        break;
      case NTOR_ONION_KEY_CROSSCERT:
        LineArgs sign = f.args.on(lines);
        if (!sign.is(0, '0') && !sign.is(0, '1')) {
          throw lines.fail("'ntor-onion-key-crosscert' needs a sign bit of 0 or 1, found '" + sign.string(0) + "'");
        }
        f.ntorOnionKeyCrosscertSign = sign.is(0, '1') ? 1 : 0;
        f.ntorOnionKeyCrosscert = lines.requiredObject();
        break;
      case NTOR_ONION_KEY:
        f.ntorOnionKey = RelayItems.stripPadding(f.args.on(lines).string(0));
        break;
      case FAMILY:
        f.family = Collections.unmodifiableList(Arrays.asList(lines.args()));
        break;
      case CONTACT:
        f.contact = lines.utf8Rest();
        break;
      case HIDDEN_SERVICE_DIR:
        f.hiddenServiceDir = true;
        break;
      case CACHES_EXTRA_INFO:
        f.cachesExtraInfo = true;
        break;
      case TUNNELLED_DIR_SERVER:
        f.tunnelledDirServer = true;
        break;
      case ALLOW_SINGLE_HOP_EXITS:
        f.allowSingleHopExits = true;
        break;
      case EVENTDNS:
        // dir-spec (v2, tor 0.1.2): "eventdns" bool; tor wrote 'opt eventdns 0' when built without evdns.
        f.eventdns = flag(lines, f.args.on(lines));
        break;
      case ACCEPT:
      case REJECT:
      case ACCEPT6:
      case REJECT6:
        f.exitPolicy = add(f.exitPolicy, f.recent.rules.of(lines, RelayItems::rule));
        break;
      case IPV6_POLICY:
        f.exitPolicyV6 = ipv6Policy(lines);
        break;
      case OR_ADDRESS:
        f.orAddresses = add(f.orAddresses, f.args.on(lines).string(0));
        break;
      case BRIDGE_DISTRIBUTION_REQUEST:
        f.bridgeDistributionRequest = f.args.on(lines).string(0);
        break;
      case OVERLOAD_GENERAL:
        LineArgs overload = f.args.on(lines);
        f.overloadGeneralVersion = overload.intValue(0);
        f.overloadGeneralTimestamp = overload.timestamp(1);
        break;
      case READ_HISTORY:
        f.readHistory = RelayItems.history(lines);
        break;
      case WRITE_HISTORY:
        f.writeHistory = RelayItems.history(lines);
        break;
      case ROUTER_DIGEST_SHA256:
        f.routerDigestSha256 = f.args.on(lines).string(0);
        break;
      case ROUTER_DIGEST:
        String digest = f.args.on(lines).string(0);
        if (!Values.isHex(digest, 40)) {
          throw lines.fail("'router-digest' needs a SHA-1 of 40 hex digits, found '" + digest + "'");
        }
        f.routerDigest = RelayItems.lower(digest);
        break;
      case ROUTER_SIG_ED25519:
        RelayItems.requireArgument(lines);
        f.ed25519Signature = lines.rest();
        break;
      case ROUTER_SIGNATURE:
        // The signed part (and so the digest) ends with this line's newline.
        f.signedEnd = lines.nextLineStart();
        f.signature = lines.requiredObject();
        break;
      default:
        throw new IllegalStateException("keyword without a case: " + k);
    }
  }


  /** {@code Name=Versions ...}, read from the line's bytes: it has a dozen entries. */
  private static Map<String, String> proto(Lines lines) throws DescriptorParseException {
    byte[] b = lines.buffer();
    int e = KeywordIndex.lineEnd(lines);
    int i = lines.lineStart();
    while (i < e && b[i] != ' ' && b[i] != '\t') {
      i++;
    }
    Map<String, String> out = new LinkedHashMap<>();
    while (i < e) {
      while (i < e && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      int start = i;
      int eq = -1;
      while (i < e && b[i] != ' ' && b[i] != '\t') {
        if (eq < 0 && b[i] == '=') {
          eq = i;
        }
        i++;
      }
      if (start == i) {
        break;
      }
      if (eq <= start) {
        throw lines.fail("'proto' needs Name=Versions entries, found '"
            + new String(b, start, i - start, StandardCharsets.ISO_8859_1) + "'");
      }
      out.put(new String(b, start, eq - start, StandardCharsets.ISO_8859_1),
          new String(b, eq + 1, i - eq - 1, StandardCharsets.ISO_8859_1));
    }
    return Collections.unmodifiableMap(out);
  }

  private static void bandwidth(Lines lines, LineArgs a, Fields f) throws DescriptorParseException {
    if (a.count() < 2) {
      lines.requireArgs(2);
    }
    f.bandwidthAvg = a.longValue(0);
    f.bandwidthBurst = a.longValue(1);
    // Tor 0.0.8 and older wrote no observed value.
    f.bandwidthObserved = a.count() > 2 ? a.longValue(2) : null;
    if (f.bandwidthAvg < 0 || f.bandwidthBurst < 0 || (f.bandwidthObserved != null && f.bandwidthObserved < 0)) {
      throw lines.fail("'bandwidth' values must not be negative");
    }
  }

  private static boolean flag(Lines lines, LineArgs a) throws DescriptorParseException {
    if (a.is(0, '1')) {
      return true;
    }
    if (a.is(0, '0')) {
      return false;
    }
    throw lines.fail("'" + lines.keyword() + "' needs 0 or 1, found '" + a.string(0) + "'");
  }

  /** {@code accept|reject PortList}, kept as written, single-spaced. */
  private static String ipv6Policy(Lines lines) throws DescriptorParseException {
    String[] args = lines.args();
    boolean ok = args.length >= 2 && (args[0].equals("accept") || args[0].equals("reject")) && isPortList(args[1]);
    if (!ok) {
      throw lines.fail("'ipv6-policy' needs 'accept' or 'reject' and a port list such as 80,443,1000-2000");
    }
    return args[0] + " " + args[1];
  }

  private static boolean isPortList(String s) {
    int digits = 0;
    boolean range = false;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : ',';
      if (c >= '0' && c <= '9') {
        digits++;
        if (digits > 5) {
          return false;
        }
      } else if (c == '-' && digits > 0 && !range) {
        range = true;
        digits = 0;
      } else if (c == ',' && digits > 0) {
        range = false;
        digits = 0;
      } else {
        return false;
      }
    }
    return true;
  }

  private static void checkRelayIdentity(Document doc, Fields f, int[] counts) throws DescriptorParseException {
    if (counts[Keyword.IDENTITY_ED25519.ordinal()] == 0) {
      for (Keyword k : NEED_IDENTITY) {
        if (counts[k.ordinal()] > 0) {
          throw new DescriptorParseException("'" + k.word + "' requires 'identity-ed25519', which is missing");
        }
      }
    } else {
      for (Keyword k : REQUIRED_WITH_IDENTITY) {
        if (counts[k.ordinal()] == 0) {
          throw new DescriptorParseException("missing '" + k.word + "', required with 'identity-ed25519'");
        }
      }
    }
    if (f.fingerprint != null && f.signingKeySha1 != null && !RelayItems.hexEquals(f.fingerprint, f.signingKeySha1)) {
      throw new DescriptorParseException("'fingerprint' does not match the signing-key, whose SHA-1 is "
          + Values.hex(f.signingKeySha1, true), f.fingerprintLine, new String(doc.bytes(), f.fingerprintStart,
          f.fingerprintEnd - f.fingerprintStart, StandardCharsets.ISO_8859_1));
    }
  }

  private ServerDescriptor build(Document doc, Fields f) {
    String digest;
    String digestSha256;
    if (bridge) {
      digest = f.routerDigest;
      digestSha256 = null;
    } else {
      byte[] b = doc.bytes();
      digest = Values.hex(Digests.sha1(b, doc.start(), f.signedEnd), false);
      digestSha256 = Values.base64NoPadding(Digests.sha256(b, doc.start(), f.signedEnd));
    }
    String torVersion = null;
    String os = null;
    if (f.platform != null) {
      if (f.platform.startsWith("Tor ")) {
        int space = f.platform.indexOf(' ', 4);
        torVersion = f.platform.substring(4, space < 0 ? f.platform.length() : space);
        if (torVersion.isEmpty()) {
          torVersion = null;
        }
      }
      int on = f.platform.indexOf(" on ");
      os = on < 0 ? null : f.platform.substring(on + 4);
    }
    return new ServerDescriptor(
        type,
        f.nickname,
        f.fingerprint,
        f.published,
        f.address,
        f.orPort,
        f.socksPort,
        f.dirPort,
        frozen(f.orAddresses),
        f.platform,
        torVersion,
        os,
        f.proto == null ? Map.of() : f.proto,
        f.protocols,
        f.bandwidthAvg,
        f.bandwidthBurst,
        f.bandwidthObserved,
        f.uptime,
        f.hibernating,
        f.family == null ? List.of() : f.family,
        f.contact,
        frozen(f.exitPolicy),
        f.exitPolicyV6,
        f.extraInfoDigest,
        f.extraInfoDigestSha256,
        f.masterKey != null ? f.masterKey : f.certMasterKey,
        f.ntorOnionKey,
        f.onionKey,
        f.signingKey,
        f.onionKeyCrosscert,
        f.ntorOnionKeyCrosscert,
        f.ntorOnionKeyCrosscertSign,
        f.ed25519Certificate,
        f.cachesExtraInfo,
        f.tunnelledDirServer,
        f.hiddenServiceDir,
        f.allowSingleHopExits,
        f.eventdns,
        f.bridgeDistributionRequest,
        f.overloadGeneralVersion,
        f.overloadGeneralTimestamp,
        f.readHistory,
        f.writeHistory,
        f.ed25519Signature,
        f.signature,
        digest,
        digestSha256,
        f.routerDigestSha256,
        frozen(f.unknownLines));
  }

  static <T> List<T> add(List<T> list, T value) {
    List<T> l = list == null ? new ArrayList<>(4) : list;
    l.add(value);
    return l;
  }

  static <T> List<T> frozen(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }
}
