package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's own argument checks, which come before any JVM or Spark session is started. */
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
}
