package org.torspark.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Expected values are what CPython 3 (sbws) and CPython 2.7 (Torflow) print for the same calls. */
class PyMathTest {

  @Test
  void python3RoundIsHalfEvenOnTheExactBinaryValue() {
    assertThat(PyMath.round3(0.5)).isEqualTo(0);
    assertThat(PyMath.round3(1.5)).isEqualTo(2);
    assertThat(PyMath.round3(2.5)).isEqualTo(2);
    assertThat(PyMath.round3(-2.5)).isEqualTo(-2);
    assertThat(PyMath.round3(125.0, -1)).isEqualTo(120.0);
    assertThat(PyMath.round3(135.0, -1)).isEqualTo(140.0);
    // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary
    assertThat(PyMath.round3(2.675, 2)).isEqualTo(2.67);
    // 0.125 is exact: a true tie, to even
    assertThat(PyMath.round3(0.125, 2)).isEqualTo(0.12);
  }

  @Test
  void python2RoundIsHalfAwayFromZeroOnTheExactBinaryValue() {
    assertThat(PyMath.round2(125.0, -1)).isEqualTo(130.0);
    assertThat(PyMath.round2(0.125, 2)).isEqualTo(0.13);
    assertThat(PyMath.round2(2.675, 2)).isEqualTo(2.67);
    assertThat(PyMath.round2(-2.5, 0)).isEqualTo(-3.0);
  }

  @Test
  void sbwsRoundSigDigKeepsTwoDigitsAndFloorsAtOne() {
    assertThat(PyMath.roundSigDig(0.3, 2)).isEqualTo(1);
    assertThat(PyMath.roundSigDig(1.0, 2)).isEqualTo(1);
    assertThat(PyMath.roundSigDig(1.5, 2)).isEqualTo(2);
    assertThat(PyMath.roundSigDig(2.5, 2)).isEqualTo(2);
    assertThat(PyMath.roundSigDig(99.5, 2)).isEqualTo(100);
    assertThat(PyMath.roundSigDig(125.0, 2)).isEqualTo(120);
    assertThat(PyMath.roundSigDig(12345.0, 2)).isEqualTo(12000);
    assertThat(PyMath.kbRoundSigDig(2_345_678.0, 2)).isEqualTo(2300);
  }

  @Test
  void legacySbwsRoundingWasToTheNearestThousandKilobytes() {
    assertThat(PyMath.kbRoundThousandsLegacy(499_999.0)).isEqualTo(1);
    assertThat(PyMath.kbRoundThousandsLegacy(500_000.0)).isEqualTo(1); // round(500, -3) == 0.0
    assertThat(PyMath.kbRoundThousandsLegacy(1_500_000.0)).isEqualTo(2000);
    assertThat(PyMath.kbRoundThousandsLegacy(2_500_000.0)).isEqualTo(2000);
  }

  @Test
  void torflowBase10RoundOnValuesFromARealFile() {
    // torflow-v1.0.0-2019-01-14 and 2019-05-14-11-43-39: fresh lines, bw == base10_round(pid_bw)
    assertThat(PyMath.base10Round(1214688)).isEqualTo(1210);
    assertThat(PyMath.base10Round(224270685)).isEqualTo(224000);
    assertThat(PyMath.base10Round(589368)).isEqualTo(589);
    assertThat(PyMath.base10Round(0)).isEqualTo(1);
    assertThat(PyMath.base10Round(2)).isEqualTo(1);
    // a tie at the third digit rounds away from zero in Python 2
    assertThat(PyMath.base10Round(1225000)).isEqualTo(1230);
  }

  @Test
  void statisticsMeanIsCorrectlyRoundedNotSummedNaively() {
    // statistics.mean([0.1, 0.2, 0.3]) == 0.2, while (0.1 + 0.2 + 0.3) / 3 == 0.20000000000000004
    assertThat(PyMath.meanOfDoubles(new double[] {0.1, 0.2, 0.3})).isEqualTo(0.2);
    assertThat(PyMath.meanOfLongs(new long[] {1, 2})).isEqualTo(1.5);
    assertThat(PyMath.median(new double[] {3, 1, 2, 10})).isEqualTo(2.5);
    assertThat(PyMath.median(new double[] {3, 1, 2})).isEqualTo(2.0);
  }

  @Test
  void integerRoundingToTensAgreesWithBigDecimalBitForBit() {
    // round3/round2 with ndigits <= 0 avoid BigDecimal; the exact-value rule must not change
    Random rnd = new Random(7);
    double[] specials = {0.0, -0.0, 0.4, -0.4, 0.5, -0.5, 1.5, 2.5, 5.0, 15.0, 25.0, 50.0, 150.0, 250.0, 1249.999,
        1250.0, 1250.0000001, 1350.0, 4.5e15, 9.007199254740991e15, -1250.0, 99.5, 999_999.5};
    for (int i = 0; i < 100_000; i++) {
      double x = i < specials.length * 16 ? specials[i / 16] : switch (i % 4) {
        case 0 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(16));
        case 1 -> (double) rnd.nextInt(1_000_000) * 5; // many exact ties
        case 2 -> rnd.nextInt(1_000_000) * 5 + 0.5;
        default -> -rnd.nextDouble() * Math.pow(10, rnd.nextInt(12));
      };
      int ndigits = -(i % 16);
      // compared as bits: 0.0 and -0.0 must not pass for each other
      double even = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN).doubleValue();
      double up = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_UP).doubleValue();
      assertThat(Double.doubleToRawLongBits(PyMath.round3(x, ndigits))).as("round3(%s, %d)", x, ndigits)
          .isEqualTo(Double.doubleToRawLongBits(even));
      assertThat(Double.doubleToRawLongBits(PyMath.round2(x, ndigits))).as("round2(%s, %d)", x, ndigits)
          .isEqualTo(Double.doubleToRawLongBits(up));
    }
  }

  /** statistics.mean as the plain definition: every exact value added as a decimal, then divided. */
  private static double referenceMean(BigDecimal[] exact) {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal v : exact) {
      sum = sum.add(v);
    }
    return sum.divide(BigDecimal.valueOf(exact.length), new java.math.MathContext(40, RoundingMode.HALF_EVEN))
        .doubleValue();
  }

  @Test
  void meansSummedInLongsAndRunsEqualTheExactDecimalSumBitForBit() {
    Random rnd = new Random(11);
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + rnd.nextInt(round < 100 ? 5 : 400);
      long[] longs = new long[n];
      double[] doubles = new double[n];
      double floor = rnd.nextInt(4) == 0 ? rnd.nextInt(1000) : rnd.nextDouble() * 1e6;
      for (int i = 0; i < n; i++) {
        switch (rnd.nextInt(6)) {
          case 0 -> longs[i] = Long.MAX_VALUE - rnd.nextInt(1000); // sums overflow a long
          case 1 -> longs[i] = Long.MIN_VALUE + rnd.nextInt(1000);
          default -> longs[i] = rnd.nextInt(100_000_000);
        }
        switch (rnd.nextInt(7)) {
          case 0 -> doubles[i] = floor; // sbws's floor: runs of one non-whole value
          case 1 -> doubles[i] = rnd.nextDouble() * 1e9;
          case 2 -> doubles[i] = 9.0e15 + rnd.nextInt(1000); // whole, near 2^53: long sums overflow
          case 3 -> doubles[i] = 1e300 * rnd.nextDouble(); // whole, beyond a long
          case 4 -> doubles[i] = -rnd.nextInt(1000);
          default -> doubles[i] = Math.max(rnd.nextInt(100_000_000), floor);
        }
      }
      BigDecimal[] exactLongs = new BigDecimal[n];
      BigDecimal[] exactDoubles = new BigDecimal[n];
      for (int i = 0; i < n; i++) {
        exactLongs[i] = BigDecimal.valueOf(longs[i]);
        exactDoubles[i] = new BigDecimal(doubles[i]);
      }
      assertThat(PyMath.meanOfLongs(longs)).as("longs, round " + round).isEqualTo(referenceMean(exactLongs));
      assertThat(PyMath.meanOfDoubles(doubles)).as("doubles, round " + round).isEqualTo(referenceMean(exactDoubles));
    }
    // whole values whose sum leaves a long, with a fraction that only counts when nothing is lost
    double[] big = new double[3_001];
    BigDecimal[] exact = new BigDecimal[big.length];
    for (int i = 0; i < big.length; i++) {
      big[i] = i == 1_500 ? 0.5 : 9_007_199_254_740_991.0 - i;
      exact[i] = new BigDecimal(big[i]);
    }
    assertThat(PyMath.meanOfDoubles(big)).isEqualTo(referenceMean(exact));
  }
}
