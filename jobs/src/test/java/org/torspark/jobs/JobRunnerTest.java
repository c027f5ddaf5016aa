package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code torspark run A ... --then B ...}: several jobs in one Spark session, all checked first. */
class JobRunnerTest {

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = JobRunner.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void jobsAfterThenShareTheFirstJobsSession() {
    Result r = run("sql", "--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--query", "CREATE TEMPORARY VIEW answer AS SELECT 42 AS x",
        "--then", "sql", "--query", "SELECT x FROM answer");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).containsExactly("x", "42");
  }

  @Test
  void anUnknownOptionInALaterJobStopsBeforeTheFirstRuns() {
    Result r = run("sql", "--master", "local[1]", "--query", "SELECT 1 AS one", "--then", "sql", "--limt", "5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).startsWith("torspark run sql: unknown option --limt; options: ");
  }

  @Test
  void sessionOptionsAfterThenAreRefused() {
    Result r = run("sql", "--query", "SELECT 1", "--then", "sql", "--master", "local[2]", "--query", "SELECT 2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("torspark run sql: options --master and --conf belong to the first job: "
        + "the jobs after --then share its Spark session");
  }

  @Test
  void thenWithoutAJobIsAnError() {
    Result r = run("sql", "--query", "SELECT 1", "--then");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("torspark run: --then must be followed by a job");
  }
}
