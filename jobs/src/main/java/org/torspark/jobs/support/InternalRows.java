package org.torspark.jobs.support;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A plain-Java pass over a Dataset's rows in Spark's internal form, for passes that read millions
 * of rows and emit few: {@code Dataset.mapPartitions} first turns every input row into a
 * {@link Row} (a Java String per string column, a Scala sequence per array, a Timestamp per
 * timestamp), which for the network counts was an eighth of the job's time.
 *
 * <p>The pass reads columns by ordinal in the input's column order: timestamps as epoch
 * microseconds ({@code getLong}), strings as {@code UTF8String}, arrays as {@code ArrayData}. The
 * rows and the values they hand out may be reused for the next row: copy ({@code clone()},
 * {@code toString()}) what is kept. Output rows are external {@link Row}s of {@code schema}.
 */
public final class InternalRows {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private InternalRows() {}

  /** The UTC day (days since 1970, as Spark's dates) of a timestamp read as epoch microseconds. */
  public static int utcDay(long micros) {
    return (int) Math.floorDiv(micros, MICROS_PER_DAY);
  }

  /** The Dataset's rows in Spark's internal form, for a pass of one's own (see the class comment). */
  public static JavaRDD<InternalRow> rdd(Dataset<Row> in) {
    return in.queryExecution().toRdd().toJavaRDD();
  }

  public static Dataset<Row> mapPartitions(Dataset<Row> in, FlatMapFunction<Iterator<InternalRow>, Row> pass,
      StructType schema) {
    JavaRDD<Row> out = rdd(in).mapPartitions(pass);
    return in.sparkSession().createDataFrame(out, schema);
  }

  /**
   * A DataFrame of rows built in Spark's internal form ({@code UTF8String} strings, epoch
   * microseconds for timestamps, days for dates, boxed primitives), for outputs of millions of rows:
   * {@code createDataFrame} from external {@link Row}s converts every value of every row again
   * (strings re-encoded, timestamps and dates rebased), which was a sixth of bandwidth-scaling's task
   * time. Uses Spark's {@code internalCreateDataFrame} (public in the bytecode, internal in Scala);
   * the rows must match {@code schema}, which Spark does not check.
   */
  public static Dataset<Row> createDataFrame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /** As {@link #createDataFrame(SparkSession, JavaRDD, StructType)}, for a few rows made on the driver (one task). */
  public static Dataset<Row> createDataFrame(SparkSession spark, java.util.List<InternalRow> rows, StructType schema) {
    return createDataFrame(spark,
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 1), schema);
  }

  /** A string value for an internal row: null stays null. */
  public static UTF8String utf8(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }

  /** Spark's internal TIMESTAMP value of an instant: microseconds since the epoch. */
  public static long micros(java.time.Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** A boolean column that is true (null counts as false, as in a SQL condition). */
  public static boolean isTrue(InternalRow r, int i) {
    return !r.isNullAt(i) && r.getBoolean(i);
  }

  /** A long column, null when null. */
  public static Long longOrNull(InternalRow r, int i) {
    return r.isNullAt(i) ? null : r.getLong(i);
  }

  /** A string column as the row's own bytes (valid until the next row), null when null. */
  public static UTF8String stringOrNull(InternalRow r, int i) {
    return r.isNullAt(i) ? null : r.getUTF8String(i);
  }

  /**
   * The value for {@code key} in {@code values}, which is keyed by string bytes; if there is none,
   * {@code make}'s value, kept under a copy of the key (a row's strings are reused for the next row).
   */
  public static <V> V getOrAdd(Map<UTF8String, V> values, UTF8String key, Function<UTF8String, V> make) {
    V v = values.get(key);
    if (v == null) {
      v = make.apply(key);
      values.put(key.clone(), v);
    }
    return v;
  }
}
