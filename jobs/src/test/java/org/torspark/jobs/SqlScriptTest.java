package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsOnSemicolonsOutsideQuotesAndDropsComments() {
    assertThat(SqlScript.split("-- a view\nCREATE VIEW v AS SELECT 'a;b' AS x;\n\nSELECT `c;d` FROM v; -- done\n;"))
        .containsExactly("CREATE VIEW v AS SELECT 'a;b' AS x", "SELECT `c;d` FROM v");
  }

  @Test
  void aStatementWithoutSemicolonCounts() {
    assertThat(SqlScript.split("SELECT 1")).containsExactly("SELECT 1");
    assertThat(SqlScript.split(" \n-- nothing\n")).isEmpty();
  }
}
