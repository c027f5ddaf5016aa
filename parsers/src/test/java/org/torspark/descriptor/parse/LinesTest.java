package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinesTest {

  private static Lines lines(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return new Lines(b, 0, b.length);
  }

  @Test
  void keywordArgsAndOptPrefix() throws Exception {
    Lines l = lines("opt  fingerprint  AAAA BBBB\r\nplatform Tor 0.4\n");
    assertThat(l.next()).isTrue();
    assertThat(l.keyword()).isEqualTo("fingerprint");
    assertThat(l.keywordIs("fingerprint")).isTrue();
    assertThat(l.args()).containsExactly("AAAA", "BBBB");
    assertThat(l.rest()).isEqualTo("AAAA BBBB");
    assertThat(l.line()).isEqualTo("opt  fingerprint  AAAA BBBB");
    assertThat(l.next()).isTrue();
    assertThat(l.lineNumber()).isEqualTo(2);
    assertThat(l.rest()).isEqualTo("Tor 0.4");
    assertThat(l.next()).isFalse();
  }

  @Test
  void objectsAreSkippedOrReadWhole() throws Exception {
    Lines l = lines("onion-key\n-----BEGIN RSA PUBLIC KEY-----\nMIGJ\n-----END RSA PUBLIC KEY-----\nnext 1\n");
    l.next();
    assertThat(l.readObject()).isEqualTo("-----BEGIN RSA PUBLIC KEY-----\nMIGJ\n-----END RSA PUBLIC KEY-----");
    l.next();
    assertThat(l.keyword()).isEqualTo("next");
    assertThat(l.skipObject()).isFalse();
  }

  @Test
  void unterminatedObjectNamesItsKeywordAndLine() {
    Lines l = lines("signing-key\n-----BEGIN RSA PUBLIC KEY-----\nMIGJ\n");
    l.next();
    assertThatThrownBy(l::skipObject).isInstanceOf(DescriptorParseException.class)
        .hasMessageContaining("'signing-key' (line 1)").hasMessageContaining("-----END");
  }

  @Test
  void argumentErrorsQuoteTheLine() {
    Lines l = lines("bandwidth 100 x 300\n");
    l.next();
    assertThatThrownBy(() -> l.longArg(1)).isInstanceOfSatisfying(DescriptorParseException.class, e -> {
      assertThat(e.getMessage()).contains("argument 2").contains("'x'");
      assertThat(e.line()).isEqualTo("bandwidth 100 x 300");
      assertThat(e.lineInDocument()).isEqualTo(1);
    });
    assertThatThrownBy(() -> l.arg(3)).isInstanceOf(DescriptorParseException.class)
        .hasMessageContaining("at least 4");
  }

  @Test
  void lastLineWithoutNewlineIsALine() {
    Lines l = lines("a\nb");
    assertThat(l.next()).isTrue();
    assertThat(l.next()).isTrue();
    assertThat(l.keyword()).isEqualTo("b");
    assertThat(l.next()).isFalse();
  }
}
