package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteScanTest {

  private static int naiveIndexOf(byte[] a, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int naiveCount(byte[] a, byte c, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += a[i] == c ? 1 : 0;
    }
    return n;
  }

  @Test
  void agreesWithAByteLoopOnEveryRangeOfRandomBytesIncludingHighAndNearbyValues() {
    Random random = new Random(7);
    // bytes near the searched ones (0x0a/0x0b/0x09, 0x40/0x41/0x3f, 0x80, 0xff, 0x00) catch SWAR borrow mistakes
    byte[] alphabet = {'\n', 0x0b, 0x09, '@', 0x41, 0x3f, (byte) 0x80, (byte) 0xff, 0, 'a', ' ', (byte) 0x8a, (byte) 0xc0};
    for (int round = 0; round < 2000; round++) {
      byte[] a = new byte[random.nextInt(70)];
      for (int i = 0; i < a.length; i++) {
        a[i] = alphabet[random.nextInt(alphabet.length)];
      }
      int from = a.length == 0 ? 0 : random.nextInt(a.length);
      int to = from + (a.length == from ? 0 : random.nextInt(a.length - from + 1));
      for (byte c : new byte[] {'\n', '@', (byte) 0x80, 0}) {
        assertThat(ByteScan.indexOf(a, c, from, to)).isEqualTo(naiveIndexOf(a, c, from, to));
        assertThat(ByteScan.count(a, c, from, to)).isEqualTo(naiveCount(a, c, from, to));
      }
    }
  }

  private static int naiveLineStartingWithEither(byte[] a, byte c, byte d0, byte d1, int from, int to) {
    for (int i = from; i < to; i++) {
      boolean lineStart = i == from || a[i - 1] == '\n';
      if (lineStart && (a[i] == c || (a[i] == d0 && i + 1 < to && a[i + 1] == d1))) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void findsTheSameLineStartsAsAByteLoopForAnnotationsAndAStartKeywordAndCountsTheNewlinesBefore() {
    Random random = new Random(11);
    // 'r' then 'o' as in "router"; near values and '@' test the SWAR compares at every offset.
    byte[] alphabet = {'\n', '\n', '@', 'r', 'o', 'e', 0x0b, 0x41, 0x3f, (byte) 0x80, (byte) 0xf2, (byte) 0xef, ' ', 0};
    for (int round = 0; round < 5000; round++) {
      byte[] a = new byte[random.nextInt(90)];
      for (int i = 0; i < a.length; i++) {
        a[i] = alphabet[random.nextInt(alphabet.length)];
      }
      int from = a.length == 0 ? 0 : random.nextInt(a.length);
      int to = from + (a.length == from ? 0 : random.nextInt(a.length - from + 1));
      long found = ByteScan.lineStartingWithEither(a, (byte) '@', (byte) 'r', (byte) 'o', from, to);
      int expected = naiveLineStartingWithEither(a, (byte) '@', (byte) 'r', (byte) 'o', from, to);
      assertThat((int) found).as("round %d", round).isEqualTo(expected);
      assertThat((int) (found >>> 32)).as("round %d", round)
          .isEqualTo(naiveCount(a, (byte) '\n', from, expected < 0 ? to : expected));
    }
  }

  @Test
  void findsTheFirstSpaceOrTabLikeAByteLoopAlsoNearTheArrayEnd() {
    Random random = new Random(13);
    // 0x00, '!' and 0x29 next to ' ' and '\t' (0x20, 0x09) catch SWAR borrow mistakes.
    byte[] alphabet = {' ', '\t', 0x08, 0x0a, 0x21, 0x1f, 0x29, 0, (byte) 0xa0, (byte) 0x89, 'a', 'a', 'a', 'a'};
    for (int round = 0; round < 5000; round++) {
      byte[] a = new byte[random.nextInt(40)];
      for (int i = 0; i < a.length; i++) {
        a[i] = alphabet[random.nextInt(alphabet.length)];
      }
      int from = a.length == 0 ? 0 : random.nextInt(a.length);
      int to = from + (a.length == from ? 0 : random.nextInt(a.length - from + 1));
      int expected = to;
      for (int i = from; i < to; i++) {
        if (a[i] == ' ' || a[i] == '\t') {
          expected = i;
          break;
        }
      }
      assertThat(ByteScan.spaceOrTab(a, from, to)).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void findsOnlyAtSignsThatStartALine() {
    byte[] a = "contact a@b.org\nx @y\n@type bandwidth-file 1.0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int at = ByteScan.lineStartingWith(a, (byte) '@', 0, a.length);
    assertThat(at).isEqualTo("contact a@b.org\nx @y\n".length());
    assertThat(ByteScan.lineStartingWith(a, (byte) '@', at + 1, a.length)).isEqualTo(-1);
    assertThat(ByteScan.lineStartingWith("@x".getBytes(java.nio.charset.StandardCharsets.US_ASCII), (byte) '@', 0, 2))
        .as("index 0 has no newline before it: the caller handles the first line").isEqualTo(-1);
  }
}
