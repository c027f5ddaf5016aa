package org.torspark.jobs.exit;

import java.util.ArrayList;
import java.util.List;

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
final class HourlySums implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
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
  private final long[] longs;
  private final boolean[] longSet;
  private final double[] doubles;
  private final boolean[] doubleSet;
  private boolean weightsPresent;

  HourlySums(int ports, boolean weightsPresent) {
    this.ports = ports;
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
  static HourlySums of(int ports, boolean weightsPresent, List<Long> longs,
      List<Double> doubles) {
    HourlySums h = new HourlySums(ports, weightsPresent);
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

  long running() {
    return longs[RUNNING];
  }

  long exits() {
    return longs[EXITS];
  }

  long badExits() {
    return longs[BAD_EXITS];
  }

  /** Bandwidth of the running entries; null when none has one. */
  Long consensusWeight() {
    return value(CONSENSUS_WEIGHT);
  }

  /** Bandwidth of the running exits; null when none has one. */
  Long exitConsensusWeight() {
    return value(EXIT_CONSENSUS_WEIGHT);
  }

  /** Exit weight of the running exits (bandwidth times Wee or Wed); null when none has one. */
  Double exitWeight() {
    return doubleValue(EXIT_WEIGHT);
  }

  /** Running exits whose descriptor was found (0 without descriptors). */
  long exitsWithDescriptor() {
    return longs[WITH_DESCRIPTOR];
  }

  /** Running exits whose descriptor exits to IPv6 (0 without descriptors). */
  long ipv6Exits() {
    return longs[IPV6_EXITS];
  }

  Double ipv6ExitWeight() {
    return doubleValue(IPV6_EXIT_WEIGHT);
  }

  /** Port i: running exits whose summary allows it ({@code e_i}). */
  long summaryExits(int i) {
    return longs[LONG_TOTALS + LONGS_PER_PORT * i];
  }

  /** Port i: their bandwidth ({@code w_i}), null when none has one. */
  Long summaryWeight(int i) {
    return value(LONG_TOTALS + LONGS_PER_PORT * i + 1);
  }

  /** Port i: their exit weight ({@code p_i}), null when none has one. */
  Double summaryExitWeight(int i) {
    return doubleValue(DOUBLE_TOTALS + DOUBLES_PER_PORT * i);
  }

  /** Port i: running exits whose full policy allows it to some address ({@code de_i}). */
  long descriptorExits(int i) {
    return longs[LONG_TOTALS + LONGS_PER_PORT * i + 2];
  }

  /** Port i: their bandwidth ({@code dw_i}), null when none has one. */
  Long descriptorWeight(int i) {
    return value(LONG_TOTALS + LONGS_PER_PORT * i + 3);
  }

  /** Port i: their exit weight ({@code dp_i}), null when none has one. */
  Double descriptorExitWeight(int i) {
    return doubleValue(DOUBLE_TOTALS + DOUBLES_PER_PORT * i + 1);
  }

  /** Port i: allowed by the summary, not by a parsed full policy ({@code so_i}). */
  long summaryOnly(int i) {
    return longs[LONG_TOTALS + LONGS_PER_PORT * i + 4];
  }

  /** Port i: allowed by the full policy, rejected by the summary ({@code do_i}). */
  long descriptorOnly(int i) {
    return longs[LONG_TOTALS + LONGS_PER_PORT * i + 5];
  }

  private Long value(int slot) {
    return longSet[slot] ? longs[slot] : null;
  }

  private Double doubleValue(int slot) {
    return doubleSet[slot] ? doubles[slot] : null;
  }
}
