package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ServerDescriptor;
import org.torspark.testing.Fixtures;

/**
 * Server descriptor items one at a time (dir-spec §2.1.1): each case starts from a real descriptor
 * (Akka, 2022, tor 0.4.8; or a sanitised bridge) and changes one line.
 */
class ServerDescriptorParserTest {

  private static DescriptorLines akka() {
    return DescriptorLines.fromFixture(DescriptorType.SERVER_DESCRIPTOR,
        "server-descriptor/single/routerdesc1-Akka-2022.txt");
  }

  private static DescriptorLines bridge() {
    return DescriptorLines.fromFixture(DescriptorType.BRIDGE_SERVER_DESCRIPTOR,
        "bridge-server-descriptor/single/bridge_descriptor_with_ed25519");
  }

  /** An Akka without ed25519 items, as relays published them before tor 0.2.7. */
  private static DescriptorLines akkaWithoutEd25519() {
    return akka().remove("identity-ed25519").remove("master-key-ed25519").remove("onion-key-crosscert")
        .remove("ntor-onion-key-crosscert").remove("router-sig-ed25519");
  }

  /**
   * pogonip's descriptor (tor 0.1.2.17, 2007) as lines; tor 0.1.2 wrote {@code opt eventdns} right
   * after the signing-key. Its contact line holds a carriage return, so it is edited as text.
   */
  private static DescriptorLines pogonipWith(String line) {
    String text = Fixtures.text("server-descriptor/edge-cases/cr_in_contact_line");
    text = text.substring(text.indexOf("router ")).replace("\nopt write-history", "\n" + line + "\nopt write-history");
    return DescriptorLines.of(DescriptorType.SERVER_DESCRIPTOR, text.split("\n", -1));
  }

  /** The object after the first line with this keyword in a fixture, BEGIN to END line, LF-joined. */
  private static String objectOf(String path, String keyword) {
    String text = Fixtures.text(path);
    int begin = text.indexOf("\n-----BEGIN", text.indexOf("\n" + keyword + "\n") + 1) + 1;
    int end = text.indexOf('\n', text.indexOf("\n-----END", begin) + 1);
    return text.substring(begin, end);
  }

  private static String sha1Hex(byte[] b, int length) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-1");
    md.update(b, 0, length);
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  void eventdnsOfTor012IsABooleanNotAnUnknownLine() throws Exception {
    ServerDescriptor off = pogonipWith("opt eventdns 0").parse();
    assertThat(off.eventdns()).isFalse();
    assertThat(off.unknownLines()).isEmpty();
    assertThat(off.contact()).contains("\r");
    ServerDescriptor on = pogonipWith("opt eventdns 1").parse();
    assertThat(on.eventdns()).isTrue();
    assertThat(on.unknownLines()).isEmpty();
    assertThat(akka().<ServerDescriptor>parse().eventdns()).as("absent").isNull();
  }

  @Test
  void eventdnsIsZeroOrOneAtMostOnce() {
    pogonipWith("opt eventdns yes").failsAt("opt eventdns yes", "'eventdns' needs 0 or 1, found 'yes'");
    pogonipWith("opt eventdns 0\neventdns 0").failsWith("keyword 'eventdns' may appear at most once, found 2 times");
  }

  @Test
  void keysCertificatesAndSignaturesAreKeptAsPemBlocks() throws Exception {
    String path = "server-descriptor/single/routerdesc1-Akka-2022.txt";
    ServerDescriptor d = akka().parse();
    assertThat(d.onionKey()).startsWith("-----BEGIN RSA PUBLIC KEY-----\nMIGJAoGBALTMU+lh5qlt1sBq6d1o0jqcxL4h")
        .endsWith("AgMBAAE=\n-----END RSA PUBLIC KEY-----").isEqualTo(objectOf(path, "onion-key"));
    assertThat(d.signingKey()).isEqualTo(objectOf(path, "signing-key"));
    assertThat(d.onionKeyCrosscert()).startsWith("-----BEGIN CROSSCERT-----\n")
        .isEqualTo(objectOf(path, "onion-key-crosscert"));
    assertThat(d.ntorOnionKeyCrosscert()).startsWith("-----BEGIN ED25519 CERT-----\nAQoABxUEAQlU439a")
        .isEqualTo(objectOf(path, "ntor-onion-key-crosscert 0"));
    assertThat(d.ntorOnionKeyCrosscertSign()).isZero();
    assertThat(d.ed25519Certificate()).startsWith("-----BEGIN ED25519 CERT-----\nAQQABxOlAb3Hdq5p")
        .isEqualTo(objectOf(path, "identity-ed25519"));
    assertThat(d.ed25519Signature())
        .isEqualTo("Ga9GWUF0k3+Z8NJOZ1r0O5RNYQXWrGf8ieUcVsUWvovlKxqw9TyMFsDwLEZMbB3FpY7gP8WNAEcWOiEIlbBkDg");
    assertThat(d.signature()).startsWith("-----BEGIN SIGNATURE-----\nmIqhMooA/k4UJzdD")
        .endsWith("\n-----END SIGNATURE-----").isEqualTo(objectOf(path, "router-signature"));
    assertThat(akka().replace("ntor-onion-key-crosscert", "ntor-onion-key-crosscert 1").<ServerDescriptor>parse()
        .ntorOnionKeyCrosscertSign()).isEqualTo(1);
  }

  @Test
  void keyBlocksAreNullWhenAbsent() throws Exception {
    ServerDescriptor old = akkaWithoutEd25519().parse();
    assertThat(old.onionKey()).isNotNull();
    assertThat(old.ed25519Certificate()).isNull();
    assertThat(old.ed25519Signature()).isNull();
    assertThat(old.onionKeyCrosscert()).isNull();
    assertThat(old.ntorOnionKeyCrosscert()).isNull();
    assertThat(old.ntorOnionKeyCrosscertSign()).isNull();
    ServerDescriptor b = bridge().parse();
    assertThat(b.onionKey()).isNull();
    assertThat(b.signingKey()).isNull();
    assertThat(b.signature()).isNull();
  }

  @Test
  void keyItemsNeedTheirObjects() {
    akka().remove("onion-key").after("platform", "onion-key")
        .failsAt("onion-key", "'onion-key' must be followed by an object");
  }

  @Test
  void theRouterLineGivesNicknameAddressAndPorts() throws Exception {
    ServerDescriptor d = akka().replace("router", "router Bilbo 1.2.3.4 9001 0 9030").parse();
    assertThat(d.nickname()).isEqualTo("Bilbo");
    assertThat(d.address()).isEqualTo("1.2.3.4");
    assertThat(d.orPort()).isEqualTo(9001);
    assertThat(d.socksPort()).isZero();
    assertThat(d.dirPort()).isEqualTo(9030);
  }

  @Test
  void routerMustComeFirst() {
    akka().remove("router").before("platform", "router Akka 95.216.33.58 443 0 0")
        .failsWith("a server descriptor must start with 'router', found 'identity-ed25519'");
  }

  @Test
  void routerNeedsFiveArguments() {
    akka().replace("router", "router Akka 95.216.33.58 443")
        .failsWith("'router' needs at least 5 argument(s), found 3");
  }

  @Test
  void nicknamesAreOneToNineteenLettersAndDigits() throws Exception {
    assertThat(akka().replace("router", "router A123456789012345678 95.216.33.58 443 0 0").<ServerDescriptor>parse()
        .nickname()).hasSize(19);
    akka().replace("router", "router A1234567890123456789 95.216.33.58 443 0 0")
        .failsWith("'router' has an invalid nickname 'A1234567890123456789' (1 to 19 letters and digits)");
    akka().replace("router", "router Ak-ka 95.216.33.58 443 0 0")
        .failsWith("'router' has an invalid nickname 'Ak-ka' (1 to 19 letters and digits)");
  }

  @Test
  void addressMustBeDottedQuad() {
    akka().replace("router", "router Akka 95.216.33.258 443 0 0")
        .failsWith("'router' has an invalid IPv4 address '95.216.33.258'");
    akka().replace("router", "router Akka 95.216.33 443 0 0")
        .failsWith("'router' has an invalid IPv4 address '95.216.33'");
    akka().replace("router", "router Akka [::1] 443 0 0").failsWith("'router' has an invalid IPv4 address '[::1]'");
  }

  @Test
  void portsMustBeInRange() {
    akka().replace("router", "router Akka 95.216.33.58 65536 0 0")
        .failsWith("'router' argument 3 is not a port: 65536");
    akka().replace("router", "router Akka 95.216.33.58 443 0 x")
        .failsWith("'router' argument 5 is not an integer: 'x'");
  }

  @Test
  void bandwidthHasAverageBurstAndObserved() throws Exception {
    ServerDescriptor d = akka().replace("bandwidth", "bandwidth 1000 2000 1500").parse();
    assertThat(d.bandwidthAvg()).isEqualTo(1000L);
    assertThat(d.bandwidthBurst()).isEqualTo(2000L);
    assertThat(d.bandwidthObserved()).isEqualTo(1500L);
  }

  @Test
  void bandwidthFromTor008HasNoObservedValue() throws Exception {
    ServerDescriptor d = akka().replace("bandwidth", "bandwidth 1000 2000").parse();
    assertThat(d.bandwidthObserved()).isNull();
  }

  @Test
  void bandwidthValuesAreNonNegativeIntegers() {
    akka().replace("bandwidth", "bandwidth 1000 -1 5").failsWith("'bandwidth' values must not be negative");
    akka().replace("bandwidth", "bandwidth 1000 2k 5").failsWith("'bandwidth' argument 2 is not an integer: '2k'");
    akka().replace("bandwidth", "bandwidth 1000").failsWith("'bandwidth' needs at least 2 argument(s), found 1");
  }

  @Test
  void bandwidthIsRequiredExactlyOnce() {
    akka().remove("bandwidth").failsWith("missing required keyword 'bandwidth'");
    akka().after("bandwidth", "bandwidth 1 2 3")
        .failsWith("keyword 'bandwidth' must appear exactly once, found 2 times");
  }

  @Test
  void publishedIsAUtcTimestampRequiredExactlyOnce() throws Exception {
    assertThat(akka().replace("published", "published 2022-02-28 23:59:60").<ServerDescriptor>parse().published())
        .isEqualTo(Instant.parse("2022-03-01T00:00:00Z"));
    akka().replace("published", "published 2022-13-14 19:58:52")
        .failsWith("'published' has a bad timestamp '2022-13-14 19:58:52'");
    akka().replace("published", "published 2022-11-14").failsWith("'published' needs at least 2 argument(s), found 1");
    akka().remove("published").failsWith("missing required keyword 'published'");
    akka().after("published", "published 2022-11-14 19:58:52")
        .failsWith("keyword 'published' must appear exactly once, found 2 times");
  }

  @Test
  void optPrefixIsIgnored() throws Exception {
    ServerDescriptor d = akka()
        .replace("fingerprint", "opt fingerprint 5692 7E61 B51E 6F36 3FB5 5498 150A 6DDF CF70 77F2")
        .replace("hidden-service-dir", "opt hidden-service-dir")
        .replace("reject", "opt reject *:*")
        .parse();
    assertThat(d.fingerprint()).isEqualTo("56927E61B51E6F363FB55498150A6DDFCF7077F2");
    assertThat(d.hiddenServiceDir()).isTrue();
    assertThat(d.exitPolicy()).containsExactly("reject *:*");
  }

  @Test
  void fingerprintLosesItsSpacesAndIsUpperCased() throws Exception {
    ServerDescriptor d = akka()
        .replace("fingerprint", "fingerprint 5692 7e61 b51e 6f36 3fb5 5498 150a 6ddf cf70 77f2").parse();
    assertThat(d.fingerprint()).isEqualTo("56927E61B51E6F363FB55498150A6DDFCF7077F2");
  }

  @Test
  void fingerprintIsOptionalAndThenNull() throws Exception {
    assertThat(akka().remove("fingerprint").<ServerDescriptor>parse().fingerprint()).isNull();
  }

  @Test
  void fingerprintMustBeFortyHexDigits() {
    akka().replace("fingerprint", "fingerprint 5692 7E61 B51E 6F36 3FB5 5498 150A 6DDF CF70 77F")
        .failsWith("'fingerprint' needs a fingerprint of 40 hex digits,"
            + " found '56927E61B51E6F363FB55498150A6DDFCF7077F'");
  }

  @Test
  void fingerprintMustBeTheSha1OfTheSigningKey() {
    akka().replace("fingerprint", "fingerprint 5692 7E61 B51E 6F36 3FB5 5498 150A 6DDF CF70 77F3")
        .fails()
        .hasMessage("'fingerprint' does not match the signing-key,"
            + " whose SHA-1 is 56927E61B51E6F363FB55498150A6DDFCF7077F2")
        .satisfies(e -> {
          assertThat(((DescriptorParseException) e).lineInDocument()).isEqualTo(13);
          assertThat(((DescriptorParseException) e).line()).startsWith("fingerprint 5692");
        });
  }

  @Test
  void signingKeyAndRouterSignatureAreRequiredForRelays() {
    akka().remove("signing-key").failsWith("missing required keyword 'signing-key'");
    akka().remove("router-sig-ed25519").remove("router-signature")
        .failsWith("missing required keyword 'router-signature'");
  }

  @Test
  void uptimeMayBeNegativeOrAbsent() throws Exception {
    assertThat(akka().replace("uptime", "uptime -31081285").<ServerDescriptor>parse().uptime()).isEqualTo(-31081285L);
    assertThat(akka().remove("uptime").<ServerDescriptor>parse().uptime()).isNull();
    akka().replace("uptime", "uptime 1.5").failsWith("'uptime' argument 1 is not an integer: '1.5'");
  }

  @Test
  void hibernatingIsZeroOrOne() throws Exception {
    assertThat(akka().<ServerDescriptor>parse().hibernating()).isFalse();
    assertThat(akka().after("uptime", "hibernating 1").<ServerDescriptor>parse().hibernating()).isTrue();
    assertThat(akka().after("uptime", "hibernating 0").<ServerDescriptor>parse().hibernating()).isFalse();
    akka().after("uptime", "hibernating yes").failsWith("'hibernating' needs 0 or 1, found 'yes'");
  }

  @Test
  void platformGivesTorVersionAndOperatingSystem() throws Exception {
    ServerDescriptor d = akka().replace("platform", "platform Tor 0.2.0.26-rc (r14597) on Linux i686").parse();
    assertThat(d.torVersion()).isEqualTo("0.2.0.26-rc");
    assertThat(d.os()).isEqualTo("Linux i686");
    ServerDescriptor other = akka().replace("platform", "platform Mozilla").parse();
    assertThat(other.platform()).isEqualTo("Mozilla");
    assertThat(other.torVersion()).isNull();
    assertThat(other.os()).isNull();
    ServerDescriptor none = akka().remove("platform").parse();
    assertThat(none.platform()).isNull();
    assertThat(none.torVersion()).isNull();
  }

  @Test
  void protoIsAMapOfSubprotocolVersions() throws Exception {
    ServerDescriptor d = akka().replace("proto", "proto Link=1-5  Relay=1-4 Empty=").parse();
    assertThat(d.proto()).containsExactly(java.util.Map.entry("Link", "1-5"), java.util.Map.entry("Relay", "1-4"),
        java.util.Map.entry("Empty", ""));
    akka().replace("proto", "proto Link=1-5 Relay").failsWith("'proto' needs Name=Versions entries, found 'Relay'");
    assertThat(akka().remove("proto").<ServerDescriptor>parse().proto()).isEmpty();
  }

  @Test
  void exitPolicyKeepsRulesInOrderSingleSpaced() throws Exception {
    ServerDescriptor d = akka().replace("reject", "accept  *:80")
        .after("accept", "accept6 [2001:db8::]/32:443", "reject\t1.2.3.4/255.255.0.0:*", "reject6 [::]/0:*",
            "reject *:*")
        .parse();
    assertThat(d.exitPolicy()).containsExactly("accept *:80", "accept6 [2001:db8::]/32:443",
        "reject 1.2.3.4/255.255.0.0:*", "reject6 [::]/0:*", "reject *:*");
  }

  @Test
  void exitPolicyIsRequired() {
    akka().remove("reject").failsWith("missing exit policy: at least one 'accept' or 'reject' line is required");
  }

  @Test
  void exitPolicyRulesNeedAnAddressPortPattern() {
    akka().replace("reject", "reject *").failsWith("'reject' needs an address:port pattern, found '*'");
    akka().replace("reject", "reject").failsWith("'reject' needs an address:port pattern");
  }

  @Test
  void ipv6PolicyIsTheSummaryAsWritten() throws Exception {
    assertThat(akka().<ServerDescriptor>parse().exitPolicyV6()).isNull();
    assertThat(akka().after("reject", "ipv6-policy accept 80,443,1000-2000").<ServerDescriptor>parse()
        .exitPolicyV6()).isEqualTo("accept 80,443,1000-2000");
    assertThat(akka().after("reject", "ipv6-policy  reject 1-65535").<ServerDescriptor>parse().exitPolicyV6())
        .isEqualTo("reject 1-65535");
  }

  @Test
  void ipv6PolicyNeedsAcceptOrRejectAndPorts() {
    String message = "'ipv6-policy' needs 'accept' or 'reject' and a port list such as 80,443,1000-2000";
    akka().after("reject", "ipv6-policy allow 80").failsWith(message);
    akka().after("reject", "ipv6-policy accept 80,,443").failsWith(message);
    akka().after("reject", "ipv6-policy accept 1-2-3").failsWith(message);
    akka().after("reject", "ipv6-policy accept 80,").failsWith(message);
    akka().after("reject", "ipv6-policy accept").failsWith(message);
  }

  @Test
  void familyIsAListAsWritten() throws Exception {
    ServerDescriptor d = akka()
        .replace("family", "family nick1 $AAAA0000AAAA0000AAAA0000AAAA0000AAAA0000=nick2").parse();
    assertThat(d.family()).containsExactly("nick1", "$AAAA0000AAAA0000AAAA0000AAAA0000AAAA0000=nick2");
    assertThat(akka().remove("family").<ServerDescriptor>parse().family()).isEmpty();
    akka().after("family", "family nick3").failsWith("keyword 'family' may appear at most once, found 2 times");
  }

  @Test
  void contactIsFreeTextInUtf8() throws Exception {
    DescriptorLines lines = akka();
    byte[] utf8 = "contact L\u00e9na\u00efc \u2603".getBytes(StandardCharsets.UTF_8);
    lines.replace("contact", new String(utf8, StandardCharsets.ISO_8859_1));
    assertThat(lines.<ServerDescriptor>parse().contact()).isEqualTo("L\u00e9na\u00efc \u2603");
    assertThat(akka().replace("contact", "contact").<ServerDescriptor>parse().contact()).isEmpty();
    assertThat(akka().replace("contact", "contact a\rb").<ServerDescriptor>parse().contact()).isEqualTo("a\rb");
  }

  @Test
  void orAddressesKeepTheirOrder() throws Exception {
    ServerDescriptor d = akka().after("or-address", "or-address 1.2.3.4:9001").parse();
    assertThat(d.orAddresses()).containsExactly("[2a01:4f9:2a:2145::2]:443", "1.2.3.4:9001");
  }

  @Test
  void extraInfoDigestIsForthHexDigitsAndAnOptionalSha256() throws Exception {
    ServerDescriptor d = akka()
        .replace("extra-info-digest", "extra-info-digest 4CCE5DEC20C90181E17F6289ACD0F7D4F154E163 abc=").parse();
    assertThat(d.extraInfoDigest()).isEqualTo("4CCE5DEC20C90181E17F6289ACD0F7D4F154E163");
    assertThat(d.extraInfoDigestSha256()).isEqualTo("abc");
    akka().replace("extra-info-digest", "extra-info-digest 4CCE5DEC")
        .failsWith("'extra-info-digest' needs a SHA-1 of 40 hex digits, found '4CCE5DEC'");
  }

  @Test
  void presenceFlags() throws Exception {
    ServerDescriptor d = akka().after("contact", "caches-extra-info", "allow-single-hop-exits")
        .replace("hidden-service-dir", "hidden-service-dir 2").parse();
    assertThat(d.cachesExtraInfo()).isTrue();
    assertThat(d.allowSingleHopExits()).isTrue();
    assertThat(d.hiddenServiceDir()).isTrue();
    assertThat(d.tunnelledDirServer()).isTrue();
    ServerDescriptor none = akka().remove("hidden-service-dir").remove("tunnelled-dir-server").parse();
    assertThat(none.hiddenServiceDir()).isFalse();
    assertThat(none.tunnelledDirServer()).isFalse();
    assertThat(none.cachesExtraInfo()).isFalse();
  }

  @Test
  void overloadGeneralHasVersionAndTime() throws Exception {
    ServerDescriptor d = akka().after("contact", "overload-general 1 2021-10-07 05:00:00").parse();
    assertThat(d.overloadGeneralVersion()).isEqualTo(1);
    assertThat(d.overloadGeneralTimestamp()).isEqualTo(Instant.parse("2021-10-07T05:00:00Z"));
    akka().after("contact", "overload-general 1 2021-10-07")
        .failsWith("'overload-general' needs at least 3 argument(s), found 2");
  }

  @Test
  void bridgeDistributionRequest() throws Exception {
    assertThat(akka().after("contact", "bridge-distribution-request moat").<ServerDescriptor>parse()
        .bridgeDistributionRequest()).isEqualTo("moat");
  }

  @Test
  void historiesInOldServerDescriptors() throws Exception {
    ServerDescriptor d = akkaWithoutEd25519()
        .after("contact", "opt write-history 2005-12-16 18:00:48 (900 s) 81,8848,8927",
            "read-history  2005-12-16 18:00:48 (900 s)")
        .parse();
    assertThat(d.writeHistory().end()).isEqualTo(Instant.parse("2005-12-16T18:00:48Z"));
    assertThat(d.writeHistory().intervalSeconds()).isEqualTo(900L);
    assertThat(d.writeHistory().values()).containsExactly(81L, 8848L, 8927L);
    assertThat(d.readHistory().values()).isEmpty();
    akka().after("contact", "write-history 2005-12-16 18:00:48 (900s) 1")
        .failsWith("'write-history' needs an interval like '(86400 s)', found '(900s) 1'");
    akka().after("contact", "write-history 2005-12-16 18:00:48 (900 s) 1,,2")
        .failsWith("'write-history' needs comma-separated integers, found '1,,2'");
  }

  @Test
  void ntorOnionKeyLosesItsPadding() throws Exception {
    assertThat(akka().replace("ntor-onion-key", "ntor-onion-key bVvxUCi8drAVRkFPuFQ4DYBsV1m2M+GpHOUReOopXEk=")
        .<ServerDescriptor>parse().ntorOnionKey()).isEqualTo("bVvxUCi8drAVRkFPuFQ4DYBsV1m2M+GpHOUReOopXEk");
  }

  @Test
  void masterKeyMustMatchTheIdentityCertificate() {
    akka().replace("master-key-ed25519", "master-key-ed25519 z3PGka1FKJSLKyhTCsu0lQsSr6Rq3HRQJ4vgWodVmR4")
        .failsWith("'master-key-ed25519' does not match the master key CVTjf1oeaL616hH+1+UvYZ8OgkwF3z7UMITvJzm5r7A"
            + " in the identity-ed25519 certificate");
  }

  @Test
  void masterKeyComesFromTheCertificateWhenItsLineIsMissing() throws Exception {
    assertThat(akka().remove("master-key-ed25519").<ServerDescriptor>parse().masterKeyEd25519())
        .isEqualTo("CVTjf1oeaL616hH+1+UvYZ8OgkwF3z7UMITvJzm5r7A");
  }

  /** An identity-ed25519 item (line and object) certifying {@code certified}, signed by {@code master}. */
  private static String[] identityCertificate(byte[] certified, byte[] master) {
    byte[] cert = new byte[40 + 36 + 64]; // header, signed-with-ed25519-key extension, signature
    cert[0] = 1; // version
    cert[1] = 4; // identity key certifying a signing key
    cert[5] = 1; // expires in hour 1 (not checked)
    cert[6] = 1; // ed25519
    System.arraycopy(certified, 0, cert, 7, 32);
    cert[39] = 1; // one extension: length 32, type 4, no flags
    cert[41] = 32;
    cert[42] = 4;
    System.arraycopy(master, 0, cert, 44, 32);
    String b64 = Base64.getEncoder().encodeToString(cert);
    return new String[] {"identity-ed25519", "-----BEGIN ED25519 CERT-----", b64.substring(0, 64),
        b64.substring(64, 128), b64.substring(128), "-----END ED25519 CERT-----"};
  }

  @Test
  void identityCertificateKeysMustBePointsOnEd25519() {
    byte[] point = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] notAPoint = new byte[32];
    notAPoint[0] = 2; // y = 2: x^2 = 3 / (4d + 1) has no root
    akka().remove("identity-ed25519").after("router", identityCertificate(notAPoint, point))
        .failsWith("'identity-ed25519' certificate certifies a signing key that is not a point on ed25519"
            + " (a damaged key)");
    akka().remove("identity-ed25519").after("router", identityCertificate(point, notAPoint))
        .failsWith("'identity-ed25519' certificate names a master key that is not a point on ed25519"
            + " (a damaged key)");
  }

  @Test
  void identityCertificateMustBeTheSecondItem() {
    akka().remove("platform").after("router", "platform Tor 0.4.8.0-alpha-dev on Linux")
        .failsWith("'identity-ed25519' must be the second item, found it at item 3");
  }

  @Test
  void ed25519ItemsNeedTheIdentityAndViceVersa() {
    akka().remove("identity-ed25519")
        .failsWith("'onion-key-crosscert' requires 'identity-ed25519', which is missing");
    akka().remove("router-sig-ed25519")
        .failsWith("missing 'router-sig-ed25519', required with 'identity-ed25519'");
    akka().remove("ntor-onion-key-crosscert")
        .failsWith("missing 'ntor-onion-key-crosscert', required with 'identity-ed25519'");
  }

  @Test
  void relaysBeforeEd25519ParseWithoutIt() throws Exception {
    ServerDescriptor d = akkaWithoutEd25519().parse();
    assertThat(d.masterKeyEd25519()).isNull();
    assertThat(d.fingerprint()).isEqualTo("56927E61B51E6F363FB55498150A6DDFCF7077F2");
  }

  @Test
  void ntorCrossCertificateSignBitIsZeroOrOne() {
    akka().replace("ntor-onion-key-crosscert", "ntor-onion-key-crosscert 2")
        .failsWith("'ntor-onion-key-crosscert' needs a sign bit of 0 or 1, found '2'");
  }

  @Test
  void routerSigEd25519MustDirectlyPrecedeRouterSignature() {
    akka().remove("router-sig-ed25519").before("tunnelled-dir-server", "router-sig-ed25519 AAAA")
        .failsWith("'router-sig-ed25519' must be followed directly by 'router-signature',"
            + " found 'tunnelled-dir-server'");
  }

  @Test
  void routerSignatureMustBeLast() {
    akka().append("contact someone")
        .failsWith("'contact' after 'router-signature', which must be the last item");
  }

  @Test
  void objectsMustEnd() {
    akka().remove("router-signature").append("router-signature", "-----BEGIN SIGNATURE-----", "AAAA")
        .fails().hasMessage("object after 'router-signature' (line 48) has no -----END line")
        .satisfies(e -> {
          assertThat(((DescriptorParseException) e).lineInDocument()).isEqualTo(50);
          assertThat(((DescriptorParseException) e).line()).isEqualTo("AAAA");
        });
  }

  @Test
  void anObjectWithoutItsKeywordIsAnError() {
    akka().after("contact", "-----BEGIN FOO-----", "AAAA", "-----END FOO-----")
        .failsWith("object line without a keyword line before it");
  }

  @Test
  void unknownKeywordsAreKeptVerbatimAndTheirObjectsSkipped() throws Exception {
    ServerDescriptor d = akka()
        .after("contact", "x-future-item  some\targs", "-----BEGIN FOO-----", "AAAA", "-----END FOO-----",
            "x-other 1")
        .parse();
    assertThat(d.unknownLines()).containsExactly("x-future-item  some\targs", "x-other 1");
  }

  @Test
  void blankLinesInsideAreSkipped() throws Exception {
    assertThat(akka().after("contact", "", "   ").<ServerDescriptor>parse().contact()).startsWith("Alexander");
  }

  @Test
  void digestIsSha1OfTheBytesThroughRouterSignature() throws Exception {
    DescriptorLines lines = akka();
    byte[] b = lines.bytes();
    String text = lines.text();
    int end = text.indexOf("\nrouter-signature\n") + "\nrouter-signature\n".length();
    ServerDescriptor d = lines.parse();
    assertThat(d.digest()).isEqualTo(sha1Hex(b, end)).isEqualTo("2516b9302d015686b1f272424d6cb4c3714856a7");
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(b, 0, end);
    assertThat(d.digestSha256()).isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(sha256.digest()));
    assertThat(d.digest()).isEqualTo(Digests.signedPartSha1Hex(lines.document()));
  }

  @Test
  void crlfLineEndingsParseAndCountInTheDigest() throws Exception {
    String crlf = akka().text().replace("\n", "\r\n");
    byte[] b = crlf.getBytes(StandardCharsets.ISO_8859_1);
    Document doc = Document.of(DescriptorType.SERVER_DESCRIPTOR, b, DescriptorSource.ofFile("crlf"));
    ServerDescriptor d = (ServerDescriptor) Parsers.forType(DescriptorType.SERVER_DESCRIPTOR).parse(doc);
    assertThat(d.nickname()).isEqualTo("Akka");
    assertThat(d.contact()).isEqualTo("Alexander Faeroey <ahf@0x90.dk> (0x61A208E16E7CB435)");
    assertThat(d.exitPolicy()).containsExactly("reject *:*");
    assertThat(d.masterKeyEd25519()).isEqualTo("CVTjf1oeaL616hH+1+UvYZ8OgkwF3z7UMITvJzm5r7A");
    int end = crlf.indexOf("\r\nrouter-signature\r\n") + "\r\nrouter-signature\r\n".length();
    assertThat(d.digest()).isEqualTo(sha1Hex(b, end)).isEqualTo(Digests.signedPartSha1Hex(doc));
  }

  @Test
  void anEmptyDocumentIsAnError() {
    DescriptorLines.of(DescriptorType.SERVER_DESCRIPTOR, "", " ").failsWith("empty server descriptor");
  }

  @Test
  void routerDigestInARelayDescriptorIsAnUnknownLine() throws Exception {
    ServerDescriptor d = akka().after("contact", "router-digest 000A7FE20A17BF5D9839A126B1DFF43F998AAC6F").parse();
    assertThat(d.unknownLines()).containsExactly("router-digest 000A7FE20A17BF5D9839A126B1DFF43F998AAC6F");
    assertThat(d.digest()).matches("[0-9a-f]{40}").isNotEqualTo("000a7fe20a17bf5d9839a126b1dff43f998aac6f");
  }

  @Test
  void bridgeDigestIsTheRouterDigestLine() throws Exception {
    ServerDescriptor d = bridge().parse();
    assertThat(d.type()).isEqualTo(DescriptorType.BRIDGE_SERVER_DESCRIPTOR);
    assertThat(d.digest()).isEqualTo("402ac6e2bb371923e637a1d23c2d8ea55d6eb7d5");
    assertThat(d.routerDigestSha256()).isEqualTo("OB/fqLD8lYmjti09R+xXH/D4S2qlizxdZqtudnsunxE");
    assertThat(d.digestSha256()).isNull();
    assertThat(bridge().remove("router-digest").<ServerDescriptor>parse().digest()).isNull();
    bridge().replace("router-digest", "router-digest 402AC6E2")
        .failsWith("'router-digest' needs a SHA-1 of 40 hex digits, found '402AC6E2'");
    bridge().append("router-digest 402AC6E2BB371923E637A1D23C2D8EA55D6EB7D5")
        .failsWith("keyword 'router-digest' may appear at most once, found 2 times");
  }

  @Test
  void bridgesHaveNoKeysOrSignaturesButStillNeedTheirCoreItems() {
    bridge().remove("bandwidth").failsWith("missing required keyword 'bandwidth'");
    bridge().remove("reject").failsWith("missing exit policy: at least one 'accept' or 'reject' line is required");
  }
}
