package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.DirSource;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.RouterStatusEntry;

/** Consensuses (both flavours) built line by line; each case changes one line. */
class NetworkStatusParserTest {
  private static final DescriptorType NS = DescriptorType.NETWORK_STATUS_CONSENSUS_3;
  private static final DescriptorType MD = DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3;

  /** A consensus cropped from the 2020-02-29 10:00 one: two authorities, three relays, one signature. */
  static final StatusText CONSENSUS = StatusText.of(
      "network-status-version 3",
      "vote-status consensus",
      "consensus-method 29",
      "valid-after 2020-02-29 10:00:00",
      "fresh-until 2020-02-29 11:00:00",
      "valid-until 2020-02-29 13:00:00",
      "voting-delay 300 300",
      "client-versions 0.3.5.7,0.4.2.6",
      "server-versions 0.3.5.8,0.4.2.6",
      "known-flags Authority BadExit Exit Fast Guard HSDir NoEdConsensus Running Stable StaleDesc V2Dir Valid",
      "recommended-client-protocols Cons=1-2 Desc=1-2 Link=4",
      "recommended-relay-protocols Cons=1-2 Desc=1-2 Link=4",
      "required-client-protocols Cons=1-2 Desc=1-2",
      "required-relay-protocols Cons=1 Desc=1 Link=3-4",
      "params CircuitPriorityHalflifeMsec=30000 NumEntryGuards=1 usecreatefast=0",
      "shared-rand-previous-value 9 byv03D8uD5fE73YYFyO+86pv3RF1mvF/bSyYA3xOxQg=",
      "shared-rand-current-value 9 ornTOFLTj7AC+Q8MyY2oDcZeyZhEbBjpFIF33vlAya8=",
      "dir-source dannenberg 0232AF901C31A04EE9848595AF9BB7620D4C5B2E dannenberg.torauth.de 193.23.244.244 80 443",
      "contact Andreas Lehner",
      "vote-digest 685833E9E0FDA5B6C85D24549961BA7C35EDD4A5",
      "dir-source tor26 14C131DFC5C6F93646BE72FA1401C02A8DF2E8B4 86.59.21.38 86.59.21.38 80 443",
      "contact Peter Palfrader",
      "vote-digest 734D0048A92F329696424773AA8BEB62FCEAD42B",
      "r reb00z AALMVwXahU5Odx8kCjhVZ/SjwT0 +BWz5fvLsK/JW1rq1G50TMDvvhs 2020-02-29 09:34:38 155.4.197.206 9001 9030",
      "s Fast Guard HSDir Running Stable V2Dir Valid",
      "v Tor 0.3.5.8",
      "pr Cons=1-2 Desc=1-2 Link=1-5 LinkAuth=1,3",
      "w Bandwidth=3870",
      "p reject 1-65535",
      "r seele AAoQ1DAR6kkoo19hBAX5K0QztNw SG2f+PDUS6zc86NC5LJopWXmXYc 2020-02-28 22:41:06 67.174.243.193 9001 0",
      "s Running Stable V2Dir Valid",
      "v Tor 0.4.2.6",
      "pr Cons=1-2 Desc=1-2 Link=1-5 LinkAuth=1,3",
      "w Bandwidth=10",
      "p reject 1-65535",
      "r CalyxInstitute14 ABG9JIWtRdmE7EFZyI/AZuXjMA4 YKuvv5JONSXS4UijeFwPcktcbgA 2020-02-28 19:58:50 162.247.74.201 443 80",
      "a [2001:db8::1]:443",
      "s Exit Fast Guard Running Stable V2Dir Valid",
      "v Tor 0.4.2.5",
      "pr Cons=1-2 Desc=1-2 Link=1-5 LinkAuth=1,3",
      "w Bandwidth=35200",
      "p accept 20-23,43,53,79-81",
      "directory-footer",
      "bandwidth-weights Wbd=0 Wbe=0 Wed=10000 Wee=10000 Wgg=5683",
      "directory-signature 0232AF901C31A04EE9848595AF9BB7620D4C5B2E 9228BF7DA38E6EA90B558708358871C86EE5056B",
      "-----BEGIN SIGNATURE-----",
      "zvu/n8AWnUlKaiJ4Yy9QRVqjYZoLHfLXZvfQn3+lBCfI/57Fh9EZccofJ6Davxdx",
      "-----END SIGNATURE-----");

  /** The same three relays in a microdesc-flavour consensus. */
  static final StatusText MICRODESC_CONSENSUS = StatusText.of(
      "network-status-version 3 microdesc",
      "vote-status consensus",
      "consensus-method 32",
      "valid-after 2022-11-19 10:00:00",
      "fresh-until 2022-11-19 11:00:00",
      "valid-until 2022-11-19 13:00:00",
      "voting-delay 300 300",
      "known-flags Authority BadExit Exit Fast Guard HSDir MiddleOnly Running Stable V2Dir Valid",
      "dir-source tor26 14C131DFC5C6F93646BE72FA1401C02A8DF2E8B4 86.59.21.38 86.59.21.38 80 443",
      "contact Peter Palfrader",
      "vote-digest 734D0048A92F329696424773AA8BEB62FCEAD42B",
      "r seele AAoQ1DAR6kkoo19hBAX5K0QztNw 2022-11-19 03:58:26 104.53.221.159 9001 0",
      "m 38hr2IZV5m/kTlVcZmroAwmemDqYVeN+5HcTprpIa2A",
      "s Fast HSDir Running Stable V2Dir Valid",
      "v Tor 0.4.7.10",
      "w Bandwidth=270",
      "r titamon3 ABElTMhEQ2myDvERVriZBDgiGlQ 2022-11-18 21:31:58 178.218.144.18 443 0",
      "m jDE7PLxtNYu1ho70m7nNgbrBbgifvmg5U1maSznAnXI",
      "s Exit Fast Guard HSDir Running Stable V2Dir Valid",
      "w Bandwidth=8000 Unmeasured=1",
      "directory-footer",
      "directory-signature sha256 14C131DFC5C6F93646BE72FA1401C02A8DF2E8B4 4A69B937C66923151A7B98F091135E5E7529F375",
      "-----BEGIN SIGNATURE-----",
      "8iSxulGSgzWUx9tm9BGMwQ==",
      "-----END SIGNATURE-----");

  static NetworkStatus consensus(StatusText text) throws DescriptorParseException {
    return (NetworkStatus) text.parse(NS);
  }

  static void assertFails(StatusText text, DescriptorType type, String message) {
    assertThatThrownBy(() -> text.parse(type)).isInstanceOf(DescriptorParseException.class).hasMessage(message);
  }

  @Nested
  class Header {
    @Test
    void readsThePreambleAsWritten() throws Exception {
      NetworkStatus s = consensus(CONSENSUS);
      assertThat(s.type()).isEqualTo(NS);
      assertThat(s.flavor()).isEqualTo("ns");
      assertThat(s.voteStatus()).isEqualTo("consensus");
      assertThat(s.consensusMethod()).isEqualTo(29);
      assertThat(s.validAfter()).isEqualTo(Instant.parse("2020-02-29T10:00:00Z"));
      assertThat(s.freshUntil()).isEqualTo(Instant.parse("2020-02-29T11:00:00Z"));
      assertThat(s.validUntil()).isEqualTo(Instant.parse("2020-02-29T13:00:00Z"));
      assertThat(s.voteSeconds()).isEqualTo(300);
      assertThat(s.distSeconds()).isEqualTo(300);
      assertThat(s.clientVersions()).containsExactly("0.3.5.7", "0.4.2.6");
      assertThat(s.serverVersions()).containsExactly("0.3.5.8", "0.4.2.6");
      assertThat(s.knownFlags()).hasSize(12).startsWith("Authority", "BadExit").endsWith("Valid");
      assertThat(s.recommendedClientProtocols()).containsExactly(entry("Cons", "1-2"), entry("Desc", "1-2"),
          entry("Link", "4"));
      assertThat(s.requiredRelayProtocols()).containsEntry("Link", "3-4");
      assertThat(s.params()).containsExactly(entry("CircuitPriorityHalflifeMsec", 30000L),
          entry("NumEntryGuards", 1L), entry("usecreatefast", 0L));
      assertThat(s.sharedRandPreviousNumReveals()).isEqualTo(9);
      assertThat(s.sharedRandCurrentValue()).isEqualTo("ornTOFLTj7AC+Q8MyY2oDcZeyZhEbBjpFIF33vlAya8=");
      assertThat(s.published()).isNull();
      assertThat(s.unknownLines()).isEmpty();
    }

    @Test
    void readsAuthoritiesAndFooter() throws Exception {
      NetworkStatus s = consensus(CONSENSUS);
      assertThat(s.authorities()).extracting(DirSource::nickname).containsExactly("dannenberg", "tor26");
      DirSource d = s.authorities().get(0);
      assertThat(d.identity()).isEqualTo("0232AF901C31A04EE9848595AF9BB7620D4C5B2E");
      assertThat(d.hostname()).isEqualTo("dannenberg.torauth.de");
      assertThat(d.address()).isEqualTo("193.23.244.244");
      assertThat(d.dirPort()).isEqualTo(80);
      assertThat(d.orPort()).isEqualTo(443);
      assertThat(d.contact()).isEqualTo("Andreas Lehner");
      assertThat(d.voteDigest()).isEqualTo("685833E9E0FDA5B6C85D24549961BA7C35EDD4A5");
      assertThat(s.bandwidthWeights()).containsEntry("Wee", 10000L).containsEntry("Wgg", 5683L).hasSize(5);
      assertThat(s.signatures()).singleElement().satisfies(sig -> {
        assertThat(sig.algorithm()).isEqualTo("sha1");
        assertThat(sig.identity()).isEqualTo("0232AF901C31A04EE9848595AF9BB7620D4C5B2E");
        assertThat(sig.signingKeyDigest()).isEqualTo("9228BF7DA38E6EA90B558708358871C86EE5056B");
      });
      assertThat(s.signatureAlgorithms()).containsExactly("sha1");
      assertThat(s.entryCount()).isEqualTo(3);
    }

    @Test
    void emptyVersionListsAreEmpty() throws Exception {
      NetworkStatus s = consensus(CONSENSUS.replace("client-versions", "client-versions ")
          .replace("server-versions", "server-versions"));
      assertThat(s.clientVersions()).isEmpty();
      assertThat(s.serverVersions()).isEmpty();
    }

    @Test
    void consensusMethodIsNullWhenNotWritten() throws Exception {
      assertThat(consensus(CONSENSUS.remove("consensus-method")).consensusMethod()).isNull();
    }

    @Test
    void keepsUnknownHeaderAndFooterLines() throws Exception {
      NetworkStatus s = consensus(CONSENSUS.insertAfter("params", "pepperjack is oh so tasty!")
          .insertAfter("directory-footer", "x-future-footer 1"));
      assertThat(s.unknownLines()).containsExactly("pepperjack is oh so tasty!", "x-future-footer 1");
    }

    @Test
    void anUnknownItemKeepsItsObject() throws Exception {
      NetworkStatus s = consensus(CONSENSUS.insertAfter("directory-footer", "x-future-signature", "-----BEGIN X-----",
          "AAAA", "-----END X-----"));
      assertThat(s.unknownLines()).containsExactly("x-future-signature\n-----BEGIN X-----\nAAAA\n-----END X-----");
      assertThat(s.bandwidthWeights()).hasSize(5);
    }

    @Test
    void anUnknownItemWithAnUnterminatedObjectFails() {
      assertFails(CONSENSUS.insertAfter("directory-footer", "x-future-signature", "-----BEGIN X-----", "AAAA"), NS,
          "object after 'x-future-signature' (line 44) has no -----END line");
    }

    @Test
    void voteOnlyKeywordsInAConsensusAreKeptAsUnknown() throws Exception {
      NetworkStatus s = consensus(CONSENSUS.insertAfter("voting-delay", "published 2020-02-29 09:50:00"));
      assertThat(s.published()).isNull();
      assertThat(s.unknownLines()).containsExactly("published 2020-02-29 09:50:00");
    }

    @Test
    void packageLinesAreKeptAsWritten() throws Exception {
      NetworkStatus s = consensus(CONSENSUS.insertAfter("server-versions",
          "package tor 0.4.2.6 https://www.torproject.org/ sha256=abc"));
      assertThat(s.packages()).containsExactly("tor 0.4.2.6 https://www.torproject.org/ sha256=abc");
    }

    @Test
    void signatureAlgorithmIsReadWhenWritten() throws Exception {
      NetworkStatus s = consensus(CONSENSUS.replace("directory-signature",
          "directory-signature sha256 0232AF901C31A04EE9848595AF9BB7620D4C5B2E 9228BF7DA38E6EA90B558708358871C86EE5056B"));
      assertThat(s.signatures().get(0).algorithm()).isEqualTo("sha256");
      assertThat(s.signatures().get(0).identity()).isEqualTo("0232AF901C31A04EE9848595AF9BB7620D4C5B2E");
    }

    @Test
    void aConsensusWithoutRelaysParses() throws Exception {
      StatusText noRelays = CONSENSUS;
      for (int i = 0; i < 3; i++) {
        noRelays = noRelays.remove("r ").remove("s ").remove("v ").remove("pr ").remove("w ").remove("p ");
      }
      noRelays = noRelays.remove("a ");
      assertThat(consensus(noRelays).entries()).isEmpty();
    }

    @Test
    void carriageReturnsBeforeNewlinesAreNotPartOfValues() throws Exception {
      NetworkStatus s = (NetworkStatus) CONSENSUS.parse(NS, "\r\n");
      assertThat(s.entries().get(0).flags()).endsWith("Valid");
      assertThat(s.entries().get(2).exitPolicy()).isEqualTo("accept 20-23,43,53,79-81");
      assertThat(s.bandwidthWeights()).containsEntry("Wgg", 5683L);
    }

    @Test
    void blankLinesAreSkipped() throws Exception {
      NetworkStatus s = consensus(CONSENSUS.insertAfter("params", "").insertAfter("w Bandwidth=10", ""));
      assertThat(s.unknownLines()).isEmpty();
      assertThat(s.entries().get(1).unknownLines()).isEmpty();
    }
  }

  @Nested
  class RouterStatusEntries {
    @Test
    void rLineIdentityAndDigestBecomeHex() throws Exception {
      RouterStatusEntry e = consensus(CONSENSUS).entries().get(2);
      assertThat(e.nickname()).isEqualTo("CalyxInstitute14");
      assertThat(e.fingerprint()).isEqualTo("0011BD2485AD45D984EC4159C88FC066E5E3300E");
      assertThat(e.digest()).isEqualTo("60abafbf924e3525d2e148a3785c0f724b5c6e00");
      assertThat(e.published()).isEqualTo(Instant.parse("2020-02-28T19:58:50Z"));
      assertThat(e.address()).isEqualTo("162.247.74.201");
      assertThat(e.orPort()).isEqualTo(443);
      assertThat(e.dirPort()).isEqualTo(80);
      assertThat(e.microdescriptorDigest()).isNull();
    }

    @Test
    void paddedBase64IsAccepted() throws Exception {
      RouterStatusEntry e = consensus(CONSENSUS.replace("r CalyxInstitute14",
          "r CalyxInstitute14 ABG9JIWtRdmE7EFZyI/AZuXjMA4= YKuvv5JONSXS4UijeFwPcktcbgA= 2020-02-28 19:58:50 162.247.74.201 443 80"))
          .entries().get(2);
      assertThat(e.fingerprint()).isEqualTo("0011BD2485AD45D984EC4159C88FC066E5E3300E");
      assertThat(e.digest()).isEqualTo("60abafbf924e3525d2e148a3785c0f724b5c6e00");
    }

    @Test
    void readsFlagsVersionProtocolsBandwidthAndPolicy() throws Exception {
      RouterStatusEntry e = consensus(CONSENSUS).entries().get(2);
      assertThat(e.orAddresses()).containsExactly("[2001:db8::1]:443");
      assertThat(e.flags()).containsExactly("Exit", "Fast", "Guard", "Running", "Stable", "V2Dir", "Valid");
      assertThat(e.version()).isEqualTo("Tor 0.4.2.5");
      assertThat(e.proto()).containsExactly(entry("Cons", "1-2"), entry("Desc", "1-2"), entry("Link", "1-5"),
          entry("LinkAuth", "1,3"));
      assertThat(e.bandwidth()).isEqualTo(35200L);
      assertThat(e.measured()).isNull();
      assertThat(e.unmeasured()).isFalse();
      assertThat(e.exitPolicy()).isEqualTo("accept 20-23,43,53,79-81");
      assertThat(e.unknownLines()).isEmpty();
      assertThat(e.ed25519Id()).isNull();
      assertThat(e.microdescriptorHashes()).isEmpty();
    }

    @Test
    void entriesWithTheSameLinesShareValues() throws Exception {
      List<RouterStatusEntry> e = consensus(CONSENSUS).entries();
      assertThat(e.get(0).proto()).isSameAs(e.get(1).proto());
      assertThat(e.get(0).exitPolicy()).isSameAs(e.get(1).exitPolicy());
    }

    @Test
    void optionalLinesMayBeMissing() throws Exception {
      List<RouterStatusEntry> e = consensus(CONSENSUS.remove("v Tor 0.4.2.6").remove("w Bandwidth=10")).entries();
      RouterStatusEntry seele = e.get(1);
      assertThat(seele.version()).isNull();
      assertThat(seele.bandwidth()).isNull();
      assertThat(seele.orAddresses()).isEmpty();
      assertThat(e.get(0).version()).isEqualTo("Tor 0.3.5.8");
      assertThat(e.get(0).bandwidth()).isEqualTo(3870L);
    }

    @Test
    void measuredAndUnmeasuredWeights() throws Exception {
      RouterStatusEntry e = consensus(CONSENSUS.replace("w Bandwidth=10", "w Bandwidth=20 Unmeasured=1"))
          .entries().get(1);
      assertThat(e.bandwidth()).isEqualTo(20L);
      assertThat(e.unmeasured()).isTrue();
      RouterStatusEntry m = consensus(CONSENSUS.replace("w Bandwidth=10", "w Bandwidth=20 Measured=13"))
          .entries().get(1);
      assertThat(m.measured()).isEqualTo(13L);
      assertThat(m.unmeasured()).isFalse();
    }

    @Test
    void optPrefixIsNotPartOfTheVersion() throws Exception {
      RouterStatusEntry e = consensus(CONSENSUS.replace("v Tor 0.4.2.6", "opt v Tor 0.2.2.35")).entries().get(1);
      assertThat(e.version()).isEqualTo("Tor 0.2.2.35");
    }

    @Test
    void unknownEntryLinesStayWithTheirEntry() throws Exception {
      NetworkStatus s = consensus(CONSENSUS.insertAfter("w Bandwidth=10", "x-new-thing 1 2"));
      assertThat(s.entries().get(1).unknownLines()).containsExactly("x-new-thing 1 2");
      assertThat(s.unknownLines()).isEmpty();
    }

    @Test
    void voteOnlyEntryLinesInAConsensusAreKeptAsUnknown() throws Exception {
      RouterStatusEntry e = consensus(CONSENSUS.insertAfter("w Bandwidth=10",
          "id ed25519 ZtzhbIWHJpGQG+5N7hbRTtenyzq2RNJrx0QegtoY+bY")).entries().get(1);
      assertThat(e.ed25519Id()).isNull();
      assertThat(e.unknownLines()).containsExactly("id ed25519 ZtzhbIWHJpGQG+5N7hbRTtenyzq2RNJrx0QegtoY+bY");
    }
  }

  @Nested
  class MicrodescFlavour {
    @Test
    void rLinesHaveNoDigestAndMLinesAreKeptAsWritten() throws Exception {
      NetworkStatus s = (NetworkStatus) MICRODESC_CONSENSUS.parse(MD);
      assertThat(s.flavor()).isEqualTo("microdesc");
      RouterStatusEntry seele = s.entries().get(0);
      assertThat(seele.fingerprint()).isEqualTo("000A10D43011EA4928A35F610405F92B4433B4DC");
      assertThat(seele.digest()).isNull();
      assertThat(seele.microdescriptorDigest()).isEqualTo("38hr2IZV5m/kTlVcZmroAwmemDqYVeN+5HcTprpIa2A");
      assertThat(seele.published()).isEqualTo(Instant.parse("2022-11-19T03:58:26Z"));
      assertThat(seele.address()).isEqualTo("104.53.221.159");
      assertThat(seele.orPort()).isEqualTo(9001);
      assertThat(seele.dirPort()).isZero();
      assertThat(s.entries().get(1).unmeasured()).isTrue();
      assertThat(s.signatures().get(0).algorithm()).isEqualTo("sha256");
    }

    @Test
    void truncatedMicrodescriptorDigestFails() {
      assertFails(MICRODESC_CONSENSUS.replace("m 38hr", "m 38hr2IZV5m/kTlVcZm"), MD,
          "'m' is not a base64 SHA-256 digest: '38hr2IZV5m/kTlVcZm'");
    }

    @Test
    void twoMLinesInOneEntryFail() {
      assertFails(MICRODESC_CONSENSUS.insertAfter("m 38hr", "m jDE7PLxtNYu1ho70m7nNgbrBbgifvmg5U1maSznAnXI"), MD,
          "keyword 'm' may appear at most once, found 2 times in the entry of 'seele' (line 12)");
    }

    @Test
    void aMicrodescConsensusReadAsNsFlavourIsRefused() {
      assertFails(MICRODESC_CONSENSUS, NS, "a microdesc-flavor document read as network-status-consensus-3; read it "
          + "as network-status-microdesc-consensus-3");
    }

    @Test
    void anNsConsensusReadAsMicrodescFlavourIsRefused() {
      assertFails(CONSENSUS, MD, "a network-status-microdesc-consensus-3 must be of flavor 'microdesc', found 'ns'");
    }

    @Test
    void mLinesInAnNsConsensusAreUnknown() throws Exception {
      RouterStatusEntry e = consensus(CONSENSUS.insertAfter("w Bandwidth=10",
          "m 38hr2IZV5m/kTlVcZmroAwmemDqYVeN+5HcTprpIa2A")).entries().get(1);
      assertThat(e.microdescriptorDigest()).isNull();
      assertThat(e.unknownLines()).containsExactly("m 38hr2IZV5m/kTlVcZmroAwmemDqYVeN+5HcTprpIa2A");
    }
  }

  @Nested
  class Malformed {
    @Test
    void rLineWithTooFewArguments() {
      assertFails(CONSENSUS.replace("r seele", "r seele AAoQ1DAR6kkoo19hBAX5K0QztNw 2020-02-28 22:41:06 67.174.243.193 9001 0"),
          NS, "'r' needs 8 arguments, found 7");
    }

    @Test
    void rLineIdentityThatIsNotBase64() {
      assertFails(CONSENSUS.replace("r seele", "r seele AAoQ1DAR6kkoo19hBAX5K0Qzt!w SG2f+PDUS6zc86NC5LJopWXmXYc 2020-02-28 22:41:06 67.174.243.193 9001 0"),
          NS, "'r' identity is not a base64 SHA-1 digest: 'AAoQ1DAR6kkoo19hBAX5K0Qzt!w'");
    }

    @Test
    void rLineIdentityOfTheWrongLength() {
      assertFails(CONSENSUS.replace("r seele", "r seele AAoQ1DAR6kkoo19hBAX5K0Qzt SG2f+PDUS6zc86NC5LJopWXmXYc 2020-02-28 22:41:06 67.174.243.193 9001 0"),
          NS, "'r' identity is not a base64 SHA-1 digest: 'AAoQ1DAR6kkoo19hBAX5K0Qzt'");
    }

    @Test
    void rLineDigestThatIsNotBase64() {
      assertFails(CONSENSUS.replace("r seele", "r seele AAoQ1DAR6kkoo19hBAX5K0QztNw SG2f+PDUS6zc86NC5LJopWXmX-c 2020-02-28 22:41:06 67.174.243.193 9001 0"),
          NS, "'r' descriptor digest is not a base64 SHA-1 digest: 'SG2f+PDUS6zc86NC5LJopWXmX-c'");
    }

    @Test
    void rLineWithAnImpossibleDate() {
      assertFails(CONSENSUS.replace("r seele", "r seele AAoQ1DAR6kkoo19hBAX5K0QztNw SG2f+PDUS6zc86NC5LJopWXmXYc 2020-02-30 22:41:06 67.174.243.193 9001 0"),
          NS, "'r' has a bad publication time '2020-02-30 22:41:06'");
    }

    @Test
    void rLineWithAPortAbove65535() {
      assertFails(CONSENSUS.replace("r seele", "r seele AAoQ1DAR6kkoo19hBAX5K0QztNw SG2f+PDUS6zc86NC5LJopWXmXYc 2020-02-28 22:41:06 67.174.243.193 90001 0"),
          NS, "'r' has a bad OR port '90001'");
    }

    @Test
    void flagMissingFromKnownFlags() {
      assertFails(CONSENSUS.replace("s Running Stable", "s Muffins Running Stable V2Dir Valid"), NS,
          "flag 'Muffins' is not in known-flags");
    }

    @Test
    void bandwidthThatIsNotANumber() {
      assertFails(CONSENSUS.replace("w Bandwidth=10", "w Bandwidth=Fred"), NS, "'w' has a bad value in 'Bandwidth=Fred'");
    }

    @Test
    void weightLineWithoutBandwidth() {
      assertFails(CONSENSUS.replace("w Bandwidth=10", "w Measured=10"), NS, "'w' has no Bandwidth=");
    }

    @Test
    void policySummaryThatIsNeitherAcceptNorReject() {
      assertFails(CONSENSUS.replace("p accept", "p allow 80"), NS,
          "'p' must be 'accept' or 'reject' followed by a port list");
    }

    @Test
    void protocolsThatAreNotKeyValue() {
      assertFails(CONSENSUS.replace("pr Cons", "pr Cons=1-2 Desc"), NS,
          "'pr' is not a list of protocol=versions: not key=value: Desc");
    }

    @Test
    void entriesOutOfIdentityOrder() {
      StatusText swapped = CONSENSUS
          .replace("r seele", "r reb00z AALMVwXahU5Odx8kCjhVZ/SjwT0 +BWz5fvLsK/JW1rq1G50TMDvvhs 2020-02-29 09:34:38 155.4.197.206 9001 9030")
          .replace("r reb00z", "r seele AAoQ1DAR6kkoo19hBAX5K0QztNw SG2f+PDUS6zc86NC5LJopWXmXYc 2020-02-28 22:41:06 67.174.243.193 9001 0");
      assertFails(swapped, NS, "router status entries must be in ascending order of identity: "
          + "0002CC5705DA854E4E771F240A385567F4A3C13D comes after 000A10D43011EA4928A35F610405F92B4433B4DC");
    }

    @Test
    void aRepeatedEntry() {
      assertFails(CONSENSUS.replace("r seele", "r reb00z AALMVwXahU5Odx8kCjhVZ/SjwT0 +BWz5fvLsK/JW1rq1G50TMDvvhs 2020-02-29 09:34:38 155.4.197.206 9001 9030"),
          NS, "router status entries must be in ascending order of identity: "
              + "0002CC5705DA854E4E771F240A385567F4A3C13D repeats");
    }

    @Test
    void twoSLinesInOneEntry() {
      assertFails(CONSENSUS.insertAfter("s Running Stable", "s Running"), NS,
          "keyword 's' may appear at most once, found 2 times in the entry of 'seele' (line 30)");
    }

    @Test
    void paramsThatAreNotKeyValue() {
      assertFails(CONSENSUS.replace("params", "params FoobarNotAParameter"), NS,
          "'params' is not a list of key=integer: not key=value: FoobarNotAParameter");
    }

    @Test
    void bandwidthWeightThatIsNotANumber() {
      assertFails(CONSENSUS.replace("bandwidth-weights", "bandwidth-weights Wbd=0 Wgm=Hello"), NS,
          "'bandwidth-weights' is not a list of key=integer: not an integer: Hello");
    }

    @Test
    void missingKnownFlags() {
      assertFails(CONSENSUS.remove("known-flags"), NS, "missing required keyword 'known-flags'");
    }

    @Test
    void repeatedValidAfter() {
      assertFails(CONSENSUS.insertAfter("valid-after", "valid-after 2020-02-29 10:00:00"), NS,
          "keyword 'valid-after' must appear exactly once, found 2 times");
    }

    @Test
    void badValidAfter() {
      assertFails(CONSENSUS.replace("valid-after", "valid-after 2020-02-29 10:00"), NS,
          "'valid-after' has a bad timestamp '2020-02-29 10:00'");
    }

    @Test
    void unsupportedVersion() {
      assertFails(CONSENSUS.replace("network-status-version", "network-status-version 4"), NS,
          "unsupported network-status-version '4': this library reads version 3");
    }

    @Test
    void unknownFlavour() {
      assertFails(CONSENSUS.replace("network-status-version", "network-status-version 3 tiny"), NS,
          "unsupported consensus flavor 'tiny': this library reads ns and microdesc");
    }

    @Test
    void mustStartWithTheVersion() {
      assertFails(CONSENSUS.remove("network-status-version").insertAfter("vote-status", "network-status-version 3"),
          NS, "a network-status-consensus-3 must start with 'network-status-version'");
    }

    @Test
    void aVoteReadAsAConsensus() {
      assertFails(CONSENSUS.replace("vote-status", "vote-status vote"), NS,
          "a network-status-consensus-3 must have vote-status 'consensus', found 'vote'");
    }

    @Test
    void preambleKeywordAfterTheAuthorities() {
      assertFails(CONSENSUS.remove("params").insertAfter("vote-digest 685833", "params bwauthpid=1"), NS,
          "'params' belongs in the preamble but appears in the authority section");
    }

    @Test
    void authorityAfterTheEntries() {
      assertFails(CONSENSUS.insertBefore("directory-footer",
          "dir-source moria1 D586D18309DED4CD6D57C18FDB97EFA96D330566 128.31.0.34 128.31.0.34 9131 9101"), NS,
          "'dir-source' belongs in the authority section but appears in the router status entries");
    }

    @Test
    void entryAfterTheFooter() {
      assertFails(CONSENSUS.insertAfter("directory-footer",
          "r zzz /////////////////////////// SG2f+PDUS6zc86NC5LJopWXmXYc 2020-02-28 22:41:06 67.174.243.193 9001 0"),
          NS, "'r' belongs in the router status entries but appears in the footer");
    }

    @Test
    void contactBeforeAnyAuthority() {
      assertFails(CONSENSUS.insertAfter("params", "contact someone"), NS, "'contact' before any 'dir-source'");
    }

    @Test
    void twoContactsForOneAuthority() {
      assertFails(CONSENSUS.insertAfter("contact Andreas", "contact again"), NS,
          "'contact' appears twice for authority 'dannenberg'");
    }

    @Test
    void authorityIdentityThatIsNotHex() {
      assertFails(CONSENSUS.replace("dir-source tor26",
          "dir-source tor26 14C131DFC5C6F93646BE72FA1401C02A8DF2E8BX 86.59.21.38 86.59.21.38 80 443"), NS,
          "'dir-source' argument 2 is not a 40-digit hex fingerprint: '14C131DFC5C6F93646BE72FA1401C02A8DF2E8BX'");
    }

    @Test
    void signatureWithoutItsObject() {
      assertFails(CONSENSUS.remove("-----BEGIN SIGNATURE").remove("zvu/").remove("-----END SIGNATURE"), NS,
          "'directory-signature' must be followed by an object");
    }

    @Test
    void truncatedBeforeTheSignatures() {
      assertFails(CONSENSUS.remove("directory-signature").remove("-----BEGIN SIGNATURE").remove("zvu/")
          .remove("-----END SIGNATURE"), NS, "missing required keyword 'directory-signature'");
    }
  }
}
