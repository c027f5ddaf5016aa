package org.torspark.jobs.measure;

import static org.torspark.jobs.support.Columns.arrayValue;
import static org.torspark.jobs.support.Columns.isTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The network part's counts per consensus copy (valid_after, source_file, source_entry), summed in
 * plain Java over each task's entries: a consensus has thousands of entries but only its totals and
 * some dozens of (dimension, value) pairs leave the task.
 *
 * <p>Input columns, in this order: valid_after, source_file, source_entry, digest, found, flags,
 * bandwidth, advbw, exit, guard, ipv6_reachable, version, os, announced, ipv6_exiting. Output: one
 * totals row per copy (dimension null: relays, referenced_descriptors, missing_descriptors,
 * consensus_weight, advertised_bandwidth, advbw_all, advbw_exits) and one row per (dimension,
 * value) pair (relays, advertised_bandwidth, consensus_weight). Sums skip nulls and are null when
 * every value was, as SQL's {@code sum}; the advbw lists skip nulls, as {@code collect_list}.
 *
 * <p>The pairs an entry counts under: every flag as written (unknown flags too, a repeated flag
 * twice), its position (guard_exit, guard, exit, middle; exit = Exit without BadExit), {@code all},
 * IPv6 reachable (a consensus {@code a} line), and with its descriptor the tor version, OS, IPv6
 * announced and IPv6 exiting. A relay whose descriptor has no platform is not counted under version
 * and OS (as Tor Metrics).
 */
final class ConsensusCounts {
  static final StructType SCHEMA = new StructType()
      .add("valid_after", DataTypes.TimestampType)
      .add("source_file", DataTypes.StringType)
      .add("source_entry", DataTypes.StringType)
      .add("dimension", DataTypes.StringType)
      .add("value", DataTypes.StringType)
      .add("relays", DataTypes.LongType)
      .add("advertised_bandwidth", DataTypes.LongType)
      .add("consensus_weight", DataTypes.LongType)
      .add("referenced_descriptors", DataTypes.LongType)
      .add("missing_descriptors", DataTypes.LongType)
      .add("advbw_all", DataTypes.createArrayType(DataTypes.LongType, false))
      .add("advbw_exits", DataTypes.createArrayType(DataTypes.LongType, false));

  private ConsensusCounts() {}

  static Dataset<Row> of(Dataset<Row> entries) {
    return entries.mapPartitions((MapPartitionsFunction<Row, Row>) ConsensusCounts::count, Encoders.row(SCHEMA));
  }

  /** Where the entry was read from: one consensus copy. */
  private record Copy(Object validAfter, String file, String entry) {}

  private record Pair(String dimension, String value) {}

  /** Relays, and the sums of their advertised bandwidth and consensus weight (null: no value yet). */
  private static final class Sums {
    long relays;
    Long advbw;
    Long weight;

    void add(Long advbw, Long weight) {
      relays++;
      if (advbw != null) {
        this.advbw = this.advbw == null ? advbw : this.advbw + advbw;
      }
      if (weight != null) {
        this.weight = this.weight == null ? weight : this.weight + weight;
      }
    }
  }

  private static final class PerCopy {
    final Sums total = new Sums();
    long referenced;
    long missing;
    final List<Long> advbwAll = new ArrayList<>();
    final List<Long> advbwExits = new ArrayList<>();
    final Map<Pair, Sums> pairs = new LinkedHashMap<>();

    void add(String dimension, String value, Long advbw, Long weight) {
      pairs.computeIfAbsent(new Pair(dimension, value), k -> new Sums()).add(advbw, weight);
    }
  }

  static Iterator<Row> count(Iterator<Row> rows) {
    Map<Copy, PerCopy> copies = new LinkedHashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      PerCopy c = copies.computeIfAbsent(new Copy(r.get(0), r.getString(1), r.getString(2)), k -> new PerCopy());
      Long weight = r.isNullAt(6) ? null : r.getLong(6);
      Long advbw = r.isNullAt(7) ? null : r.getLong(7);
      boolean exit = isTrue(r, 8);
      boolean guard = isTrue(r, 9);
      c.total.add(advbw, weight);
      if (!r.isNullAt(3)) {
        c.referenced++;
        if (Boolean.FALSE.equals(r.get(4))) {
          c.missing++;
        }
      }
      if (advbw != null) {
        c.advbwAll.add(advbw);
        if (exit) {
          c.advbwExits.add(advbw);
        }
      }
      if (!r.isNullAt(5)) {
        for (Object flag : r.getList(5)) {
          c.add("flag", (String) flag, advbw, weight);
        }
      }
      c.add("all", "all", advbw, weight);
      c.add("position", guard && exit ? "guard_exit" : guard ? "guard" : exit ? "exit" : "middle", advbw, weight);
      if (isTrue(r, 10)) {
        c.add("ipv6", "reachable", advbw, weight);
      }
      if (!r.isNullAt(11)) {
        c.add("version", r.getString(11), advbw, weight);
      }
      if (!r.isNullAt(12)) {
        c.add("platform", r.getString(12), advbw, weight);
      }
      if (isTrue(r, 13)) {
        c.add("ipv6", "announced", advbw, weight);
      }
      if (isTrue(r, 14)) {
        c.add("ipv6", "exiting", advbw, weight);
      }
    }
    List<Row> out = new ArrayList<>();
    for (Map.Entry<Copy, PerCopy> e : copies.entrySet()) {
      Copy k = e.getKey();
      PerCopy c = e.getValue();
      out.add(RowFactory.create(k.validAfter(), k.file(), k.entry(), null, null, c.total.relays, c.total.advbw,
          c.total.weight, c.referenced, c.missing, arrayValue(c.advbwAll), arrayValue(c.advbwExits)));
      for (Map.Entry<Pair, Sums> p : c.pairs.entrySet()) {
        Sums s = p.getValue();
        out.add(RowFactory.create(k.validAfter(), k.file(), k.entry(), p.getKey().dimension(), p.getKey().value(),
            s.relays, s.advbw, s.weight, null, null, null, null));
      }
    }
    return out.iterator();
  }

}
