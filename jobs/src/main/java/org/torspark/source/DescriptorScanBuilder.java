package org.torspark.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructType;

/**
 * Takes the columns a query needs and the predicates on the time column. Time predicates only
 * decide which files to open; Spark still applies every predicate to the rows, so all are returned
 * as remaining.
 */
final class DescriptorScanBuilder implements SupportsPushDownRequiredColumns, SupportsPushDownV2Filters {
  private final DescriptorTable table;
  private StructType required;
  private final List<Predicate> pushed = new ArrayList<>();
  private TimeRanges time = TimeRanges.ALL;

  DescriptorScanBuilder(DescriptorTable table) {
    this.table = table;
    this.required = table.schema();
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.required = requiredSchema;
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] predicates) {
    String column = table.timeColumn();
    if (column != null) {
      for (Predicate p : predicates) {
        TimeRanges r = TimeRanges.from(p, column);
        if (!r.isAll()) {
          time = time.and(r);
          pushed.add(p);
        }
      }
    }
    return predicates;
  }

  @Override
  public Predicate[] pushedPredicates() {
    return pushed.toArray(new Predicate[0]);
  }

  @Override
  public Scan build() {
    return new DescriptorScan(table, required, List.copyOf(pushed), time);
  }
}
