package org.torspark.bandwidth;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * sbws's generator ({@code sbws generate}, formats.md §4.1 and §4.3) re-implemented: per relay,
 * aggregate the results of the data period, exclude relays that fail the eligibility rules (they
 * are still written, with bw=1, vote=0, unmeasured=1), scale the rest with Torflow scaling as the
 * chosen sbws release did, and write the header counters. Two steps so a cluster can do the first
 * per relay: {@link #relay} (one relay's results) and {@link #finish} (all relays' lines).
 *
 * <p>What a scanner keeps outside its results is not available: the state file (generator_started,
 * recent_consensus_count, priority list counts, tor_version) and tor's cached consensus. The header
 * counters are then derived from the results (see docs/jobs.md); with a consensus given, the
 * number of consensus relays and (era B) the consensus weights and the cap's relay set come from it.
 */
public final class SbwsGenerator {
  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  /** sbws MIN_REPORT: percent of the consensus relays that must be eligible. */
  static final int MIN_REPORT = 60;

  private SbwsGenerator() {}

  /**
   * Which sbws release to behave like.
   *
   * @param era the scaling formula: SBWS_A (1.0.3-1.1.x), SBWS_B (1.2), SBWS_C (1.3-1.6),
   *     SBWS_D (1.7-1.8: r_strm keys, mu/muf header), SBWS_E (1.9: node_id without '$')
   * @param minNum least successful results (NUM_MIN_RESULTS)
   * @param secsAway successes must include two this far apart (DAY_SECS), or null
   * @param periodDays results older than this many days before generation are ignored
   * @param formatVersion the version header written
   * @param emulated the sbws release emulated, written as software_version "sbws-" + this
   */
  public record Settings(String name, Era era, int minNum, Double secsAway, int periodDays, String formatVersion,
      String emulated) implements Serializable {

    public static final List<Settings> PRESETS = List.of(
        new Settings("sbws-1.1", Era.SBWS_A, 2, 86400.0, 5, "1.4.0", "1.1.0"),
        new Settings("sbws-1.2", Era.SBWS_B, 1, null, 28, "1.5.0", "1.2.0"),
        new Settings("sbws-1.3", Era.SBWS_C, 1, null, 28, "1.5.0", "1.3.0"),
        new Settings("sbws-1.7", Era.SBWS_D, 1, null, 28, "1.5.0", "1.7.0"),
        new Settings("sbws-1.9", Era.SBWS_E, 1, null, 28, "1.9.0", "1.9.0"));

    /** The preset of that name, or null. */
    public static Settings preset(String name) {
      return PRESETS.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
  }

  /** One relay's aggregated results: the line's key=values before scaling, and the scaling inputs. */
  public record RelayLine(
      String fingerprint,
      TreeMap<String, String> keys,
      String exclusion,
      boolean noObserved,
      long bwMean,
      long bwFilt,
      long bwMedian,
      Long obsLast,
      Long obsMean,
      Long avg,
      Long bur,
      Long consensusBandwidth,
      Boolean consensusUnmeasured,
      double minTime,
      double maxTime,
      int results,
      int attempts) implements Serializable {}

  /** A generated bandwidth file: header key=values (in file order after the timestamp), lines. */
  public record GeneratedFile(long timestamp, Map<String, String> header, List<TreeMap<String, String>> lines)
      implements Serializable {

    /** The file in bandwidth-file-spec text format (version 1.x). */
    public String toText() {
      StringBuilder sb = new StringBuilder();
      sb.append(timestamp).append('\n');
      sb.append("version=").append(header.get("version")).append('\n');
      new TreeMap<>(header).forEach((k, v) -> {
        if (!k.equals("version")) {
          sb.append(k).append('=').append(v).append('\n');
        }
      });
      sb.append("=====\n");
      for (TreeMap<String, String> l : lines) {
        StringBuilder ls = new StringBuilder();
        l.forEach((k, v) -> ls.append(ls.length() == 0 ? "" : " ").append(k).append('=').append(v));
        sb.append(ls).append('\n');
      }
      return sb.toString();
    }
  }

  /** Aggregates one relay's results (any order; sorted by time here). */
  public static RelayLine relay(List<SbwsResult> input, Settings s) {
    List<SbwsResult> results = new ArrayList<>(input);
    results.sort(Comparator.comparingDouble(SbwsResult::time));
    SbwsResult first = results.get(0);
    TreeMap<String, String> k = new TreeMap<>();
    String fp = first.fingerprint();
    k.put("node_id", s.era() == Era.SBWS_E ? fp : "$" + fp);
    if (first.nickname() != null) {
      k.put("nick", first.nickname());
    }
    if (first.masterKeyEd25519() != null && !first.masterKeyEd25519().isEmpty()) {
      k.put("master_key_ed25519", first.masterKeyEd25519());
    }
    double maxTime = results.get(results.size() - 1).time();
    double minTime = results.get(0).time();
    k.put("time", iso(PyMath.round3(maxTime)));
    for (String t : new String[] {"success", "error-circ", "error-stream", "error-misc", "error-destination",
        "error-second-relay"}) {
      k.put(t.replace('-', '_'), Integer.toString((int) results.stream().filter(r -> t.equals(r.type())).count()));
    }
    k.put("relay_in_recent_consensus_count", Integer.toString(maxCount(results, SbwsResult::relayInRecentConsensusCount)));
    k.put("relay_recent_priority_list_count", Integer.toString(maxCount(results, SbwsResult::relayRecentPriorityListCount)));
    int attempts = maxCount(results, SbwsResult::relayRecentMeasurementAttemptCount);
    k.put("relay_recent_measurement_attempt_count", Integer.toString(attempts));
    k.put("vote", "0");
    k.put("unmeasured", "1");
    List<SbwsResult> ok = results.stream().filter(SbwsResult::isSuccess).toList();
    int errors = results.size() - ok.size();
    if (errors > 0) {
      k.put("relay_recent_measurements_excluded_error_count", Integer.toString(errors));
    }
    if (ok.isEmpty()) {
      return excluded(fp, k, "recent_measurements_excluded_error_count", minTime, maxTime, results.size(), attempts);
    }
    if (s.secsAway() != null && ok.size() >= 2 && !away(ok, s.secsAway())) {
      k.put("relay_recent_measurements_excluded_near_count", Integer.toString(ok.size()));
      return excluded(fp, k, "recent_measurements_excluded_near_count", minTime, maxTime, results.size(), attempts);
    }
    if (ok.size() < s.minNum()) {
      k.put("relay_recent_measurements_excluded_few_count", Integer.toString(ok.size()));
      return excluded(fp, k, "recent_measurements_excluded_few_count", minTime, maxTime, results.size(), attempts);
    }
    List<Double> speedList = new ArrayList<>();
    for (SbwsResult r : ok) {
      for (double x : r.speeds()) {
        speedList.add(x);
      }
    }
    double[] speeds = speedList.stream().mapToDouble(Double::doubleValue).toArray();
    if (speeds.length == 0) {
      return excluded(fp, k, "recent_measurements_excluded_error_count", minTime, maxTime, results.size(), attempts);
    }
    long median = Math.max(PyMath.round3(PyMath.median(speeds)), 1);
    long mean = Math.max(PyMath.round3(PyMath.meanOfDoubles(speeds)), 1);
    long filt = bwFilt(speeds);
    Long avg = last(ok, SbwsResult::relayAverageBandwidth);
    Long bur = last(ok, SbwsResult::relayBurstBandwidth);
    Long cb = last(ok, SbwsResult::consensusBandwidth);
    Boolean unm = last(ok, SbwsResult::consensusBandwidthIsUnmeasured);
    Long obsLast = last(ok, SbwsResult::relayObservedBandwidth);
    List<Long> obs = ok.stream().map(SbwsResult::relayObservedBandwidth).filter(x -> x != null).toList();
    Long obsMean = obs.isEmpty() ? null : PyMath.round3(PyMath.meanOfLongs(PyMath.longs(obs)));
    if (obsMean != null && s.era() == Era.SBWS_A) {
      obsMean = Math.max(obsMean, 1);
    }
    boolean noObserved = obsLast == null && (s.era() != Era.SBWS_B || cb == null);
    if (noObserved && s.era() != Era.SBWS_A) {
      // sbws >= 1.2: no observed bandwidth (nor consensus weight): a bare "bw=1 node_id=" line
      TreeMap<String, String> bare = new TreeMap<>();
      bare.put("node_id", k.get("node_id"));
      return new RelayLine(fp, bare, "no_observed", true, 0, 0, 0, null, null, null, null, null, null, minTime, maxTime,
          results.size(), attempts);
    }
    k.remove("vote");
    k.remove("unmeasured");
    List<Long> rtts = new ArrayList<>();
    for (SbwsResult r : ok) {
      for (double rtt : r.rtts()) {
        rtts.add(PyMath.round3(rtt * 1000));
      }
    }
    if (!rtts.isEmpty()) {
      long rtt = PyMath.round3(PyMath.median(rtts.stream().mapToDouble(Long::doubleValue).toArray()));
      if (rtt != 0) {
        k.put("rtt", Long.toString(rtt));
      }
    }
    k.put("bw_mean", Long.toString(mean));
    k.put("bw_median", Long.toString(median));
    putIf(k, "desc_bw_avg", avg);
    putIf(k, "desc_bw_bur", bur);
    if (s.era() == Era.SBWS_A || s.era() == Era.SBWS_B) {
      putIf(k, "consensus_bandwidth", cb);
      if (unm != null) {
        k.put("consensus_bandwidth_is_unmeasured", unm ? "True" : "False");
      }
    }
    putIf(k, "desc_bw_obs_last", obsLast);
    putIf(k, "desc_bw_obs_mean", obsMean);
    return new RelayLine(fp, k, null, false, mean, filt, median, obsLast, obsMean, avg, bur, cb, unm, minTime, maxTime,
        results.size(), attempts);
  }

  /** sbws {@code bw_filt}: mean of the speeds at or above their mean, rounded; the mean if none. */
  static long bwFilt(double[] speeds) {
    long m = PyMath.round3(PyMath.meanOfDoubles(speeds));
    double[] above = java.util.Arrays.stream(speeds).filter(x -> x >= m).toArray();
    return above.length == 0 ? m : PyMath.round3(PyMath.meanOfDoubles(above));
  }

  /**
   * Scales the eligible lines, writes the excluded ones after them, fills the header.
   *
   * @param consensusRelays number of relays in the consensus at generation, or null (then the
   *     number of relays with results is used)
   * @param inConsensus fingerprints in that consensus (era B-E cap sum), or null for all lines
   * @param generated the generation time (file_created)
   */
  public static GeneratedFile finish(List<RelayLine> relays, Settings s, Integer consensusRelays,
      Set<String> inConsensus, Instant generated) {
    List<RelayLine> scaled = new ArrayList<>();
    List<RelayLine> excludedLines = new ArrayList<>();
    Map<String, Integer> exclusions = new TreeMap<>();
    for (String key : new String[] {"recent_measurements_excluded_error_count", "recent_measurements_excluded_near_count",
        "recent_measurements_excluded_old_count", "recent_measurements_excluded_few_count"}) {
      exclusions.put(key, 0);
    }
    double minTime = Double.POSITIVE_INFINITY;
    double maxTime = Double.NEGATIVE_INFINITY;
    int attempts = 0;
    int results = 0;
    for (RelayLine r : relays) {
      minTime = Math.min(minTime, r.minTime());
      maxTime = Math.max(maxTime, r.maxTime());
      attempts += r.attempts();
      results += r.results();
      if (r.exclusion() == null) {
        scaled.add(r);
      } else {
        excludedLines.add(r);
        exclusions.computeIfPresent(r.exclusion(), (key, v) -> v + 1);
      }
    }
    excludedLines.sort(Comparator.comparing(RelayLine::fingerprint));
    List<TreeMap<String, String>> scaledOut = scale(scaled, s, inConsensus);
    Map<String, String> h = new TreeMap<>();
    h.put("version", s.formatVersion());
    h.put("software", "torspark");
    h.put("software_version", "sbws-" + s.emulated());
    h.put("file_created", iso(generated.getEpochSecond()));
    long latest = PyMath.round3(maxTime);
    h.put("latest_bandwidth", iso(latest));
    h.put("earliest_bandwidth", iso(PyMath.round3(minTime)));
    exclusions.forEach((key, v) -> h.put(key, Integer.toString(v)));
    int ncons = consensusRelays != null ? consensusRelays : relays.size();
    int eligible = scaledOut.size();
    long minimum = PyMath.round3(ncons * MIN_REPORT / 100.0);
    h.put("number_consensus_relays", Integer.toString(ncons));
    h.put("number_eligible_relays", Integer.toString(eligible));
    h.put("minimum_number_eligible_relays", Long.toString(minimum));
    h.put("minimum_percent_eligible_relays", Integer.toString(MIN_REPORT));
    h.put("percent_eligible_relays", Long.toString(ncons == 0 ? 0 : PyMath.round3(eligible * 100.0 / ncons)));
    h.put("recent_measurement_attempt_count", Integer.toString(attempts));
    h.put("recent_priority_relay_count", Integer.toString(attempts));
    h.put("recent_measurement_failure_count", Integer.toString(Math.max(attempts - results, 0)));
    if (eligible > 0 && ncons > 0 && eligible >= ncons / 2.0) {
      double elapsed = PyMath.round3(maxTime) - PyMath.round3(minTime);
      h.put("time_to_report_half_network", Long.toString(PyMath.round3(elapsed * (ncons / 2.0) / eligible)));
    }
    if ((s.era() == Era.SBWS_D || s.era() == Era.SBWS_E) && !scaled.isEmpty()) {
      h.put("mu", Long.toString(PyMath.round3(mu(scaled))));
      h.put("muf", Long.toString(PyMath.round3(muf(scaled, s))));
    }
    boolean under = eligible < minimum;
    List<TreeMap<String, String>> lines = new ArrayList<>(scaledOut);
    List<TreeMap<String, String>> excludedOut = new ArrayList<>();
    for (RelayLine r : excludedLines) {
      excludedOut.add(new TreeMap<>(r.keys()));
    }
    if (under) {
      for (TreeMap<String, String> l : eligible == 0 ? excludedOut : lines) {
        if (l.size() > 1) {
          l.put("under_min_report", "1");
          l.put("vote", "0");
        }
      }
    }
    for (TreeMap<String, String> l : excludedOut) {
      if (!l.containsKey("bw")) {
        l.put("bw", "1");
      }
    }
    lines.addAll(excludedOut);
    return new GeneratedFile(latest, h, lines);
  }

  private static double mu(List<RelayLine> scaled) {
    return PyMath.meanOfLongs(scaled.stream().mapToLong(RelayLine::bwMean).toArray());
  }

  private static double muf(List<RelayLine> scaled, Settings s) {
    if (s.era() == Era.SBWS_A) {
      double m = mu(scaled);
      return PyMath.meanOfDoubles(scaled.stream().mapToDouble(l -> Math.max(l.bwMean(), m)).toArray());
    }
    return PyMath.meanOfLongs(scaled.stream().mapToLong(RelayLine::bwFilt).toArray());
  }

  /** Torflow scaling as the chosen sbws release did it; lines sorted by bw ascending. */
  static List<TreeMap<String, String>> scale(List<RelayLine> scaled, Settings s, Set<String> inConsensus) {
    List<TreeMap<String, String>> out = new ArrayList<>();
    if (scaled.isEmpty()) {
      return out;
    }
    double mu = mu(scaled);
    double muf = muf(scaled, s);
    double[] raw = new double[scaled.size()];
    boolean[] unscaled = new boolean[scaled.size()];
    double sum = 0;
    long sumBm = 0;
    for (int i = 0; i < scaled.size(); i++) {
      RelayLine l = scaled.get(i);
      sumBm += l.bwMean();
      Double in = inputBandwidth(l, s.era());
      if (in == null) {
        unscaled[i] = true;
        raw[i] = l.bwMedian();
        continue;
      }
      double ratio = s.era() == Era.SBWS_A ? Math.max(l.bwMean() / mu, Math.max(l.bwMean(), mu) / muf)
          : Math.max(l.bwMean() / mu, l.bwFilt() / muf);
      raw[i] = ratio * in;
      if (inConsensus == null || inConsensus.contains(l.fingerprint())) {
        sum += raw[i];
      }
    }
    List<long[]> order = new ArrayList<>();
    for (int i = 0; i < scaled.size(); i++) {
      RelayLine l = scaled.get(i);
      long bw;
      if (s.era() == Era.SBWS_A) {
        // 1.0.3-1.1: round first, then the (byte-valued) cap, then at least 1; unscaled lines keep bw_median
        bw = unscaled[i] ? l.bwMedian()
            : Math.max((long) Math.min(ScalingCheck.CAP * sumBm, PyMath.kbRoundSigDig(raw[i], ScalingCheck.SBWS_DIGITS)), 1);
      } else {
        bw = PyMath.kbRoundSigDig(Math.min(ScalingCheck.CAP * sum, raw[i]), ScalingCheck.SBWS_DIGITS);
      }
      TreeMap<String, String> k = new TreeMap<>(l.keys());
      k.put("bw", Long.toString(bw));
      if ((s.era() == Era.SBWS_D || s.era() == Era.SBWS_E) && !unscaled[i]) {
        k.put("r_strm", String.format(Locale.ROOT, "%.2f", l.bwMean() / mu));
        k.put("r_strm_filt", String.format(Locale.ROOT, "%.2f", l.bwFilt() / muf));
      }
      out.add(k);
      order.add(new long[] {bw, i});
    }
    // sbws sorts by bw (stable): keep that order
    List<TreeMap<String, String>> sorted = new ArrayList<>();
    order.stream().sorted(Comparator.comparingLong(a -> a[0])).forEach(a -> sorted.add(out.get((int) a[1])));
    return sorted;
  }

  /** min_i for the era, from the aggregated values; null when the relay cannot be scaled. */
  static Double inputBandwidth(RelayLine l, Era era) {
    switch (era) {
      case SBWS_A -> {
        if (l.obsLast() == null || l.avg() == null) {
          return null;
        }
        long desc = Math.min(l.obsLast(), l.avg());
        if (l.bur() != null) {
          desc = Math.min(desc, l.bur());
        }
        if (Boolean.TRUE.equals(l.consensusUnmeasured()) || l.consensusBandwidth() == null) {
          return (double) desc;
        }
        return (double) Math.min(desc, l.consensusBandwidth());
      }
      case SBWS_B -> {
        Long obs = l.obsLast() != null && l.obsLast() != 0 ? l.obsLast() : l.obsMean();
        Long cb = l.consensusBandwidth();
        if (obs != null) {
          long desc = descMin(obs, l);
          if (Boolean.TRUE.equals(l.consensusUnmeasured()) || cb == null || cb == 0) {
            return (double) obs;
          }
          return (double) Math.min(desc, cb);
        }
        return cb == null ? null : (double) cb;
      }
      default -> {
        Long obs = l.obsLast() != null && l.obsLast() != 0 ? l.obsLast() : l.obsMean();
        return obs == null ? null : (double) descMin(obs, l);
      }
    }
  }

  private static long descMin(long obs, RelayLine l) {
    long d = obs;
    if (l.bur() != null) {
      d = Math.min(d, l.bur());
    }
    if (l.avg() != null) {
      d = Math.min(d, l.avg());
    }
    return d;
  }

  private static RelayLine excluded(String fp, TreeMap<String, String> k, String reason, double minTime, double maxTime,
      int results, int attempts) {
    k.put("bw", "1");
    return new RelayLine(fp, k, reason, false, 0, 0, 0, null, null, null, null, null, null, minTime, maxTime, results,
        attempts);
  }

  private static boolean away(List<SbwsResult> ok, double secs) {
    double min = ok.stream().mapToDouble(SbwsResult::time).min().orElse(0);
    double max = ok.stream().mapToDouble(SbwsResult::time).max().orElse(0);
    return Math.abs(max - min) > secs;
  }

  private static int maxCount(List<SbwsResult> results, java.util.function.Function<SbwsResult, Integer> f) {
    int m = 0;
    for (SbwsResult r : results) {
      Integer v = f.apply(r);
      if (v != null && v > m) {
        m = v;
      }
    }
    return m;
  }

  private static <T> T last(List<SbwsResult> results, java.util.function.Function<SbwsResult, T> f) {
    for (int i = results.size() - 1; i >= 0; i--) {
      T v = f.apply(results.get(i));
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static void putIf(TreeMap<String, String> k, String key, Long v) {
    if (v != null) {
      k.put(key, Long.toString(v));
    }
  }

  static String iso(long epochSeconds) {
    return ISO.format(Instant.ofEpochSecond(epochSeconds));
  }
}
