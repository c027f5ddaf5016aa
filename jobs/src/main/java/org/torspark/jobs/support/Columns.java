package org.torspark.jobs.support;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/** Column helpers shared by the jobs; Spark runs in ANSI mode, so divisions are guarded. */
public final class Columns {
  private Columns() {}

  /** {@code num / den} as a double, null when {@code den} is null or not positive. */
  public static Column ratio(Column num, Column den) {
    return when(den.isNotNull().and(den.gt(0)), num.cast("double").divide(den.cast("double")));
  }

  /** The UTC date of a timestamp column, whatever spark.sql.session.timeZone says. */
  public static Column utcDate(String timestampColumn) {
    return expr("date_from_unix_date(CAST(floor(unix_micros(`" + timestampColumn + "`) / 86400000000) AS INT))");
  }

  /** {@code floor(sum / n)} as a long, Tor Metrics' daily mean of counts. */
  public static Column flooredMean(Column sum, Column n) {
    // integral division: sums of bytes exceed what a double holds exactly
    return when(n.gt(0), call_function("div", sum.cast("long"), n.cast("long")));
  }

  /**
   * A list as the value of an array column in a {@link Row} built by hand (mapPartitions output):
   * the Scala sequence Spark's row encoder takes.
   */
  public static <T> scala.collection.immutable.Seq<T> arrayValue(List<T> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
  }

  public static Column c(String name) {
    return col(name);
  }
}
