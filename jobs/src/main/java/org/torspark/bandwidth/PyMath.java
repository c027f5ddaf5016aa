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
    return new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_UP).doubleValue();
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
    BigDecimal sum = BigDecimal.ZERO;
    for (long v : values) {
      sum = sum.add(BigDecimal.valueOf(v));
    }
    return sum.divide(BigDecimal.valueOf(values.length), MEAN_CONTEXT).doubleValue();
  }

  /** {@code statistics.mean} of floats: the exact sum of the exact values, divided, rounded once. */
  public static double meanOfDoubles(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("mean of no values");
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    return sum.divide(BigDecimal.valueOf(values.length), MEAN_CONTEXT).doubleValue();
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
