package org.torspark.jobs.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.support.Consensuses;
import org.torspark.jobs.support.Inputs;
import org.torspark.jobs.support.Inputs.Kind;
import org.torspark.jobs.support.Outputs;
import org.torspark.jobs.support.TimeRange;
import scala.Tuple2;

/**
 * {@code measurement-aggregates --part histories}: consumed bandwidth from extra-info byte
 * histories, by Tor Metrics' rules ({@link HistorySlots}), per relay per UTC day and network
 * totals per day, split by the Guard/Exit flags the relay had in that day's consensuses.
 */
final class HistoryAggregates implements MeasurementPart {
  /**
   * Descriptors published up to this long after --end still report slots of the range's last day
   * (a 900 s history covers the past 24 hours; a daily one ends at the publication hour).
   */
  static final Duration LOOKAHEAD = Duration.ofDays(2);

  static final String[] HISTORIES = {"read_history", "write_history", "dirreq_read_history", "dirreq_write_history"};
  static final String[] TOTALS = {"read_bytes", "written_bytes", "dirreq_read_bytes", "dirreq_written_bytes"};
  static final String[] SLOTS = {"read_slots", "written_slots", "dirreq_read_slots", "dirreq_written_slots"};

  @Override
  public String name() {
    return "histories";
  }

  @Override
  public String description() {
    return "consumed bandwidth from extra-info histories (bwhist_* tables)";
  }

  @Override
  public List<JobOption> options() {
    return List.of();
  }

  @Override
  public void check(SparkSession spark, JobArgs args) {
    Inputs.paths(spark, args, Kind.EXTRA_INFOS, true);
    Inputs.paths(spark, args, Kind.CONSENSUSES, true);
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args, TimeRange range, Outputs out) {
    List<String> extraPaths = Inputs.paths(spark, args, Kind.EXTRA_INFOS, true);
    List<String> consensusPaths = Inputs.paths(spark, args, Kind.CONSENSUSES, true);
    TimeRange readRange = range.widen(Duration.ZERO, LOOKAHEAD);
    Dataset<Row> extra = Inputs.read(spark, args, Kind.EXTRA_INFOS, extraPaths, false, readRange.from(), readRange.to())
        .filter(col("fingerprint").isNotNull())
        .select(col("fingerprint"), col("published"), col(HISTORIES[0]), col(HISTORIES[1]), col(HISTORIES[2]),
            col(HISTORIES[3]));
    Dataset<Row> relayDays = relayDays(extra, range);

    // One pass over the consensus entries (no cache of millions of rows, no two distinct-count
    // aggregates over them): RelayListings folds them per relay and day in each task.
    Dataset<Row> listings = RelayListings.of(
        Inputs.read(spark, args, Kind.CONSENSUSES, consensusPaths, false, range.from(), range.to())
            .select(col("fingerprint"), col("valid_after"), col("flags")))
        .cache();
    Column distinctConsensuses = size(array_distinct(flatten(collect_list(col("valid_afters"))))).cast("long");
    Dataset<Row> flags = listings.filter(col("fingerprint").isNotNull()).groupBy(col("fingerprint"), col("date"))
        .agg(max(col("exit")).as("exit"), max(col("guard")).as("guard"), distinctConsensuses.as("consensuses_listed"));

    Dataset<Row> relayDaily = relayDays.join(flags, Consensuses.seq("fingerprint", "date"), "left")
        .withColumn("running", col("consensuses_listed").isNotNull())
        .withColumn("consensuses_listed", coalesce(col("consensuses_listed"), lit(0L)))
        .withColumn("exit", coalesce(col("exit"), lit(false)))
        .withColumn("guard", coalesce(col("guard"), lit(false)))
        .select(col("date"), col("fingerprint"), col("running"), col("guard"), col("exit"), col("consensuses_listed"),
            col(TOTALS[0]), col(TOTALS[1]), col(TOTALS[2]), col(TOTALS[3]), col(SLOTS[0]), col(SLOTS[1]),
            col(SLOTS[2]), col(SLOTS[3]))
        .cache();
    long relayDayRows = out.write("bwhist_relay_daily", relayDaily);
    // the two network tables are a few rows a day: summed per task and merged by day in plain Java
    List<Tuple2<Object, HistoryDays>> days = relayDaily.javaRDD()
        .mapToPair(r -> new Tuple2<Object, HistoryDays>(r.get(0), HistoryDays.of(r)))
        .reduceByKey(HistoryDays::merge).collect();
    Map<Object, Long> consensusesPerDay = consensusesPerDay(listings);
    List<Row> flagRows = new ArrayList<>();
    List<Row> dailyRows = new ArrayList<>();
    for (Tuple2<Object, HistoryDays> d : days) {
      flagRows.addAll(d._2().flagRows(d._1()));
      dailyRows.add(d._2().dailyRow(d._1(), consensusesPerDay.getOrDefault(d._1(), 0L)));
    }
    out.write("bwhist_flags_daily", spark.createDataFrame(flagRows, HistoryDays.FLAGS_DAILY));
    out.write("bwhist_daily", spark.createDataFrame(dailyRows, HistoryDays.DAILY));
    List<String> summary = List.of("histories: " + relayDayRows + " relay-days");
    listings.unpersist();
    return summary;
  }

  /** Per relay and UTC date in {@code range}: merged slot totals of the four histories. */
  static Dataset<Row> relayDays(Dataset<Row> extra, TimeRange range) {
    StructType schema = new StructType()
        .add("fingerprint", DataTypes.StringType, false)
        .add("day", DataTypes.IntegerType, false);
    for (String t : TOTALS) {
      schema = schema.add(t, DataTypes.LongType, true);
    }
    for (String s : SLOTS) {
      schema = schema.add(s, DataTypes.IntegerType, false);
    }
    Long first = range.firstDate() == null ? null : range.firstDate().toEpochDay();
    Long last = range.lastDate() == null ? null : range.lastDate().toEpochDay();
    return extra.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new MergeRelay(first, last), Encoders.row(schema))
        .withColumn("date", expr("date_from_unix_date(day)"))
        .drop("day");
  }

  /**
   * Distinct consensuses per UTC date, from the listings' per-task rows without fingerprint (each
   * task's valid_afters of the day; a consensus read by two tasks counts once).
   */
  static Map<Object, Long> consensusesPerDay(Dataset<Row> listings) {
    Map<Object, java.util.Set<Long>> perDay = new HashMap<>();
    for (Row r : listings.filter(col("fingerprint").isNull()).select(col("date"), col("valid_afters"))
        .collectAsList()) {
      java.util.Set<Long> s = perDay.computeIfAbsent(r.get(0), d -> new java.util.HashSet<>());
      if (!r.isNullAt(1)) {
        s.addAll(r.<Long>getList(1));
      }
    }
    Map<Object, Long> out = new HashMap<>();
    perDay.forEach((d, s) -> out.put(d, (long) s.size()));
    return out;
  }

  /** Merges all extra-info histories of one relay into per-day slot arrays. */
  static final class MergeRelay implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Long firstDay;
    private final Long lastDay;

    MergeRelay(Long firstDay, Long lastDay) {
      this.firstDay = firstDay;
      this.lastDay = lastDay;
    }

    @Override
    public Iterator<Row> call(String fingerprint, Iterator<Row> rows) {
      HistorySlots[] merged = new HistorySlots[HISTORIES.length];
      for (int i = 0; i < merged.length; i++) {
        merged[i] = new HistorySlots();
      }
      while (rows.hasNext()) {
        Row r = rows.next();
        Instant published = instant(r.get(1));
        for (int i = 0; i < HISTORIES.length; i++) {
          Row h = r.getStruct(2 + i);
          if (h == null || h.isNullAt(0) || h.isNullAt(1) || h.isNullAt(2)) {
            continue;
          }
          merged[i].add(published, instant(h.get(0)), h.getLong(1), h.getList(2));
        }
      }
      java.util.TreeSet<Long> days = new java.util.TreeSet<>();
      for (HistorySlots m : merged) {
        days.addAll(m.days().keySet());
      }
      List<Row> out = new ArrayList<>();
      for (long day : days) {
        if ((firstDay != null && day < firstDay) || (lastDay != null && day > lastDay)) {
          continue;
        }
        Object[] values = new Object[2 + 2 * HISTORIES.length];
        values[0] = fingerprint;
        values[1] = (int) day;
        for (int i = 0; i < HISTORIES.length; i++) {
          Map<Long, long[]> m = merged[i].days();
          long[] slots = m.get(day);
          values[2 + i] = slots == null ? null : HistorySlots.total(slots);
          values[2 + HISTORIES.length + i] = slots == null ? 0 : HistorySlots.reported(slots);
        }
        out.add(RowFactory.create(values));
      }
      return out.iterator();
    }

    static Instant instant(Object o) {
      if (o instanceof Timestamp t) {
        return t.toInstant();
      }
      if (o instanceof Instant i) {
        return i;
      }
      if (o instanceof LocalDate d) {
        return d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
      return null;
    }
  }
}
