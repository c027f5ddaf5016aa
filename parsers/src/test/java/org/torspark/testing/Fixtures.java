package org.torspark.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;

/** Loads the real fixtures under {@code /testdata} (see testdata/PROVENANCE.md) from the classpath. */
public final class Fixtures {
  private Fixtures() {}

  /** The bytes of {@code testdata/<path>}. */
  public static byte[] bytes(String path) {
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.ISO_8859_1);
  }

  public static InputStream open(String path) {
    InputStream in = Fixtures.class.getResourceAsStream("/testdata/" + path);
    if (in == null) {
      throw new IllegalArgumentException("no fixture testdata/" + path);
    }
    return in;
  }

  /** Every document of a fixture, read leniently (type detected unless given). */
  public static List<ParsedDocument> read(String path, DescriptorType type) {
    List<ParsedDocument> out = new ArrayList<>();
    try (DescriptorReader reader = DescriptorReader.open(open(path), path,
        DescriptorReader.Options.lenient().withType(type))) {
      reader.forEachRemaining(out::add);
    }
    return out;
  }

  public static List<ParsedDocument> read(String path) {
    return read(path, null);
  }
}
