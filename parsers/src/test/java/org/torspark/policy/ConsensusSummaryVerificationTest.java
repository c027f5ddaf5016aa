package org.torspark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.parse.Digests;
import org.torspark.descriptor.parse.Values;
import org.torspark.testing.Fixtures;

/**
 * Our implementation of tor's summary algorithm against what the directory authorities computed:
 * for every server descriptor a consensus refers to (consensus {@code r} digest = SHA-1 of the
 * descriptor from {@code router} through {@code \nrouter-signature\n}), the summary of the
 * descriptor's accept/reject lines must equal the consensus {@code p} line.
 *
 * <p>The descriptor and consensus parsers are written elsewhere; this test reads the few lines it
 * needs from the raw fixtures itself (see PROVENANCE.md for the pairing of the files).
 */
class ConsensusSummaryVerificationTest {

  @Test
  void summariesOf2014DescriptorsEqualTheConsensusPLines() throws Exception {
    Map<String, String> pLines = consensusPLines("consensus/2014-12-08-16-00-00-consensus");
    assertThat(pLines).hasSize(6840);
    Map<String, List<String>> policies = new LinkedHashMap<>();
    descriptorPolicies(Fixtures.bytes("server-descriptor/2014-12-08-server-descriptors"), policies);
    assertThat(policies).hasSize(867);
    for (Path p : singleDescriptorFiles("server-descriptors-2014-")) {
      Map<String, List<String>> single = new LinkedHashMap<>();
      descriptorPolicies(Files.readAllBytes(p), single);
      // CollecTor names each of these files after the descriptor's digest
      assertThat(single.keySet()).containsExactly(p.getFileName().toString());
      policies.putAll(single);
    }

    Result r = compare(pLines, policies);

    assertThat(r.mismatches).isEmpty();
    assertThat(r.compared).isEqualTo(541);
    assertThat(r.exits).isEqualTo(109); // pairs whose p line is not reject 1-65535
  }

  @Test
  void summariesOf2020DescriptorsEqualTheConsensusPLinesOfTheHoursAround() throws Exception {
    Map<String, List<String>> policies = new LinkedHashMap<>();
    descriptorPolicies(Fixtures.bytes("server-descriptor/2020-02-29-10-05-00-server-descriptors"), policies);
    assertThat(policies).hasSize(587);

    Result ten = compare(consensusPLines("consensus/2020-02-29-10-00-00-consensus"), policies);
    Result eleven = compare(consensusPLines("consensus/2020-02-29-11-00-00-consensus"), policies);

    assertThat(ten.mismatches).isEmpty();
    assertThat(eleven.mismatches).isEmpty();
    assertThat(ten.compared).isEqualTo(343);
    assertThat(eleven.compared).isEqualTo(381);
  }

  /** Every real descriptor's policy parses in descriptor syntax, whatever the consensus says. */
  @Test
  void everyFullFixturePolicyParses() throws Exception {
    int descriptors = 0;
    for (String file :
        List.of(
            "server-descriptor/2014-12-08-server-descriptors",
            "server-descriptor/2020-02-29-10-05-00-server-descriptors")) {
      Map<String, List<String>> policies = new LinkedHashMap<>();
      descriptorPolicies(Fixtures.bytes(file), policies);
      for (List<String> lines : policies.values()) {
        ExitPolicy policy = ExitPolicy.parse(lines);
        assertThat(policy.rules()).hasSizeGreaterThanOrEqualTo(lines.size());
        descriptors++;
      }
    }
    assertThat(descriptors).isEqualTo(867 + 587);
  }

  private record Result(int compared, int exits, List<String> mismatches) {}

  private static Result compare(Map<String, String> pLines, Map<String, List<String>> policies) {
    int compared = 0;
    int exits = 0;
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : policies.entrySet()) {
      String expected = pLines.get(e.getKey());
      if (expected == null) {
        continue;
      }
      compared++;
      String actual = ExitPolicy.parse(e.getValue()).summary().toString();
      if (!actual.equals(expected)) {
        mismatches.add(e.getKey() + ": expected '" + expected + "' but summarised '" + actual + "'");
      }
      if (!expected.equals("reject 1-65535")) {
        exits++;
      }
    }
    return new Result(compared, exits, mismatches);
  }

  /** Descriptor digest (lower-case hex) → the consensus {@code p} line's arguments. */
  private static Map<String, String> consensusPLines(String path) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    String digest = null;
    for (String line : Fixtures.text(path).split("\n")) {
      if (line.startsWith("r ")) {
        // r nickname identity digest date time address orport dirport
        digest = Values.base64ToHex(line.split(" ")[3], false);
      } else if (line.startsWith("p ") && digest != null) {
        out.put(digest, line.substring(2));
        digest = null;
      }
    }
    return out;
  }

  /**
   * Splits a file of descriptors at {@code router } lines (CollecTor puts an {@code @type} line
   * before each) and records each descriptor's digest with its accept/reject lines.
   */
  private static void descriptorPolicies(byte[] b, Map<String, List<String>> out) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < b.length; i = nextLine(b, i)) {
      if (startsWith(b, i, "router ")) {
        starts.add(i);
      }
    }
    byte[] signature = "\nrouter-signature\n".getBytes(StandardCharsets.US_ASCII);
    for (int k = 0; k < starts.size(); k++) {
      int start = starts.get(k);
      int limit = k + 1 < starts.size() ? starts.get(k + 1) : b.length;
      int signed = Digests.indexOf(b, start, limit, signature);
      assertThat(signed).as("router-signature of the descriptor at byte %d", start).isPositive();
      int end = signed + signature.length;
      String digest = Values.hex(Digests.sha1(b, start, end), false);
      List<String> policy = new ArrayList<>();
      for (String line : new String(b, start, end - start, StandardCharsets.ISO_8859_1).split("\n")) {
        if (line.startsWith("accept") || line.startsWith("reject")) {
          policy.add(line);
        }
      }
      out.put(digest, policy);
    }
  }

  private static int nextLine(byte[] b, int i) {
    while (i < b.length && b[i] != '\n') {
      i++;
    }
    return i + 1;
  }

  private static boolean startsWith(byte[] b, int at, String prefix) {
    if (at + prefix.length() > b.length) {
      return false;
    }
    for (int j = 0; j < prefix.length(); j++) {
      if (b[at + j] != prefix.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static List<Path> singleDescriptorFiles(String directoryPrefix) throws IOException, URISyntaxException {
    Path single = Path.of(ConsensusSummaryVerificationTest.class.getResource("/testdata/server-descriptor/single").toURI());
    try (Stream<Path> files = Files.walk(single)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> single.relativize(p).getName(0).toString().startsWith(directoryPrefix))
          .sorted()
          .toList();
    }
  }
}
