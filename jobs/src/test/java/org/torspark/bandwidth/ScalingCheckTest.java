package org.torspark.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torspark.bandwidth.RelayCheck.Status;

/**
 * Real files first: the expected counts are derived here from the raw text with independent
 * arithmetic (BigDecimal significant-digit rounding instead of the log10 path under test), then
 * synthetic files for the branches the cropped real files cannot reach.
 */
class ScalingCheckTest {
  static final String TORFLOW_2019_01 = "bandwidth-file/torflow-v1.0.0-2019-01-14";
  static final String TORFLOW_2019_05 =
      "bandwidth-file/2019-05-14-11-43-39-bandwidth-1997D0509203B29E02FE5CAB27C07CBD8365C5751135264D3AC70BA3E1638B41";
  static final String SBWS_110 = "bandwidth-file/sbws-v1.4.0-2019-04-21";
  static final String SBWS_102 = "bandwidth-file/sbws-v1.2.0-2019-01-14";

  /** The relay lines of a raw file as key=value maps (lines containing node_id=). */
  static List<Map<String, String>> rawLines(String text) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.contains("node_id=")) {
        continue;
      }
      Map<String, String> kv = new LinkedHashMap<>();
      for (String tok : line.trim().split(" +")) {
        int eq = tok.indexOf('=');
        kv.put(tok.substring(0, eq), tok.substring(eq + 1));
      }
      out.add(kv);
    }
    return out;
  }

  /** Torflow base10_round, written differently: 3 significant digits half-up, then whole thousands half-up. */
  static long torflowRound(long pidBw) {
    if (pidBw == 0) {
      return 1;
    }
    BigDecimal three = new BigDecimal(pidBw).round(new MathContext(3, RoundingMode.HALF_UP));
    long thousands = three.setScale(-3, RoundingMode.HALF_UP).longValueExact();
    return Math.max(1000, thousands) / 1000;
  }

  /** sbws KB rounding, written differently: BigDecimal 2 significant digits half-even of the double. */
  static long sbwsKb(double bytes) {
    double kb = bytes / 1000.0;
    if (kb <= 1) {
      return 1;
    }
    BigDecimal exact = new BigDecimal(kb);
    BigDecimal r = exact.compareTo(BigDecimal.valueOf(100)) < 0 ? exact.setScale(0, RoundingMode.HALF_EVEN)
        : exact.round(new MathContext(2, RoundingMode.HALF_EVEN));
    return r.longValue();
  }

  @Test
  void digitsAndStepsAreExactForEveryLong() {
    // independent: the length of the decimal text; every power of ten, one below and one above
    List<Long> values = new ArrayList<>(List.of(0L, -5L, Long.MAX_VALUE));
    for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p = p * 10) {
      values.addAll(List.of(p - 1, p, p + 1));
      if (p > Long.MAX_VALUE / 10) {
        break;
      }
    }
    for (long v : values) {
      int expected = v <= 0 ? 1 : Long.toString(v).length();
      assertThat(ScalingCheck.digits(v)).as("digits of %d", v).isEqualTo(expected);
      long step = expected <= 2 ? 1 : new java.math.BigInteger("1" + "0".repeat(expected - 2)).longValueExact();
      assertThat(ScalingCheck.step(v)).as("step of %d", v).isEqualTo(step);
    }
    assertThat(ScalingCheck.digits(999_999_999_999_999L)).isEqualTo(15);
    assertThat(ScalingCheck.step(87_654L)).isEqualTo(1_000L);
  }

  @Test
  void torflowFreshLinesAreExactlyBase10RoundOfPidBwInBothRealFiles() {
    for (String f : List.of(TORFLOW_2019_01, TORFLOW_2019_05)) {
      List<Map<String, String>> raw = rawLines(Fixtures.text(f));
      int fresh = 0;
      for (Map<String, String> l : raw) {
        if (l.get("measured_at").equals(l.get("updated_at"))) {
          fresh++;
          assertThat(Long.parseLong(l.get("bw"))).as(f + " " + l.get("node_id"))
              .isEqualTo(torflowRound(Long.parseLong(l.get("pid_bw"))));
        }
      }
      FileCheck fc = ScalingCheck.check(Fixtures.bandwidthFile(f)).file();
      assertThat(fc.era()).isEqualTo(Era.TORFLOW);
      assertThat(fc.lines()).isEqualTo(raw.size());
      assertThat(fc.exact()).isEqualTo(fresh);
      assertThat(fc.notCheckable()).isEqualTo(raw.size() - fresh);
      assertThat(fc.outliers()).isZero();
      assertThat(fc.followsScaling()).isTrue();
    }
    // formats.md §4.2: 74 fresh lines over the two files (59 + 15)
    assertThat(ScalingCheck.check(Fixtures.bandwidthFile(TORFLOW_2019_01)).file().exact()).isEqualTo(59);
    assertThat(ScalingCheck.check(Fixtures.bandwidthFile(TORFLOW_2019_05)).file().exact()).isEqualTo(15);
  }

  @Test
  void torflowOutlierNamesTheRelayAndBothValues() {
    String text = Fixtures.text(TORFLOW_2019_05).replace("bw=1210 nick=tor6zXLCtAn", "bw=1300 nick=tor6zXLCtAn");
    ScalingCheck.Result r = ScalingCheck.check(BandwidthText.parse(text));
    assertThat(r.file().outliers()).isEqualTo(1);
    assertThat(r.file().followsScaling()).isFalse();
    RelayCheck bad = r.relays().stream().filter(c -> c.status() == Status.OUTLIER).findFirst().orElseThrow();
    assertThat(bad.fingerprint()).isEqualTo("35BD292A0F86C06A4753FF6F66505FF04B561986");
    assertThat(bad.bw()).isEqualTo(1300);
    assertThat(bad.expectedBw()).isEqualTo(1210);
    // pid_bw / (1 + pid_error): the descriptor bandwidth Torflow multiplied
    assertThat(bad.inputBandwidth()).isCloseTo(1214688 / 5.93109862241, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void torflowWithinRoundingIsOneUnitOfTheThirdDigit() {
    // expected 1210: 1211 (one unit) is within rounding, 1230 is not
    String within = Fixtures.text(TORFLOW_2019_05).replace("bw=1210 nick=tor6zXLCtAn", "bw=1211 nick=tor6zXLCtAn");
    assertThat(ScalingCheck.check(BandwidthText.parse(within)).file().withinRounding()).isEqualTo(1);
    String beyond = Fixtures.text(TORFLOW_2019_05).replace("bw=1210 nick=tor6zXLCtAn", "bw=1230 nick=tor6zXLCtAn");
    assertThat(ScalingCheck.check(BandwidthText.parse(beyond)).file().outliers()).isEqualTo(1);
  }

  /** min(desc_bw_obs_last, desc_bw_bur, desc_bw_avg), then with consensus_bandwidth unless unmeasured. */
  static long minA(Map<String, String> l) {
    long m = Math.min(Long.parseLong(l.get("desc_bw_obs_last")), Long.parseLong(l.get("desc_bw_avg")));
    if (l.containsKey("desc_bw_bur")) {
      m = Math.min(m, Long.parseLong(l.get("desc_bw_bur")));
    }
    if (!"True".equals(l.get("consensus_bandwidth_is_unmeasured")) && l.containsKey("consensus_bandwidth")) {
      m = Math.min(m, Long.parseLong(l.get("consensus_bandwidth")));
    }
    return m;
  }

  @Test
  void croppedSbws110FileFitsFormulaAWithOneConstantRatioBelowTheMean() {
    List<Map<String, String>> raw = rawLines(Fixtures.text(SBWS_110));
    int zeroInput = 0;
    int minIs3000 = 0;
    for (Map<String, String> l : raw) {
      long m = minA(l);
      if (m == 0) {
        zeroInput++;
        assertThat(l.get("bw")).isEqualTo("1");
      }
      if (m == 3000) {
        minIs3000++;
        assertThat(l.get("bw")).as("min 3000 lines have bw=2").isEqualTo("2");
      }
    }
    // formats.md §4.3 speaks of four such lines; the file has five (bw_mean 35699..146698), all bw=2
    assertThat(minIs3000).isEqualTo(5);
    ScalingCheck.Result r = ScalingCheck.check(Fixtures.bandwidthFile(SBWS_110));
    FileCheck fc = r.file();
    assertThat(fc.era()).isEqualTo(Era.SBWS_A);
    assertThat(fc.complete()).isFalse(); // number_eligible_relays=6459, 58 lines
    assertThat(fc.exact()).isEqualTo(zeroInput);
    assertThat(fc.consistent()).isEqualTo(raw.size() - zeroInput);
    assertThat(fc.outliers()).isZero();
    assertThat(fc.checks()).contains("ratio-fit-a");
    assertThat(fc.missingInputs()).contains("scaled-set");
    assertThat(fc.followsScaling()).isTrue();
  }

  @Test
  void croppedSbws110FileWithOneLineRaisedHasThatLineAsTheOutlier() {
    // the first min=3000 line (bw=2): a bw of 40 would need a ratio of ~13, far above the others
    List<Map<String, String>> raw = rawLines(Fixtures.text(SBWS_110));
    Map<String, String> target = raw.stream().filter(l -> minA(l) == 3000).findFirst().orElseThrow();
    String nodeId = target.get("node_id");
    String text = Fixtures.text(SBWS_110).lines()
        .map(line -> line.contains("node_id=" + nodeId) ? line.replaceFirst("^bw=2 ", "bw=40 ") : line)
        .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
    ScalingCheck.Result r = ScalingCheck.check(BandwidthText.parse(text));
    assertThat(r.file().outliers()).isEqualTo(1);
    RelayCheck bad = r.relays().stream().filter(c -> c.status() == Status.OUTLIER).findFirst().orElseThrow();
    assertThat("$" + bad.fingerprint()).isEqualTo(nodeId);
    assertThat(bad.bw()).isEqualTo(40);
  }

  @Test
  void croppedSbws102FileFollowsTheLegacyThousandKilobyteRounding() {
    List<Map<String, String>> raw = rawLines(Fixtures.text(SBWS_102));
    long zeroObs = raw.stream().filter(l -> l.get("desc_bw_obs_last").equals("0")).count();
    assertThat(raw).allSatisfy(l -> assertThat(l.get("bw")).isEqualTo("1"));
    FileCheck fc = ScalingCheck.check(Fixtures.bandwidthFile(SBWS_102)).file();
    assertThat(fc.era()).isEqualTo(Era.SBWS_A0);
    assertThat(fc.exact()).isEqualTo(zeroObs);
    assertThat(fc.consistent()).isEqualTo(raw.size() - zeroObs);
    assertThat(fc.outliers()).isZero();
  }

  @Test
  void sampleV3bwFilesHaveOnlyExcludedRelaysAtBwOne() {
    for (String f : List.of("sbws-results/v3bw/20190325_130909.v3bw", "sbws-results/v3bw/20190511_063232.v3bw")) {
      FileCheck fc = ScalingCheck.check(Fixtures.bandwidthFile(f)).file();
      assertThat(fc.lines()).isEqualTo(15);
      assertThat(fc.excludedLines()).isEqualTo(15);
      assertThat(fc.exact()).isEqualTo(15);
      assertThat(fc.underMinReportOk()).isTrue(); // 0 eligible < 9 minimum, every line under_min_report=1
    }
  }

  // ---------------------------------------------------------------------------------------------
  // synthetic files

  static final String FP1 = "$0000000000000000000000000000000000000001";
  static final String FP2 = "$0000000000000000000000000000000000000002";
  static final String FP3 = "$0000000000000000000000000000000000000003";
  static final String FP4 = "$0000000000000000000000000000000000000004";

  static String header(String softwareVersion, int eligible, String... extra) {
    StringBuilder sb = new StringBuilder("1555882497\nversion=1.4.0\nsoftware=sbws\nsoftware_version=" + softwareVersion
        + "\nnumber_eligible_relays=" + eligible + "\nminimum_number_eligible_relays=1\n");
    for (String e : extra) {
      sb.append(e).append('\n');
    }
    return sb.append("=====\n").toString();
  }

  static String line(String nodeId, long bw, long bwMean, long obs, long avg, long bur, String more) {
    return "bw=" + bw + " node_id=" + nodeId + " bw_mean=" + bwMean + " bw_median=" + bwMean + " desc_bw_obs_last="
        + obs + " desc_bw_obs_mean=" + obs + " desc_bw_avg=" + avg + " desc_bw_bur=" + bur
        + (more.isEmpty() ? "" : " " + more) + "\n";
  }

  @Test
  void completeEraAFileIsRecomputedExactly() {
    long[] bm = {100_000, 300_000, 900_000, 2_500_000};
    long[] obs = {250_000, 800_000, 3_000_000, 20_000_000};
    long[] cb = {240_000, 1_000_000, 2_000_000, 12_000_000};
    // independent: Python's statistics.mean of ints, max-ratio, min with consensus, 2 digits half-even
    double mu = (bm[0] + bm[1] + bm[2] + bm[3]) / 4.0;
    double muf = (Math.max(bm[0], mu) + Math.max(bm[1], mu) + Math.max(bm[2], mu) + Math.max(bm[3], mu)) / 4.0;
    StringBuilder sb = new StringBuilder(header("1.1.0", 4));
    long[] expected = new long[4];
    String[] ids = {FP1, FP2, FP3, FP4};
    for (int i = 0; i < 4; i++) {
      double r = Math.max(bm[i] / mu, Math.max(bm[i], mu) / muf);
      expected[i] = sbwsKb(r * Math.min(obs[i], cb[i]));
      sb.append(line(ids[i], expected[i], bm[i], obs[i], 1_073_741_824, 1_073_741_824,
          "consensus_bandwidth=" + cb[i] + " consensus_bandwidth_is_unmeasured=False"));
    }
    // by hand: mu = 950000, muf = 1337500; relay 1: r = 950000/1337500, min 240000 -> 170.47 KB -> 170
    assertThat(expected).containsExactly(170, 570, 1900, 32000);
    ScalingCheck.Result r = ScalingCheck.check(BandwidthText.parse(sb.toString()));
    assertThat(r.file().complete()).isTrue();
    assertThat(r.file().muComputed()).isEqualTo(mu);
    assertThat(r.file().exact()).isEqualTo(4);
    assertThat(r.relays()).extracting(RelayCheck::expectedBw).containsExactly(170L, 570L, 1900L, 32000L);

    String off = sb.toString().replace("bw=1900 ", "bw=2000 ");
    ScalingCheck.Result r2 = ScalingCheck.check(BandwidthText.parse(off));
    assertThat(r2.file().withinRounding()).isEqualTo(1); // one unit of the second digit
    String far = sb.toString().replace("bw=1900 ", "bw=3400 ");
    ScalingCheck.Result r3 = ScalingCheck.check(BandwidthText.parse(far));
    assertThat(r3.file().outliers()).isEqualTo(1);
    // both values are the row's columns; the detail does not repeat them
    assertThat(r3.relays().get(2)).extracting(RelayCheck::bw, RelayCheck::expectedBw, RelayCheck::detail)
        .containsExactly(3400L, 1900L, null);
  }

  /**
   * 100 relays at the network mean (bw_mean 400000, min 1000000, bw 1000): enough total that the 5 %
   * cap (5 % of the sum) stays above the relays under test, as in a real network.
   */
  static String fillers(boolean withRatios) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      String id = String.format("$%040X", 0x1000 + i);
      sb.append(line(id, 1000, 400_000, 1_000_000, 5_000_000, 5_000_000,
          withRatios ? "r_strm=1.00 r_strm_filt=1.00" : ""));
    }
    return sb.toString();
  }

  @Test
  void eraCStreamRatioIsALowerBound() {
    // mu = 400000; relay 1: bm/mu = 0.25, min 1000000 -> bw >= 250; relay 2: bm/mu = 1.75, min 2000000 -> bw >= 3500
    String ok = header("1.4.0", 102) + line(FP1, 300, 100_000, 1_000_000, 5_000_000, 5_000_000, "")
        + line(FP2, 3500, 700_000, 2_000_000, 5_000_000, 5_000_000, "") + fillers(false);
    FileCheck fc = ScalingCheck.check(BandwidthText.parse(ok)).file();
    assertThat(fc.era()).isEqualTo(Era.SBWS_C);
    assertThat(fc.consistent()).isEqualTo(102);
    assertThat(fc.meanImpliedRatio()).isCloseTo((0.3 + 1.75 + 100) / 102, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(fc.missingInputs()).contains("bw-filt");
    String low = ok.replace("bw=3500 ", "bw=2000 ");
    ScalingCheck.Result r = ScalingCheck.check(BandwidthText.parse(low));
    assertThat(r.file().outliers()).isEqualTo(1);
    assertThat(r.relays().get(1).expectedMin()).isEqualTo(3500);
  }

  @Test
  void eraDRecomputesFromTheWrittenRatiosWithinTheirTwoDecimals() {
    // cap: 5% of the sum of raw values is far above every line here
    String base = header("1.7.0", 103, "mu=400000", "muf=500000")
        + line(FP1, 250, 100_000, 1_000_000, 5_000_000, 5_000_000, "r_strm=0.25 r_strm_filt=0.20")
        + line(FP2, 1400, 700_000, 2_000_000, 5_000_000, 5_000_000, "r_strm=1.75 r_strm_filt=0.70")
        + line(FP3, 400, 400_000, 300_000, 5_000_000, 5_000_000, "r_strm=1.00 r_strm_filt=1.33") + fillers(true);
    // FP2: 1.75 * min(2000000, 5000000...) = 3500 KB published as 1400: wrong
    ScalingCheck.Result r = ScalingCheck.check(BandwidthText.parse(base));
    assertThat(r.file().era()).isEqualTo(Era.SBWS_D);
    assertThat(r.relays().get(0).status()).isEqualTo(Status.EXACT);
    assertThat(r.relays().get(1).status()).isEqualTo(Status.OUTLIER);
    assertThat(r.relays().get(1).expectedBw()).isEqualTo(3500);
    // FP3: 1.33 * 300000 = 399 KB -> 400; r in [1.325, 1.335] gives 397.5..400.5 KB -> 400 either way
    assertThat(r.relays().get(2).status()).isEqualTo(Status.EXACT);
    assertThat(r.file().muComputed()).isEqualTo(400_000.0);
  }

  @Test
  void headerMuThatDisagreesWithTheRatiosIsNoted() {
    String text = header("1.7.0", 101, "mu=200000", "muf=500000")
        + line(FP1, 250, 100_000, 1_000_000, 5_000_000, 5_000_000, "r_strm=0.25 r_strm_filt=0.20") + fillers(true);
    FileCheck fc = ScalingCheck.check(BandwidthText.parse(text)).file();
    assertThat(fc.muHeader()).isEqualTo(200_000);
    assertThat(fc.notes()).anySatisfy(n -> assertThat(n).contains("r_strm"));
  }

  @Test
  void excludedRelayMustHaveBwOne() {
    String text = header("1.4.0", 1) + line(FP1, 300, 100_000, 1_000_000, 5_000_000, 5_000_000, "")
        + "bw=5 node_id=" + FP2 + " unmeasured=1 vote=0\n";
    ScalingCheck.Result r = ScalingCheck.check(BandwidthText.parse(text));
    assertThat(r.file().excludedLines()).isEqualTo(1);
    assertThat(r.relays().get(1).status()).isEqualTo(Status.OUTLIER);
    assertThat(r.relays().get(1).check()).isEqualTo("excluded-bw-1");
  }

  @Test
  void underMinReportMarksMustAgreeWithTheHeaderCounts() {
    String text = "1555882497\nversion=1.4.0\nsoftware=sbws\nsoftware_version=1.4.0\nnumber_eligible_relays=1\n"
        + "minimum_number_eligible_relays=5\n=====\n" + line(FP1, 300, 100_000, 1_000_000, 5_000_000, 5_000_000, "");
    FileCheck fc = ScalingCheck.check(BandwidthText.parse(text)).file();
    assertThat(fc.underMinReportOk()).isFalse();
    assertThat(fc.followsScaling()).isFalse();
  }

  @Test
  void fileWithoutRelayLinesHasNothingToFollow() {
    FileCheck fc = ScalingCheck.check(BandwidthText.parse("1555882497\nversion=1.4.0\nsoftware=sbws\n"
        + "software_version=1.4.0\n=====\n")).file();
    assertThat(fc.lines()).isZero();
    assertThat(fc.followsScaling()).isFalse();
  }

  @Test
  void lineMissingItsMeasurementsIsExcludedAndTornFieldsDoNotThrow() {
    // a line with bw and node_id only (sbws >= 1.3 writes these for relays without observed bandwidth)
    String text = header("1.4.0", 1) + line(FP1, 300, 100_000, 1_000_000, 5_000_000, 5_000_000, "")
        + "bw=1 node_id=" + FP2 + "\n" + "bw=7 node_id=" + FP3 + " bw_mean=50000\n";
    ScalingCheck.Result r = ScalingCheck.check(BandwidthText.parse(text));
    assertThat(r.relays().get(1).status()).isEqualTo(Status.EXACT);
    assertThat(r.relays().get(2).status()).isEqualTo(Status.NOT_CHECKABLE);
  }
}
