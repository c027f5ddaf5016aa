package org.torspark.source;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The custom metrics of the tordesc scan in an executed query, as the Spark UI shows them. Needs
 * sessions with adaptive execution off, so that the executed plan is the plan that ran.
 */
final class ScanMetrics {
  /** A filter that keeps every row and that Spark can neither hand to a source nor fold away. */
  static final org.apache.spark.sql.expressions.UserDefinedFunction ALWAYS = functions.udf(
      (org.apache.spark.sql.api.java.UDF0<Boolean>) () -> true, org.apache.spark.sql.types.DataTypes.BooleanType)
      .asNondeterministic();

  private ScanMetrics() {}

  /** Runs {@code count()} as a query of its own and returns its row count and the scan's metrics. */
  static Map<String, Long> count(Dataset<Row> df) {
    Dataset<Row> counted = df.groupBy().count();
    long rows = counted.collectAsList().get(0).getLong(0);
    Map<String, Long> m = of(counted.queryExecution().executedPlan());
    m.put("rows", rows);
    return m;
  }

  /**
   * Like {@link #count} but with a filter Spark cannot hand to the source (always true), so the
   * count is not pushed: the query reads column-less batches.
   */
  static Map<String, Long> countNotPushed(Dataset<Row> df) {
    Dataset<Row> counted = df.where(ALWAYS.apply()).groupBy().count();
    long rows = counted.collectAsList().get(0).getLong(0);
    Map<String, Long> m = of(counted.queryExecution().executedPlan());
    m.put("rows", rows);
    return m;
  }

  /** Like {@link #count} but makes every column (so every converter) run: sums the JSON lengths. */
  static Map<String, Long> countAllColumns(Dataset<Row> df) {
    Dataset<Row> counted = df.agg(functions.count(functions.lit(1)),
        functions.sum(functions.length(functions.to_json(functions.struct(functions.col("*"))))));
    Row r = counted.collectAsList().get(0);
    Map<String, Long> m = of(counted.queryExecution().executedPlan());
    m.put("rows", r.getLong(0));
    m.put("jsonChars", r.isNullAt(1) ? 0 : r.getLong(1));
    return m;
  }

  static Map<String, Long> of(SparkPlan plan) {
    Map<String, Long> out = new HashMap<>();
    collect(plan, out);
    return out;
  }

  private static void collect(SparkPlan plan, Map<String, Long> out) {
    if (plan.nodeName().startsWith("BatchScan")) {
      for (Map.Entry<String, SQLMetric> e : CollectionConverters.asJava(plan.metrics()).entrySet()) {
        out.merge(e.getKey(), e.getValue().value(), Long::sum);
      }
    }
    for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
      collect(child, out);
    }
  }
}
