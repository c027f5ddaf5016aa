package org.torspark.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownAggregates;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructType;

/**
 * Takes the columns a query needs and the predicates on the time column. Time predicates only
 * decide which files to open; Spark still applies every predicate to the rows, so all are returned
 * as remaining. {@code count(*)} over the whole table (no filter, no grouping: Spark offers the
 * aggregate only then) is counted by the readers, one row per partition, which Spark sums.
 */
final class DescriptorScanBuilder
    implements SupportsPushDownRequiredColumns, SupportsPushDownV2Filters, SupportsPushDownAggregates {
  private final DescriptorTable table;
  private StructType required;
  private final List<Predicate> pushed = new ArrayList<>();
  private TimeRanges time = TimeRanges.ALL;
  private int countStars;

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

  /** Only {@code count(*)}s without grouping: each partition's reader counts its rows. */
  @Override
  public boolean pushAggregation(Aggregation aggregation) {
    if (aggregation.groupByExpressions().length > 0 || aggregation.aggregateExpressions().length == 0) {
      return false;
    }
    for (AggregateFunc f : aggregation.aggregateExpressions()) {
      if (!(f instanceof CountStar)) {
        return false;
      }
    }
    countStars = aggregation.aggregateExpressions().length;
    return true;
  }

  @Override
  public Scan build() {
    return new DescriptorScan(table, countStars > 0 ? new StructType() : required, List.copyOf(pushed), time,
        countStars);
  }
}
