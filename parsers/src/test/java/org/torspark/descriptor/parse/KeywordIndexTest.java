package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {
  enum Word {
    ACCEPT("accept"), REJECT("reject"), ROUTER("router"), ROUTER_SIGNATURE("router-signature"), A("a"),
    EIGHT_OK("eight-ok"), NINE_OKAY("nine-okay");

    final String word;

    Word(String word) {
      this.word = word;
    }
  }

  private static final KeywordIndex<Word> INDEX = new KeywordIndex<>(Word.class, w -> w.word);

  private static Word first(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    Lines lines = new Lines(b, 0, b.length);
    lines.next();
    return INDEX.lookup(lines);
  }

  @Test
  void findsEachKeywordWhetherTheLineEndsTheBufferOrNot() {
    for (Word w : Word.values()) {
      assertThat(first(w.word)).isEqualTo(w);
      assertThat(first(w.word + "\n")).isEqualTo(w);
      assertThat(first(w.word + " arguments that fill the eight-byte word\n")).isEqualTo(w);
      assertThat(first("opt " + w.word + "\tx\n")).isEqualTo(w);
    }
  }

  @Test
  void wordsDifferingInAnyByteOrLengthAreNotKeywords() {
    for (Word w : Word.values()) {
      for (int i = 0; i < w.word.length(); i++) {
        String changed = w.word.substring(0, i) + 'X' + w.word.substring(i + 1);
        assertThat(first(changed + " x\n")).isNull();
        assertThat(first(changed)).isNull();
      }
      assertThat(first(w.word + "s x\n")).isNull();
      assertThat(first(w.word.substring(0, w.word.length() - 1) + " x\n")).isNull();
    }
  }
}
