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
  void slotsMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new RecentLines<String>(12)).isInstanceOf(IllegalArgumentException.class);
  }
}
