package org.torspark.jobs.exit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.jobs.support.InternalRows;

/**
 * exit-policy-trends' hourly and daily tables, computed in plain Java from the entry pass's few
 * rows: one {@link HourlySums} per consensus and about two hundred (day, summary, exit) groups a
 * day. As Spark queries (an explode of a struct per report port, aggregates, windows and joins)
 * these few thousand rows took about seven seconds of a month's run, most of it compiling each
 * query's code; here they are loops, and each table is one write of ready rows.
 *
 * <p>The rules are those of SQL, which the tables were defined in (docs/jobs.md):
 *
 * <ul>
 *   <li>a ratio is null when its denominator is null or not positive ({@code Columns.ratio});
 *   <li>a daily count is the floored mean {@code sum / consensuses}, null when every hour's value is
 *       null ({@code Columns.flooredMean} of SQL's {@code sum});
 *   <li>a daily fraction is the mean of the hours' non-null values, summed in time order, null when
 *       there are none (SQL's {@code avg}, which sums a day's rows in the order the single hourly
 *       partition gives them);
 *   <li>summaries rank by entries (descending), then by summary as Spark orders strings (UTF-8
 *       bytes).
 * </ul>
 *
 * Daily tables keep days with at least {@code minConsensuses} consensuses.
 */
final class TrendTables {
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType DOUBLE = DataTypes.DoubleType;
  private static final DataType STRING = DataTypes.StringType;

  static final StructType PORTS_HOURLY = new StructType().add("date", DataTypes.DateType)
      .add("valid_after", DataTypes.TimestampType).add("port", DataTypes.IntegerType).add("service", STRING)
      .add("exits_total", LONG).add("exits", LONG).add("consensus_weight", LONG)
      .add("consensus_weight_fraction", DOUBLE).add("exit_probability", DOUBLE).add("exits_with_descriptor", LONG)
      .add("descriptor_exits", LONG).add("descriptor_consensus_weight_fraction", DOUBLE)
      .add("descriptor_exit_probability", DOUBLE).add("summary_only", LONG).add("descriptor_only", LONG);
  static final StructType PORTS_DAILY = new StructType().add("date", DataTypes.DateType)
      .add("port", DataTypes.IntegerType).add("service", STRING).add("consensuses", LONG).add("exits_total", LONG)
      .add("exits", LONG).add("consensus_weight_fraction", DOUBLE).add("exit_probability", DOUBLE)
      .add("descriptor_exits", LONG).add("descriptor_consensus_weight_fraction", DOUBLE)
      .add("descriptor_exit_probability", DOUBLE).add("summary_only", LONG).add("descriptor_only", LONG);
  static final StructType EXITS_HOURLY = new StructType().add("date", DataTypes.DateType)
      .add("valid_after", DataTypes.TimestampType).add("running_relays", LONG).add("exits", LONG)
      .add("bad_exits", LONG).add("consensus_weight", LONG).add("exit_consensus_weight", LONG)
      .add("exit_consensus_weight_fraction", DOUBLE).add("weights_present", DataTypes.BooleanType)
      .add("exits_with_descriptor", LONG).add("ipv6_exits", LONG).add("ipv6_exit_fraction", DOUBLE)
      .add("ipv6_exit_probability", DOUBLE);
  static final StructType EXITS_DAILY = new StructType().add("date", DataTypes.DateType)
      .add("consensuses", LONG).add("running_relays", LONG).add("exits", LONG).add("bad_exits", LONG)
      .add("exit_consensus_weight_fraction", DOUBLE).add("exits_with_descriptor", LONG).add("ipv6_exits", LONG)
      .add("ipv6_exit_fraction", DOUBLE).add("ipv6_exit_probability", DOUBLE);
  static final StructType SUMMARIES_DAILY = new StructType().add("date", DataTypes.DateType)
      .add("rank", DataTypes.IntegerType).add("summary", STRING).add("policy_class", STRING)
      .add("consensuses", LONG).add("relays", LONG).add("relay_share", DOUBLE).add("exits", LONG);
  static final StructType CLASSES_DAILY = new StructType().add("date", DataTypes.DateType)
      .add("policy_class", STRING).add("consensuses", LONG).add("relays", LONG).add("relay_share", DOUBLE)
      .add("exits", LONG).add("consensus_weight_fraction", DOUBLE);

  /** The summary row that folds the ranks beyond --top. */
  static final String OTHER = "(other)";
  /** The summary of running relays without a {@code p} line. */
  static final String NONE = "(none)";

  // The daily columns of port_exits_daily and exits_daily: which hourly column, and how a day is
  // made of its hours (floored mean of the sum, or mean).
  private static final int[] PORT_DAILY_COLUMNS = {0, 1, 3, 4, 6, 7, 8, 9, 10};
  private static final boolean[] PORT_DAILY_MEAN = {false, false, true, true, false, true, true, false, false};
  private static final int[] EXIT_DAILY_COLUMNS = {0, 1, 2, 5, 7, 8, 9, 10};
  private static final boolean[] EXIT_DAILY_MEAN = {false, false, false, true, false, false, true, true};

  private final PortList ports;
  private final boolean withDescriptors;
  private final int minConsensuses;
  /** Consensus sums by valid_after (epoch microseconds), in time order. */
  private final NavigableMap<Long, HourlySums> hours = new TreeMap<>();
  /** Running entries per (day, summary, exit), merged across tasks. */
  private final Map<DayGroup, long[]> groups = new HashMap<>();
  private final Map<String, String> classes = new HashMap<>();

  /** A group of the pass: UTC day (days since 1970), summary (null: none) and exit flag. */
  record DayGroup(int day, String summary, boolean exit) {}

  TrendTables(PortList ports, boolean withDescriptors, int minConsensuses) {
    this.ports = ports;
    this.withDescriptors = withDescriptors;
    this.minConsensuses = minConsensuses;
  }

  /** Adds a consensus's sums (a consensus whose entries came from several tasks is added once per task). */
  void addHour(long validAfter, HourlySums sums) {
    hours.merge(validAfter, sums, (a, b) -> {
      a.merge(b);
      return a;
    });
  }

  /** Adds a group's running entries {@code n} and their bandwidth sum (null: none had one). */
  void addGroup(DayGroup group, long n, Long bandwidth) {
    // {n, bandwidth, bandwidth present}
    long[] t = groups.computeIfAbsent(group, g -> new long[3]);
    t[0] = Math.addExact(t[0], n);
    if (bandwidth != null) {
      t[1] = t[2] == 0 ? bandwidth : Math.addExact(t[1], bandwidth);
      t[2] = 1;
    }
  }

  int consensuses() {
    return hours.size();
  }

  // ---- per consensus ------------------------------------------------------------------------

  /** exits_hourly's values after date and valid_after (EXITS_HOURLY's columns from running_relays on). */
  private Object[] exitValues(HourlySums h) {
    Long exitConsensusWeight = h.exitConsensusWeight() == null ? 0L : h.exitConsensusWeight();
    Double weight = h.weightsPresent() ? h.exitWeight() : null;
    return new Object[] {h.running(), h.exits(), h.badExits(), h.consensusWeight(), exitConsensusWeight,
        ratio(exitConsensusWeight, h.consensusWeight()), h.weightsPresent(),
        withDescriptors ? h.exitsWithDescriptor() : null, withDescriptors ? h.ipv6Exits() : null,
        withDescriptors ? ratio(h.ipv6Exits(), h.exitsWithDescriptor()) : null,
        withDescriptors ? ratio(h.ipv6ExitWeight() == null ? 0.0 : h.ipv6ExitWeight(), weight) : null};
  }

  /** port_exits_hourly's values after date, valid_after, port and service (from exits_total on). */
  private static Object[] portValues(HourlySums h, int i, boolean withDescriptors) {
    Double weight = h.weightsPresent() ? h.exitWeight() : null;
    Long summaryWeight = h.summaryWeight(i) == null ? 0L : h.summaryWeight(i);
    Object[] v = {h.exits(), h.summaryExits(i), summaryWeight, ratio(summaryWeight, h.consensusWeight()),
        ratio(h.summaryExitWeight(i) == null ? 0.0 : h.summaryExitWeight(i), weight), null, null, null, null, null,
        null};
    if (withDescriptors) {
      v[5] = h.exitsWithDescriptor();
      v[6] = h.descriptorExits(i);
      v[7] = ratio(h.descriptorWeight(i) == null ? 0L : h.descriptorWeight(i), h.consensusWeight());
      v[8] = ratio(h.descriptorExitWeight(i) == null ? 0.0 : h.descriptorExitWeight(i), weight);
      v[9] = h.summaryOnly(i);
      v[10] = h.descriptorOnly(i);
    }
    return v;
  }

  /** {@code num / den} as a double; null when {@code den} is null or not positive. */
  static Double ratio(Number num, Number den) {
    if (num == null || den == null || den.doubleValue() <= 0) {
      return null;
    }
    return num.doubleValue() / den.doubleValue();
  }

  // ---- tables --------------------------------------------------------------------------------

  /** port_exits_hourly: a row per consensus and report port, made by the tasks from the sums. */
  Dataset<Row> portsHourly(SparkSession spark) {
    List<Hour> list = new ArrayList<>(hours.size());
    hours.forEach((at, h) -> list.add(new Hour(at, h)));
    PortRows rows = new PortRows(ports, withDescriptors);
    // a slice per ~2,000 consensuses (three months): the sums travel with the tasks
    int slices = Math.max(1, list.size() / 2000);
    JavaRDD<InternalRow> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(list, slices)
        .flatMap(rows::of);
    return InternalRows.createDataFrame(spark, rdd, PORTS_HOURLY);
  }

  /** A consensus's sums with its valid_after (epoch microseconds), as the port rows' tasks get them. */
  record Hour(long at, HourlySums sums) implements Serializable {}

  /** Turns one consensus's sums into its port rows (on the executors). */
  static final class PortRows implements Serializable {
    private static final long serialVersionUID = 1L;
    private final PortList ports;
    private final boolean withDescriptors;

    PortRows(PortList ports, boolean withDescriptors) {
      this.ports = ports;
      this.withDescriptors = withDescriptors;
    }

    Iterator<InternalRow> of(Hour hour) {
      List<InternalRow> out = new ArrayList<>(ports.size());
      for (int i = 0; i < ports.size(); i++) {
        out.add(row(new Object[] {InternalRows.utcDay(hour.at()), hour.at(), ports.port(i),
            InternalRows.utf8(ports.service(i))}, portValues(hour.sums(), i, withDescriptors)));
      }
      return out.iterator();
    }
  }

  /** port_exits_daily: per day and report port, the day's consensuses and their means. */
  Dataset<Row> portsDaily(SparkSession spark) {
    return InternalRows.createDataFrame(spark, portsDailyRows(), PORTS_DAILY);
  }

  List<InternalRow> portsDailyRows() {
    List<InternalRow> out = new ArrayList<>();
    days().forEach((date, day) -> {
      for (int i = 0; i < ports.size(); i++) {
        List<Object[]> values = new ArrayList<>(day.size());
        for (HourlySums h : day) {
          values.add(portValues(h, i, withDescriptors));
        }
        out.add(row(new Object[] {date, ports.port(i), InternalRows.utf8(ports.service(i)), (long) day.size()},
            daily(values, PORT_DAILY_COLUMNS, PORT_DAILY_MEAN)));
      }
    });
    return out;
  }

  /** exits_hourly: a row per consensus. */
  Dataset<Row> exitsHourly(SparkSession spark) {
    return InternalRows.createDataFrame(spark, exitsHourlyRows(), EXITS_HOURLY);
  }

  List<InternalRow> exitsHourlyRows() {
    List<InternalRow> out = new ArrayList<>(hours.size());
    hours.forEach((at, h) -> out.add(row(new Object[] {InternalRows.utcDay(at), at}, exitValues(h))));
    return out;
  }

  /** exits_daily: per day, the day's consensuses and their means. */
  Dataset<Row> exitsDaily(SparkSession spark) {
    return InternalRows.createDataFrame(spark, exitsDailyRows(), EXITS_DAILY);
  }

  List<InternalRow> exitsDailyRows() {
    List<InternalRow> out = new ArrayList<>();
    days().forEach((date, day) -> {
      List<Object[]> values = new ArrayList<>(day.size());
      for (HourlySums h : day) {
        values.add(exitValues(h));
      }
      out.add(row(new Object[] {date, (long) day.size()}, daily(values, EXIT_DAILY_COLUMNS, EXIT_DAILY_MEAN)));
    });
    return out;
  }

  /**
   * policy_summaries_daily: per day the {@code top} most frequent summaries of running relays (mean
   * relays per consensus, floored; share of the day's running entries; exits among them), the rest
   * folded into one {@code (other)} row with a null rank.
   */
  Dataset<Row> summaryDistribution(SparkSession spark, int top) {
    return InternalRows.createDataFrame(spark, summaryRows(top), SUMMARIES_DAILY);
  }

  List<InternalRow> summaryRows(int top) {
    List<InternalRow> out = new ArrayList<>();
    Map<Integer, Long> perDay = consensusesPerDay();
    groupsByDay(perDay).forEach((date, dayGroups) -> {
      long consensuses = perDay.get(date);
      // {entries, exit entries} per summary
      Map<String, long[]> bySummary = new HashMap<>();
      long dayEntries = 0;
      for (Map.Entry<DayGroup, long[]> g : dayGroups) {
        long n = g.getValue()[0];
        long[] t = bySummary.computeIfAbsent(g.getKey().summary() == null ? NONE : g.getKey().summary(),
            s -> new long[2]);
        t[0] = Math.addExact(t[0], n);
        t[1] = Math.addExact(t[1], g.getKey().exit() ? n : 0);
        dayEntries = Math.addExact(dayEntries, n);
      }
      List<Map.Entry<String, long[]>> ranked = new ArrayList<>(bySummary.entrySet());
      ranked.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
          .thenComparing(e -> UTF8String.fromString(e.getKey())));
      long otherEntries = 0;
      long otherExits = 0;
      for (int r = 0; r < ranked.size(); r++) {
        long[] t = ranked.get(r).getValue();
        if (r < top) {
          out.add(summaryRow(date, r + 1, ranked.get(r).getKey(), consensuses, t[0], t[1], dayEntries));
        } else {
          otherEntries += t[0];
          otherExits += t[1];
        }
      }
      if (ranked.size() > top) {
        out.add(summaryRow(date, null, OTHER, consensuses, otherEntries, otherExits, dayEntries));
      }
    });
    return out;
  }

  private InternalRow summaryRow(int date, Integer rank, String summary, long consensuses, long entries, long exits,
      long dayEntries) {
    return new GenericInternalRow(new Object[] {date, rank, InternalRows.utf8(summary),
        InternalRows.utf8(policyClass(rank == null ? null : summary)), consensuses, entries / consensuses,
        ratio(entries, dayEntries), exits / consensuses});
  }

  /**
   * policy_classes_daily: running relays per policy class per day (mean per consensus, floored;
   * share of the day's entries), exits among them, and the class's share of the day's bandwidth.
   */
  Dataset<Row> classDistribution(SparkSession spark) {
    return InternalRows.createDataFrame(spark, classRows(), CLASSES_DAILY);
  }

  List<InternalRow> classRows() {
    List<InternalRow> out = new ArrayList<>();
    Map<Integer, Long> perDay = consensusesPerDay();
    groupsByDay(perDay).forEach((date, dayGroups) -> {
      long consensuses = perDay.get(date);
      // {entries, exit entries, weight, weight present} per class (null: the class of no summary)
      Map<String, long[]> byClass = new LinkedHashMap<>();
      long dayEntries = 0;
      long dayWeight = 0;
      boolean dayWeightPresent = false;
      for (Map.Entry<DayGroup, long[]> g : dayGroups) {
        long[] v = g.getValue();
        long[] t = byClass.computeIfAbsent(policyClass(g.getKey().summary()), c -> new long[4]);
        t[0] = Math.addExact(t[0], v[0]);
        t[1] = Math.addExact(t[1], g.getKey().exit() ? v[0] : 0);
        dayEntries = Math.addExact(dayEntries, v[0]);
        if (v[2] != 0) {
          t[2] = Math.addExact(t[2], v[1]);
          t[3] = 1;
          dayWeight = Math.addExact(dayWeight, v[1]);
          dayWeightPresent = true;
        }
      }
      Long dayWeightOrNull = dayWeightPresent ? dayWeight : null;
      for (Map.Entry<String, long[]> c : byClass.entrySet()) {
        long[] t = c.getValue();
        out.add(new GenericInternalRow(new Object[] {date, InternalRows.utf8(c.getKey()), consensuses,
            t[0] / consensuses, ratio(t[0], dayEntries), t[1] / consensuses,
            ratio(t[3] == 0 ? 0L : t[2], dayWeightOrNull)}));
      }
    });
    return out;
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The consensuses by UTC day, in time order, for days with at least minConsensuses. */
  private Map<Integer, List<HourlySums>> days() {
    Map<Integer, List<HourlySums>> byDay = new LinkedHashMap<>();
    hours.forEach((at, h) -> byDay.computeIfAbsent(InternalRows.utcDay(at), d -> new ArrayList<>()).add(h));
    byDay.values().removeIf(day -> day.size() < minConsensuses);
    return byDay;
  }

  /** Consensuses per UTC day, for days with at least minConsensuses. */
  private Map<Integer, Long> consensusesPerDay() {
    Map<Integer, Long> perDay = new TreeMap<>();
    days().forEach((day, hoursOfDay) -> perDay.put(day, (long) hoursOfDay.size()));
    return perDay;
  }

  /** The groups of the days in {@code perDay}, by day. */
  private Map<Integer, List<Map.Entry<DayGroup, long[]>>> groupsByDay(Map<Integer, Long> perDay) {
    Map<Integer, List<Map.Entry<DayGroup, long[]>>> byDay = new TreeMap<>();
    for (Map.Entry<DayGroup, long[]> g : groups.entrySet()) {
      if (perDay.containsKey(g.getKey().day())) {
        byDay.computeIfAbsent(g.getKey().day(), d -> new ArrayList<>()).add(g);
      }
    }
    return byDay;
  }

  private String policyClass(String summary) {
    if (summary == null) {
      return PolicyClass.of(null).label();
    }
    return classes.computeIfAbsent(summary, s -> PolicyClass.of(s).label());
  }

  /**
   * A day's values of the chosen hourly columns: the floored mean of the sum (null when every hour's
   * value is null), or with {@code mean} the mean of the non-null values in time order.
   */
  static Object[] daily(List<Object[]> hours, int[] columns, boolean[] mean) {
    Object[] out = new Object[columns.length];
    for (int c = 0; c < columns.length; c++) {
      int column = columns[c];
      long count = 0;
      long longSum = 0;
      double doubleSum = 0;
      for (Object[] h : hours) {
        Object v = h[column];
        if (v != null) {
          count++;
          if (mean[c]) {
            doubleSum += (Double) v;
          } else {
            longSum = Math.addExact(longSum, (Long) v);
          }
        }
      }
      if (count > 0) {
        out[c] = mean[c] ? (Object) (doubleSum / count) : (Object) (longSum / hours.size());
      }
    }
    return out;
  }

  /** An internal row of {@code lead}'s values followed by {@code rest}'s. */
  private static InternalRow row(Object[] lead, Object[] rest) {
    Object[] all = java.util.Arrays.copyOf(lead, lead.length + rest.length);
    System.arraycopy(rest, 0, all, lead.length, rest.length);
    return new GenericInternalRow(all);
  }

}
