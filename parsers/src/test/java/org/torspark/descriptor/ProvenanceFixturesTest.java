package org.torspark.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torspark.descriptor.schema.Tables;
import org.torspark.testing.Fixtures;

/**
 * Every real fixture listed in testdata/PROVENANCE.md, read with type detection, against what the
 * provenance table says about it: full and cropped documents parse with zero errors and yield the
 * stated number of descriptors, entries or relay lines; malformed ones yield error records and
 * never an exception; tarballs yield the stated number of files.
 */
class ProvenanceFixturesTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|(.*)$");

  /**
   * Fixtures whose provenance status says malformed but that this library reads correctly, each
   * with the reason (they are malformed only for the tool they came from).
   */
  private static final Map<String, String> READABLE_DESPITE_STATUS = Map.of(
      "vote/malformed/vote-no-annotation",
      "only Stem needs an explicit type for it; we detect votes by content",
      "microdescriptor/malformed/wrong-id",
      "its only fault is an 'id' line of a key type tor does not know, which dir-spec says to ignore",
      "consensus-microdesc/malformed/cached-microdesc-consensus_with_carriage_returns",
      "CRLF line endings; the document is otherwise sound and we read CRLF everywhere");

  /** Fixtures that are not of a type this library reads: reported as errors, by design. */
  private static final Map<String, String> UNSUPPORTED = Map.of(
      "consensus/legacy-v2/cached-consensus-v2", "v2 network statuses (pre-2008) are not a supported type");

  record Fixture(String path, String type, String count, String status) {
    @Override
    public String toString() {
      return path;
    }
  }

  static Stream<Fixture> fixtures() {
    List<Fixture> out = new ArrayList<>();
    for (String line : Fixtures.text("PROVENANCE.md").split("\n")) {
      Matcher m = ROW.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String[] cells = m.group(2).split("\\|");
      // columns after the path: source repo, source path, commit, licence, type, @type, size, count, status, sha, notes
      String type = cells[4].trim();
      String count = cells[7].trim();
      String status = cells[8].trim();
      String path = m.group(1);
      if (path.startsWith("collector-index/") || path.endsWith(".txt") && path.startsWith("sbws-results/")) {
        continue; // JSON, not descriptors
      }
      out.add(new Fixture(path, type, count, status));
    }
    assertThat(out).hasSizeGreaterThan(100);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureReadsAsItsProvenanceSays(Fixture f) {
    List<ParsedDocument> docs = Fixtures.read(f.path());
    long errors = docs.stream().filter(ParsedDocument::isError).count();
    boolean malformed = f.status().startsWith("malformed") && !READABLE_DESPITE_STATUS.containsKey(f.path());
    if (UNSUPPORTED.containsKey(f.path()) || malformed) {
      assertThat(errors).as("error records for %s", f.path()).isPositive();
      assertThat(docs).filteredOn(ParsedDocument::isError)
          .allSatisfy(d -> assertThat(d.error().message()).doesNotContain("internal parser error"));
      return;
    }
    assertThat(docs).filteredOn(ParsedDocument::isError).extracting(d -> d.error().describe()).isEmpty();
    assertCount(f, docs);
  }

  private static void assertCount(Fixture f, List<ParsedDocument> docs) {
    Matcher n = Pattern.compile("^(\\d+) ([a-z]+)").matcher(f.count());
    assertThat(n.find()).as("count column of %s: %s", f.path(), f.count()).isTrue();
    long stated = Long.parseLong(n.group(1));
    String unit = n.group(2);
    Matcher entries = Pattern.compile("(\\d+) (router entries|bridge entries|relay lines|exit relays)")
        .matcher(f.count());
    if (entries.find()) {
      long rows = docs.stream().mapToLong(d -> Tables.forType(d.type(), Tables.Grain.ROW).rowsOf(d.descriptor()).size()).sum();
      assertThat(rows).as("rows of %s", f.path()).isEqualTo(Long.parseLong(entries.group(1)));
      if (unit.equals("document") || unit.equals("status")) {
        assertThat(docs).as("documents of %s", f.path()).hasSize((int) stated);
      }
      return;
    }
    switch (unit) {
      case "descriptors", "microdescriptors", "certificates" ->
          assertThat(docs).as("descriptors of %s", f.path()).hasSize((int) stated);
      case "files" -> assertThat(docs.stream().map(d -> d.source().entry()).distinct().count())
          .as("files in %s", f.path()).isEqualTo(stated);
      default -> throw new AssertionError("unknown count unit in PROVENANCE.md for " + f.path() + ": " + f.count());
    }
  }
}
