package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Ed25519PointTest {
  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  @Test
  void publicKeysOfRfc8032TestVectorsArePoints() {
    // RFC 8032 §7.1, TEST 1 to TEST 3
    assertThat(Ed25519Point.isPoint(hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))).isTrue();
    assertThat(Ed25519Point.isPoint(hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"))).isTrue();
    assertThat(Ed25519Point.isPoint(hex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"))).isTrue();
  }

  @Test
  void theNeutralPointAndTheBasePointArePoints() {
    byte[] neutral = new byte[32];
    neutral[0] = 1; // y = 1, x = 0
    assertThat(Ed25519Point.isPoint(neutral)).isTrue();
    // B: y = 4/5, encoded 0x5866...66
    assertThat(Ed25519Point.isPoint(hex("5866666666666666666666666666666666666666666666666666666666666666"))).isTrue();
  }

  @Test
  void yEqualToTwoIsNotAPoint() {
    // y = 2: x^2 = 3 / (4d + 1); worked out independently with Python's pow(w, (p-1)//2, p) = p-1
    byte[] two = new byte[32];
    two[0] = 2;
    assertThat(Ed25519Point.isPoint(two)).isFalse();
  }

  @Test
  void aboutHalfOfRandomStringsArePoints() {
    Random r = new Random(7);
    int points = 0;
    for (int i = 0; i < 2000; i++) {
      byte[] k = new byte[32];
      r.nextBytes(k);
      if (Ed25519Point.isPoint(k)) {
        points++;
      }
    }
    assertThat(points).isBetween(900, 1100);
  }

  /** The cache must hold its own copy: a caller reusing its array must not inherit a yes. */
  @Test
  void aKeyChangedAfterBeingFoundValidIsCheckedAgain() {
    byte[] key = hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    assertThat(Ed25519Point.isPoint(key)).isTrue();
    Arrays.fill(key, (byte) 0);
    key[0] = 2;
    assertThat(Ed25519Point.isPoint(key)).isFalse();
  }

  /** The parse pool asks from several threads at once, while the cache fills and evicts. */
  @Test
  void threadsSharingTheCacheGetTheSameAnswers() throws Exception {
    Random r = new Random(11);
    byte[][] keys = new byte[800][32];
    boolean[] expected = new boolean[keys.length];
    for (int i = 0; i < keys.length; i++) {
      r.nextBytes(keys[i]);
      expected[i] = Ed25519Point.isPoint(keys[i].clone());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t * 200;
        wrong.add(pool.submit(() -> {
          int n = 0;
          for (int round = 0; round < 3; round++) {
            for (int j = 0; j < keys.length; j++) {
              int i = (j + offset) % keys.length;
              n += Ed25519Point.isPoint(keys[i].clone()) == expected[i] ? 0 : 1;
            }
          }
          return n;
        }));
      }
      for (Future<Integer> f : wrong) {
        assertThat(f.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(expected).contains(true, false);
  }

  /** The binary Jacobi algorithm against Euler's criterion, w^((p-1)/2) mod p. */
  @Test
  void legendreSymbolAgreesWithEulersCriterion() {
    BigInteger p = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    BigInteger half = p.shiftRight(1);
    List<BigInteger> ws = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(4),
        p.subtract(BigInteger.ONE), p.subtract(BigInteger.TWO), half, BigInteger.ONE.shiftLeft(64),
        BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(254)));
    Random r = new Random(5);
    for (int i = 0; i < 3000; i++) {
      ws.add(new BigInteger(255, r).mod(p));
      ws.add(BigInteger.valueOf(r.nextLong() & Long.MAX_VALUE).add(BigInteger.ONE));
    }
    int squares = 0;
    for (BigInteger w : ws) {
      if (w.signum() == 0) {
        continue;
      }
      int euler = w.modPow(half, p).equals(BigInteger.ONE) ? 1 : -1;
      assertThat(Ed25519Point.legendre(w)).as(w.toString(16)).isEqualTo(euler);
      squares += euler == 1 ? 1 : 0;
    }
    assertThat(Ed25519Point.legendre(BigInteger.TWO)).isEqualTo(-1); // p = 5 mod 8
    assertThat(Ed25519Point.legendre(p.subtract(BigInteger.ONE))).isEqualTo(1); // p = 1 mod 4
    assertThat(squares).isBetween(2700, 3300);
  }

  @Test
  void wrongLengthIsNotAPoint() {
    assertThat(Ed25519Point.isPoint(new byte[31])).isFalse();
  }
}
