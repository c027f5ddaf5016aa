package org.torspark.jobs.exit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One consensus's figures for exit-policy-trends' hourly tables, summed in the entry pass from
 * that consensus's groups of running entries (one group: entries alike in summary, flags and
 * descriptor answers, with their count {@code n}, bandwidth sum and exit-weight sum). Spark used
 * to compute these as a 162-column aggregate over the groups, above the field count that Spark
 * generates code for; the columns and their null rules are the same as that aggregate's:
 *
 * <ul>
 *   <li>counts ({@code running_relays}, {@code exits}, {@code bad_exits}, {@code e_i},
 *       {@code de_i}, {@code so_i}, {@code do_i}, ...) are never null;
 *   <li>sums of bandwidth or exit weight ({@code consensus_weight}, {@code w_i}, {@code p_i}, ...)
 *       are null when no group counted has a value, as SQL's {@code sum}.
 * </ul>
 *
 * Per report port i: {@code e_i}, {@code w_i}, {@code p_i}: running exits whose summary allows the
 * port, their bandwidth and exit weight; with descriptors also {@code de_i}, {@code dw_i},
 * {@code dp_i} (by the full policy), {@code so_i} (summary only: allowed by the summary, not by a
 * parsed full policy) and {@code do_i} (descriptor only).
 */
final class HourlySums {
  private static final int RUNNING = 0;
  private static final int EXITS = 1;
  private static final int BAD_EXITS = 2;
  private static final int CONSENSUS_WEIGHT = 3;
  private static final int EXIT_CONSENSUS_WEIGHT = 4;
  private static final int WITH_DESCRIPTOR = 5;
  private static final int IPV6_EXITS = 6;
  private static final int LONG_TOTALS = 7;
  private static final int LONGS_PER_PORT = 6; // e, w, de, dw, so, do
  private static final int EXIT_WEIGHT = 0;
  private static final int IPV6_EXIT_WEIGHT = 1;
  private static final int DOUBLE_TOTALS = 2;
  private static final int DOUBLES_PER_PORT = 2; // p, dp

  private final int ports;
  private final boolean withDescriptors;
  private final long[] longs;
  private final boolean[] longSet;
  private final double[] doubles;
  private final boolean[] doubleSet;
  private boolean weightsPresent;

  HourlySums(int ports, boolean withDescriptors, boolean weightsPresent) {
    this.ports = ports;
    this.withDescriptors = withDescriptors;
    this.weightsPresent = weightsPresent;
    longs = new long[LONG_TOTALS + LONGS_PER_PORT * ports];
    longSet = new boolean[longs.length];
    doubles = new double[DOUBLE_TOTALS + DOUBLES_PER_PORT * ports];
    doubleSet = new boolean[doubles.length];
  }

  /**
   * Counts a group: {@code n} running entries, exits or not, with the sum of their bandwidth and
   * exit weight (null: none had one), the summary's answers per report port ({@code summaryPorts},
   * null for non-exits and unparseable summaries), whether a descriptor was found and its answers
   * ({@code ipv6}, {@code descriptorPorts}: null when absent or unparseable).
   */
  void add(boolean exit, boolean badExit, boolean found, Boolean ipv6, boolean[] summaryPorts,
      boolean[] descriptorPorts, long n, Long bandwidth, Double exitWeight) {
    count(RUNNING, n);
    count(EXITS, exit ? n : 0);
    count(BAD_EXITS, badExit ? n : 0);
    sum(CONSENSUS_WEIGHT, bandwidth);
    sum(EXIT_CONSENSUS_WEIGHT, exit ? bandwidth : null);
    sum(EXIT_WEIGHT, exitWeight);
    boolean ipv6Exit = exit && Boolean.TRUE.equals(ipv6);
    count(WITH_DESCRIPTOR, exit && found ? n : 0);
    count(IPV6_EXITS, ipv6Exit ? n : 0);
    sum(IPV6_EXIT_WEIGHT, ipv6Exit ? exitWeight : null);
    for (int i = 0; i < ports; i++) {
      int l = LONG_TOTALS + LONGS_PER_PORT * i;
      int d = DOUBLE_TOTALS + DOUBLES_PER_PORT * i;
      boolean s = summaryPorts != null && summaryPorts[i];
      // null descriptor answers count as neither allowing nor rejecting (SQL's null in a condition)
      boolean known = exit && descriptorPorts != null;
      boolean allowedD = known && descriptorPorts[i];
      count(l, s ? n : 0);
      sum(l + 1, s ? bandwidth : null);
      sum(d, s ? exitWeight : null);
      count(l + 2, allowedD ? n : 0);
      sum(l + 3, allowedD ? bandwidth : null);
      sum(d + 1, allowedD ? exitWeight : null);
      count(l + 4, s && known && !allowedD && found ? n : 0);
      count(l + 5, allowedD && !s ? n : 0);
    }
  }

  /** Adds another part of the same consensus (the pass's rows for one valid_after from several tasks). */
  void merge(HourlySums other) {
    for (int i = 0; i < longs.length; i++) {
      if (other.longSet[i]) {
        longs[i] = longSet[i] ? longs[i] + other.longs[i] : other.longs[i];
        longSet[i] = true;
      }
    }
    for (int i = 0; i < doubles.length; i++) {
      if (other.doubleSet[i]) {
        doubles[i] = doubleSet[i] ? doubles[i] + other.doubles[i] : other.doubles[i];
        doubleSet[i] = true;
      }
    }
    weightsPresent &= other.weightsPresent;
  }

  private void count(int slot, long n) {
    longs[slot] += n;
    longSet[slot] = true;
  }

  private void sum(int slot, Long value) {
    if (value != null) {
      longs[slot] = longSet[slot] ? longs[slot] + value : value;
      longSet[slot] = true;
    }
  }

  private void sum(int slot, Double value) {
    if (value != null) {
      doubles[slot] = doubleSet[slot] ? doubles[slot] + value : value;
      doubleSet[slot] = true;
    }
  }

  boolean weightsPresent() {
    return weightsPresent;
  }

  /** The long slots as the pass's array column (null where unset). */
  List<Long> longList() {
    List<Long> out = new ArrayList<>(longs.length);
    for (int i = 0; i < longs.length; i++) {
      out.add(longSet[i] ? longs[i] : null);
    }
    return out;
  }

  /** The double slots as the pass's array column (null where unset). */
  List<Double> doubleList() {
    List<Double> out = new ArrayList<>(doubles.length);
    for (int i = 0; i < doubles.length; i++) {
      out.add(doubleSet[i] ? doubles[i] : null);
    }
    return out;
  }

  /** Back from the pass's columns. */
  static HourlySums of(int ports, boolean withDescriptors, boolean weightsPresent, List<Long> longs,
      List<Double> doubles) {
    HourlySums h = new HourlySums(ports, withDescriptors, weightsPresent);
    for (int i = 0; i < h.longs.length; i++) {
      Long v = longs.get(i);
      h.longSet[i] = v != null;
      h.longs[i] = v == null ? 0 : v;
    }
    for (int i = 0; i < h.doubles.length; i++) {
      Double v = doubles.get(i);
      h.doubleSet[i] = v != null;
      h.doubles[i] = v == null ? 0 : v;
    }
    return h;
  }

  /** The hourly row: valid_after, then the columns of {@link #schema} in order. */
  Row toRow(Object validAfter) {
    List<Object> values = new ArrayList<>();
    values.add(validAfter);
    values.add(value(RUNNING));
    values.add(value(EXITS));
    values.add(value(BAD_EXITS));
    values.add(value(CONSENSUS_WEIGHT));
    values.add(value(EXIT_CONSENSUS_WEIGHT));
    values.add(doubleValue(EXIT_WEIGHT));
    values.add(weightsPresent);
    if (withDescriptors) {
      values.add(value(WITH_DESCRIPTOR));
      values.add(value(IPV6_EXITS));
      values.add(doubleValue(IPV6_EXIT_WEIGHT));
    }
    for (int i = 0; i < ports; i++) {
      int l = LONG_TOTALS + LONGS_PER_PORT * i;
      int d = DOUBLE_TOTALS + DOUBLES_PER_PORT * i;
      values.add(value(l));
      values.add(value(l + 1));
      values.add(doubleValue(d));
      if (withDescriptors) {
        values.add(value(l + 2));
        values.add(value(l + 3));
        values.add(doubleValue(d + 1));
        values.add(value(l + 4));
        values.add(value(l + 5));
      }
    }
    return RowFactory.create(values.toArray());
  }

  private Long value(int slot) {
    return longSet[slot] ? longs[slot] : null;
  }

  private Double doubleValue(int slot) {
    return doubleSet[slot] ? doubles[slot] : null;
  }

  /** The hourly rows' schema, in {@link #toRow}'s order. */
  static StructType schema(int ports, boolean withDescriptors) {
    DataType l = DataTypes.LongType;
    DataType d = DataTypes.DoubleType;
    StructType s = new StructType().add("valid_after", DataTypes.TimestampType, false)
        .add("running_relays", l, false).add("exits", l, false).add("bad_exits", l, false)
        .add("consensus_weight", l).add("exit_consensus_weight", l).add("exit_weight", d)
        .add("weights_present", DataTypes.BooleanType, false);
    if (withDescriptors) {
      s = s.add("exits_with_descriptor", l, false).add("ipv6_exits", l, false).add("ipv6_exit_weight", d);
    }
    for (int i = 0; i < ports; i++) {
      s = s.add("e_" + i, l, false).add("w_" + i, l).add("p_" + i, d);
      if (withDescriptors) {
        s = s.add("de_" + i, l, false).add("dw_" + i, l).add("dp_" + i, d).add("so_" + i, l, false)
            .add("do_" + i, l, false);
      }
    }
    return s;
  }
}
