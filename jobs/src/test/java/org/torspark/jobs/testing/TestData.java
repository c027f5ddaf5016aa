package org.torspark.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** The parsers' real fixtures (read in place) and the local Spark session the job tests share. */
public final class TestData {
  private TestData() {}

  /** A fixture below parsers/src/test/resources/testdata (see PROVENANCE.md there). */
  public static Path fixture(String relative) {
    String root = System.getProperty("torspark.testdata", "../parsers/src/test/resources/testdata");
    Path p = Paths.get(root, relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("fixture missing: " + p.toAbsolutePath());
    }
    return p;
  }

  /** Copies fixtures into a new folder {@code dir} (jobs read folders). */
  public static Path folder(Path dir, String... fixtures) {
    try {
      Files.createDirectories(dir);
      for (String f : fixtures) {
        Path src = fixture(f);
        Files.copy(src, dir.resolve(src.getFileName()));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes text into {@code dir/name}. */
  public static Path write(Path dir, String name, String text) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name), text, java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The rows of output table {@code name} under {@code out}; empty when the job wrote none (an
   * empty table is a folder with only {@code _SUCCESS}, which Spark cannot read a schema from).
   */
  public static java.util.List<org.apache.spark.sql.Row> rows(SparkSession spark, Path out, String name) {
    Path dir = out.resolve(name);
    try (java.util.stream.Stream<Path> files = Files.exists(dir) ? Files.walk(dir) : java.util.stream.Stream.empty()) {
      if (files.noneMatch(f -> f.toString().endsWith(".parquet"))) {
        return java.util.List.of();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spark.read().parquet(dir.toString()).collectAsList();
  }

  /**
   * The settings every test session shares: local[2], loopback, no UI, UTC, two shuffle partitions
   * and the driver's thread-pool caps the jobs run with. Without the caps a test JVM climbed to 600
   * threads and met CI's pid limit; for the same reason the context cleaner is off, whose every
   * removal of a shuffle or broadcast takes a new thread of two pools of 100 (stopping the session
   * at the end of a test class removes all).
   */
  public static SparkSession.Builder sparkBuilder(String app) {
    return org.torspark.jobs.JobRunner.withDefaults(SparkSession.builder(), "local[2]").master("local[2]").appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.cleaner.referenceTracking", "false");
  }

  /** One local[2] session per test class: same settings as JobRunner's, small shuffles, no UI. */
  public static SparkSession spark() {
    return sparkBuilder("torspark job test")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .getOrCreate();
  }
}
