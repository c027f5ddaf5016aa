package org.torspark.source;

import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * A pushed {@code count(*)}: the partition's rows counted as {@link RowCountBatches} counts them
 * (every document parsed; error rows counted in PERMISSIVE, left out in DROPMALFORMED, FAILFAST
 * failing), handed to Spark as one row, the count in each of its columns. Spark sums the partitions'
 * rows, so no row of the table passes through Spark.
 */
final class PartitionRowCount implements PartitionReader<InternalRow> {
  private final DescriptorPartitionReader rows;
  private final int columns;
  private InternalRow row;
  private boolean done;

  PartitionRowCount(DescriptorPartitionReader rows, int columns) {
    this.rows = rows;
    this.columns = columns;
  }

  @Override
  public boolean next() throws IOException {
    if (done) {
      return false;
    }
    long n = 0;
    for (int k = rows.skipRows(); k > 0; k = rows.skipRows()) {
      n += k;
    }
    Object[] values = new Object[columns];
    java.util.Arrays.fill(values, n);
    row = new GenericInternalRow(values);
    done = true;
    return true;
  }

  @Override
  public InternalRow get() {
    return row;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return rows.currentMetricsValues();
  }

  @Override
  public void close() {
    rows.close();
  }
}
