package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Line splitting and object skipping in {@link Lines}, which scans for newlines eight bytes at a
 * time and skips object lines without looking for keywords: every newline position relative to
 * an 8-byte word, CRLF, a missing final newline, and objects that end, do not end, or nest.
 */
class LinesScanTest {

  private static Lines lines(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return new Lines(b, 0, b.length);
  }

  private static List<String> all(String text) {
    Lines l = lines(text);
    List<String> out = new ArrayList<>();
    while (l.next()) {
      out.add(l.line());
    }
    return out;
  }

  @Test
  void everyLineLengthAndNewlinePositionIsFound() {
    for (int offset = 0; offset < 9; offset++) {
      for (int length = 0; length < 20; length++) {
        List<String> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String lead = "x".repeat(offset);
        expected.add(lead);
        text.append(lead).append('\n');
        for (int n = 0; n < 3; n++) {
          String line = ("k" + n + " " + "abcdefghijklmnopqrstuvwxyz").substring(0, Math.min(length, 29));
          expected.add(line);
          text.append(line).append(n == 1 ? "\r\n" : "\n");
        }
        assertThat(all(text.toString())).as("offset %d length %d", offset, length).isEqualTo(expected);
        if (length == 0) {
          continue; // without its newline an empty last line is no line at all
        }
        String noFinalNewline = text.substring(0, text.length() - 1);
        assertThat(all(noFinalNewline)).as("no final newline, offset %d length %d", offset, length)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void skipObjectStopsOnTheEndLine() throws Exception {
    Lines l = lines("signing-key\n-----BEGIN RSA PUBLIC KEY-----\n"
        + "MIGJAoGBAL2lNU5OSvQXr4CHiRhhNEbuZb9bT9fOCK7Z7UslXl7uvi5OMEwG/djD\r\n"
        + "AxzenKrCtEByNosISbjCBfkum8+rQfTSWWpL2/8VedBW7TNSzFM5A8TcH9KvdERi\n-----END RSA PUBLIC KEY-----\r\n"
        + "opt next item\n");
    assertThat(l.next()).isTrue();
    assertThat(l.skipObject()).isTrue();
    assertThat(l.line()).isEqualTo("-----END RSA PUBLIC KEY-----");
    assertThat(l.keyword()).isEqualTo("-----END");
    assertThat(l.lineNumber()).isEqualTo(5);
    assertThat(l.next()).isTrue();
    assertThat(l.keyword()).isEqualTo("next");
    assertThat(l.args()).containsExactly("item");
    assertThat(l.lineNumber()).isEqualTo(6);
  }

  @Test
  void skipObjectIsFalseWithoutAnObject() throws Exception {
    Lines l = lines("contact x\nplatform y\n");
    l.next();
    assertThat(l.skipObject()).isFalse();
    assertThat(l.keyword()).isEqualTo("contact");
  }

  @Test
  void anObjectWithoutEndIsReportedOnItsLastLine() {
    Lines l = lines("onion-key\n-----BEGIN RSA PUBLIC KEY-----\nAAAA\nBBBB\n");
    l.next();
    assertThatThrownBy(l::skipObject).isInstanceOf(DescriptorParseException.class)
        .hasMessage("object after 'onion-key' (line 1) has no -----END line")
        .satisfies(e -> {
          assertThat(((DescriptorParseException) e).lineInDocument()).isEqualTo(4);
          assertThat(((DescriptorParseException) e).line()).isEqualTo("BBBB");
        });
  }

  @Test
  void anObjectCutAfterItsBeginLineIsReportedThere() {
    Lines l = lines("onion-key\n-----BEGIN RSA PUBLIC KEY-----");
    l.next();
    assertThatThrownBy(l::skipObject).isInstanceOf(DescriptorParseException.class)
        .satisfies(e -> {
          assertThat(((DescriptorParseException) e).lineInDocument()).isEqualTo(2);
          assertThat(((DescriptorParseException) e).line()).isEqualTo("-----BEGIN RSA PUBLIC KEY-----");
        });
  }

  @Test
  void aSecondBeginInsideAnObjectIsAnError() {
    Lines l = lines("onion-key\n-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----BEGIN SIGNATURE-----\nBBBB\n");
    l.next();
    assertThatThrownBy(l::skipObject).isInstanceOf(DescriptorParseException.class)
        .hasMessage("object after 'onion-key' (line 1) has no -----END line")
        .satisfies(e -> assertThat(((DescriptorParseException) e).line()).isEqualTo("-----BEGIN SIGNATURE-----"));
  }
}
