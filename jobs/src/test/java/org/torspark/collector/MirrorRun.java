package org.torspark.collector;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.testing.TestData;

/** Runs the mirror in-process with short timeouts, capturing its console. */
final class MirrorRun {
  private MirrorRun() {}

  /** The report plus what the run printed and whether it needed Spark. */
  record Result(Mirror.Report report, String out, String err, int sparkRequests) {
    int exitCode() {
      return report.exitCode();
    }

    List<String> fetched() {
      return paths(FetchResult.Status.FETCHED);
    }

    List<String> adopted() {
      return paths(FetchResult.Status.ADOPTED);
    }

    List<String> failed() {
      return paths(FetchResult.Status.FAILED);
    }

    FetchResult result(String path) {
      return report.results().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    private List<String> paths(FetchResult.Status s) {
      return report.results().stream().filter(r -> r.status() == s).map(FetchResult::path).sorted().toList();
    }
  }

  static SparkSession localSpark(String app) {
    return TestData.sparkBuilder(app)
        .getOrCreate();
  }

  static Result run(SparkSession spark, Configuration conf, String collector, String dest, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("--collector", collector, "--dest", dest, "--progress-interval", "0",
        "--backoff", "10ms", "--max-backoff", "40ms", "--read-timeout", "10s", "--connect-timeout", "10s"));
    args.addAll(Arrays.asList(extra));
    MirrorOptions o = MirrorOptions.parse(args.toArray(String[]::new));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger sparkRequests = new AtomicInteger();
    Mirror.Report report;
    try (PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      report = Mirror.run(o, conf, () -> {
        sparkRequests.incrementAndGet();
        return spark;
      }, po, pe);
    }
    return new Result(report, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        sparkRequests.get());
  }
}
