package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** docs/types.md is what TypesDoc writes from the Table definitions today; datasource.md lists every option. */
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
  void everyTypeHasItsSection() {
    String doc = TypesDoc.render();
    for (org.torspark.descriptor.DescriptorType t : org.torspark.descriptor.DescriptorType.values()) {
      assertThat(doc).contains("\n## " + t.typeName());
    }
    assertThat(doc).contains("| `exit_addresses[].address` | `string` |").contains("| `source_file` | `string` |");
  }

  @Test
  void optionsTableListsEveryOption() throws IOException {
    String doc = Files.readString(docs().resolve("datasource.md"), StandardCharsets.UTF_8);
    for (String key : DescriptorOptions.KEYS) {
      if (!key.equals(DescriptorOptions.PATHS)) {
        assertThat(doc).as("option " + key).contains("| `" + key + "` |");
      }
    }
  }
}
