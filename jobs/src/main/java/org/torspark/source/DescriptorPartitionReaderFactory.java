package org.torspark.source;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.torspark.descriptor.DescriptorType;

/** Sent to executors: everything a reader needs, and nothing else. */
final class DescriptorPartitionReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;
  private final Broadcast<HadoopConf> conf;
  private final DescriptorType type;
  private final boolean typeDetected;
  private final DescriptorOptions options;
  private final StructType required;
  private final int countStars;

  /** {@code countStars} > 0: a pushed count, see {@link PartitionRowCount}; {@code required} is then empty. */
  DescriptorPartitionReaderFactory(Broadcast<HadoopConf> conf, DescriptorType type, boolean typeDetected,
      DescriptorOptions options, StructType required, int countStars) {
    this.conf = conf;
    this.type = type;
    this.typeDetected = typeDetected;
    this.options = options;
    this.required = required;
    this.countStars = countStars;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return countStars > 0 ? new PartitionRowCount(rowReader(partition), countStars) : rowReader(partition);
  }

  private DescriptorPartitionReader rowReader(InputPartition partition) {
    return new DescriptorPartitionReader((DescriptorInputPartition) partition, conf.value().get(), type,
        typeDetected, options, required);
  }

  /** A query that needs no column (count()) reads batches of empty rows: see {@link RowCountBatches}. */
  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return RowCountBatches.readBy(required, countStars);
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    return new RowCountBatches(rowReader(partition));
  }
}
