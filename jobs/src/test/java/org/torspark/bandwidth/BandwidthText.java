package org.torspark.bandwidth;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;

/** Parses a bandwidth file written inline in a test. */
final class BandwidthText {
  private BandwidthText() {}

  static BandwidthFile parse(String text) {
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "test-bandwidth-file", DescriptorReader.Options.lenient().withType(DescriptorType.BANDWIDTH_FILE))) {
      ParsedDocument d = r.next();
      if (d.isError()) {
        throw new AssertionError(d.error().toString());
      }
      return (BandwidthFile) d.descriptor();
    }
  }
}
