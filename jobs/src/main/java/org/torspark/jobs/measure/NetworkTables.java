package org.torspark.jobs.measure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.jobs.support.InternalRows;
import scala.Tuple2;

/**
 * The network part's tables from the pass's counts ({@link ConsensusCounts}), in plain Java: the
 * totals and (dimension, value) rows are some thirty small rows per consensus and are merged on the
 * driver; the advertised-bandwidth lists stay in the tasks, which turn them into distribution
 * points. As Spark queries (aggregates, semi joins against the chosen copies, a percentile
 * aggregate) these tables took a quarter of a month's run, mostly planning and compiling.
 *
 * <p>The rules are the SQL's they replaced: sums are null when every value was; per valid-after
 * the least copy (source_file, source_entry), nulls first, by UTF-8 bytes, as Spark orders
 * structs; a consensus is skipped when missing / referenced descriptors >= 0.1% (with descriptors
 * and --missing-descriptors skip); daily figures are floored means over the day's kept consensuses;
 * the daily distribution is the floored median (Spark's {@code percentile}, 0.5) of the day's
 * hourly points, over all chosen consensuses.
 */
final class NetworkTables {
  static final StructType NETWORK_HOURLY = new StructType().add("date", DataTypes.DateType)
      .add("valid_after", DataTypes.TimestampType).add("running_relays", DataTypes.LongType)
      .add("referenced_descriptors", DataTypes.LongType).add("missing_descriptors", DataTypes.LongType)
      .add("skipped", DataTypes.BooleanType).add("consensus_weight", DataTypes.LongType)
      .add("advertised_bandwidth", DataTypes.LongType);
  static final StructType RELAYS_HOURLY = new StructType().add("date", DataTypes.DateType)
      .add("valid_after", DataTypes.TimestampType).add("dimension", DataTypes.StringType)
      .add("value", DataTypes.StringType).add("relays", DataTypes.LongType)
      .add("advertised_bandwidth", DataTypes.LongType).add("consensus_weight", DataTypes.LongType);
  static final StructType RELAYS_DAILY = new StructType().add("date", DataTypes.DateType)
      .add("dimension", DataTypes.StringType).add("value", DataTypes.StringType)
      .add("consensuses", DataTypes.LongType).add("relays", DataTypes.LongType)
      .add("advertised_bandwidth", DataTypes.LongType).add("consensus_weight", DataTypes.LongType);
  static final StructType DISTRIBUTION_HOURLY = new StructType().add("date", DataTypes.DateType)
      .add("valid_after", DataTypes.TimestampType).add("population", DataTypes.StringType)
      .add("kind", DataTypes.StringType).add("k", DataTypes.IntegerType)
      .add("advertised_bandwidth", DataTypes.LongType);
  static final StructType DISTRIBUTION_DAILY = new StructType().add("date", DataTypes.DateType)
      .add("population", DataTypes.StringType).add("kind", DataTypes.StringType).add("k", DataTypes.IntegerType)
      .add("consensuses", DataTypes.LongType).add("values", DataTypes.LongType)
      .add("advertised_bandwidth", DataTypes.LongType);

  /** A consensus copy: valid_after (epoch microseconds) and where it was read from. */
  record Copy(long validAfter, String file, String entry) implements Serializable {}

  /** Sums of a copy's totals rows: relays, advertised bandwidth, weight, referenced, missing. */
  private static final class Totals {
    Long relays;
    Long advbw;
    Long weight;
    Long referenced;
    Long missing;
  }

  /** A (dimension, value) pair's sums in one copy: relays, advertised bandwidth, weight. */
  private record Pair(String dimension, String value) {}

  private static final Comparator<String> BYTES = Comparator.nullsFirst(
      Comparator.comparing(UTF8String::fromString));
  private static final Comparator<Copy> SOURCE_ORDER = Comparator.comparing(Copy::file, BYTES)
      .thenComparing(Copy::entry, BYTES);

  private final boolean withDescriptors;
  private final boolean skipIncomplete;
  private final int minConsensuses;
  private final Map<Copy, Totals> totals = new LinkedHashMap<>();
  private final Map<Copy, Map<Pair, Long[]>> pairs = new HashMap<>();
  /** Copies that came in more than one totals row (a path given twice): their lists are joined. */
  private final Set<Copy> repeated = new HashSet<>();
  /** The chosen copy per valid_after, in time order, and whether it is skipped. */
  private final TreeMap<Long, Copy> chosen = new TreeMap<>();
  private final Map<Copy, Boolean> skipped = new HashMap<>();

  NetworkTables(boolean withDescriptors, boolean skipIncomplete, int minConsensuses) {
    this.withDescriptors = withDescriptors;
    this.skipIncomplete = skipIncomplete;
    this.minConsensuses = minConsensuses;
  }

  /** Collects the counts without their bandwidth lists, and chooses a copy per valid_after. */
  NetworkTables collect(Dataset<Row> counts) {
    for (Row r : counts.select(unix_micros(col("valid_after")), col("source_file"), col("source_entry"),
        col("dimension"), col("value"), col("relays"), col("advertised_bandwidth"), col("consensus_weight"),
        col("referenced_descriptors"), col("missing_descriptors")).collectAsList()) {
      add(new Copy(r.getLong(0), r.getString(1), r.getString(2)), r.getString(3), r.getString(4), longOrNull(r, 5),
          longOrNull(r, 6), longOrNull(r, 7), longOrNull(r, 8), longOrNull(r, 9));
    }
    choose();
    return this;
  }

  private static Long longOrNull(Row r, int i) {
    return r.isNullAt(i) ? null : r.getLong(i);
  }

  /** One row of the counts: a totals row (dimension null) or a (dimension, value) row. */
  void add(Copy copy, String dimension, String value, Long relays, Long advbw, Long weight, Long referenced,
      Long missing) {
    if (dimension == null) {
      Totals t = totals.get(copy);
      if (t == null) {
        t = new Totals();
        totals.put(copy, t);
      } else {
        repeated.add(copy);
      }
      t.relays = plus(t.relays, relays);
      t.advbw = plus(t.advbw, advbw);
      t.weight = plus(t.weight, weight);
      t.referenced = plus(t.referenced, referenced);
      t.missing = plus(t.missing, missing);
    } else {
      Long[] s = pairs.computeIfAbsent(copy, c -> new LinkedHashMap<>())
          .computeIfAbsent(new Pair(dimension, value), p -> new Long[3]);
      s[0] = plus(s[0], relays);
      s[1] = plus(s[1], advbw);
      s[2] = plus(s[2], weight);
    }
  }

  /** SQL's sum of two partial sums: null only when both are. */
  static Long plus(Long a, Long b) {
    return b == null ? a : a == null ? b : (Long) Math.addExact(a, b);
  }

  void choose() {
    chosen.clear();
    skipped.clear();
    for (Copy c : totals.keySet()) {
      chosen.merge(c.validAfter(), c, (a, b) -> SOURCE_ORDER.compare(a, b) <= 0 ? a : b);
    }
    for (Copy c : chosen.values()) {
      Totals t = totals.get(c);
      boolean incomplete = t.referenced != null && t.referenced > 0 && t.missing != null
          && (double) t.missing / (double) t.referenced >= NetworkAggregates.MISSING_THRESHOLD;
      skipped.put(c, withDescriptors && skipIncomplete && incomplete);
    }
  }

  /** Consensuses (chosen copies), and those not skipped. */
  int consensuses() {
    return chosen.size();
  }

  long kept() {
    return skipped.values().stream().filter(s -> !s).count();
  }

  List<InternalRow> networkHourly() {
    List<InternalRow> out = new ArrayList<>(chosen.size());
    for (Copy c : chosen.values()) {
      Totals t = totals.get(c);
      out.add(new GenericInternalRow(new Object[] {InternalRows.utcDay(c.validAfter()), c.validAfter(), t.relays,
          withDescriptors ? t.referenced : null, withDescriptors ? t.missing : null, skipped.get(c), t.weight,
          withDescriptors ? t.advbw : null}));
    }
    return out;
  }

  /** relays_hourly: the pairs of every kept consensus. */
  List<InternalRow> relaysHourly() {
    List<InternalRow> out = new ArrayList<>();
    for (Copy c : chosen.values()) {
      if (skipped.get(c)) {
        continue;
      }
      pairs.getOrDefault(c, Map.of()).forEach((p, s) -> out.add(new GenericInternalRow(new Object[] {
          InternalRows.utcDay(c.validAfter()), c.validAfter(), InternalRows.utf8(p.dimension()),
          InternalRows.utf8(p.value()), s[0], s[1], s[2]})));
    }
    return out;
  }

  /** relays_daily: per day and pair, the floored means over the day's kept consensuses (days with at least minConsensuses). */
  List<InternalRow> relaysDaily() {
    Map<Integer, Long> perDay = perDay(true);
    Map<Integer, Map<Pair, Long[]>> byDay = new TreeMap<>();
    for (Copy c : chosen.values()) {
      int day = InternalRows.utcDay(c.validAfter());
      if (skipped.get(c) || !perDay.containsKey(day)) {
        continue;
      }
      Map<Pair, Long[]> sums = byDay.computeIfAbsent(day, d -> new LinkedHashMap<>());
      pairs.getOrDefault(c, Map.of()).forEach((p, s) -> {
        Long[] t = sums.computeIfAbsent(p, x -> new Long[3]);
        for (int i = 0; i < 3; i++) {
          t[i] = plus(t[i], s[i]);
        }
      });
    }
    List<InternalRow> out = new ArrayList<>();
    byDay.forEach((day, sums) -> {
      long n = perDay.get(day);
      sums.forEach((p, t) -> out.add(new GenericInternalRow(new Object[] {day, InternalRows.utf8(p.dimension()),
          InternalRows.utf8(p.value()), n, floorDiv(t[0], n), floorDiv(t[1], n), floorDiv(t[2], n)})));
    });
    return out;
  }

  private static Long floorDiv(Long sum, long n) {
    return sum == null ? null : (Long) (sum / n);
  }

  /** Consensuses per day (kept ones only, or every chosen one), for days with at least minConsensuses. */
  Map<Integer, Long> perDay(boolean keptOnly) {
    Map<Integer, Long> perDay = new TreeMap<>();
    for (Copy c : chosen.values()) {
      if (!keptOnly || !skipped.get(c)) {
        perDay.merge(InternalRows.utcDay(c.validAfter()), 1L, Long::sum);
      }
    }
    perDay.values().removeIf(n -> n < minConsensuses);
    return perDay;
  }

  /**
   * advbw_distribution_hourly: every chosen consensus's percentiles and n-th fastest values, of all
   * running relays and of exits ({@link Percentiles#distribution}), made in the tasks from the
   * counts' lists (joined first for a copy that came in several rows).
   */
  JavaRDD<InternalRow> distributionHourly(Dataset<Row> counts) {
    Set<Copy> keep = new HashSet<>(chosen.values());
    JavaPairRDD<Copy, long[][]> lists = counts.filter(col("dimension").isNull())
        .select(unix_micros(col("valid_after")), col("source_file"), col("source_entry"), col("advbw_all"),
            col("advbw_exits"))
        .javaRDD()
        .mapToPair(r -> new Tuple2<>(new Copy(r.getLong(0), r.getString(1), r.getString(2)),
            new long[][] {longs(r.getList(3)), longs(r.getList(4))}))
        .filter(t -> keep.contains(t._1()));
    if (!repeated.isEmpty()) {
      lists = lists.reduceByKey((a, b) -> new long[][] {concat(a[0], b[0]), concat(a[1], b[1])});
    }
    return lists.flatMap(t -> points(t._1(), t._2()).iterator());
  }

  private static long[] longs(List<Long> values) {
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static List<InternalRow> points(Copy c, long[][] lists) {
    List<InternalRow> out = new ArrayList<>();
    String[] populations = {"all", "exits"};
    for (int i = 0; i < 2; i++) {
      List<Long> values = new ArrayList<>(lists[i].length);
      for (long v : lists[i]) {
        values.add(v);
      }
      for (Percentiles.Point p : Percentiles.distribution(values)) {
        out.add(new GenericInternalRow(new Object[] {InternalRows.utcDay(c.validAfter()), c.validAfter(),
            InternalRows.utf8(populations[i]), InternalRows.utf8(p.kind()), p.k(), p.value()}));
      }
    }
    return out;
  }

  /**
   * advbw_distribution_daily: per day, population, kind and k, the floored median of the hourly
   * points and their number, for days with at least minConsensuses chosen consensuses.
   */
  JavaRDD<InternalRow> distributionDaily(JavaRDD<InternalRow> hourly) {
    Map<Integer, Long> perDay = perDay(false);
    return hourly.filter(r -> perDay.containsKey(r.getInt(0)))
        .mapToPair(r -> new Tuple2<>(new PointKey(r.getInt(0), r.getUTF8String(2).toString(),
            r.getUTF8String(3).toString(), r.getInt(4)), r.getLong(5)))
        .groupByKey()
        .map(t -> {
          List<Long> values = new ArrayList<>();
          t._2().forEach(values::add);
          double[] sorted = values.stream().mapToDouble(Long::doubleValue).sorted().toArray();
          PointKey k = t._1();
          return (InternalRow) new GenericInternalRow(new Object[] {k.day(), InternalRows.utf8(k.population()),
              InternalRows.utf8(k.kind()), k.k(), perDay.get(k.day()), (long) sorted.length,
              (long) Math.floor(Percentiles.sparkPercentile(sorted, 0.5))});
        });
  }

  /** A daily distribution value's key. */
  record PointKey(int day, String population, String kind, int k) implements Serializable {}
}
