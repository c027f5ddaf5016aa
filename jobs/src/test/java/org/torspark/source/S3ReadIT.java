package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tordesc over s3a against a real S3 API server (S3Proxy) reads the same rows as from local files. */
class S3ReadIT {
  @TempDir static Path tmp;
  private static S3ProxyServer s3;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start(tmp.resolve("s3"), "collector");
    spark = TestSpark.start(s3.sparkConf());
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void s3aGivesTheSameRowsAsLocalFiles() throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String root = "s3a://collector/archive";
    SameRowsEverywhere.upload(root, conf);
    Map<String, Long> counts = SameRowsEverywhere.assertSameRows(spark, root, tmp.resolve("local"));
    assertThat(counts).isNotEmpty();
  }
}
