package org.torspark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.torspark.descriptor.Descriptor;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;

/**
 * The one loader of the real fixtures under {@code /testdata} (see testdata/PROVENANCE.md) on the
 * classpath. Every {@code path} is relative to testdata/, and is also the file name the reader
 * reports in sources and errors.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Parsed fixtures, read once per test run (records are immutable); soft, so memory wins. */
  private static final Map<String, SoftReference<List<ParsedDocument>>> READ = new ConcurrentHashMap<>();

  public static InputStream open(String path) {
    InputStream in = Fixtures.class.getResourceAsStream("/testdata/" + path);
    if (in == null) {
      throw new IllegalArgumentException("no fixture testdata/" + path);
    }
    return in;
  }

  /** The bytes of {@code testdata/<path>}. */
  public static byte[] bytes(String path) {
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture decoded as ISO-8859-1, as the parsers decode it. */
  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.ISO_8859_1);
  }

  /** The fixture's lines (ISO-8859-1), split like {@link Files#readAllLines}. */
  public static List<String> lines(String path) {
    return new BufferedReader(new StringReader(text(path))).lines().collect(Collectors.toList());
  }

  /**
   * Every document of a fixture, read leniently through {@link DescriptorReader}; {@code type}
   * may be null to detect it. The list is unmodifiable and may be shared between tests.
   */
  public static List<ParsedDocument> read(String path, DescriptorType type) {
    String key = path + "|" + type;
    SoftReference<List<ParsedDocument>> ref = READ.get(key);
    List<ParsedDocument> docs = ref == null ? null : ref.get();
    if (docs == null) {
      docs = readUncached(path, type);
      READ.put(key, new SoftReference<>(docs));
    }
    return docs;
  }

  public static List<ParsedDocument> read(String path) {
    return read(path, null);
  }

  private static List<ParsedDocument> readUncached(String path, DescriptorType type) {
    List<ParsedDocument> out = new ArrayList<>();
    try (DescriptorReader reader = DescriptorReader.open(open(path), path,
        DescriptorReader.Options.lenient().withType(type))) {
      reader.forEachRemaining(out::add);
    }
    return List.copyOf(out);
  }

  /** The descriptors of a fixture that must parse without a single error (asserted). */
  public static <T extends Descriptor> List<T> parseAll(String path, DescriptorType type, Class<T> cls) {
    List<ParsedDocument> docs = read(path, type);
    assertThat(docs).as(path).isNotEmpty();
    assertThat(docs.stream().filter(ParsedDocument::isError).map(d -> d.error().describe()))
        .as("errors in " + path).isEmpty();
    return docs.stream().map(d -> cls.cast(d.descriptor())).collect(Collectors.toList());
  }

  /** The single descriptor of a fixture, which must parse without error (asserted). */
  public static <T extends Descriptor> T parseOne(String path, DescriptorType type, Class<T> cls) {
    List<T> all = parseAll(path, type, cls);
    assertThat(all).as(path).hasSize(1);
    return all.get(0);
  }

  /** The fixture files under {@code dir}, as paths relative to testdata, without {@code malformed/}. */
  public static List<String> filesUnder(String dir) {
    Path root = root();
    try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.contains("/malformed/"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/testdata").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
