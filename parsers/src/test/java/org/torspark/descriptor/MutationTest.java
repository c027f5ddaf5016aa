package org.torspark.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torspark.descriptor.schema.Tables;
import org.torspark.testing.Fixtures;
import org.torspark.testing.Mutator;

/**
 * Corrupts real fixtures thousands of ways ({@link Mutator}: truncation, garbled, inserted and
 * deleted bytes, dropped, duplicated, swapped and cut lines, swapped keywords, junk arguments) and
 * checks that the reader only ever reports its own errors: no exception escapes, no parser bug
 * ("internal parser error") shows, nothing hangs, every parsed descriptor turns into rows, and the
 * counts add up (documents = descriptors + errors + skipped). Across each fixture's cases, some
 * corruptions must parse and some must be refused, or the mutations are not reaching the parser.
 * Deterministic: each case's seed is its index.
 */
class MutationTest {
  private static final int CASES_PER_FIXTURE = 250;

  /** A document to corrupt; {@code type} null means the reader detects it, as for a real file. */
  record Fixture(String name, DescriptorType type, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One fixture per type and format, small enough to mutate hundreds of times. */
  private static final List<Fixture> FIXTURES = List.of(
      file("server-descriptor/2017-07-17-17-20-00-server-descriptors"),
      file("server-descriptor/single/server_descriptor_with_ed25519"),
      file("server-descriptor/single/old_descriptor"),
      // every policy item: ipv6-policy besides accept and reject lines
      new Fixture("routerdesc1-Akka-2022 with ipv6-policy", DescriptorType.SERVER_DESCRIPTOR,
          withLinesAfter("server-descriptor/single/routerdesc1-Akka-2022.txt", "reject",
              "ipv6-policy accept 80,443", "accept *:80")),
      file("bridge-server-descriptor/2017-07-17-17-09-00-server-descriptors"),
      bare("bridge-server-descriptor/single/bridge_descriptor_with_ed25519", DescriptorType.BRIDGE_SERVER_DESCRIPTOR),
      file("extra-info/2017-07-17-17-20-00-extra-infos"),
      file("extra-info/single/extrainfo_descriptor_with_ed25519"),
      // every statistics family the fixture lacks, so each has its arguments corrupted
      new Fixture("extrainfo_descriptor_with_ed25519 with all statistics", DescriptorType.EXTRA_INFO,
          withLinesBefore("extra-info/single/extrainfo_descriptor_with_ed25519", "router-sig-ed25519",
              "ipv6-read-history 2019-04-15 04:25:02 (86400 s) 10,20,30",
              "entry-stats-end 2012-05-03 12:07:50 (86400 s)", "entry-ips de=16,us=8",
              "cell-stats-end 2012-05-03 12:07:50 (86400 s)", "cell-processed-cells 4563,153,42.5,0",
              "cell-circuits-per-decile 13", "conn-bi-direct 2012-05-03 12:07:50 (86400 s) 277,12089,0,3",
              "exit-stats-end 2012-05-03 12:07:50 (86400 s)", "exit-kibibytes-written 80=1,443=2,other=3",
              "hidserv-stats-end 2021-10-06 17:16:59 (86400 s)",
              "hidserv-dir-onions-seen -9 delta_f=8 epsilon=0.30 bin_size=8",
              "padding-counts 2021-10-06 17:17:14 (86400 s) bin-size=10000 write-drop=0",
              "overload-ratelimits 1 2021-10-07 05:00:00 122880 819200 221 105",
              "overload-fd-exhausted 1 2021-09-01 12:00:00", "transport obfs4 192.0.2.1:443 cert=abc")),
      file("bridge-extra-info/2017-07-17-17-09-00-extra-infos"),
      bare("bridge-extra-info/single/bridge_extrainfo_descriptor_with_ed25519", DescriptorType.BRIDGE_EXTRA_INFO),
      file("microdescriptor/2017-07-17-17-20-00-micro"),
      typed("microdescriptor/single/cached-microdescs-2013", DescriptorType.MICRODESCRIPTOR),
      typed("microdescriptor/malformed/bogus-policy", DescriptorType.MICRODESCRIPTOR),
      file("consensus/cropped/2017-07-17-17-00-00-consensus"),
      file("consensus-microdesc/cropped/2017-07-17-17-00-00-consensus-microdesc"),
      file("vote/cropped/2017-07-17-17-00-00-vote-0232AF901C31A04EE9848595AF9BB7620D4C5B2E-6C2F5B0D52DFB3E4CA3DDEEAD690CC563CAF0601"),
      file("bridge-network-status/20170717-170645-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1"),
      bare("bridge-network-status/cropped/20171204-190507-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1.part",
          DescriptorType.BRIDGE_NETWORK_STATUS),
      file("key-certificate/single/metrics_cert"),
      bare("key-certificate/single/authcert1-gabelmoo-2020.txt", DescriptorType.DIR_KEY_CERTIFICATE_3),
      file("key-certificate/2022-cached-certs"),
      file("bandwidth-file/2019-05-14-12-35-04-bandwidth-376B05F867C6E06C816DD2FF7A5C7B88D9829D958F0DA2F73BDFFD2C3B49D217"),
      file("bandwidth-file/torflow-v1.0.0-2019-01-14"),
      typed("bandwidth-file/sbws-v1.4.0-2019-04-21", DescriptorType.BANDWIDTH_FILE),
      typed("sbws-results/v3bw/20190511_063232.v3bw", DescriptorType.BANDWIDTH_FILE),
      file("exit-list/2017-07-17-17-02-00"),
      file("collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz"));

  /** What each fixture's cases did, for the checks across them in {@link #everyFixtureIsBothParsedAndRefused}. */
  private static final Map<String, Outcomes> OUTCOMES = new ConcurrentHashMap<>();

  private static final class Outcomes {
    final AtomicInteger cases = new AtomicInteger();
    final AtomicInteger parsed = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger noticed = new AtomicInteger();
  }

  record Case(Fixture fixture, int seed) {
    @Override
    public String toString() {
      return fixture + " #" + seed;
    }
  }

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (Fixture f : FIXTURES) {
      for (int i = 0; i < CASES_PER_FIXTURE; i++) {
        out.add(new Case(f, i));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void corruptedInputOnlyEverYieldsTheReadersOwnErrors(Case c) {
    Fixture f = c.fixture();
    byte[] mutated = Mutator.mutate(f.bytes(), new SplittableRandom(c.seed() * 1_000_003L + f.name().hashCode()));
    Outcomes outcomes = OUTCOMES.computeIfAbsent(f.name(), k -> new Outcomes());
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (DescriptorReader reader = DescriptorReader.open(new ByteArrayInputStream(mutated), f.name(),
          DescriptorReader.Options.lenient().withType(f.type()))) {
        long descriptors = 0;
        long errors = 0;
        boolean noticed = false;
        while (reader.hasNext()) {
          ParsedDocument d = reader.next();
          if (d.isError()) {
            errors++;
            assertThat(d.error().message()).isNotBlank().doesNotContain("internal parser error");
            assertThat(d.error().source().file()).isEqualTo(f.name());
          } else {
            descriptors++;
            assertThat(d.descriptor()).isNotNull();
            assertThat(d.descriptor().type()).isEqualTo(d.type());
            Tables.forType(d.type(), Tables.Grain.ROW).rowsOf(d.descriptor());
            if (Tables.hasDocumentGrain(d.type())) {
              assertThat(Tables.forType(d.type(), Tables.Grain.DOCUMENT).rowsOf(d.descriptor())).hasSize(1);
            }
            noticed |= recordsAProblem(d.descriptor());
          }
        }
        ReadStats s = reader.stats();
        assertThat(s.descriptors()).isEqualTo(descriptors);
        assertThat(s.errors()).isEqualTo(errors);
        assertThat(s.documents()).isEqualTo(s.descriptors() + s.errors() + s.skipped());
        outcomes.cases.incrementAndGet();
        outcomes.parsed.addAndGet(descriptors > 0 ? 1 : 0);
        outcomes.refused.addAndGet(errors > 0 ? 1 : 0);
        outcomes.noticed.addAndGet(errors > 0 || noticed ? 1 : 0);
      }
    });
  }

  /**
   * Checked once every case of a fixture has run (not when a filter runs only some): both
   * outcomes occur, so the mutations reach past the first line; and at least a tenth of the
   * corruptions are refused or recorded (lenient parsers keep what they cannot use), not silently
   * accepted.
   */
  @AfterAll
  static void everyFixtureIsBothParsedAndRefused() {
    for (Fixture f : FIXTURES) {
      Outcomes o = OUTCOMES.get(f.name());
      if (o == null || o.cases.get() < CASES_PER_FIXTURE) {
        continue;
      }
      assertThat(o.parsed.get()).as("mutants of %s that parse", f).isPositive();
      assertThat(o.refused.get()).as("mutants of %s that are refused", f).isPositive();
      assertThat(o.noticed.get()).as("mutants of %s refused or recorded", f).isGreaterThan(CASES_PER_FIXTURE / 10);
    }
  }

  /** Lenient parsers keep what they cannot use; that counts as noticing the corruption. */
  private static boolean recordsAProblem(Descriptor d) {
    if (d instanceof BandwidthFile f) {
      return !f.invalidLines().isEmpty() || !f.unknownLines().isEmpty()
          || f.relays().stream().anyMatch(r -> !r.invalidTokens().isEmpty() || !r.extra().isEmpty());
    }
    if (d instanceof ExitList l) {
      return !l.unknownLines().isEmpty();
    }
    if (d instanceof Microdescriptor m) {
      return !m.unknownLines().isEmpty();
    }
    return false;
  }

  /** A fixture as it is, its type detected by the reader. */
  private static Fixture file(String path) {
    return new Fixture(path, null, Fixtures.bytes(path));
  }

  /** A fixture read as {@code type}, as its directory says. */
  private static Fixture typed(String path, DescriptorType type) {
    return new Fixture(path, type, Fixtures.bytes(path));
  }

  /** A single descriptor without its annotation and blank lines, so each corruption hits the descriptor. */
  private static Fixture bare(String path, DescriptorType type) {
    return new Fixture(path + " (bare)", type, text(descriptorLines(path)));
  }

  private static byte[] withLinesBefore(String path, String keyword, String... added) {
    List<String> lines = descriptorLines(path);
    lines.addAll(indexOf(lines, keyword), Arrays.asList(added));
    return text(lines);
  }

  private static byte[] withLinesAfter(String path, String keyword, String... added) {
    List<String> lines = descriptorLines(path);
    lines.addAll(indexOf(lines, keyword) + 1, Arrays.asList(added));
    return text(lines);
  }

  /** The lines of a fixture without annotation and blank lines. */
  private static List<String> descriptorLines(String path) {
    List<String> lines = new ArrayList<>();
    for (String l : Fixtures.lines(path)) {
      if (!l.startsWith("@") && !l.isEmpty()) {
        lines.add(l);
      }
    }
    return lines;
  }

  private static int indexOf(List<String> lines, String keyword) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals(keyword) || lines.get(i).startsWith(keyword + " ")) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + keyword + " line");
  }

  private static byte[] text(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
  }
}
