package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecentLinesTest {
  private static final byte[] TEXT = "accept *:80\nreject *:*\naccept *:80\n".getBytes(StandardCharsets.US_ASCII);

  private static String get(RecentLines<String> recent, int from, int to) {
    return recent.get(TEXT, from, to, SliceCache.hash(TEXT, from, to));
  }

  private static void put(RecentLines<String> recent, int from, int to, String value) {
    recent.put(TEXT, from, to, SliceCache.hash(TEXT, from, to), value);
  }

  @Test
  void aLineWithTheSameBytesGetsTheRememberedValue() {
    RecentLines<String> recent = new RecentLines<>(16);
    put(recent, 0, 11, "first accept");
    assertThat(get(recent, 23, 34)).isEqualTo("first accept");
    assertThat(get(recent, 12, 22)).isNull();
  }

  @Test
  void aLineThatTakesTheSlotReplacesTheOneBefore() {
    // One slot: every line maps to it.
    RecentLines<String> recent = new RecentLines<>(1);
    put(recent, 0, 11, "accept");
    put(recent, 12, 22, "reject");
    assertThat(get(recent, 0, 11)).isNull();
    assertThat(get(recent, 12, 22)).isEqualTo("reject");
  }

  @Test
  void linesOfOneSetStayUntilAFifthArrivesThenTheOldestGoes() {
    // Four slots make one set of four: every line maps to it, as exit-policy rules whose hashes
    // collide would. With one slot per line, each of them evicted the other on every descriptor.
    byte[] text = "accept *:80\naccept *:443\nreject *:25\nreject *:119\nreject *:*\n"
        .getBytes(StandardCharsets.US_ASCII);
    int[][] lines = {{0, 11}, {12, 24}, {25, 36}, {37, 49}, {50, 60}};
    RecentLines<String> recent = new RecentLines<>(4);
    for (int i = 0; i < 4; i++) {
      recent.put(text, lines[i][0], lines[i][1], SliceCache.hash(text, lines[i][0], lines[i][1]), "rule " + i);
    }
    for (int i = 0; i < 4; i++) {
      assertThat(recent.get(text, lines[i][0], lines[i][1], SliceCache.hash(text, lines[i][0], lines[i][1])))
          .isEqualTo("rule " + i);
    }
    recent.put(text, 50, 60, SliceCache.hash(text, 50, 60), "rule 4");
    assertThat(recent.get(text, 0, 11, SliceCache.hash(text, 0, 11))).isNull();
    for (int i = 1; i < 5; i++) {
      assertThat(recent.get(text, lines[i][0], lines[i][1], SliceCache.hash(text, lines[i][0], lines[i][1])))
          .isEqualTo("rule " + i);
    }
  }

  @Test
  void slotsMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new RecentLines<String>(12)).isInstanceOf(IllegalArgumentException.class);
  }
}
