package org.torspark.source;

import java.io.IOException;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The read of a query that needs no column at all ({@code count()}, {@code count(*)} in SQL): batches
 * of column-less rows, as many as the {@link DescriptorPartitionReader} would hand out one by one, in
 * the same mode (error rows counted in PERMISSIVE, left out in DROPMALFORMED, FAILFAST failing), but
 * a whole document's rows at a time, so Spark does not step through millions of empty rows.
 */
final class RowCountBatches implements PartitionReader<ColumnarBatch> {
  /** Rows gathered before a batch is handed out: whole documents, so a batch may hold more. */
  static final int TARGET_ROWS = 4096;

  private final DescriptorPartitionReader rows;
  private final ColumnarBatch batch = new ColumnarBatch(new ColumnVector[0]);

  RowCountBatches(DescriptorPartitionReader rows) {
    this.rows = rows;
  }

  @Override
  public boolean next() throws IOException {
    int n = 0;
    while (n < TARGET_ROWS) {
      int k = rows.skipRows();
      if (k == 0) {
        break;
      }
      n += k;
    }
    batch.setNumRows(n);
    return n > 0;
  }

  @Override
  public ColumnarBatch get() {
    return batch;
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
