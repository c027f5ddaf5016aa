package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The check the HDFS and S3 tests share: copy fixtures of each type to another file system, read
 * them there and locally through {@code tordesc}, and expect the same rows (source_file compared by
 * its path below the copied directory).
 */
final class SameRowsEverywhere {
  /** A directory of fixtures of one type, as it is copied. */
  record Case(String type, List<String> fixtures) {}

  static final List<Case> CASES = List.of(
      new Case("server-descriptor", List.of("server-descriptor/2020-02-29-10-05-00-server-descriptors",
          "collector-tarball/descriptor_archive.tar.bz2",
          "collector-tarball/derived-xz/server-descriptors-2005-12-cropped.tar.xz")),
      new Case("network-status-consensus-3", List.of("consensus/cropped/2017-07-17-17-00-00-consensus",
          "collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz")),
      new Case("microdescriptor", List.of("microdescriptor/2017-07-17-17-20-00-micro",
          "microdescriptor/malformed/wrong-start")));

  private SameRowsEverywhere() {}

  /** Copies each case's fixtures to {@code root/<type>/} on the file system of {@code root}. */
  static void upload(String root, Configuration conf) throws IOException {
    Path r = new Path(root);
    FileSystem fs = r.getFileSystem(conf);
    for (Case c : CASES) {
      for (String f : c.fixtures()) {
        Path src = new Path("file://" + TestSpark.fixture(f));
        fs.copyFromLocalFile(false, true, src, new Path(r, c.type() + "/" + src.getName()));
      }
    }
  }

  /** Reads each case under {@code root} and locally; asserts equal rows and returns the row counts. */
  static Map<String, Long> assertSameRows(SparkSession spark, String root, java.nio.file.Path localCopy)
      throws IOException {
    Configuration local = new Configuration();
    upload(localCopy.toUri().toString(), local);
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (Case c : CASES) {
      List<String> remote = rows(spark, root + "/" + c.type(), c.type());
      List<String> here = rows(spark, localCopy.resolve(c.type()).toString(), c.type());
      assertThat(remote).as(c.type() + " rows on " + root).isEqualTo(here);
      assertThat(remote).as(c.type()).isNotEmpty();
      if (c.type().equals("microdescriptor")) {
        assertThat(remote).as("the malformed file's error row").anyMatch(r -> r.contains("\"_corrupt_record\":\"wrong-start"));
      }
      counts.put(c.type(), (long) remote.size());
    }
    return counts;
  }

  private static List<String> rows(SparkSession spark, String dir, String type) {
    Dataset<Row> df = spark.read().format("tordesc").option("type", type).load(dir)
        .withColumn("source_file", functions.regexp_extract(functions.col("source_file"), "[^/]+$", 0))
        .withColumn("_corrupt_record", functions.regexp_replace(functions.col("_corrupt_record"), "^[^ !]*/", ""));
    List<String> out = new ArrayList<>(df.toJSON().collectAsList());
    out.sort(null);
    return out;
  }
}
