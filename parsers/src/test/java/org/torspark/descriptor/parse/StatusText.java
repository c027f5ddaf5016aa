package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.torspark.descriptor.Descriptor;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;

/**
 * A descriptor written line by line, so that a test can change exactly one line (the first line
 * starting with a given prefix) and parse the result.
 */
final class StatusText {
  private final List<String> lines;

  StatusText(List<String> lines) {
    this.lines = new ArrayList<>(lines);
  }

  static StatusText of(String... lines) {
    return new StatusText(List.of(lines));
  }

  static StatusText ofText(String text) {
    return new StatusText(List.of(text.split("\n", -1)));
  }

  private int indexOf(String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no line starts with '" + prefix + "'");
  }

  /** Replaces the first line starting with {@code prefix}. */
  StatusText replace(String prefix, String line) {
    StatusText t = new StatusText(lines);
    t.lines.set(indexOf(prefix), line);
    return t;
  }

  /** Removes the first line starting with {@code prefix}. */
  StatusText remove(String prefix) {
    StatusText t = new StatusText(lines);
    t.lines.remove(indexOf(prefix));
    return t;
  }

  /** Removes the object (BEGIN to END line) after the first line starting with {@code prefix}. */
  StatusText removeObjectAfter(String prefix) {
    StatusText t = new StatusText(lines);
    int i = indexOf(prefix) + 1;
    if (!t.lines.get(i).startsWith("-----BEGIN ")) {
      throw new IllegalArgumentException("no object after '" + prefix + "'");
    }
    while (!t.lines.remove(i).startsWith("-----END ")) {
      // drop the object's lines through its END line
    }
    return t;
  }

  /** Removes the first item starting with {@code prefix}: its line and the object after it. */
  StatusText removeItem(String prefix) {
    return removeObjectAfter(prefix).remove(prefix);
  }

  /** Inserts {@code newLines} after the first line starting with {@code prefix}. */
  StatusText insertAfter(String prefix, String... newLines) {
    StatusText t = new StatusText(lines);
    t.lines.addAll(indexOf(prefix) + 1, List.of(newLines));
    return t;
  }

  /** Inserts {@code newLines} before the first line starting with {@code prefix}. */
  StatusText insertBefore(String prefix, String... newLines) {
    StatusText t = new StatusText(lines);
    t.lines.addAll(indexOf(prefix), List.of(newLines));
    return t;
  }

  String text(String newline) {
    return String.join(newline, lines) + newline;
  }

  Descriptor parse(DescriptorType type) throws DescriptorParseException {
    return parse(type, "\n");
  }

  Descriptor parse(DescriptorType type, String newline) throws DescriptorParseException {
    byte[] bytes = text(newline).getBytes(StandardCharsets.ISO_8859_1);
    return Parsers.forType(type).parse(Document.of(type, bytes, DescriptorSource.ofFile("test")));
  }
}
