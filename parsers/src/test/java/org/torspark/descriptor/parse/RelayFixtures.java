package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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

/** Reads the real fixtures under {@code /testdata} (see its PROVENANCE.md) through {@link DescriptorReader}. */
final class RelayFixtures {
  private RelayFixtures() {}

  static Path testdata() {
    try {
      return Paths.get(RelayFixtures.class.getResource("/testdata").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Map<String, List<ParsedDocument>> CACHE = new ConcurrentHashMap<>();

  /**
   * Every document of a fixture, named by its path under testdata; {@code type} may be null to
   * detect. Read once per test run: records are immutable.
   */
  static List<ParsedDocument> read(String path, DescriptorType type) {
    return CACHE.computeIfAbsent(path + "|" + type, k -> readUncached(path, type));
  }

  private static List<ParsedDocument> readUncached(String path, DescriptorType type) {
    List<ParsedDocument> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(testdata().resolve(path));
        DescriptorReader reader = DescriptorReader.open(in, path,
            DescriptorReader.Options.lenient().withType(type))) {
      reader.forEachRemaining(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The descriptors of a fixture that must parse without a single error. */
  static <T extends Descriptor> List<T> parseAll(String path, DescriptorType type, Class<T> cls) {
    List<ParsedDocument> docs = read(path, type);
    assertThat(docs).as(path).isNotEmpty();
    assertThat(docs.stream().filter(ParsedDocument::isError).map(d -> d.error().describe()))
        .as("errors in " + path).isEmpty();
    return docs.stream().map(d -> cls.cast(d.descriptor())).collect(Collectors.toList());
  }

  static <T extends Descriptor> T parseOne(String path, DescriptorType type, Class<T> cls) {
    List<T> all = parseAll(path, type, cls);
    assertThat(all).as(path).hasSize(1);
    return all.get(0);
  }

  /** Fixture files under {@code dir}, relative to testdata, excluding {@code malformed/}. */
  static List<String> files(String dir) {
    Path root = testdata();
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

  /** The file name of an archive entry or plain file, which CollecTor sets to the descriptor digest. */
  static String innermostName(ParsedDocument d) {
    return d.source().innermostName();
  }
}
