package org.torspark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code torspark parse} end to end on real fixtures, reading its output as a user's script would. */
class ParseCommandTest {
  private static final Path TESTDATA = Path.of(System.getProperty("torspark.testdata",
      "../parsers/src/test/resources/testdata"));
  private static final ObjectMapper JSON = new ObjectMapper();

  record Result(int code, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String l : out.split("\n")) {
        if (!l.isBlank()) {
          nodes.add(JSON.readTree(l));
        }
      }
      return nodes;
    }
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void jsonlUsesTheContractFieldNamesAndIsoUtcTimestamps() throws Exception {
    Result r = run("parse", TESTDATA.resolve("server-descriptor/single/routerdesc1-Akka-2022.txt").toString());
    assertThat(r.code()).isZero();
    List<JsonNode> rows = r.lines();
    assertThat(rows).hasSize(1);
    JsonNode d = rows.get(0);
    assertThat(d.get("type").asText()).isEqualTo("server-descriptor");
    for (String field : List.of("nickname", "fingerprint", "published", "address", "or_port", "dir_port",
        "platform", "bandwidth_avg", "bandwidth_burst", "bandwidth_observed", "family", "contact",
        "exit_policy", "exit_policy_v6", "extra_info_digest", "digest", "source_file", "source_entry")) {
      assertThat(d.has(field)).as(field).isTrue();
    }
    assertThat(d.get("nickname").asText()).isEqualTo("Akka");
    assertThat(d.get("published").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(d.get("exit_policy").isArray()).isTrue();
    assertThat(d.get("digest").asText()).matches("[0-9a-f]{40}");
  }

  @Test
  void consensusEntriesAreRowsWithTheDocumentTimeAttached() throws Exception {
    Result r = run("parse", "--type", "network-status-consensus-3",
        TESTDATA.resolve("consensus/cropped/2017-07-17-17-00-00-consensus").toString());
    List<JsonNode> rows = r.lines();
    assertThat(rows).hasSize(5);
    assertThat(rows).allSatisfy(n -> assertThat(n.get("valid_after").asText()).isEqualTo("2017-07-17T17:00:00Z"));
    Result docs = run("parse", "--documents",
        TESTDATA.resolve("consensus/cropped/2017-07-17-17-00-00-consensus").toString());
    assertThat(docs.lines()).hasSize(1);
    assertThat(docs.lines().get(0).get("entry_count").asInt()).isEqualTo(5);
  }

  @Test
  void brokenDocumentsBecomeErrorObjectsThatSayWhere() throws Exception {
    Result r = run("parse", TESTDATA.resolve("microdescriptor/malformed/bogus-policy").toString());
    assertThat(r.code()).isZero();
    JsonNode e = r.lines().get(0);
    assertThat(e.get("error").asText()).isNotBlank();
    assertThat(e.get("source_file").asText()).endsWith("bogus-policy");
    assertThat(e.get("line_number").asInt()).isPositive();
    assertThat(e.get("line").asText()).isEqualTo("p6 accept whatever");
    assertThat(e.get("line_number").asInt()).isEqualTo(9);
  }

  @Test
  void strictModeStopsAtTheFirstErrorWithItsLocation() {
    Result r = run("parse", "--strict", TESTDATA.resolve("microdescriptor/malformed/bogus-policy").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bogus-policy").contains("line ");
  }

  @Test
  void summaryCountsEveryTypeInAFolderIncludingArchives() {
    Result r = run("parse", "--format", "summary", TESTDATA.resolve("collector-tarball/derived-xz").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("network-status-consensus-3").contains("server-descriptor")
        .contains("MB/s").contains("descriptors/s").contains("errors 0");
  }

  @Test
  void badOptionsNameTheOption() {
    Result t = run("parse", "--type", "server-descriptors", TESTDATA.toString());
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err()).contains("--type").contains("server-descriptors").contains("server-descriptor,");
    Result f = run("parse", "--format", "xml", TESTDATA.toString());
    assertThat(f.err()).contains("--format").contains("xml");
    Result p = run("parse", "/no/such/path");
    assertThat(p.err()).contains("/no/such/path");
    for (String n : new String[] {"0", "many"}) {
      Result threads = run("parse", "--parse-threads", n, TESTDATA.toString());
      assertThat(threads.code()).isEqualTo(2);
      assertThat(threads.err()).contains("--parse-threads").contains("'" + n + "'");
    }
    Result c = run("frobnicate");
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).contains("unknown command 'frobnicate'");
  }

  @Test
  void theOutputIsTheSameWhateverTheParseThreads() {
    String archive = TESTDATA.resolve("collector-tarball/derived-xz").toString();
    Result one = run("parse", "--parse-threads", "1", archive);
    assertThat(one.code()).isZero();
    assertThat(one.out().lines().count()).isGreaterThan(10);
    assertThat(run("parse", "--parse-threads", "4", archive).out()).isEqualTo(one.out());
  }

  @Test
  void metadataFilesInAFolderAreNotData(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("_manifest"));
    java.nio.file.Files.writeString(dir.resolve("_manifest/manifest.jsonl"), "{\"path\":\"x\"}\n");
    java.nio.file.Files.writeString(dir.resolve(".hidden"), "junk\n");
    java.nio.file.Files.copy(TESTDATA.resolve("key-certificate/single/metrics_cert"), dir.resolve("cert"));
    Result r = run("parse", dir.toString());
    assertThat(r.lines()).hasSize(1);
    assertThat(r.lines().get(0).has("error")).isFalse();
  }
}
