package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.torspark.descriptor.Descriptor;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.testing.Fixtures;

/**
 * A descriptor as a list of lines to change one at a time, so a unit test reads like the spec
 * item it exercises: start from a real descriptor, replace, drop or add a line, parse.
 */
final class DescriptorLines {
  private final DescriptorType type;
  private final List<String> lines;

  private DescriptorLines(DescriptorType type, List<String> lines) {
    this.type = type;
    this.lines = lines;
  }

  /** The single descriptor in a fixture file under testdata, annotations dropped. */
  static DescriptorLines fromFixture(DescriptorType type, String path) {
    List<String> kept = new ArrayList<>();
    for (String l : Fixtures.lines(path)) {
      if (!l.startsWith("@") && !l.isEmpty()) {
        kept.add(l);
      }
    }
    return new DescriptorLines(type, kept);
  }

  static DescriptorLines of(DescriptorType type, String... lines) {
    return new DescriptorLines(type, new ArrayList<>(Arrays.asList(lines)));
  }

  private int indexOf(String keyword) {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.equals(keyword) || l.startsWith(keyword + " ")) {
        return i;
      }
    }
    throw new IllegalArgumentException("no '" + keyword + "' line in " + lines);
  }

  /** Replaces the first line with this keyword (its object, if any, stays). */
  DescriptorLines replace(String keyword, String line) {
    lines.set(indexOf(keyword), line);
    return this;
  }

  /** Removes the first line with this keyword and the object after it. */
  DescriptorLines remove(String keyword) {
    int i = indexOf(keyword);
    lines.remove(i);
    if (i < lines.size() && lines.get(i).startsWith("-----BEGIN")) {
      while (!lines.get(i).startsWith("-----END")) {
        lines.remove(i);
      }
      lines.remove(i);
    }
    return this;
  }

  /** Inserts lines before the first line with this keyword. */
  DescriptorLines before(String keyword, String... added) {
    lines.addAll(indexOf(keyword), Arrays.asList(added));
    return this;
  }

  /** Inserts lines after the first line with this keyword (and after its object, if any). */
  DescriptorLines after(String keyword, String... added) {
    int i = indexOf(keyword) + 1;
    if (i < lines.size() && lines.get(i).startsWith("-----BEGIN")) {
      while (!lines.get(i).startsWith("-----END")) {
        i++;
      }
      i++;
    }
    lines.addAll(i, Arrays.asList(added));
    return this;
  }

  DescriptorLines append(String... added) {
    lines.addAll(Arrays.asList(added));
    return this;
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }

  byte[] bytes() {
    return text().getBytes(StandardCharsets.ISO_8859_1);
  }

  Document document() {
    return Document.of(type, bytes(), DescriptorSource.ofFile("test"));
  }

  @SuppressWarnings("unchecked")
  <T extends Descriptor> T parse() throws DescriptorParseException {
    return (T) Parsers.forType(type).parse(document());
  }

  /** Asserts that parsing fails, for further assertions on the exception. */
  AbstractThrowableAssert<?, ? extends Throwable> fails() {
    return assertThatThrownBy(() -> Parsers.forType(type).parse(document()))
        .isInstanceOf(DescriptorParseException.class);
  }

  /** Asserts that parsing fails with exactly this message. */
  void failsWith(String message) {
    fails().hasMessage(message);
  }

  /** Asserts that parsing fails with exactly this message, quoting exactly this line. */
  void failsAt(String line, String message) {
    fails().hasMessage(message)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((DescriptorParseException) e).line())
            .isEqualTo(line));
  }
}
