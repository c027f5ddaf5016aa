package org.torspark.jobs;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** The local[2] session a job test class shares (loopback, no UI, UTC) and the real fixtures. */
final class JobTestSpark {
  private JobTestSpark() {}

  static SparkSession start() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("torspark-jobs-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
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
