package org.torspark.jobs.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tor Metrics' advertised-bandwidth distribution (advbwdist): percentiles and n-th fastest values of
 * one consensus. formats.md §5.5 notes that the page describes a nearest-rank percentile but the
 * code computes Commons Math's R-7 estimate (linear interpolation between closest ranks), floored,
 * with P0 = the minimum. We follow the code, so our figures match the published CSV; {@link
 * #nearestRank} is the page's definition, kept for comparison.
 */
public final class Percentiles {
  static final int[] PERCENTILES = {0, 1, 2, 3, 5, 9, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 91, 95, 97, 98, 99, 100};
  static final int[] RANKS = {1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000};

  private Percentiles() {}

  /** R-7 percentile of ascending values, floored: h = (n-1)·p/100; x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1]-x[⌊h⌋]). */
  static long r7Floor(long[] sorted, int p) {
    int n = sorted.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (p <= 0) {
      return sorted[0];
    }
    if (p >= 100) {
      return sorted[n - 1];
    }
    double h = (n - 1) * (p / 100.0);
    int lo = (int) Math.floor(h);
    double frac = h - lo;
    if (lo + 1 >= n) {
      return sorted[n - 1];
    }
    return (long) Math.floor(sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]));
  }

  /**
   * Spark SQL's {@code percentile(x, p)} of ascending values: position (n - 1) * p; the value there,
   * or (higher - position) * lower value + (position - lower) * higher value between the two closest
   * ranks when they differ (R-7, unfloored; the same float operations as Spark's, so the same bits);
   * null without values.
   */
  public static Double sparkPercentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return null;
    }
    double position = (sorted.length - 1L) * p;
    long lower = (long) Math.floor(position);
    long higher = (long) Math.ceil(position);
    double low = sorted[(int) lower];
    if (higher == lower) {
      return low;
    }
    double high = sorted[(int) higher];
    if (high == low) {
      return low;
    }
    return (higher - position) * low + (position - lower) * high;
  }

  /** The page's definition: the value at 1-based rank ⌊P/100·(N-1)⌋ + 1. */
  static long nearestRank(long[] sorted, int p) {
    int rank = (int) Math.floor(p / 100.0 * (sorted.length - 1)) + 1;
    return sorted[rank - 1];
  }

  /** The k-th largest value (k from 1), or null when there are fewer than k values. */
  static Long nthLargest(long[] sorted, int k) {
    return k <= sorted.length ? sorted[sorted.length - k] : null;
  }

  /** One value of a distribution: kind {@code percentile} or {@code rank}, k, the value. */
  record Point(String kind, int k, long value) {}

  /** Every percentile and every available rank of the values (in any order; nulls ignored). */
  static List<Point> distribution(List<Long> values) {
    long[] sorted = values.stream().filter(v -> v != null).mapToLong(Long::longValue).toArray();
    List<Point> out = new ArrayList<>();
    if (sorted.length == 0) {
      return out;
    }
    Arrays.sort(sorted);
    for (int p : PERCENTILES) {
      out.add(new Point("percentile", p, r7Floor(sorted, p)));
    }
    for (int k : RANKS) {
      Long v = nthLargest(sorted, k);
      if (v != null) {
        out.add(new Point("rank", k, v));
      }
    }
    return out;
  }
}
