package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit and measurement jobs as the command line runs them: registered, documented in
 * {@code --help}, and bad options are one line on stderr naming the option, exit code 2, no output.
 */
class JobOptionErrorsTest {
  @TempDir Path tmp;

  @Test
  void theJobsAreRegisteredUnderTheirNames() {
    assertThat(Jobs.byName("exit-policy-trends")).isPresent();
    assertThat(Jobs.byName("exitmap-selection")).isPresent();
    assertThat(Jobs.byName("measurement-aggregates")).isPresent();
    assertThat(Jobs.all().stream().map(Job::name).distinct().count()).isEqualTo(Jobs.all().size());
  }

  @Test
  void unknownJobIsOneLine() {
    CommandLine r = CommandLine.run("exit-policy-trend");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("torspark run: unknown job 'exit-policy-trend'; jobs: ")
        .contains("exit-policy-trends");
  }

  @Test
  void helpListsTheOptionsWithDefaults() {
    CommandLine r = CommandLine.run("exit-policy-trends", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--ports V", "(default 21,22,23,25,53,80", "--server-descriptors V", "--min-consensuses V");
    assertThat(CommandLine.run("measurement-aggregates", "--help").out()).contains("--part V", "histories, network",
        "--missing-descriptors V");
  }

  @Test
  void badValuesAreOneLineNamingTheOptionAndWriteNothing() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    CommandLine port = CommandLine.run("exit-policy-trends", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--consensuses", in.toString(), "--out", out.toString(), "--ports", "443,99999");
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err().strip()).isEqualTo("torspark run exit-policy-trends: option --ports: '99999' is not a port (1-65535)");
    CommandLine range = CommandLine.run("measurement-aggregates", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--part", "network", "--consensuses", in.toString(), "--out", out.toString(), "--start", "2020-03-02", "--end", "2020-03-01");
    assertThat(range.code()).isEqualTo(2);
    assertThat(range.err().strip()).isEqualTo("torspark run measurement-aggregates: option --end: 2020-03-01 is before --start 2020-03-02");
    CommandLine missing = CommandLine.run("exitmap-selection", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--consensuses", tmp.resolve("nowhere").toString(), "--server-descriptors", in.toString(),
        "--out", out.toString(), "--at", "2020-02-29T10:00Z");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip()).doesNotContain("\n").startsWith("torspark run exitmap-selection: option --consensuses: '")
        .endsWith("nowhere' does not exist");
    CommandLine unknownOption = CommandLine.run("exit-policy-trends", "--port", "80");
    assertThat(unknownOption.code()).isEqualTo(2);
    assertThat(unknownOption.err().strip()).startsWith("torspark run exit-policy-trends: unknown option --port; options: ");
    assertThat(Files.exists(out)).isFalse();
  }
}
