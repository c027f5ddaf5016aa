package org.torspark.bandwidth;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A bandwidth authority's vote against the bandwidth file it used (formats.md §4.4 step 7): tor
 * copies each line's bw into the vote's {@code w ... Measured=} unless the line says vote=0. The
 * vote names the file by {@code bandwidth-file-digest sha256=} (base64 of the SHA-256 of the file,
 * the digest in CollecTor's file name) and repeats its header in {@code bandwidth-file-headers}.
 */
public final class VoteCrossCheck {
  private VoteCrossCheck() {}

  /** What the check needs of a vote. */
  public record VoteSide(String authorityNickname, String authorityFingerprint, java.time.Instant validAfter,
      String sourceFile, Map<String, Long> measured) implements Serializable {}

  /** What the check needs of a bandwidth file: bw per fingerprint, and the fingerprints with vote=0. */
  public record FileSide(String digest, long timestamp, String sourceFile, Map<String, Long> bw, Set<String> noVote)
      implements Serializable {}

  /** The comparison of one vote with one file. */
  public record Result(int inBoth, int equal, int differ, int fileOnly, int voteOnly, int votedDespiteVote0,
      List<String> examples) implements Serializable {}

  /** The key a vote's {@code bandwidth-file-digest} gives: the SHA-256 in upper-case hex, or null. */
  public static String digestKey(Map<String, String> bandwidthFileDigest) {
    if (bandwidthFileDigest == null) {
      return null;
    }
    String b64 = bandwidthFileDigest.get("sha256");
    if (b64 == null) {
      return null;
    }
    try {
      byte[] raw = Base64.getDecoder().decode(padded(b64));
      return raw.length == 32 ? HexFormat.of().withUpperCase().formatHex(raw) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String padded(String b64) {
    int pad = (4 - b64.length() % 4) % 4;
    return b64 + "=".repeat(pad);
  }

  public static Result compare(VoteSide vote, FileSide file) {
    int inBoth = 0;
    int equal = 0;
    int differ = 0;
    int fileOnly = 0;
    int votedDespite = 0;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<String, Long> e : file.bw().entrySet()) {
      Long m = vote.measured().get(e.getKey());
      boolean noVote = file.noVote().contains(e.getKey());
      if (m == null) {
        if (!noVote) {
          fileOnly++;
        }
        continue;
      }
      if (noVote) {
        votedDespite++;
        continue;
      }
      inBoth++;
      if (m.equals(e.getValue())) {
        equal++;
      } else {
        differ++;
        if (examples.size() < 10) {
          examples.add(String.format(Locale.ROOT, "%s file=%d vote=%d", e.getKey(), e.getValue(), m));
        }
      }
    }
    int voteOnly = 0;
    for (String fp : vote.measured().keySet()) {
      if (!file.bw().containsKey(fp)) {
        voteOnly++;
      }
    }
    return new Result(inBoth, equal, differ, fileOnly, voteOnly, votedDespite, List.copyOf(examples));
  }
}
