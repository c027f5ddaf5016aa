package org.torspark.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.BandwidthRelayLine;

class VoteCrossCheckTest {

  @Test
  void voteDigestIsTheBase64OfTheFilesSha256() {
    BandwidthFile f = Fixtures.bandwidthFile("bandwidth-file/sbws-v1.4.0-2019-04-21");
    byte[] raw = java.util.HexFormat.of().parseHex(f.digest());
    String b64 = java.util.Base64.getEncoder().withoutPadding().encodeToString(raw);
    assertThat(VoteCrossCheck.digestKey(Map.of("sha256", b64))).isEqualTo(f.digest());
    assertThat(VoteCrossCheck.digestKey(Map.of("sha1", b64))).isNull();
    assertThat(VoteCrossCheck.digestKey(Map.of("sha256", "not base64!"))).isNull();
  }

  @Test
  void voteThatCopiesTheFileAgreesExceptWhereChanged() {
    BandwidthFile f = Fixtures.bandwidthFile("sbws-results/v3bw/20190511_063232.v3bw");
    Map<String, Long> bw = new HashMap<>();
    Set<String> noVote = new HashSet<>();
    for (BandwidthRelayLine l : f.relays()) {
      bw.put(l.fingerprint(), l.bw());
      if (Boolean.FALSE.equals(l.vote())) {
        noVote.add(l.fingerprint());
      }
    }
    // every line of this file has vote=0: tor must not vote on any of them
    assertThat(noVote).hasSize(15);
    Map<String, Long> measured = new HashMap<>();
    measured.put("693F73187624BE760AAD2A12C5ED89DB1DE044F5", 1L); // relay3, vote=0 in the file
    measured.put("0000000000000000000000000000000000000001", 20L); // not in the file
    VoteCrossCheck.Result r = VoteCrossCheck.compare(
        new VoteCrossCheck.VoteSide("bwauth", "AA", Instant.EPOCH, "vote", measured),
        new VoteCrossCheck.FileSide(f.digest(), f.timestamp().getEpochSecond(), "file", bw, noVote));
    assertThat(r.votedDespiteVote0()).isEqualTo(1);
    assertThat(r.voteOnly()).isEqualTo(1);
    assertThat(r.inBoth()).isZero();

    Set<String> none = Set.of();
    Map<String, Long> copy = new HashMap<>(bw);
    copy.put("693F73187624BE760AAD2A12C5ED89DB1DE044F5", 7L);
    VoteCrossCheck.Result r2 = VoteCrossCheck.compare(
        new VoteCrossCheck.VoteSide("bwauth", "AA", Instant.EPOCH, "vote", copy),
        new VoteCrossCheck.FileSide(f.digest(), 0, "file", bw, none));
    assertThat(r2.inBoth()).isEqualTo(15);
    assertThat(r2.equal()).isEqualTo(14);
    assertThat(r2.differ()).isEqualTo(1);
    assertThat(r2.examples()).containsExactly("693F73187624BE760AAD2A12C5ED89DB1DE044F5 file=1 vote=7");
  }
}
