package org.torspark.jobs.measure;

import static org.apache.spark.sql.functions.col;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.support.InternalRows;
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
        .select(col("fingerprint"), col("published"), col(HISTORIES[0]), col(HISTORIES[1]), col(HISTORIES[2]),
            col(HISTORIES[3]));
    Dataset<Row> entries = Inputs.read(spark, args, Kind.CONSENSUSES, consensusPaths, false, range.from(), range.to())
        .select(col("fingerprint"), col("valid_after"), col("flags"));

    // Both inputs in plain Java, met in one shuffle by fingerprint: each relay's descriptors and its
    // listings per day (the listings' per-date valid-afters under a null fingerprint). As Spark SQL
    // (a typed group-by with Row encoders, a collect_list aggregate, a sort-merge join) the few
    // hundred thousand rows a month cost the run more in planning and compiling than in work.
    JavaPairRDD<String, HistoryLines> descriptors = InternalRows.rdd(extra).mapPartitionsToPair(HistoryLines::read);
    JavaPairRDD<String, RelayListings.Listing> listings =
        InternalRows.rdd(entries).mapPartitionsToPair(RelayListings::fold);
    Long first = range.firstDate() == null ? null : range.firstDate().toEpochDay();
    Long last = range.lastDate() == null ? null : range.lastDate().toEpochDay();
    JavaRDD<RelayDay> relayDays = descriptors
        .cogroup(listings, new HashPartitioner(spark.sessionState().conf().numShufflePartitions()))
        .flatMap(new MergeRelay(first, last))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long relayDayRows = out.write("bwhist_relay_daily", InternalRows.createDataFrame(spark,
        relayDays.filter(d -> d.fingerprint != null).map(RelayDay::toInternalRow), RelayDay.SCHEMA));
    // the two network tables are a few rows a day: summed per task and merged by day in plain Java
    List<Tuple2<Integer, HistoryDays>> days = relayDays
        .mapToPair(d -> new Tuple2<>(d.day, HistoryDays.of(d)))
        .reduceByKey(HistoryDays::merge).collect();
    relayDays.unpersist(false);
    List<Row> flagRows = new ArrayList<>();
    List<Row> dailyRows = new ArrayList<>();
    for (Tuple2<Integer, HistoryDays> d : days) {
      if (d._2().relayDays() == 0) {
        continue; // a day with consensuses but no relay's history
      }
      LocalDate date = LocalDate.ofEpochDay(d._1());
      flagRows.addAll(d._2().flagRows(date));
      dailyRows.add(d._2().dailyRow(date));
    }
    out.write("bwhist_flags_daily", spark.createDataFrame(flagRows, HistoryDays.FLAGS_DAILY));
    out.write("bwhist_daily", spark.createDataFrame(dailyRows, HistoryDays.DAILY));
    return List.of("histories: " + relayDayRows + " relay-days");
  }

  /**
   * Per relay (one cogrouped key): its descriptors' histories merged into per-day slots, one
   * {@link RelayDay} per UTC date in the range with flags and consensuses from that date's listings.
   * The null key holds the per-date valid-afters of all listings: one {@link RelayDay} per date that
   * carries only the date's count of distinct consensuses.
   */
  static final class MergeRelay implements
      FlatMapFunction<Tuple2<String, Tuple2<Iterable<HistoryLines>, Iterable<RelayListings.Listing>>>, RelayDay> {
    private static final long serialVersionUID = 1L;
    private final Long firstDay;
    private final Long lastDay;

    MergeRelay(Long firstDay, Long lastDay) {
      this.firstDay = firstDay;
      this.lastDay = lastDay;
    }

    @Override
    public Iterator<RelayDay> call(
        Tuple2<String, Tuple2<Iterable<HistoryLines>, Iterable<RelayListings.Listing>>> group) {
      Map<Integer, RelayListings.Listing> byDate = new HashMap<>();
      for (RelayListings.Listing l : group._2()._2()) {
        if (l.date != null) {
          RelayListings.Listing before = byDate.putIfAbsent(l.date, l);
          if (before != null) {
            before.merge(l);
          }
        }
      }
      String fingerprint = group._1();
      List<RelayDay> out = new ArrayList<>();
      if (fingerprint == null) {
        byDate.forEach((date, l) -> out.add(RelayDay.consensuses(date, l.n)));
        return out.iterator();
      }
      HistorySlots[] merged = new HistorySlots[HISTORIES.length];
      for (int i = 0; i < merged.length; i++) {
        merged[i] = new HistorySlots();
      }
      for (HistoryLines d : group._2()._1()) {
        d.addTo(merged);
      }
      java.util.TreeSet<Long> days = new java.util.TreeSet<>();
      for (HistorySlots m : merged) {
        days.addAll(m.days().keySet());
      }
      for (long day : days) {
        if ((firstDay != null && day < firstDay) || (lastDay != null && day > lastDay)) {
          continue;
        }
        Long[] totals = new Long[HISTORIES.length];
        int[] slots = new int[HISTORIES.length];
        for (int i = 0; i < HISTORIES.length; i++) {
          long[] s = merged[i].days().get(day);
          totals[i] = s == null ? null : HistorySlots.total(s);
          slots[i] = s == null ? 0 : HistorySlots.reported(s);
        }
        out.add(new RelayDay(fingerprint, (int) day, byDate.get((int) day), totals, slots));
      }
      return out.iterator();
    }
  }
}
