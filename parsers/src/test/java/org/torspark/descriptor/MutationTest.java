package org.torspark.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torspark.descriptor.schema.Tables;
import org.torspark.testing.Fixtures;

/**
 * Corrupts real fixtures thousands of ways (truncation, flipped bytes, dropped, duplicated and
 * swapped lines, a line's characters shuffled) and checks that the reader only ever reports its own
 * errors: no exception escapes, no parser bug ("internal parser error") shows, nothing hangs, every
 * parsed descriptor turns into rows, and the counts add up (documents = descriptors + errors +
 * skipped). Deterministic: each case's seed is its index.
 */
class MutationTest {
  /** One fixture per type and format, small enough to mutate hundreds of times. */
  private static final String[] FIXTURES = {
      "server-descriptor/2017-07-17-17-20-00-server-descriptors",
      "server-descriptor/single/server_descriptor_with_ed25519",
      "server-descriptor/single/old_descriptor",
      "extra-info/2017-07-17-17-20-00-extra-infos",
      "extra-info/single/extrainfo_descriptor_with_ed25519",
      "bridge-server-descriptor/2017-07-17-17-09-00-server-descriptors",
      "bridge-extra-info/2017-07-17-17-09-00-extra-infos",
      "microdescriptor/2017-07-17-17-20-00-micro",
      "consensus/cropped/2017-07-17-17-00-00-consensus",
      "consensus-microdesc/cropped/2017-07-17-17-00-00-consensus-microdesc",
      "vote/cropped/2017-07-17-17-00-00-vote-0232AF901C31A04EE9848595AF9BB7620D4C5B2E-6C2F5B0D52DFB3E4CA3DDEEAD690CC563CAF0601",
      "bridge-network-status/20170717-170645-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1",
      "key-certificate/single/metrics_cert",
      "key-certificate/2022-cached-certs",
      "bandwidth-file/2019-05-14-12-35-04-bandwidth-376B05F867C6E06C816DD2FF7A5C7B88D9829D958F0DA2F73BDFFD2C3B49D217",
      "bandwidth-file/torflow-v1.0.0-2019-01-14",
      "exit-list/2017-07-17-17-02-00",
      "collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz",
  };
  private static final int CASES_PER_FIXTURE = 250;

  record Case(String fixture, int seed) {
    @Override
    public String toString() {
      return fixture + " #" + seed;
    }
  }

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (String f : FIXTURES) {
      for (int i = 0; i < CASES_PER_FIXTURE; i++) {
        out.add(new Case(f, i));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void corruptedInputOnlyEverYieldsTheReadersOwnErrors(Case c) {
    byte[] original = Fixtures.bytes(c.fixture());
    byte[] mutated = mutate(original, new SplittableRandom(c.seed() * 1_000_003L + c.fixture().hashCode()));
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (DescriptorReader reader = DescriptorReader.open(new ByteArrayInputStream(mutated), c.fixture(),
          DescriptorReader.Options.lenient())) {
        long descriptors = 0;
        long errors = 0;
        while (reader.hasNext()) {
          ParsedDocument d = reader.next();
          if (d.isError()) {
            errors++;
            assertThat(d.error().message()).doesNotContain("internal parser error");
            assertThat(d.error().source().file()).isEqualTo(c.fixture());
          } else {
            descriptors++;
            assertThat(d.descriptor().type()).isEqualTo(d.type());
            Tables.forType(d.type(), Tables.Grain.ROW).rowsOf(d.descriptor());
            if (Tables.hasDocumentGrain(d.type())) {
              assertThat(Tables.forType(d.type(), Tables.Grain.DOCUMENT).rowsOf(d.descriptor())).hasSize(1);
            }
          }
        }
        ReadStats s = reader.stats();
        assertThat(s.descriptors()).isEqualTo(descriptors);
        assertThat(s.errors()).isEqualTo(errors);
        assertThat(s.documents()).isEqualTo(s.descriptors() + s.errors() + s.skipped());
      }
    });
  }

  static byte[] mutate(byte[] in, SplittableRandom r) {
    boolean compressed = in.length > 2 && (in[0] & 0xff) == 0xFD;
    int kind = compressed ? r.nextInt(2) : r.nextInt(7);
    switch (kind) {
      case 0: // truncate
        return Arrays.copyOf(in, r.nextInt(in.length));
      case 1: { // flip a few bytes
        byte[] out = in.clone();
        int flips = 1 + r.nextInt(8);
        for (int i = 0; i < flips; i++) {
          out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        }
        return out;
      }
      default:
        return mutateLines(new String(in, StandardCharsets.ISO_8859_1), kind, r)
            .getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private static String mutateLines(String text, int kind, SplittableRandom r) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int i = r.nextInt(lines.size());
    switch (kind) {
      case 2 -> lines.remove(i);
      case 3 -> lines.add(i, lines.get(i));
      case 4 -> {
        int j = r.nextInt(lines.size());
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
      case 5 -> { // cut a line short, keeping its keyword
        String l = lines.get(i);
        lines.set(i, l.substring(0, r.nextInt(l.length() + 1)));
      }
      default -> { // replace one argument with junk of a plausible kind
        String l = lines.get(i);
        String[] junk = {"-1", "99999999999999999999", "x", "", "2019-13-45", "25:61:61", "=", "a=b=c", "$", "[::"};
        String[] parts = l.split(" ", -1);
        if (parts.length > 1) {
          parts[1 + r.nextInt(parts.length - 1)] = junk[r.nextInt(junk.length)];
        }
        lines.set(i, String.join(" ", parts));
      }
    }
    return String.join("\n", lines);
  }
}
