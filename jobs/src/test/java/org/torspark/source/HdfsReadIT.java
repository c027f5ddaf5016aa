package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tordesc over a real HDFS (MiniDFSCluster, in this JVM) reads the same rows as from local files. */
class HdfsReadIT {
  @TempDir static Path tmp;
  private static MiniDFSCluster cluster;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void hdfsGivesTheSameRowsAsLocalFiles() throws Exception {
    String root = "hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/collector";
    SameRowsEverywhere.upload(root, cluster.getConfiguration(0));
    Map<String, Long> counts = SameRowsEverywhere.assertSameRows(spark, root, tmp.resolve("local"));
    assertThat(counts).isNotEmpty();
  }
}
