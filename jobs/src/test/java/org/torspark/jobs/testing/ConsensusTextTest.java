package org.torspark.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.ParsedDocument;

/** The builder's documents are what the parser reads without errors, and what RawConsensus reads. */
class ConsensusTextTest {

  @Test
  void builtConsensusParsesCleanly() throws Exception {
    ConsensusText c = ConsensusText.at("2020-03-01T05:00:00Z")
        .entry("a", "A".repeat(40), "b".repeat(40), "Exit Fast MiddleOnly Running Valid", 100, "accept 80,443",
            "[2001:db8::1]:9001")
        .entry("b", "C".repeat(40), "d".repeat(40), "Fast Running Valid", 50, "reject 1-65535")
        .weights(null);
    List<ParsedDocument> docs = new ArrayList<>();
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(c.text().getBytes(StandardCharsets.ISO_8859_1)),
        c.fileName(), DescriptorReader.Options.lenient())) {
      r.forEachRemaining(docs::add);
    }
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).isError()).as(String.valueOf(docs.get(0))).isFalse();
    NetworkStatus s = (NetworkStatus) docs.get(0).descriptor();
    assertThat(s.entries()).hasSize(2);
    assertThat(s.entries().get(0).fingerprint()).isEqualTo("A".repeat(40));
    assertThat(s.entries().get(0).flags()).contains("MiddleOnly");
    assertThat(s.bandwidthWeights()).isEmpty();
    RawConsensus raw = RawConsensus.parse(List.of(c.text().split("\n")));
    assertThat(raw.entries).hasSize(2);
    assertThat(raw.entries.get(0).digest()).isEqualTo("b".repeat(40));
  }

  @Test
  void entriesAddedOutOfIdentityOrderAreWrittenSorted() throws Exception {
    // regression: a built consensus listing A9EB... before 6D7C... was an error row, which the
    // jobs' time filter dropped silently
    ConsensusText c = ConsensusText.at("2017-07-17T10:00:00Z")
        .entry("Laika", "A9EB7F7DAB0EB59BE2AF0C1677BAD40C4BCA1936", "a".repeat(40), "Exit Running Valid", 1, "accept 80")
        .entry("Noonesland", "6D7C6F497419BBF024820AEF6791D20B49A4A0B9", "b".repeat(40), "Running Valid", 1, "reject 1-65535");
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(c.text().getBytes(StandardCharsets.ISO_8859_1)),
        c.fileName(), DescriptorReader.Options.lenient())) {
      ParsedDocument d = r.next();
      assertThat(d.isError()).as(String.valueOf(d.error())).isFalse();
      assertThat(((NetworkStatus) d.descriptor()).entries()).extracting(e -> e.nickname())
          .containsExactly("Noonesland", "Laika");
    }
  }
}
