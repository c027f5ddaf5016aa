package org.torspark.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads test fixtures from the classpath ({@code /testdata/...}) through the real reader. */
public final class Fixtures {
  private Fixtures() {}

  /** Every document of {@code path} (relative to testdata/), read leniently, optionally as {@code type}. */
  public static List<ParsedDocument> read(String path, DescriptorType type) {
    String resource = "/testdata/" + path;
    InputStream in = Fixtures.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("no fixture " + resource);
    }
    DescriptorReader.Options options = DescriptorReader.Options.lenient().withType(type);
    List<ParsedDocument> out = new ArrayList<>();
    try (DescriptorReader reader = DescriptorReader.open(in, "testdata/" + path, options)) {
      reader.forEachRemaining(out::add);
    }
    return out;
  }

  /** The fixture's bytes. */
  public static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/testdata/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
