package org.torspark.source;

import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

/**
 * A pushed {@code count(*)}: the partition's rows counted ({@link RowCounting}) and handed to Spark
 * as one row, the count in each of its columns. Spark sums the partitions' rows, so no row of the
 * table passes through Spark.
 */
final class PartitionRowCount extends RowCounting<InternalRow> {
  private final int columns;
  private InternalRow row;

  PartitionRowCount(DescriptorPartitionReader rows, int columns) {
    super(rows);
    this.columns = columns;
  }

  @Override
  public boolean next() throws IOException {
    if (row != null) {
      return false;
    }
    Object[] values = new Object[columns];
    java.util.Arrays.fill(values, countRows(Long.MAX_VALUE));
    row = new GenericInternalRow(values);
    return true;
  }

  @Override
  public InternalRow get() {
    return row;
  }
}
