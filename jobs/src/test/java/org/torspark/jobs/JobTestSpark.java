package org.torspark.jobs;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.testing.TestData;

/** The local[2] session a job test class shares (loopback, no UI, UTC) and the real fixtures. */
final class JobTestSpark {
  private JobTestSpark() {}

  static SparkSession start() {
    return TestData.sparkBuilder("torspark-jobs-test")
        .getOrCreate();
  }

  static Path testdata() {
    String p = System.getProperty("torspark.testdata");
    return p != null ? Paths.get(p) : Paths.get("..", "parsers", "src", "test", "resources", "testdata");
  }

  static String fixture(String relative) {
    return testdata().resolve(relative).toAbsolutePath().normalize().toString();
  }
}
