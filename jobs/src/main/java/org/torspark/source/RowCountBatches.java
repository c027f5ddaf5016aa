package org.torspark.source;

import java.io.IOException;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The read of a query that needs no column at all and whose count Spark keeps (e.g. behind a filter
 * it cannot hand to the source): batches of column-less rows, a whole document's rows at a time
 * ({@link RowCounting}), so Spark does not step through millions of empty rows.
 */
final class RowCountBatches extends RowCounting<ColumnarBatch> {
  /** Rows gathered before a batch is handed out: whole documents, so a batch may hold more. */
  static final int TARGET_ROWS = 4096;

  private final ColumnarBatch batch = new ColumnarBatch(new ColumnVector[0]);

  /**
   * Whether a read of {@code required} columns reads these batches: when it needs no column and its
   * count was not pushed to the source ({@code countStars} 0). Scan and reader factory must agree.
   */
  static boolean readBy(StructType required, int countStars) {
    return countStars == 0 && required.fields().length == 0;
  }

  RowCountBatches(DescriptorPartitionReader rows) {
    super(rows);
  }

  @Override
  public boolean next() throws IOException {
    int n = Math.toIntExact(countRows(TARGET_ROWS));
    batch.setNumRows(n);
    return n > 0;
  }

  @Override
  public ColumnarBatch get() {
    return batch;
  }
}
