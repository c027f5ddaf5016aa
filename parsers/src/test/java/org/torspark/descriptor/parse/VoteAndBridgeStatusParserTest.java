package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.RouterStatusEntry;
import org.torspark.testing.Fixtures;

/** Votes (with their embedded key certificate) and bridge statuses, built line by line. */
class VoteAndBridgeStatusParserTest {
  private static final DescriptorType VOTE = DescriptorType.NETWORK_STATUS_VOTE_3;
  private static final DescriptorType BRIDGE = DescriptorType.BRIDGE_NETWORK_STATUS;

  /** gabelmoo's real 2020 key certificate, the one a vote by gabelmoo would embed. */
  private static final String[] CERTIFICATE = 
      Fixtures.text("key-certificate/single/authcert1-gabelmoo-2020.txt")
      .strip().split("\n");

  static final StatusText VOTE_TEXT = vote();

  private static StatusText vote() {
    List<String> lines = new ArrayList<>(List.of(
        "network-status-version 3",
        "vote-status vote",
        "consensus-methods 25 26 27 28",
        "published 2020-04-18 09:50:00",
        "valid-after 2020-04-18 10:00:00",
        "fresh-until 2020-04-18 11:00:00",
        "valid-until 2020-04-18 13:00:00",
        "voting-delay 300 300",
        "known-flags Authority BadExit Exit Fast Guard HSDir Running Stable V2Dir Valid",
        "flag-thresholds stable-uptime=1224875 guard-wfu=98.000% ignoring-advertised-bws=1",
        "params CircuitPriorityHalflifeMsec=30000 bwauthpid=1",
        "bandwidth-file-headers timestamp=1587202800 version=1.4.0",
        "bandwidth-file-digest sha256=01234567890123456789012345678901234567890ab",
        "dir-source gabelmoo ED03BB616EB2F60BEC80151114BB25CEF515B226 131.188.40.189 131.188.40.189 80 443",
        "contact 4096R/261C5FBE77285F88FB0C343266C8C2D7C5AA446D Sebastian Hahn <tor@sebastianhahn.net>",
        "shared-rand-participate",
        "shared-rand-commit 1 sha3-256 ED03BB616EB2F60BEC80151114BB25CEF515B226 AAAAAFvD2ID7sH6uVUd8dxs2u8VPr+JTJ14S6SLVjh69b5m7hTQEJA==",
        "shared-rand-previous-value 9 Vd2znClwwth89jp91diG/Bs1AH+0ExSgRFmyVOMJwwE=",
        "shared-rand-current-value 9 oiXRUZGkT26O9aQmu/A52utoBF3gp27h0TvJ4gkDHkw="));
    lines.addAll(List.of(CERTIFICATE));
    lines.addAll(List.of(
        "r PDrelay1 AAFJ5u9xAqrKlpDW6N0pMhJLlKs zlGq3pwEWwV3qQtvMMLjJWSulQw 2016-09-20 04:52:49 95.215.44.189 8080 0",
        "s Fast Guard HSDir Running Stable V2Dir Valid",
        "v Tor 0.2.8.1-alpha-dev",
        "w Bandwidth=2992 Measured=8890",
        "p reject 1-65535",
        "id ed25519 8RH34kO07Pp+XYwzdoATVyCibIvmbslUjRkAm7J4IA8",
        "m 13 sha256=JtJq1Tt6Zcjfu7cwEIJcvhBQAymyAgFec7dsf3XGBvs",
        "m 14,15 sha256=OzHPODhXAp4Jr0W2a50UtWludrMseAQp9RHfSSTlEI8",
        "stats wfu=0.999000 tk=1234567 mtbf=7654321",
        "r seele AAoQ1DAR6kkoo19hBAX5K0QztNw s0srVZdfi9BwV3A/Wzre2ZES+sM 2016-09-20 03:08:07 24.6.164.192 9001 0",
        "s Running Stable V2Dir Valid",
        "w Bandwidth=102 Measured=13",
        "p reject 1-65535",
        "id ed25519 none",
        "directory-footer",
        "directory-signature ED03BB616EB2F60BEC80151114BB25CEF515B226 C4F720E2C59F9DDD4867FFF465CA04031E35648F",
        "-----BEGIN SIGNATURE-----",
        "vrUNqQrP4AbypsmmD6yIcMrdUP839O6nZhdMSfIv5pNKRImfC3WGmVt0mql+c8bB",
        "-----END SIGNATURE-----"));
    return new StatusText(lines);
  }

  static final StatusText BRIDGE_TEXT = StatusText.of(
      "published 2017-07-17 17:06:45",
      "flag-thresholds stable-uptime=1530324 guard-wfu=46.159% ignoring-advertised-bws=0",
      "fingerprint 1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1",
      "r Unnamed ABsbA6yZEBiZ81impcs0zNxRyXo CyMVlader0Uyv5Pg4BHbAT74Upw 2017-07-17 15:36:07 10.158.32.104 58520 0",
      "a [fd9f:2e19:3bcf::31:5bb2]:58520",
      "s Running Stable V2Dir Valid",
      "w Bandwidth=11",
      "p reject 1-65535",
      "r Unnamed ACzV/+Qobny0/Tk7Jodk8cP+ME4 ddllk5vvUxzimbTAiPnN2FgcKes 2017-07-17 16:57:43 10.151.15.156 55425 0",
      "s Fast HSDir Running Stable V2Dir Valid",
      "w Bandwidth=57",
      "p reject 1-65535");

  static void assertFails(StatusText text, DescriptorType type, String message) {
    assertThatThrownBy(() -> text.parse(type)).isInstanceOf(DescriptorParseException.class).hasMessage(message);
  }

  @Nested
  class Votes {
    @Test
    void readsTheVoteHeader() throws Exception {
      NetworkStatus v = (NetworkStatus) VOTE_TEXT.parse(VOTE);
      assertThat(v.voteStatus()).isEqualTo("vote");
      assertThat(v.consensusMethods()).containsExactly(25, 26, 27, 28);
      assertThat(v.consensusMethod()).isNull();
      assertThat(v.published()).isEqualTo(Instant.parse("2020-04-18T09:50:00Z"));
      assertThat(v.validAfter()).isEqualTo(Instant.parse("2020-04-18T10:00:00Z"));
      assertThat(v.flagThresholds()).containsExactly(entry("stable-uptime", "1224875"), entry("guard-wfu", "98.000%"),
          entry("ignoring-advertised-bws", "1"));
      assertThat(v.bandwidthFileHeaders()).containsExactly(entry("timestamp", "1587202800"), entry("version", "1.4.0"));
      assertThat(v.bandwidthFileDigest()).containsExactly(entry("sha256", "01234567890123456789012345678901234567890ab"));
      assertThat(v.sharedRandCurrentNumReveals()).isEqualTo(9);
      assertThat(v.sharedRandPreviousValue()).isEqualTo("Vd2znClwwth89jp91diG/Bs1AH+0ExSgRFmyVOMJwwE=");
      assertThat(v.authorityNickname()).isEqualTo("gabelmoo");
      assertThat(v.authorityFingerprint()).isEqualTo("ED03BB616EB2F60BEC80151114BB25CEF515B226");
      assertThat(v.authorities()).singleElement().satisfies(a -> {
        assertThat(a.sharedRandParticipate()).isTrue();
        assertThat(a.sharedRandCommits()).containsExactly("1 sha3-256 ED03BB616EB2F60BEC80151114BB25CEF515B226 "
            + "AAAAAFvD2ID7sH6uVUd8dxs2u8VPr+JTJ14S6SLVjh69b5m7hTQEJA==");
        assertThat(a.voteDigest()).isNull();
        assertThat(a.contact()).startsWith("4096R/261C5FBE");
      });
      assertThat(v.unknownLines()).isEmpty();
    }

    @Test
    void theEmbeddedKeyCertificateIsReadNotSplitOff() throws Exception {
      NetworkStatus v = (NetworkStatus) VOTE_TEXT.parse(VOTE);
      assertThat(v.keyCertificate().fingerprint()).isEqualTo("ED03BB616EB2F60BEC80151114BB25CEF515B226");
      assertThat(v.keyCertificate().dirKeyPublished()).isEqualTo(Instant.parse("2020-04-18T08:36:57Z"));
      assertThat(v.keyCertificate().dirKeyExpires()).isEqualTo(Instant.parse("2021-04-18T08:36:57Z"));
      assertThat(v.keyCertificate().dirSigningKeyDigest()).isEqualTo(v.signatures().get(0).signingKeyDigest());
      assertThat(v.entryCount()).isEqualTo(2);
    }

    @Test
    void readsVoteEntries() throws Exception {
      List<RouterStatusEntry> e = ((NetworkStatus) VOTE_TEXT.parse(VOTE)).entries();
      RouterStatusEntry pd = e.get(0);
      assertThat(pd.fingerprint()).isEqualTo("000149E6EF7102AACA9690D6E8DD2932124B94AB");
      assertThat(pd.digest()).isEqualTo("ce51aade9c045b0577a90b6f30c2e32564ae950c");
      assertThat(pd.bandwidth()).isEqualTo(2992L);
      assertThat(pd.measured()).isEqualTo(8890L);
      assertThat(pd.ed25519Id()).isEqualTo("8RH34kO07Pp+XYwzdoATVyCibIvmbslUjRkAm7J4IA8");
      assertThat(pd.microdescriptorDigest()).isNull();
      assertThat(pd.microdescriptorHashes()).containsExactly("13 sha256=JtJq1Tt6Zcjfu7cwEIJcvhBQAymyAgFec7dsf3XGBvs",
          "14,15 sha256=OzHPODhXAp4Jr0W2a50UtWludrMseAQp9RHfSSTlEI8");
      assertThat(pd.stats()).containsExactly(entry("wfu", "0.999000"), entry("tk", "1234567"), entry("mtbf", "7654321"));
      assertThat(e.get(1).ed25519Id()).as("id ed25519 none").isNull();
      assertThat(e.get(1).unknownLines()).isEmpty();
    }

    @Test
    void aConsensusReadAsAVote() {
      assertFails(VOTE_TEXT.replace("vote-status", "vote-status consensus"), VOTE,
          "a network-status-vote-3 must have vote-status 'vote', found 'consensus'");
    }

    @Test
    void missingPublished() {
      assertFails(VOTE_TEXT.remove("published"), VOTE, "missing required keyword 'published'");
    }

    @Test
    void missingEmbeddedCertificate() {
      StatusText noCert = VOTE_TEXT;
      for (String line : CERTIFICATE) {
        noCert = noCert.remove(line);
      }
      assertFails(noCert, VOTE, "missing required keyword 'dir-key-certificate-version'");
    }

    @Test
    void embeddedCertificateCutShort() {
      StatusText cut = VOTE_TEXT;
      for (int i = CERTIFICATE.length - 11; i < CERTIFICATE.length; i++) {
        cut = cut.remove(CERTIFICATE[i]);
      }
      assertFails(cut, VOTE, "the key certificate embedded in this vote ends without 'dir-key-certification'");
    }

    @Test
    void embeddedCertificateWithAForgedFingerprint() {
      assertFails(VOTE_TEXT.replace("fingerprint ED03", "fingerprint ED03BB616EB2F60BEC80151114BB25CEFFFFFFFF"), VOTE,
          "fingerprint ED03BB616EB2F60BEC80151114BB25CEFFFFFFFF is not the SHA-1 of dir-identity-key "
              + "(ED03BB616EB2F60BEC80151114BB25CEF515B226)");
    }

    @Test
    void badFlagThresholds() {
      assertFails(VOTE_TEXT.replace("flag-thresholds", "flag-thresholds stable-uptime"), VOTE,
          "'flag-thresholds' is not a list of key=value: not key=value: stable-uptime");
    }

    @Test
    void mLineWithoutDigests() {
      assertFails(VOTE_TEXT.replace("m 13 sha256", "m 13"), VOTE, "'m' needs at least 2 argument(s), found 1");
    }

    @Test
    void badStatsLine() {
      assertFails(VOTE_TEXT.replace("stats", "stats wfu"), VOTE, "'stats' is not a list of key=value: not key=value: wfu");
    }

    @Test
    void consensusOnlyKeywordsInAVoteAreKeptAsUnknown() throws Exception {
      NetworkStatus v = (NetworkStatus) VOTE_TEXT.insertAfter("directory-footer", "bandwidth-weights Wbd=0").parse(VOTE);
      assertThat(v.bandwidthWeights()).isEmpty();
      assertThat(v.unknownLines()).containsExactly("bandwidth-weights Wbd=0");
    }
  }

  @Nested
  class BridgeStatuses {
    @Test
    void readsHeaderAndEntries() throws Exception {
      NetworkStatus b = (NetworkStatus) BRIDGE_TEXT.parse(BRIDGE);
      assertThat(b.type()).isEqualTo(BRIDGE);
      assertThat(b.published()).isEqualTo(Instant.parse("2017-07-17T17:06:45Z"));
      assertThat(b.validAfter()).isNull();
      assertThat(b.flavor()).isNull();
      assertThat(b.authorityFingerprint()).isEqualTo("1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1");
      assertThat(b.flagThresholds()).containsEntry("guard-wfu", "46.159%");
      assertThat(b.signatures()).isEmpty();
      RouterStatusEntry e = b.entries().get(0);
      assertThat(e.nickname()).isEqualTo("Unnamed");
      assertThat(e.published()).isEqualTo(Instant.parse("2017-07-17T15:36:07Z"));
      assertThat(e.address()).isEqualTo("10.158.32.104");
      assertThat(e.orPort()).isEqualTo(58520);
      assertThat(e.orAddresses()).containsExactly("[fd9f:2e19:3bcf::31:5bb2]:58520");
      assertThat(e.flags()).containsExactly("Running", "Stable", "V2Dir", "Valid");
      assertThat(e.bandwidth()).isEqualTo(11L);
      assertThat(e.exitPolicy()).isEqualTo("reject 1-65535");
    }

    @Test
    void format10HasOnlyPublished() throws Exception {
      NetworkStatus b = (NetworkStatus) BRIDGE_TEXT.remove("flag-thresholds").remove("fingerprint").parse(BRIDGE);
      assertThat(b.authorityFingerprint()).isNull();
      assertThat(b.flagThresholds()).isEmpty();
      assertThat(b.entryCount()).isEqualTo(2);
    }

    @Test
    void bridgeFlagsAreNotCheckedAgainstKnownFlags() throws Exception {
      NetworkStatus b = (NetworkStatus) BRIDGE_TEXT.replace("s Fast HSDir", "s Fast NewFlag").parse(BRIDGE);
      assertThat(b.entries().get(1).flags()).containsExactly("Fast", "NewFlag");
    }

    @Test
    void missingPublished() {
      assertFails(BRIDGE_TEXT.remove("published"), BRIDGE, "missing required keyword 'published'");
    }

    @Test
    void badAuthorityFingerprint() {
      assertFails(BRIDGE_TEXT.replace("fingerprint", "fingerprint 1D8F3A91"), BRIDGE,
          "'fingerprint' argument 1 is not a 40-digit hex fingerprint: '1D8F3A91'");
    }

    @Test
    void headerAfterTheEntries() {
      assertFails(BRIDGE_TEXT.remove("published").insertAfter("p reject", "published 2017-07-17 17:06:45"), BRIDGE,
          "'published' belongs in the preamble but appears in the router status entries");
    }
  }
}
