package org.torspark.bandwidth;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * The arithmetic of the Python programs whose output we reproduce, bit for bit: Python 3's
 * {@code round} (sbws) rounds half to even on the exact binary value of the double, Python 2's
 * (Torflow) rounds half away from zero on the exact binary value; {@code statistics.mean} is the
 * correctly rounded mean of the exact sum; {@code statistics.median} averages the two middle values
 * in floating point. {@code new BigDecimal(double)} is the exact binary value (never
 * {@code BigDecimal.valueOf}, which rounds through the shortest decimal string first).
 */
public final class PyMath {
  private static final MathContext MEAN_CONTEXT = new MathContext(40, RoundingMode.HALF_EVEN);

  private PyMath() {}

  /** Python 3 {@code round(x, ndigits)} for a float: half to even on the exact value. */
  public static double round3(double x, int ndigits) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    if (fastPath(x, ndigits)) {
      return roundToPowerOfTen(x, -ndigits, true);
    }
    return new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Python 3 {@code round(x)} for a float, an int: half to even. */
  public static long round3(double x) {
    return (long) Math.rint(x);
  }

  /** Python 2 {@code round(x, ndigits)}: half away from zero on the exact value. */
  public static double round2(double x, int ndigits) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    if (fastPath(x, ndigits)) {
      return roundToPowerOfTen(x, -ndigits, false);
    }
    return new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_UP).doubleValue();
  }

  private static final double TWO_POW_53 = 9007199254740992.0;
  private static final long[] POW10 = new long[16];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  /**
   * Whether {@link #roundToPowerOfTen} applies: rounding to a whole multiple of 10^k (k <= 15) of
   * a value below 2^53, where the integer part is an exact long and the fraction is exact. This is
   * every call the scaling checks make per relay line (BigDecimal costs ~1 us each).
   */
  private static boolean fastPath(double x, int ndigits) {
    return ndigits <= 0 && ndigits > -POW10.length && Math.abs(x) < TWO_POW_53;
  }

  /**
   * {@code new BigDecimal(x).setScale(-k, HALF_EVEN or HALF_UP).doubleValue()} in integer arithmetic,
   * with the same result bit for bit (also the sign: BigDecimal has no negative zero). Both modes
   * are symmetric around zero, so the magnitude is rounded and the sign put back.
   */
  static double roundToPowerOfTen(double x, int k, boolean halfEven) {
    double a = Math.abs(x);
    long whole = (long) a;
    double fraction = a - whole; // exact below 2^53
    long p = POW10[k];
    long q = whole / p;
    long rest = whole % p;
    boolean up;
    if (k == 0) {
      up = fraction > 0.5 || (fraction == 0.5 && (!halfEven || (q & 1) == 1));
    } else {
      // p is even: the remainder rest + fraction is a tie only when rest == p / 2 and fraction == 0
      long half = p / 2;
      up = rest > half || (rest == half && (fraction > 0 || !halfEven || (q & 1) == 1));
    }
    double r = (double) ((up ? q + 1 : q) * p);
    return x < 0 && r != 0 ? -r : r;
  }

  /** Python {@code int(math.log10(x))}: truncated toward zero, for x > 0. */
  public static int intLog10(double x) {
    return (int) Math.log10(x);
  }

  /**
   * sbws {@code round_sig_dig(n, digits)} (1.0.3 and later): 1 when {@code n <= 1}, else n rounded
   * to {@code digits} significant digits in front of the decimal point, half to even.
   */
  public static long roundSigDig(double n, int digits) {
    if (n <= 1) {
      return 1;
    }
    int digitsInN = intLog10(n) + 1;
    int roundDigits = Math.max(digitsInN - digits, 0);
    return (long) round3(n, -roundDigits);
  }

  /** sbws {@code kb_round_x_sig_dig(bw_bs, digits)}: bytes/s to kilobytes/s, then {@link #roundSigDig}. */
  public static long kbRoundSigDig(double bytesPerSecond, int digits) {
    return roundSigDig(bytesPerSecond / 1000.0, digits);
  }

  /**
   * sbws up to 1.0.2 {@code kb_round_x_sig_dig(bw_bs, digits=3)}: {@code max(int(round(bw/1000,
   * -3)), 1)}, which rounds kilobytes to the nearest 1000 KB (the "digits" were decimal places).
   */
  public static long kbRoundThousandsLegacy(double bytesPerSecond) {
    return Math.max((long) round3(bytesPerSecond / 1000, -3), 1);
  }

  /**
   * Torflow {@code base10_round(bw_val)} (aggregate.py, Python 2): keep three significant decimal
   * digits, round to whole kilobytes (multiples of 1000 bytes), at least 1000 bytes; result in
   * kilobytes. Zero gives 1.
   */
  public static long base10Round(double bytesPerSecond) {
    if (bytesPerSecond == 0) {
      return 1;
    }
    if (!(bytesPerSecond > 0)) {
      return 1; // math.log10 would raise; Torflow sets new_bw <= 0 to 1 before rounding
    }
    double threeDigits = round2(bytesPerSecond, -(intLog10(bytesPerSecond) - 2));
    double thousands = round2(threeDigits, -3);
    long kb = (long) (Math.max(1000.0, thousands) / 1000);
    return kb == 0 ? 1 : kb;
  }

  /** {@code statistics.mean} of ints: the correctly rounded quotient of the exact sum. */
  public static double meanOfLongs(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("mean of no values");
    }
    // the exact sum in a long while it fits (a file's thousands of bandwidths always do)
    long sum = 0;
    for (int i = 0; i < values.length; i++) {
      long next = sum + values[i];
      if (((sum ^ next) & (values[i] ^ next)) < 0) {
        return divide(exactSum(values), values.length);
      }
      sum = next;
    }
    return divide(BigDecimal.valueOf(sum), values.length);
  }

  private static BigDecimal exactSum(long[] values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (long v : values) {
      sum = sum.add(BigDecimal.valueOf(v));
    }
    return sum;
  }

  /**
   * {@code statistics.mean} of floats: the exact sum of the exact values, divided, rounded once.
   * Whole values below 2^53 are summed exactly in a long; the others exactly as decimals, a run of
   * equal values at once (sbws's means add the same floor value for every relay below it).
   */
  public static double meanOfDoubles(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("mean of no values");
    }
    long whole = 0;
    BigDecimal rest = BigDecimal.ZERO;
    double run = 0;
    long runLength = 0;
    for (double v : values) {
      if (Math.abs(v) < TWO_TO_53 && v == Math.rint(v)) {
        long next = whole + (long) v;
        if (((whole ^ next) & ((long) v ^ next)) < 0) {
          rest = rest.add(BigDecimal.valueOf(whole));
          next = (long) v;
        }
        whole = next;
        continue;
      }
      if (runLength > 0 && Double.compare(v, run) == 0) {
        runLength++;
        continue;
      }
      if (runLength > 0) {
        rest = rest.add(new BigDecimal(run).multiply(BigDecimal.valueOf(runLength)));
      }
      run = v;
      runLength = 1;
    }
    if (runLength > 0) {
      rest = rest.add(new BigDecimal(run).multiply(BigDecimal.valueOf(runLength)));
    }
    return divide(rest.add(BigDecimal.valueOf(whole)), values.length);
  }

  private static final double TWO_TO_53 = 9007199254740992.0;

  private static double divide(BigDecimal exactSum, int n) {
    return exactSum.divide(BigDecimal.valueOf(n), MEAN_CONTEXT).doubleValue();
  }

  /** {@code statistics.median}: the middle value, or the float mean of the two middle values. */
  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    if (n % 2 == 1) {
      return s[n / 2];
    }
    return (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static long[] longs(List<Long> values) {
    long[] a = new long[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return a;
  }
}
