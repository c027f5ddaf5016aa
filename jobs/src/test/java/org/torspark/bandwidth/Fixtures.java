package org.torspark.bandwidth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;

/** The parsers module's real fixtures, read in place. */
final class Fixtures {
  private Fixtures() {}

  static Path testdata() {
    String p = System.getProperty("torspark.testdata");
    return p != null ? Paths.get(p) : Paths.get("..", "parsers", "src", "test", "resources", "testdata");
  }

  static Path path(String relative) {
    return testdata().resolve(relative).toAbsolutePath().normalize();
  }

  static String text(String relative) {
    try {
      return Files.readString(path(relative), java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every bandwidth file in a fixture (a plain file or a tarball). */
  static List<BandwidthFile> bandwidthFiles(String relative) {
    List<BandwidthFile> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(path(relative));
        DescriptorReader r = DescriptorReader.open(in, relative,
            DescriptorReader.Options.lenient().withType(DescriptorType.BANDWIDTH_FILE))) {
      while (r.hasNext()) {
        ParsedDocument d = r.next();
        if (d.isError()) {
          throw new AssertionError(relative + ": " + d.error());
        }
        out.add((BandwidthFile) d.descriptor());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static BandwidthFile bandwidthFile(String relative) {
    List<BandwidthFile> files = bandwidthFiles(relative);
    if (files.size() != 1) {
      throw new AssertionError(relative + ": " + files.size() + " files");
    }
    return files.get(0);
  }
}
