package org.torspark.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

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
}
