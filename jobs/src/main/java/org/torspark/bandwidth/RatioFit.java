package org.torspark.bandwidth;

import java.util.ArrayList;
import java.util.List;

/**
 * For sbws files of eras A0 and A whose scaled set is incomplete (CollecTor samples, cropped
 * copies): the network means mu and muf are unknown, but the formula still constrains every line.
 * There r_i = max(bw_mean_i / mu, c) with one constant c = mu / muf in (0, 1] (muf, a mean of
 * max(bw_mean, mu), is at least mu), and the published bw pins r_i into an interval [lo_i, hi_i]
 * (the values that round to bw). The file follows the formula iff some mu and c satisfy every
 * line. For a given mu the lines whose stream ratio is too small need c >= lo_i, and every line
 * needs c <= hi_i: raising mu only adds lines of the first kind, so the smallest admissible mu
 * (max_i bw_mean_i / hi_i) decides. Lines that no (mu, c) reconciles with the rest are removed
 * greedily, each removal the one that most reduces the conflict, and reported as outliers.
 */
final class RatioFit {
  private static final double TOL = 1e-9;

  /** One line: its bw_mean and the interval of ratios its published bw allows. */
  record Line(int index, double bwMean, double lo, double hi) {}

  /** The fit: which lines are outliers and the range of (mu, c) that fits the rest. */
  record Fit(boolean feasible, List<Integer> outliers, double muMin, double cLow, double cHigh) {}

  private RatioFit() {}

  static Fit fit(List<Line> lines, int maxRemovals) {
    List<Line> active = new ArrayList<>(lines);
    List<Integer> removed = new ArrayList<>();
    while (true) {
      Eval e = evaluate(active);
      if (e.conflict() <= TOL) {
        return new Fit(true, removed, e.muMin(), Math.max(e.cLow(), 0), e.cHigh());
      }
      if (removed.size() >= maxRemovals || active.size() <= 1) {
        return new Fit(false, removed, e.muMin(), e.cLow(), e.cHigh());
      }
      // try removing each line that defines a bound; keep the removal that leaves the least conflict
      int best = -1;
      double bestConflict = Double.POSITIVE_INFINITY;
      for (int candidate : new int[] {e.muArg(), e.lowArg(), e.highArg()}) {
        if (candidate < 0) {
          continue;
        }
        List<Line> trial = new ArrayList<>(active);
        trial.remove(candidate);
        double c = evaluate(trial).conflict();
        if (c < bestConflict) {
          bestConflict = c;
          best = candidate;
        }
      }
      if (best < 0) {
        return new Fit(false, removed, e.muMin(), e.cLow(), e.cHigh());
      }
      removed.add(active.remove(best).index());
    }
  }

  private record Eval(double conflict, double muMin, double cLow, double cHigh, int muArg, int lowArg, int highArg) {}

  private static Eval evaluate(List<Line> lines) {
    double muMin = 0;
    int muArg = -1;
    double cHigh = 1;
    int highArg = -1;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      if (Double.isFinite(l.hi())) {
        double m = l.bwMean() / l.hi();
        if (m > muMin) {
          muMin = m;
          muArg = i;
        }
        if (l.hi() < cHigh) {
          cHigh = l.hi();
          highArg = i;
        }
      }
    }
    double cLow = Double.NEGATIVE_INFINITY;
    int lowArg = -1;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      double stream = muMin > 0 ? l.bwMean() / muMin : Double.POSITIVE_INFINITY;
      if (stream < l.lo() * (1 - TOL) && l.lo() > cLow) {
        cLow = l.lo();
        lowArg = i;
      }
    }
    double conflict = cLow - cHigh * (1 + TOL);
    return new Eval(Math.max(conflict, 0), muMin, cLow, cHigh, muArg, lowArg, highArg);
  }

  /**
   * The values n (kilobytes) that sbws's 2-significant-digit rounding turns into v: [lo, hi]
   * (boundaries included; ties are immaterial at the tolerance used).
   */
  static double[] sigDigInterval(long v) {
    if (v <= 1) {
      return new double[] {Double.NEGATIVE_INFINITY, 1.5};
    }
    int k = ScalingCheck.digits(v);
    double unit = Math.pow(10, Math.max(k - ScalingCheck.SBWS_DIGITS, 0));
    double unitBelow = Math.pow(10, Math.max(k - 1 - ScalingCheck.SBWS_DIGITS, 0));
    boolean pow10 = v == (long) Math.pow(10, k - 1);
    double lo = v - (pow10 ? unitBelow : unit) / 2;
    return new double[] {lo, v + unit / 2};
  }

  /** The same for sbws <= 1.0.2, which rounded kilobytes to the nearest 1000 and floored at 1. */
  static double[] legacyInterval(long v) {
    if (v <= 1) {
      return new double[] {Double.NEGATIVE_INFINITY, 500};
    }
    return new double[] {v - 500, v + 500};
  }
}
