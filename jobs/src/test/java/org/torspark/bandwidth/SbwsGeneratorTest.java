package org.torspark.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.bandwidth.SbwsGenerator.GeneratedFile;
import org.torspark.bandwidth.SbwsGenerator.Settings;

class SbwsGeneratorTest {
  /** Header keys a generator can reproduce from the results alone (no state file, no consensus). */
  static final List<String> REPRODUCIBLE_HEADER = List.of("earliest_bandwidth", "latest_bandwidth",
      "minimum_number_eligible_relays", "minimum_percent_eligible_relays", "number_consensus_relays",
      "number_eligible_relays", "percent_eligible_relays", "recent_measurement_attempt_count",
      "recent_measurement_failure_count", "recent_measurements_excluded_error_count",
      "recent_measurements_excluded_few_count", "recent_measurements_excluded_near_count",
      "recent_measurements_excluded_old_count", "recent_priority_relay_count");

  static List<SbwsResult> results(String fixture) {
    return Fixtures.text(fixture).lines().filter(l -> !l.isBlank()).map(SbwsResult::parse).toList();
  }

  static GeneratedFile generate(List<SbwsResult> results, Settings s) {
    Map<String, List<SbwsResult>> byRelay = results.stream()
        .collect(Collectors.groupingBy(SbwsResult::fingerprint, LinkedHashMap::new, Collectors.toList()));
    List<SbwsGenerator.RelayLine> lines = new ArrayList<>();
    byRelay.values().forEach(rs -> lines.add(SbwsGenerator.relay(rs, s)));
    return SbwsGenerator.finish(lines, s, null, null, Instant.ofEpochSecond(1_553_519_349L));
  }

  /** A parsed v3bw file: timestamp, header key=values, relay lines by node_id as key=value maps. */
  record V3bw(String timestamp, Map<String, String> header, Map<String, Map<String, String>> lines) {
    static V3bw parse(String text) {
      String[] rows = text.split("\n");
      Map<String, String> header = new LinkedHashMap<>();
      Map<String, Map<String, String>> lines = new TreeMap<>();
      int i = 1;
      for (; i < rows.length && !rows[i].startsWith("===="); i++) {
        header.put(rows[i].substring(0, rows[i].indexOf('=')), rows[i].substring(rows[i].indexOf('=') + 1));
      }
      for (i++; i < rows.length; i++) {
        Map<String, String> kv = new TreeMap<>();
        for (String tok : rows[i].split(" ")) {
          kv.put(tok.substring(0, tok.indexOf('=')), tok.substring(tok.indexOf('=') + 1));
        }
        lines.put(kv.get("node_id"), kv);
      }
      return new V3bw(rows[0], header, lines);
    }
  }

  @ParameterizedTest
  @CsvSource({"sbws-results/2019-03-25.txt, sbws-results/v3bw/20190325_130909.v3bw",
      "sbws-results/2019-05-11.txt, sbws-results/v3bw/20190511_063232.v3bw"})
  void sampleResultsGiveTheSampleBandwidthFile(String resultsFile, String v3bwFile) {
    GeneratedFile g = generate(results(resultsFile), Settings.preset("sbws-1.1"));
    V3bw ours = V3bw.parse(g.toText());
    V3bw theirs = V3bw.parse(Fixtures.text(v3bwFile));
    assertThat(ours.timestamp()).isEqualTo(theirs.timestamp());
    for (String k : REPRODUCIBLE_HEADER) {
      assertThat(ours.header().get(k)).as(k).isEqualTo(theirs.header().get(k));
    }
    // every relay line, every key: 15 relays, 11 without a success, 4 with one (fewer than 2)
    assertThat(ours.lines()).isEqualTo(theirs.lines());
    assertThat(theirs.lines()).hasSize(15);
  }

  @Test
  void generatedFileIsReadBackAndFollowsItsOwnScaling() {
    // 3 relays, 2 successes a day apart each: all eligible, scaled with formula A
    List<SbwsResult> rs = new ArrayList<>();
    String[] fps = {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
        "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"};
    long[] amount = {1_000_000, 3_000_000, 9_000_000};
    for (int i = 0; i < 3; i++) {
      for (int day = 0; day < 2; day++) {
        rs.add(new SbwsResult(fps[i], "r" + i, null, "success", 1_600_000_000.0 + day * 90_000 + i,
            List.of(amount[i], amount[i] * 2), List.of(2.0, 3.0), List.of(0.25), 5_000_000L, 6_000_000L,
            4_000_000L, 2_000_000L, false, 3, 2, 2, "https://example.org/1", "s", "192.0.2.1", 4));
      }
    }
    GeneratedFile g = generate(rs, Settings.preset("sbws-1.1"));
    // relay 0 by hand: speeds 500000 and 666666.67 (twice each): mean 583333.33 -> 583333; the three
    // means 583333, 1750000, 5250000: mu 2527777.67; muf = mean(max(bm, mu)) = 3342592.67 (approx);
    // r_0 = max(0.2308, mu/muf = 0.7562); min(4000000, 6000000, 5000000, 2000000) = 2000000 -> 1512.5 KB -> 1500
    V3bw v = V3bw.parse(g.toText());
    assertThat(v.lines().get("$" + fps[0]).get("bw")).isEqualTo("1500");
    assertThat(v.lines().get("$" + fps[0]).get("bw_mean")).isEqualTo("583333");
    assertThat(v.lines().get("$" + fps[0]).get("rtt")).isEqualTo("250");
    assertThat(v.header().get("number_eligible_relays")).isEqualTo("3");
    ScalingCheck.Result check = ScalingCheck.check(BandwidthText.parse(g.toText()));
    assertThat(check.file().era()).isEqualTo(Era.SBWS_A);
    assertThat(check.file().complete()).isTrue();
    assertThat(check.file().exact()).isEqualTo(3);
  }

  @Test
  void laterReleasesWriteRatiosAndTheHeaderMeansThatTheCheckerThenUses() {
    List<SbwsResult> rs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String fp = String.format("%040X", i + 1);
      rs.add(new SbwsResult(fp, "r" + i, null, "success", 1_700_000_000.0 + i, List.of(1_000_000L * (i + 1),
          2_000_000L * (i + 1)), List.of(2.0, 5.0), List.of(), 50_000_000L, 60_000_000L, 10_000_000L * (i % 3 + 1),
          null, null, 1, 1, 1, "https://example.org/1", "s", "192.0.2.1", 4));
    }
    GeneratedFile g = generate(rs, Settings.preset("sbws-1.9"));
    assertThat(g.header()).containsKeys("mu", "muf");
    assertThat(g.lines().get(0).get("node_id")).doesNotStartWith("$");
    ScalingCheck.Result check = ScalingCheck.check(BandwidthText.parse(g.toText()));
    assertThat(check.file().era()).isEqualTo(Era.SBWS_E);
    assertThat(check.file().outliers()).isZero();
    assertThat(check.file().exact() + check.file().withinRounding()).isEqualTo(40);
  }

  @Test
  void resultLineWithoutFingerprintIsRejectedWithTheReason() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SbwsResult.parse("{\"type\": \"success\", \"time\": 1}"))
        .hasMessageContaining("fingerprint");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SbwsResult.parse("{not json"))
        .hasMessageContaining("not JSON");
  }
}
