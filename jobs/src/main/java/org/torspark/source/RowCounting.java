package org.torspark.source;

import java.io.IOException;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Readers of a query that needs the number of rows and no column: they count a partition's rows as
 * the {@link DescriptorPartitionReader} would hand them out one by one, in the same mode (error rows
 * counted in PERMISSIVE, left out in DROPMALFORMED, FAILFAST failing), a whole document at a time.
 * Every document is still parsed; the metrics are the row reader's.
 */
abstract class RowCounting<T> implements PartitionReader<T> {
  private final DescriptorPartitionReader rows;

  RowCounting(DescriptorPartitionReader rows) {
    this.rows = rows;
  }

  /** Rows of whole documents until at least {@code atLeast} or the partition's end; 0 at the end. */
  final long countRows(long atLeast) throws IOException {
    long n = 0;
    while (n < atLeast) {
      int k = rows.skipRows();
      if (k == 0) {
        break;
      }
      n += k;
    }
    return n;
  }

  @Override
  public final CustomTaskMetric[] currentMetricsValues() {
    return rows.currentMetricsValues();
  }

  @Override
  public final void close() {
    rows.close();
  }
}
