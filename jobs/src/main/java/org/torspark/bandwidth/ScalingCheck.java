package org.torspark.bandwidth;

import java.util.ArrayList;
import java.util.List;
import org.torspark.bandwidth.RelayCheck.Status;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.BandwidthRelayLine;

/**
 * Recomputes every relay's {@code bw} from a bandwidth file's own fields with the algorithm of the
 * program and release that wrote it (formats.md §4.2-§4.4), and says per line whether the
 * published value follows: exactly, within rounding, consistently with the bounds the file allows
 * (when inputs are missing), or not.
 *
 * <p>sbws defaults are assumed (Torflow scaling, cap 0.05, 2 significant digits, last observed
 * bandwidth): no published file says otherwise.
 */
public final class ScalingCheck {
  /** sbws TORFLOW_BW_MARGIN. */
  static final double CAP = 0.05;
  /** sbws PROP276_ROUND_DIG. */
  static final int SBWS_DIGITS = 2;
  /** r_strm and r_strm_filt are written with 2 decimals. */
  static final double R_HALF_STEP = 0.005;

  private final BandwidthFile file;
  private final Era.Classification era;
  private final List<RelayCheck> results = new ArrayList<>();
  private final List<String> checks = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Boolean complete;
  private Double mu;
  private Double meanImpliedRatio;
  private Boolean underMinReportOk;

  private ScalingCheck(BandwidthFile file, Era.Classification era) {
    this.file = file;
    this.era = era;
  }

  /** The result: one check per relay line, in file order, and the file summary. */
  public record Result(FileCheck file, List<RelayCheck> relays) {}

  /** Classifies the file and checks it. */
  public static Result check(BandwidthFile file) {
    return check(file, Era.classify(file));
  }

  /** Checks the file against a given era (e.g. to test a file against another era's formula). */
  public static Result check(BandwidthFile file, Era.Classification era) {
    ScalingCheck c = new ScalingCheck(file, era);
    c.run();
    return c.result();
  }

  private void run() {
    switch (era.era()) {
      case TORFLOW -> torflow();
      case UNKNOWN -> {
        missing.add("generator-algorithm");
        for (BandwidthRelayLine l : file.relays()) {
          results.add(notCheckable(l, "unknown-generator", era.reason()));
        }
      }
      default -> sbws();
    }
  }

  private Result result() {
    int exact = 0;
    int within = 0;
    int consistent = 0;
    int outliers = 0;
    int notCheckable = 0;
    int excluded = 0;
    for (RelayCheck r : results) {
      switch (r.status()) {
        case EXACT -> exact++;
        case WITHIN_ROUNDING -> within++;
        case CONSISTENT -> consistent++;
        case OUTLIER -> outliers++;
        case NOT_CHECKABLE -> notCheckable++;
      }
      if (r.excluded()) {
        excluded++;
      }
    }
    FileCheck fc = new FileCheck(era.era(), era.generator(), era.reason(), results.size(), results.size() - excluded,
        excluded, exact, within, consistent, outliers, notCheckable, complete, mu, file.mu(), file.muf(),
        meanImpliedRatio, underMinReportOk, List.copyOf(checks), List.copyOf(missing), List.copyOf(notes));
    return new Result(fc, List.copyOf(results));
  }

  // ---------------------------------------------------------------------------------------------
  // Torflow

  private void torflow() {
    checks.add("pid-bw-rounding");
    missing.add("stream-measurements");
    missing.add("previous-vote");
    missing.add("previous-consensus");
    double sumPidBw = 0;
    for (BandwidthRelayLine l : file.relays()) {
      if (l.pidBw() != null) {
        sumPidBw += l.pidBw();
      }
    }
    // Torflow's tot_net_bw sums new_bw over relays in the previous consensus: the file's pid_bw sum
    // is the closest we have.
    long capKb = PyMath.base10Round(Math.floor(CAP * sumPidBw));
    checks.add("cap-approx");
    for (BandwidthRelayLine l : file.relays()) {
      if (l.pidBw() == null || l.bw() == null) {
        results.add(notCheckable(l, "torflow-pid-bw", "no pid_bw"));
        continue;
      }
      long expected = PyMath.base10Round(l.pidBw());
      Double ratio = l.pidError() == null ? null : 1 + l.pidError();
      Double descBw = ratio == null || ratio == 0 ? null : l.pidBw() / ratio;
      boolean fresh = l.measuredAt() != null && l.measuredAt().equals(l.updatedAt());
      if (!fresh) {
        results.add(new RelayCheck(l.fingerprint(), l.nick(), l.bw(), expected, null, null, Status.NOT_CHECKABLE,
            "torflow-copied-vote", "measured_at != updated_at: bw recomputed from a previous vote's pid values",
            ratio, descBw, false));
        continue;
      }
      long step = Math.max(pow10(digits(expected) - 3), 1);
      Status st;
      String detail;
      if (l.bw() == expected) {
        st = Status.EXACT;
        detail = null;
      } else if (Math.abs(l.bw() - expected) <= step) {
        st = Status.WITHIN_ROUNDING;
        detail = "base10_round(pid_bw) = " + expected;
      } else if (l.bw() == capKb && expected > capKb) {
        st = Status.CONSISTENT;
        detail = "capped at 5% of the file's pid_bw sum (" + capKb + ")";
      } else {
        st = Status.OUTLIER;
        detail = "bw " + l.bw() + " != base10_round(pid_bw " + l.pidBw() + ") = " + expected;
      }
      results.add(new RelayCheck(l.fingerprint(), l.nick(), l.bw(), expected, expected,
          expected, st, "torflow-pid-bw", detail, ratio, descBw, false));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // sbws

  private void sbws() {
    List<BandwidthRelayLine> scaled = new ArrayList<>();
    for (BandwidthRelayLine l : file.relays()) {
      if (!isExcluded(l)) {
        scaled.add(l);
      }
    }
    Integer eligible = file.numberEligibleRelays();
    if (eligible != null) {
      complete = eligible == scaled.size();
      if (!complete) {
        notes.add("header number_eligible_relays=" + eligible + " but " + scaled.size()
            + " scaled lines: the file is cropped or was edited, network means are unknown");
      }
    } else {
      notes.add("no number_eligible_relays header: assuming the scaled lines are the whole scaled set");
    }
    boolean meansKnown = complete == null || complete;
    long sumBm = 0;
    long[] means = new long[scaled.size()];
    int withMean = 0;
    for (BandwidthRelayLine l : scaled) {
      Long bm = l.bwMean();
      if (bm != null) {
        sumBm += bm;
        means[withMean++] = bm;
      }
    }
    means = java.util.Arrays.copyOf(means, withMean);
    if (withMean > 0) {
      double m = PyMath.meanOfLongs(means);
      if (meansKnown) {
        mu = m;
      }
    }
    checkUnderMinReport(scaled);
    checks.add("excluded-bw-1");
    switch (era.era()) {
      case SBWS_A0 -> {
        if (meansKnown) {
          checks.add("exact-a0");
        } else {
          missing.add("scaled-set");
        }
      }
      case SBWS_A -> {
        if (meansKnown) {
          checks.add("exact-a");
        } else {
          missing.add("scaled-set");
        }
      }
      case SBWS_A_OR_B -> {
        if (meansKnown) {
          checks.add("exact-a");
          checks.add("stream-ratio-bound");
          missing.add("bw-filt");
        } else {
          missing.add("scaled-set");
        }
      }
      case SBWS_B, SBWS_C -> {
        missing.add("bw-filt");
        missing.add("consensus-at-generation");
        if (meansKnown) {
          checks.add("stream-ratio-bound");
          checks.add("cap-approx");
        } else {
          missing.add("scaled-set");
        }
      }
      default -> {
        checks.add("r-strm-exact");
        missing.add("consensus-at-generation");
        if (!meansKnown) {
          missing.add("scaled-set");
        }
        if (file.mu() != null) {
          checks.add("r-strm-vs-header-mu");
        }
      }
    }
    double muf = 0;
    if (mu != null) {
      double m = mu;
      double[] floored = new double[means.length];
      for (int i = 0; i < means.length; i++) {
        floored[i] = Math.max(means[i], m);
      }
      muf = PyMath.meanOfDoubles(floored);
    }
    // Era B-E: Σ of the raw scaled values over the relays in tor's consensus at generation time.
    // Unknown: approximated with the published values (1000 * bw) of all scaled lines (bounds) or
    // with the recomputed raw values (D/E).
    double hlimitApprox = 0;
    if (meansKnown) {
      double sum = 0;
      if (era.era() == Era.SBWS_D || era.era() == Era.SBWS_E) {
        for (BandwidthRelayLine l : scaled) {
          Double in = minBandwidth(l, Era.SBWS_C);
          Double r = rMax(l);
          if (in != null && r != null) {
            sum += r * in;
          }
        }
      } else {
        for (BandwidthRelayLine l : scaled) {
          if (l.bw() != null) {
            sum += 1000.0 * l.bw();
          }
        }
      }
      hlimitApprox = CAP * sum;
    }
    java.util.Map<Integer, RelayCheck> fitted = (!meansKnown && (era.era() == Era.SBWS_A0 || era.era() == Era.SBWS_A
        || era.era() == Era.SBWS_A_OR_B)) ? ratioFit() : java.util.Map.of();
    double ratioSum = 0;
    int ratioCount = 0;
    int rStrmMismatch = 0;
    for (BandwidthRelayLine l : file.relays()) {
      if (isExcluded(l)) {
        results.add(excluded(l));
        continue;
      }
      RelayCheck rc;
      int index = results.size();
      if (fitted.containsKey(index)) {
        results.add(fitted.get(index));
        continue;
      }
      switch (era.era()) {
        case SBWS_A0 -> rc = meansKnown ? exactA0(l, muf) : notCheckable(l, "exact-a0", "network means unknown (file incomplete)");
        case SBWS_A -> rc = meansKnown ? exactA(l, muf, sumBm) : notCheckable(l, "exact-a", "network means unknown (file incomplete)");
        case SBWS_A_OR_B -> {
          if (!meansKnown) {
            rc = notCheckable(l, "exact-a", "network means unknown (file incomplete)");
          } else {
            rc = exactA(l, muf, sumBm);
            if (rc.status() == Status.OUTLIER || rc.status() == Status.NOT_CHECKABLE) {
              RelayCheck b = streamBound(l, Era.SBWS_B, hlimitApprox);
              if (b.status() == Status.CONSISTENT) {
                rc = b;
              }
            }
          }
        }
        case SBWS_B, SBWS_C -> rc = meansKnown ? streamBound(l, era.era(), hlimitApprox)
            : notCheckable(l, "stream-ratio-bound", "mu unknown (file incomplete)");
        default -> rc = rStrmExact(l, meansKnown ? hlimitApprox : Double.NaN);
      }
      results.add(rc);
      Double in = minBandwidth(l, era.era() == Era.SBWS_A0 || era.era() == Era.SBWS_A ? era.era() : Era.SBWS_B);
      if (in != null && in > 0 && l.bw() != null) {
        ratioSum += 1000.0 * l.bw() / in;
        ratioCount++;
      }
      if (file.mu() != null && file.mu() > 0 && l.rStrm() != null && l.bwMean() != null) {
        double expectedR = (double) l.bwMean() / file.mu();
        if (Math.abs(expectedR - l.rStrm()) > R_HALF_STEP + 1e-9 + expectedR * 0.5 / file.mu()) {
          rStrmMismatch++;
        }
      }
    }
    if (ratioCount > 0 && (era.era() == Era.SBWS_B || era.era() == Era.SBWS_C || era.era() == Era.SBWS_A_OR_B)) {
      meanImpliedRatio = ratioSum / ratioCount;
    }
    if (rStrmMismatch > 0) {
      notes.add(rStrmMismatch + " lines have r_strm != bw_mean / header mu (beyond 2-decimal rounding)");
    }
    if (file.mu() != null && mu != null && Math.abs(PyMath.round3(mu) - file.mu()) > 0) {
      notes.add("header mu=" + file.mu() + " but the mean of bw_mean over the scaled lines is " + PyMath.round3(mu));
    }
  }

  /**
   * Eras A0/A on an incomplete file: fit one (mu, c) to every line (see {@link RatioFit}). Returns
   * the verdict per line index for the lines the fit covers.
   */
  private java.util.Map<Integer, RelayCheck> ratioFit() {
    boolean legacy = era.era() == Era.SBWS_A0;
    Era formula = legacy ? Era.SBWS_A0 : Era.SBWS_A;
    String check = legacy ? "ratio-fit-a0" : "ratio-fit-a";
    List<RatioFit.Line> lines = new ArrayList<>();
    java.util.Map<Integer, RelayCheck> out = new java.util.HashMap<>();
    List<BandwidthRelayLine> all = file.relays();
    for (int i = 0; i < all.size(); i++) {
      BandwidthRelayLine l = all.get(i);
      Double in = minBandwidth(l, formula);
      if (isExcluded(l) || l.bw() == null || in == null) {
        continue;
      }
      if (in <= 0) {
        // r * 0 rounds to 1 whatever r is
        boolean ok = l.bw() == 1;
        out.put(i, new RelayCheck(l.fingerprint(), l.nick(), l.bw(), 1L, 1L, 1L, ok ? Status.EXACT : Status.OUTLIER,
            check, ok ? "zero input bandwidth gives 1" : "input bandwidth 0 but bw " + l.bw(), null, in, false));
        continue;
      }
      double[] n = legacy ? RatioFit.legacyInterval(l.bw()) : RatioFit.sigDigInterval(l.bw());
      lines.add(new RatioFit.Line(i, l.bwMean(), n[0] * 1000 / in, n[1] * 1000 / in));
    }
    if (lines.isEmpty()) {
      return out;
    }
    RatioFit.Fit fit = RatioFit.fit(lines, Math.max(2, lines.size() / 10));
    if (!fit.feasible()) {
      notes.add("no network mean and constant ratio fit the lines even after removing " + fit.outliers().size()
          + " of them: the file does not follow formula " + (legacy ? "A0" : "A") + " or is not from this era");
      for (RatioFit.Line fl : lines) {
        BandwidthRelayLine l = all.get(fl.index());
        out.put(fl.index(), new RelayCheck(l.fingerprint(), l.nick(), l.bw(), null, null, null, Status.OUTLIER, check,
            "no (mu, mu/muf) fits the file", null, minBandwidth(l, formula), false));
      }
      return out;
    }
    checks.add(check);
    notes.add(String.format(java.util.Locale.ROOT,
        "formula %s fits %d of %d lines with mu >= %.0f and mu/muf in [%.4f, %.4f]", legacy ? "A0" : "A",
        lines.size() - fit.outliers().size(), lines.size(), fit.muMin(), fit.cLow(), fit.cHigh()));
    java.util.Set<Integer> bad = new java.util.HashSet<>(fit.outliers());
    for (RatioFit.Line fl : lines) {
      BandwidthRelayLine l = all.get(fl.index());
      boolean outlier = bad.contains(fl.index());
      out.put(fl.index(), new RelayCheck(l.fingerprint(), l.nick(), l.bw(), null, null, null,
          outlier ? Status.OUTLIER : Status.CONSISTENT, check,
          outlier ? String.format(java.util.Locale.ROOT, "implied ratio in [%.4f, %.4f] fits no (mu, c) that fits the other lines",
              fl.lo(), fl.hi()) : null,
          null, minBandwidth(l, formula), false));
    }
    return out;
  }

  private static boolean isExcluded(BandwidthRelayLine l) {
    return Boolean.TRUE.equals(l.unmeasured()) || l.bwMean() == null;
  }

  private void checkUnderMinReport(List<BandwidthRelayLine> scaled) {
    Integer eligible = file.numberEligibleRelays();
    Integer minimum = file.minimumNumberEligibleRelays();
    if (eligible == null || minimum == null) {
      return;
    }
    boolean under = eligible < minimum;
    boolean ok = true;
    for (BandwidthRelayLine l : scaled) {
      boolean marked = Boolean.TRUE.equals(l.underMinReport());
      if (marked != under || (under && !Boolean.FALSE.equals(l.vote()))) {
        ok = false;
      }
    }
    underMinReportOk = ok;
    checks.add("under-min-report");
    if (!ok) {
      notes.add("under_min_report marks disagree with number_eligible_relays=" + eligible
          + " vs minimum_number_eligible_relays=" + minimum);
    }
  }

  private RelayCheck excluded(BandwidthRelayLine l) {
    boolean ok = l.bw() != null && l.bw() == 1;
    return new RelayCheck(l.fingerprint(), l.nick(), l.bw(), 1L, 1L, 1L, ok ? Status.EXACT : Status.OUTLIER,
        "excluded-bw-1", ok ? null : "excluded relay (unmeasured or no measurements) with bw " + l.bw() + " != 1",
        null, null, true);
  }

  /**
   * The bandwidth the ratio multiplies (min_i), per era; null when the line cannot be scaled.
   * Era A0 uses the observed bandwidth alone.
   */
  static Double minBandwidth(BandwidthRelayLine l, Era era) {
    switch (era) {
      case SBWS_A0 -> {
        return l.descBwObsLast() == null ? null : (double) l.descBwObsLast();
      }
      case SBWS_A -> {
        Long obs = l.descBwObsLast();
        if (obs == null || l.descBwAvg() == null) {
          return null;
        }
        long desc = Math.min(obs, l.descBwAvg());
        if (l.descBwBur() != null) {
          desc = Math.min(desc, l.descBwBur());
        }
        if (Boolean.TRUE.equals(l.consensusBandwidthIsUnmeasured()) || l.consensusBandwidth() == null) {
          return (double) desc;
        }
        return (double) Math.min(desc, l.consensusBandwidth());
      }
      case SBWS_B, SBWS_A_OR_B -> {
        Long obs = observed(l);
        Long cb = l.consensusBandwidth();
        if (obs != null) {
          long desc = descMin(obs, l);
          if (Boolean.TRUE.equals(l.consensusBandwidthIsUnmeasured()) || cb == null || cb == 0) {
            return (double) obs; // sbws 1.2 uses the observed value here, not the minimum
          }
          return (double) Math.min(desc, cb);
        }
        return cb == null ? null : (double) cb;
      }
      default -> {
        Long obs = observed(l);
        return obs == null ? null : (double) descMin(obs, l);
      }
    }
  }

  /** desc_bw_obs_last, or desc_bw_obs_mean when the last is 0 or absent (sbws >= 1.2). */
  private static Long observed(BandwidthRelayLine l) {
    Long last = l.descBwObsLast();
    if (last != null && last != 0) {
      return last;
    }
    return l.descBwObsMean();
  }

  private static long descMin(long obs, BandwidthRelayLine l) {
    long d = obs;
    if (l.descBwBur() != null) {
      d = Math.min(d, l.descBwBur());
    }
    if (l.descBwAvg() != null) {
      d = Math.min(d, l.descBwAvg());
    }
    return d;
  }

  private RelayCheck exactA0(BandwidthRelayLine l, double muf) {
    Double in = minBandwidth(l, Era.SBWS_A0);
    if (in == null) {
      return notCheckable(l, "exact-a0", "no desc_bw_obs_last");
    }
    double r = ratioA(l.bwMean(), muf);
    long expected = PyMath.kbRoundThousandsLegacy(r * in);
    // the legacy rounding unit is 1000 KB
    return compare(l, expected, expected, expected, 1000, "exact-a0", r, in);
  }

  private RelayCheck exactA(BandwidthRelayLine l, double muf, long sumBm) {
    Double in = minBandwidth(l, Era.SBWS_A);
    double r = ratioA(l.bwMean(), muf);
    if (in == null) {
      // sbws 1.0.3-1.1.0 skip a line without descriptor values: it keeps bw_median (bytes/s)
      if (l.bwMedian() == null) {
        return notCheckable(l, "exact-a", "no descriptor values and no bw_median");
      }
      long expected = l.bwMedian();
      return compare(l, expected, expected, expected, 0, "exact-a-unscaled", r, null);
    }
    long kb = PyMath.kbRoundSigDig(r * in, SBWS_DIGITS);
    double hlimit = CAP * sumBm;
    long expected = Math.max((long) Math.min(hlimit, kb), 1);
    return compare(l, expected, expected, expected, step(expected), "exact-a", r, in);
  }

  private double ratioA(long bm, double muf) {
    double m = mu;
    return Math.max(bm / m, Math.max(bm, m) / muf);
  }

  /**
   * Eras B and C: bf_i (hence muf) is not in the file, but r_i = max(bm_i/mu, bf_i/muf) >= bm_i/mu,
   * so bw >= KB(bm_i/mu * min_i) unless the relay was capped at 5 % of the total.
   */
  private RelayCheck streamBound(BandwidthRelayLine l, Era formula, double hlimitApprox) {
    Era e = formula == Era.SBWS_A_OR_B ? Era.SBWS_B : formula;
    Double in = minBandwidth(l, e);
    double rs = l.bwMean() / mu;
    if (in == null) {
      if (e == Era.SBWS_B && l.bwMedian() != null) {
        // not scaled: sbws 1.2 rounds the unscaled bw_median
        long expected = PyMath.kbRoundSigDig(Math.min(hlimitApprox, l.bwMedian()), SBWS_DIGITS);
        return compare(l, expected, expected, expected, step(expected), "unscaled-median", null, null);
      }
      return notCheckable(l, "stream-ratio-bound", "no observed bandwidth");
    }
    long low = PyMath.kbRoundSigDig(Math.min(hlimitApprox, rs * in), SBWS_DIGITS);
    long capKb = PyMath.kbRoundSigDig(hlimitApprox, SBWS_DIGITS);
    Long bw = l.bw();
    if (bw == null) {
      return notCheckable(l, "stream-ratio-bound", "no bw");
    }
    if (bw >= low - step(low) && bw <= capKb + step(capKb)) {
      String detail = bw == low ? "the stream ratio alone reproduces bw" : "filtered ratio implied: "
          + String.format(java.util.Locale.ROOT, "%.4f", 1000.0 * bw / in) + " >= stream ratio "
          + String.format(java.util.Locale.ROOT, "%.4f", rs);
      return new RelayCheck(l.fingerprint(), l.nick(), bw, null, low, capKb, Status.CONSISTENT, "stream-ratio-bound",
          detail, rs, in, false);
    }
    String detail = bw < low ? "bw " + bw + " < KB(bw_mean/mu * min) = " + low
        : "bw " + bw + " above the 5% cap ~ " + capKb;
    return new RelayCheck(l.fingerprint(), l.nick(), bw, null, low, capKb, Status.OUTLIER, "stream-ratio-bound",
        detail, rs, in, false);
  }

  private static Double rMax(BandwidthRelayLine l) {
    if (l.rStrm() == null && l.rStrmFilt() == null) {
      return null;
    }
    double a = l.rStrm() == null ? 0 : l.rStrm();
    double b = l.rStrmFilt() == null ? 0 : l.rStrmFilt();
    return Math.max(a, b);
  }

  /** Eras D and E: bw = KB(min(cap, max(r_strm, r_strm_filt) * min_i)), the r values carrying 2 decimals. */
  private RelayCheck rStrmExact(BandwidthRelayLine l, double hlimit) {
    Double in = minBandwidth(l, Era.SBWS_C);
    Double r = rMax(l);
    if (in == null || r == null) {
      return notCheckable(l, "r-strm-exact", in == null ? "no observed bandwidth" : "no r_strm / r_strm_filt");
    }
    double cap = Double.isNaN(hlimit) ? Double.POSITIVE_INFINITY : hlimit;
    long expected = PyMath.kbRoundSigDig(Math.min(cap, r * in), SBWS_DIGITS);
    long lo = PyMath.kbRoundSigDig(Math.min(cap, Math.max(r - R_HALF_STEP, 0) * in), SBWS_DIGITS);
    long hi = PyMath.kbRoundSigDig(Math.min(cap, (r + R_HALF_STEP) * in), SBWS_DIGITS);
    RelayCheck c = compare(l, expected, lo, hi, step(expected), "r-strm-exact", r, in);
    if (c.status() == Status.OUTLIER && Double.isNaN(hlimit) && l.bw() != null && l.bw() < lo) {
      return new RelayCheck(c.fingerprint(), c.nick(), c.bw(), c.expectedBw(), null, hi, Status.NOT_CHECKABLE,
          "r-strm-exact", "below the ratio's value: capped? the 5% cap is unknown (file incomplete)", r, in, false);
    }
    return c;
  }

  private static RelayCheck compare(BandwidthRelayLine l, long expected, long lo, long hi, long step, String check,
      Double ratio, Double in) {
    Long bw = l.bw();
    if (bw == null) {
      return new RelayCheck(l.fingerprint(), l.nick(), null, expected, lo, hi, Status.NOT_CHECKABLE, check, "no bw",
          ratio, in, false);
    }
    // no detail: bw and expected_bw are the row's own columns (as text they were one new string per
    // line, 5 million a month, and a tenth of bandwidth-scaling's run to build and write)
    Status st;
    if (bw == expected) {
      st = Status.EXACT;
    } else if ((bw >= lo && bw <= hi) || Math.abs(bw - expected) <= step) {
      st = Status.WITHIN_ROUNDING;
    } else {
      st = Status.OUTLIER;
    }
    return new RelayCheck(l.fingerprint(), l.nick(), bw, expected, lo, hi, st, check, null, ratio, in, false);
  }

  private static RelayCheck notCheckable(BandwidthRelayLine l, String check, String why) {
    return new RelayCheck(l.fingerprint(), l.nick(), l.bw(), null, null, null, Status.NOT_CHECKABLE, check, why,
        null, null, false);
  }

  /** One unit of the last of 2 significant digits of v (kilobytes), at least 1. */
  static long step(long v) {
    return Math.max(pow10(digits(v) - SBWS_DIGITS), 1);
  }

  /** 10^0 to 10^18: every power of ten a long holds. */
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  /**
   * Decimal digits of v (1 for v <= 0), by comparison with powers of ten: exact for every long,
   * where floor(log10(v)) + 1 is one too many for 10^15 - 1 (the double rounds up to 10^15) and the
   * like above it; and cheaper, once or twice per relay line.
   */
  static int digits(long v) {
    int d = 1;
    while (d < POW10.length && v >= POW10[d]) {
      d++;
    }
    return d;
  }

  /** 10^e, 1 for e <= 0. */
  private static long pow10(int e) {
    return e <= 0 ? 1 : POW10[e];
  }
}
