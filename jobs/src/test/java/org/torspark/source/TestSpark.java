package org.torspark.source;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.testing.TestData;

/** The local[2] session a test class shares, on loopback, without UI, in UTC; and the fixtures. */
final class TestSpark {
  private TestSpark() {}

  static SparkSession start(Map<String, String> extraConf) {
    SparkSession.Builder b = TestData.sparkBuilder("torspark-source-test")
        // executed plans stay the plans that ran, so tests can read the scan's metrics
        .config("spark.sql.adaptive.enabled", "false");
    extraConf.forEach(b::config);
    return b.getOrCreate();
  }

  static SparkSession start() {
    return start(Map.of());
  }

  /** The parsers module's real fixtures (set by the build; falls back to the source tree). */
  static Path testdata() {
    String p = System.getProperty("torspark.testdata");
    return p != null ? Paths.get(p) : Paths.get("..", "parsers", "src", "test", "resources", "testdata");
  }

  static String fixture(String relative) {
    return testdata().resolve(relative).toAbsolutePath().normalize().toString();
  }
}
