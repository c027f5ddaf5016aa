package org.torspark.source;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** The planned partitions, and a reader factory that carries the Hadoop configuration as a broadcast. */
final class DescriptorBatch implements Batch {
  private final DescriptorScan scan;

  DescriptorBatch(DescriptorScan scan) {
    this.scan = scan;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return scan.plan().partitions().toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    DescriptorTable t = scan.table();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext());
    return new DescriptorPartitionReaderFactory(jsc.broadcast(t.conf()), t.type(), t.typeDetected(),
        t.options(), scan.required(), scan.countStars());
  }
}
