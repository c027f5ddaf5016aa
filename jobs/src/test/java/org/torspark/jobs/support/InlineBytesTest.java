package org.torspark.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InlineBytesTest {
  /** {@code s} inside a larger buffer, at an odd offset, as a row's string points into the row's bytes. */
  private static UTF8String inBuffer(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[b.length + 13];
    java.util.Arrays.fill(buffer, (byte) 'z');
    System.arraycopy(b, 0, buffer, 5, b.length);
    return UTF8String.fromBytes(buffer, 5, b.length);
  }

  @Test
  void holdsNothingAtFirst() {
    assertThat(new InlineBytes().holds(UTF8String.fromString(""))).isFalse();
    assertThat(new InlineBytes().holds(UTF8String.fromString("a"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "0123456", "01234567", "012345678", "3707b9df953cabf98aad7b51542e07a17d3db04d",
      "3707b9df953cabf98aad7b51542e07a17d3db04d+", "an exit policy summary well beyond forty bytes: accept 20-23,43,53,79-81"})
  void holdsExactlyTheBytesItWasGiven(String s) {
    InlineBytes held = new InlineBytes();
    held.set(inBuffer(s));
    assertThat(held.holds(UTF8String.fromString(s))).isTrue();
    assertThat(held.holds(inBuffer(s))).isTrue();
    // one byte changed anywhere, one byte more or less: not held
    for (int i = 0; i < s.length(); i++) {
      char[] c = s.toCharArray();
      c[i] = c[i] == 'x' ? 'y' : 'x';
      assertThat(held.holds(UTF8String.fromString(new String(c)))).as("changed at %d", i).isFalse();
    }
    assertThat(held.holds(UTF8String.fromString(s + "\0"))).isFalse();
    if (!s.isEmpty()) {
      assertThat(held.holds(UTF8String.fromString(s.substring(0, s.length() - 1)))).isFalse();
    }
  }

  @Test
  void keepsItsCopyWhenTheRowBufferIsReused() {
    byte[] buffer = "3707b9df953cabf98aad7b51542e07a17d3db04d".getBytes(StandardCharsets.US_ASCII);
    UTF8String row = UTF8String.fromBytes(buffer);
    InlineBytes held = new InlineBytes();
    held.set(row);
    buffer[39] = 'e'; // the next row's value in the same bytes
    assertThat(held.holds(row)).isFalse();
    assertThat(held.holds(UTF8String.fromString("3707b9df953cabf98aad7b51542e07a17d3db04d"))).isTrue();
    String longer = "accept 20-23,43,53,79-81,88,110,143,194,220,389,443";
    byte[] b2 = longer.getBytes(StandardCharsets.US_ASCII);
    held.set(UTF8String.fromBytes(b2));
    b2[0] = 'r';
    assertThat(held.holds(UTF8String.fromString(longer))).isTrue();
  }

  @Test
  void aNewValueReplacesTheOld() {
    InlineBytes held = new InlineBytes();
    held.set(UTF8String.fromString("a much longer value than forty bytes, kept as a copy"));
    held.set(UTF8String.fromString("short"));
    assertThat(held.holds(UTF8String.fromString("short"))).isTrue();
    assertThat(held.holds(UTF8String.fromString("a much longer value than forty bytes, kept as a copy"))).isFalse();
  }
}
