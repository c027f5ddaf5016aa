package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.BandwidthRelayLine;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;

/** The benchmark's own argument checks (before any JVM or Spark session is started) and its synthetic corpus. */
class JobBenchTest {
  @TempDir
  Path tmp;

  @Test
  void freshJvmsNeedsACorpusWithBothFolders() throws Exception {
    assertThatThrownBy(() -> JobBench.freshJvms(1, tmp)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(tmp.toString()).hasMessageContaining("sbws-results/");
    Files.createDirectories(tmp.resolve("bandwidth"));
    assertThatThrownBy(() -> JobBench.freshJvms(1, tmp)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run scripts/bench-sbws CORPUS once");
  }

  @Test
  void roundsMustBeAWholeNumberOfAtLeastOne() {
    org.assertj.core.api.Assertions.assertThat(JobBench.rounds("3")).isEqualTo(3);
    for (String bad : new String[] {"0", "-1", "three", "1.5", ""}) {
      assertThatThrownBy(() -> JobBench.rounds(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("--fresh-jvm: ROUNDS '" + bad + "' is not a whole number of at least 1");
    }
  }

  @Test
  void anUnknownStepIsRefusedByName() {
    assertThatThrownBy(() -> JobBench.step("read-everything", tmp)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--step: 'read-everything' is not one of [read-scaling, job-scaling, read-sbws, job-sbws]");
  }

  @Test
  void theSyntheticWeekHasRelayIdentitiesAsOnTheNetwork() throws Exception {
    int relays = 300;
    JobBench.writeCorpus(tmp.resolve("bandwidth"), tmp.resolve("sbws-results"), 2, relays);
    List<Path> files;
    try (Stream<Path> s = Files.list(tmp.resolve("bandwidth"))) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSize(2);
    List<String> fingerprints = new ArrayList<>();
    List<String> nicks = new ArrayList<>();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f);
          DescriptorReader r = DescriptorReader.open(in, f.toString(),
              DescriptorReader.Options.lenient().withType(DescriptorType.BANDWIDTH_FILE))) {
        ParsedDocument d = r.next();
        assertThat(d.isError()).as("%s", d).isFalse();
        BandwidthFile bf = (BandwidthFile) d.descriptor();
        assertThat(bf.relays()).hasSize(relays);
        assertThat(bf.invalidLines()).isEmpty();
        fingerprints.clear();
        nicks.clear();
        for (BandwidthRelayLine l : bf.relays()) {
          assertThat(l.invalidTokens()).isEmpty();
          fingerprints.add(l.fingerprint());
          nicks.add(l.nick());
        }
      }
    }
    // distinct 40-hex fingerprints, uniform like SHA-1s: no long shared prefixes as numbered ones had
    assertThat(new HashSet<>(fingerprints)).hasSize(relays);
    assertThat(fingerprints).allMatch(fp -> fp.matches("[0-9A-F]{40}"));
    Set<String> firstTwo = new HashSet<>();
    fingerprints.forEach(fp -> firstTwo.add(fp.substring(0, 2)));
    assertThat(firstTwo.size()).isGreaterThan(relays / 3);
    assertThat(nicks).allMatch(n -> n.matches("[A-Za-z0-9]{1,19}"));
    assertThat(new HashSet<>(nicks).size()).isGreaterThan(relays * 9 / 10);
    // the results name the same relays, by the same fingerprints and nicknames
    ObjectMapper json = new ObjectMapper();
    Set<String> inResults = new HashSet<>();
    try (Stream<Path> s = Files.list(tmp.resolve("sbws-results"))) {
      for (Path f : s.toList()) {
        for (String line : Files.readAllLines(f)) {
          JsonNode n = json.readTree(line);
          int i = fingerprints.indexOf(n.get("fingerprint").asText());
          assertThat(i).as(line).isNotNegative();
          assertThat(n.get("nickname").asText()).isEqualTo(nicks.get(i));
          inResults.add(n.get("fingerprint").asText());
        }
      }
    }
    assertThat(inResults).hasSize(relays);
  }
}
