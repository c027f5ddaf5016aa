package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** docs/types.md and README.md's column table are what TypesDoc writes from the Table definitions today; README.md lists every option. */
class DocsTest {

  static Path docs() {
    return Paths.get(System.getProperty("torspark.root", "..")).resolve("docs");
  }

  @Test
  void typesDocIsUpToDate() throws IOException {
    Path file = docs().resolve("types.md");
    String expected = TypesDoc.render();
    if (Boolean.getBoolean("torspark.writeTypesDoc")) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(file)).as(file + " exists").isTrue();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("docs/types.md is stale: regenerate it with mvn -o -q -pl jobs -am test -Dtest=DocsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dtorspark.writeTypesDoc=true")
        .isEqualTo(expected);
  }

  @Test
  void readmeColumnTableIsUpToDate() throws IOException {
    Path file = docs().getParent().resolve("README.md");
    String readme = Files.readString(file, StandardCharsets.UTF_8);
    int begin = readme.indexOf(TypesDoc.README_BEGIN);
    int end = readme.indexOf(TypesDoc.README_END);
    assertThat(begin).as("README.md has the generated column table").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String current = readme.substring(begin, end + TypesDoc.README_END.length());
    String expected = TypesDoc.renderReadmeTable();
    if (Boolean.getBoolean("torspark.writeTypesDoc")) {
      Files.writeString(file, readme.replace(current, expected), StandardCharsets.UTF_8);
      current = expected;
    }
    assertThat(current).as("README.md's column table is stale: regenerate it like docs/types.md").isEqualTo(expected);
    for (org.torspark.descriptor.DescriptorType t : org.torspark.descriptor.DescriptorType.values()) {
      assertThat(expected).contains("| `" + t.typeName() + "` |");
    }
    assertThat(expected).contains("`fingerprint`, `published`, `address`, `or_port`");
  }

  @Test
  void everyTypeHasItsSection() {
    String doc = TypesDoc.render();
    for (org.torspark.descriptor.DescriptorType t : org.torspark.descriptor.DescriptorType.values()) {
      assertThat(doc).contains("\n## " + t.typeName());
    }
    assertThat(doc).contains("| `exit_addresses[].address` | `string` |").contains("| `source_file` | `string` |");
  }

  @Test
  void optionsTableListsEveryOption() throws IOException {
    String doc = Files.readString(docs().getParent().resolve("README.md"), StandardCharsets.UTF_8);
    for (String key : DescriptorOptions.KEYS) {
      if (!key.equals(DescriptorOptions.PATHS)) {
        assertThat(doc).as("option " + key).contains("| `" + key + "` |");
      }
    }
  }
}
