package org.torspark.jobs.measure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.torspark.jobs.support.Columns.arrayValue;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.RouterStatusEntry;
import org.torspark.descriptor.ServerDescriptor;
import org.torspark.jobs.exit.PolicyChecks;
import org.torspark.jobs.support.FlagSets;
import org.torspark.jobs.support.InternalRows;
import org.torspark.jobs.support.TimeRange;
import scala.Tuple2;

/**
 * The network part's counts per consensus copy (valid_after, source_file, source_entry), summed in
 * plain Java over each parsed consensus: a consensus has thousands of entries but only its totals
 * and some dozens of (dimension, value) pairs leave the pass.
 *
 * <p>Only Running entries count; exit and guard are told from the flags as {@link FlagSets} does.
 * Each entry's server descriptor is looked up by digest in the broadcast {@link Descriptors} (none:
 * the entry has no descriptor facts). Output: one totals row per copy (dimension null: relays,
 * referenced_descriptors, missing_descriptors, consensus_weight, advertised_bandwidth, advbw_all,
 * advbw_exits) and one row per (dimension, value) pair (relays, advertised_bandwidth,
 * consensus_weight). Sums skip nulls and are null when every value was, as SQL's {@code sum}; the
 * advbw lists skip nulls, as {@code collect_list}. A consensus without a Running entry has no rows.
 *
 * <p>The pairs an entry counts under: every flag as written (unknown flags too, a repeated flag
 * twice), its position (guard_exit, guard, exit, middle; exit = Exit without BadExit), {@code all},
 * IPv6 reachable (a consensus {@code a} line), and with its descriptor the tor version, OS, IPv6
 * announced and IPv6 exiting. A relay whose descriptor has no platform is not counted under version
 * and OS (as Tor Metrics).
 *
 * <p>{@link #count} runs on the parse thread that parsed the document ({@link
 * org.torspark.source.DocumentScan}), on the parser's own objects: no entry becomes a Spark row.
 * Rows made of the entries and counted on the task's one thread made this pass the job's
 * bottleneck (a month: 10.6 s, now 7.3 s). Flags are summed per distinct flag list and spread over
 * the list's flags at the end of the document; versions and OS names per shared value of the
 * broadcast facts.
 */
final class ConsensusCounts {
  /** The pass's output; valid_after leaves the pass as epoch microseconds and {@link #of} makes it a timestamp. */
  static final StructType PASS_SCHEMA = new StructType()
      .add("valid_after_us", DataTypes.LongType)
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

  private static final String[] POSITIONS = {"middle", "exit", "guard", "guard_exit"};

  private ConsensusCounts() {}

  /**
   * What a server descriptor tells about the relays that reference it: advertised bandwidth, tor
   * version and OS (null: not counted under them), IPv6 announced and IPv6 exiting. A plain class:
   * broadcasts may be serialised with Kryo, which cannot write records.
   */
  static final class Facts implements Serializable {
    private static final long serialVersionUID = 1L;
    final Long advbw;
    final String version;
    final String os;
    final boolean announced;
    final boolean ipv6Exiting;

    Facts(Long advbw, String version, String os, boolean announced, boolean ipv6Exiting) {
      this.advbw = advbw;
      this.version = version;
      this.os = os;
      this.announced = announced;
      this.ipv6Exiting = ipv6Exiting;
    }

    /**
     * A parsed server descriptor's facts under its digest; none for an error record, another
     * type, a descriptor without digest, or one published outside {@code range}. Advertised bandwidth: the least of average, burst and observed (observed missing:
     * of average and burst), as Tor Metrics. Version and OS from the platform line ({@link
     * Platforms}). IPv6 announced: an or-address that {@link #isIpv6} (the rule the entries' a
     * lines get). IPv6 exiting: {@link PolicyChecks#ipv6Exiting}.
     */
    static List<Tuple2<String, Facts>> of(ParsedDocument document, TimeRange range) {
      if (document.isError() || !(document.descriptor() instanceof ServerDescriptor d) || d.digest() == null) {
        return List.of();
      }
      if (d.published() == null || !range.contains(d.published())) {
        return List.of();
      }
      long advbw = Math.min(d.bandwidthAvg(), d.bandwidthBurst());
      if (d.bandwidthObserved() != null) {
        advbw = Math.min(advbw, d.bandwidthObserved());
      }
      return List.of(new Tuple2<>(d.digest(), new Facts(advbw, Platforms.version(d.platform()),
          Platforms.os(d.platform()), d.orAddresses() != null && anyIpv6(d.orAddresses()),
          PolicyChecks.ipv6Exiting(d.exitPolicyV6()))));
    }
  }

  /** Facts by descriptor digest (40 lower-case hex, as consensus entries write it); broadcast. */
  static final class Descriptors implements Serializable {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Facts> byDigest;

    /**
     * From facts under their digests; the first of a digest wins (a descriptor read twice, from
     * recent/ and archive/, has the same facts). Versions and OS names are shared between the
     * descriptors that have them (a few dozen).
     */
    Descriptors(List<Tuple2<String, Facts>> facts) {
      byDigest = new HashMap<>(facts.size() * 2);
      Map<String, String> names = new HashMap<>();
      java.util.function.UnaryOperator<String> name = v -> v == null ? null : names.computeIfAbsent(v, n -> n);
      for (Tuple2<String, Facts> f : facts) {
        if (f._1() == null || byDigest.containsKey(f._1())) {
          continue;
        }
        Facts x = f._2();
        byDigest.put(f._1(), new Facts(x.advbw, name.apply(x.version), name.apply(x.os), x.announced, x.ipv6Exiting));
      }
    }

    Facts get(String digest) {
      return byDigest.get(digest);
    }

    int size() {
      return byDigest.size();
    }
  }

  /** The pass's rows ({@link #count} per document) as a table, with valid_after as a timestamp. */
  static Dataset<Row> of(SparkSession spark, JavaRDD<Row> counted) {
    return spark.createDataFrame(counted, PASS_SCHEMA)
        .withColumn("valid_after", timestamp_micros(col("valid_after_us")))
        .select(col("valid_after"), col("source_file"), col("source_entry"), col("dimension"), col("value"),
            col("relays"), col("advertised_bandwidth"), col("consensus_weight"), col("referenced_descriptors"),
            col("missing_descriptors"), col("advbw_all"), col("advbw_exits"));
  }

  /** Where the entry was read from: one consensus copy. */
  private record Copy(long validAfter, String file, String entry) {}

  /** Relays, and the sums of their advertised bandwidth and consensus weight (null: no value yet). */
  private static final class Sums {
    long relays;
    Long advbw;
    Long weight;

    void add(Long advbw, Long weight) {
      relays++;
      this.advbw = plus(this.advbw, advbw);
      this.weight = plus(this.weight, weight);
    }

    /** Adds what {@code other} counted, as if its entries had been added here. */
    void addAll(Sums other) {
      relays += other.relays;
      advbw = plus(advbw, other.advbw);
      weight = plus(weight, other.weight);
    }

    private static Long plus(Long sum, Long value) {
      return value == null ? sum : sum == null ? value : (Long) (sum + value);
    }
  }

  private static final class PerCopy {
    final Sums total = new Sums();
    long referenced;
    long missing;
    final List<Long> advbwAll = new ArrayList<>();
    final List<Long> advbwExits = new ArrayList<>();
    final Sums all = new Sums();
    final Sums[] positions = new Sums[POSITIONS.length];
    final Sums reachable = new Sums();
    final Sums announced = new Sums();
    final Sums exiting = new Sums();
    // by FlagSet id: the entries of each distinct flag list
    final List<Sums> flagSets = new ArrayList<>();
    // keyed by the facts' own (shared) strings: a value the broadcast holds twice gives two rows of
    // the same pair, which the job's aggregate over the pairs adds up
    final Map<String, Sums> versions = new IdentityHashMap<>();
    final Map<String, Sums> platforms = new IdentityHashMap<>();

    PerCopy() {
      for (int i = 0; i < positions.length; i++) {
        positions[i] = new Sums();
      }
    }

    static Sums of(Map<String, Sums> values, String value) {
      return values.computeIfAbsent(value, v -> new Sums());
    }

    Sums ofFlags(FlagSets.FlagSet set) {
      while (flagSets.size() <= set.id()) {
        flagSets.add(null);
      }
      Sums sums = flagSets.get(set.id());
      if (sums == null) {
        sums = new Sums();
        flagSets.set(set.id(), sums);
      }
      return sums;
    }

    /** The sums per flag as written (a flag repeated in a list counts twice). */
    Map<String, Sums> flags(FlagSets sets) {
      Map<String, Sums> byFlag = new LinkedHashMap<>();
      for (int id = 0; id < flagSets.size(); id++) {
        Sums sums = flagSets.get(id);
        if (sums != null) {
          for (UTF8String flag : sets.get(id).flags()) {
            byFlag.computeIfAbsent(flag.toString(), f -> new Sums()).addAll(sums);
          }
        }
      }
      return byFlag;
    }
  }

  /**
   * The counts of one parsed document: none for an error, a document that is not a consensus, or a
   * consensus whose valid-after is outside {@code range}.
   */
  static List<Row> count(String file, ParsedDocument document, Descriptors descriptors, TimeRange range) {
    if (document.isError() || !(document.descriptor() instanceof NetworkStatus status)) {
      return List.of();
    }
    Instant validAfter = status.validAfter();
    if (validAfter == null || !range.contains(validAfter)) {
      return List.of();
    }
    // one document is one copy; the parser shares a flag list between the entries that have the same s line
    FlagSets flagSets = new FlagSets();
    PerCopy c = new PerCopy();
    for (RouterStatusEntry e : status.entries()) {
      FlagSets.FlagSet flags = e.flags() == null ? null : flagSets.of(e.flags());
      if (flags == null || !flags.running()) {
        continue;
      }
      String digest = e.digest();
      Facts facts = digest == null || descriptors == null ? null : descriptors.get(digest);
      Long weight = e.bandwidth();
      Long advbw = facts == null ? null : facts.advbw;
      boolean exit = flags.exit();
      boolean guard = flags.guard();
      c.total.add(advbw, weight);
      if (digest != null) {
        c.referenced++;
        if (facts == null) {
          c.missing++;
        }
      }
      if (advbw != null) {
        c.advbwAll.add(advbw);
        if (exit) {
          c.advbwExits.add(advbw);
        }
      }
      c.ofFlags(flags).add(advbw, weight);
      c.all.add(advbw, weight);
      c.positions[(guard ? 2 : 0) + (exit ? 1 : 0)].add(advbw, weight);
      if (e.orAddresses() != null && anyIpv6(e.orAddresses())) {
        c.reachable.add(advbw, weight);
      }
      if (facts != null) {
        if (facts.version != null) {
          PerCopy.of(c.versions, facts.version).add(advbw, weight);
        }
        if (facts.os != null) {
          PerCopy.of(c.platforms, facts.os).add(advbw, weight);
        }
        if (facts.announced) {
          c.announced.add(advbw, weight);
        }
        if (facts.ipv6Exiting) {
          c.exiting.add(advbw, weight);
        }
      }
    }
    if (c.total.relays == 0) {
      return List.of(); // no running entry: as before, when the pass saw only the rows it counted
    }
    Copy k = new Copy(InternalRows.micros(validAfter), file, document.source().entry());
    List<Row> out = new ArrayList<>();
    out.add(RowFactory.create(k.validAfter(), k.file(), k.entry(), null, null, c.total.relays, c.total.advbw,
        c.total.weight, c.referenced, c.missing, arrayValue(c.advbwAll), arrayValue(c.advbwExits)));
    pair(out, k, "all", "all", c.all);
    for (int i = 0; i < POSITIONS.length; i++) {
      pair(out, k, "position", POSITIONS[i], c.positions[i]);
    }
    pair(out, k, "ipv6", "reachable", c.reachable);
    pair(out, k, "ipv6", "announced", c.announced);
    pair(out, k, "ipv6", "exiting", c.exiting);
    c.flags(flagSets).forEach((v, sums) -> pair(out, k, "flag", v, sums));
    c.versions.forEach((v, sums) -> pair(out, k, "version", v, sums));
    c.platforms.forEach((v, sums) -> pair(out, k, "platform", v, sums));
    return out;
  }

  /** Some of a consensus entry's {@code a} lines {@link #isIpv6}. Null addresses are skipped. */
  static boolean anyIpv6(List<String> addresses) {
    for (String a : addresses) {
      if (a != null && isIpv6(a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tor Metrics' IPv6 test of an OR address (consensus {@code a} line, descriptor {@code or-address}):
   * at least two colons (an IPv4 address with port has one).
   */
  static boolean isIpv6(String address) {
    int first = address.indexOf(':');
    return first >= 0 && address.indexOf(':', first + 1) >= 0;
  }

  /** One (dimension, value) row of a copy; a pair no entry counted under is not a row. */
  private static void pair(List<Row> out, Copy k, String dimension, String value, Sums s) {
    if (s.relays > 0) {
      out.add(RowFactory.create(k.validAfter(), k.file(), k.entry(), dimension, value, s.relays, s.advbw, s.weight,
          null, null, null, null));
    }
  }
}
