package org.torspark.jobs.exit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.torspark.jobs.support.Columns.arrayValue;
import static org.torspark.jobs.support.InternalRows.longOrNull;
import static org.torspark.jobs.support.InternalRows.stringOrNull;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.jobs.support.FlagSets;
import org.torspark.jobs.support.InlineBytes;
import org.torspark.jobs.support.InternalRows;

/**
 * exit-policy-trends' one pass over the consensus entries, in plain Java per task: a month is five
 * million entries, and reading them once for the per-consensus groups, once for the disagreements
 * and once for the summary changes (or caching them for the three) was most of the job's time.
 * One read now yields a few small kinds of rows, told apart by {@code kind}:
 *
 * <ul>
 *   <li>{@link #HOURLY}: per consensus, its figures for the hourly tables ({@link HourlySums}:
 *       weights_present, and the sums as the arrays longs and doubles).
 *   <li>{@link #GROUP}: running entries in range per (day, exit_policy, exit), day counted in UTC
 *       days since 1970: their count n and the sum of their bandwidth (null when no entry has one),
 *       for the daily summary and class distributions; the same key may come from several tasks.
 *   <li>{@link #DISAGREEMENT}: a running exit in range whose summary and descriptor answer a report
 *       port differently (fingerprint, nickname, digest, exit_policy, summary_only_ports,
 *       descriptor_only_ports).
 *   <li>{@link #CHANGE}: a relay's {@code p} summary differing from its previous listing in the same
 *       task (valid_after = changed_at, exit_policy = new, previous_seen, old_policy, nickname).
 *   <li>{@link #BOUNDARY}: per relay and task its first listing (valid_after, exit_policy, nickname)
 *       and its last (previous_seen = last valid_after, old_policy = last summary), so that changes
 *       between tasks are found from these few rows.
 *   <li>{@link #SPAN}: per task the first and last valid_after it saw (valid_after, previous_seen),
 *       and whether they came in order (exit): changes from {@link #CHANGE} and {@link #BOUNDARY}
 *       rows are exact only when every task read its consensuses in time order and no two tasks'
 *       spans overlap (one task per monthly tarball); otherwise the job falls back to a window over
 *       the entries.
 * </ul>
 *
 * <p>Input columns, in this order: valid_after, fingerprint, nickname, digest, exit_policy,
 * bandwidth, flags. Running, exit (Exit without BadExit), guard and bad exit are told from the flags
 * ({@link FlagSets}: each distinct list once, not four scans of every entry's list in Spark).
 */
final class ExitEntryPass {
  static final String HOURLY = "hourly";
  static final String GROUP = "group";
  static final String DISAGREEMENT = "disagreement";
  static final String CHANGE = "change";
  static final String BOUNDARY = "boundary";
  static final String SPAN = "span";

  /** The pass's rows; {@link #of} turns valid_after and previous_seen (epoch microseconds here) into timestamps. */
  static final StructType SCHEMA = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("valid_after", DataTypes.LongType)
      .add("day", DataTypes.IntegerType)
      .add("exit_policy", DataTypes.StringType)
      .add("exit", DataTypes.BooleanType)
      .add("n", DataTypes.LongType)
      .add("bandwidth", DataTypes.LongType)
      .add("weights_present", DataTypes.BooleanType)
      .add("longs", DataTypes.createArrayType(DataTypes.LongType, true))
      .add("doubles", DataTypes.createArrayType(DataTypes.DoubleType, true))
      .add("fingerprint", DataTypes.StringType)
      .add("nickname", DataTypes.StringType)
      .add("digest", DataTypes.StringType)
      .add("summary_only_ports", DataTypes.createArrayType(DataTypes.IntegerType, false))
      .add("descriptor_only_ports", DataTypes.createArrayType(DataTypes.IntegerType, false))
      .add("previous_seen", DataTypes.LongType)
      .add("old_policy", DataTypes.StringType);

  // Context and what it holds are broadcast, and the session may serialise broadcasts with Kryo,
  // which cannot write records (it reads fields by offset; records refuse it): plain classes.

  /** A consensus's bandwidth weights: Wee and Wed (null when absent) and bwweightscale. */
  static final class Weights implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Long wee;
    private final Long wed;
    private final long scale;

    Weights(Long wee, Long wed, long scale) {
      this.wee = wee;
      this.wed = wed;
      this.scale = scale;
    }

    Long wee() {
      return wee;
    }

    Long wed() {
      return wed;
    }

    long scale() {
      return scale;
    }

    boolean present() {
      return wee != null && wed != null;
    }
  }

  /**
   * What a server descriptor answers: IPv6 exiting, and the report ports it allows (null:
   * unparseable). Instances are shared by every digest with the same answers ({@link #descriptors}),
   * so that groups compare them by identity.
   */
  static final class Descriptor implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Boolean ipv6;
    private final boolean[] ports;

    Descriptor(Boolean ipv6, boolean[] ports) {
      this.ipv6 = ipv6;
      this.ports = ports;
    }

    Boolean ipv6() {
      return ipv6;
    }

    boolean[] ports() {
      return ports;
    }
  }

  /** Descriptor answers by digest, one shared {@link Descriptor} per distinct answer. */
  static Map<String, Descriptor> descriptors(List<Row> digestPortsIpv6) {
    Map<String, Descriptor> distinct = new HashMap<>();
    Map<String, Descriptor> out = new HashMap<>();
    for (Row r : digestPortsIpv6) {
      boolean[] ports = null;
      if (!r.isNullAt(1)) {
        List<Object> list = r.getList(1);
        ports = new boolean[list.size()];
        for (int i = 0; i < ports.length; i++) {
          ports[i] = (Boolean) list.get(i);
        }
      }
      Boolean ipv6 = r.isNullAt(2) ? null : r.getBoolean(2);
      boolean[] p = ports;
      out.put(r.getString(0), distinct.computeIfAbsent(ipv6 + " " + java.util.Arrays.toString(ports),
          k -> new Descriptor(ipv6, p)));
    }
    return out;
  }

  /**
   * What every task needs, broadcast once: report ports, the consensuses' weights by valid_after
   * (epoch microseconds), descriptor answers by digest (null without descriptors) and the range
   * that groups, disagreements and changes are kept for ({@code [from, to)} in microseconds).
   */
  static final class Context implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] ports;
    private final HashMap<Long, Weights> weights;
    // keyed by the digest's bytes, made once here: the tasks look digests up as the rows hold them
    private final HashMap<UTF8String, Descriptor> descriptors;
    private final long from;
    private final long to;

    Context(int[] ports, Map<Long, Weights> weights, Map<String, Descriptor> descriptors, long from, long to) {
      this.ports = ports;
      this.weights = new HashMap<>(weights);
      if (descriptors == null) {
        this.descriptors = null;
      } else {
        this.descriptors = new HashMap<>(descriptors.size() * 2);
        descriptors.forEach((digest, d) -> this.descriptors.put(UTF8String.fromString(digest), d));
      }
      this.from = from;
      this.to = to;
    }

    int[] ports() {
      return ports;
    }

    Map<Long, Weights> weights() {
      return weights;
    }

    Map<UTF8String, Descriptor> descriptors() {
      return descriptors;
    }

    long from() {
      return from;
    }

    long to() {
      return to;
    }
  }

  private ExitEntryPass() {}

  /** The pass over {@code entries} (columns as the class comment lists), read in Spark's internal form. */
  static Dataset<Row> of(Dataset<Row> entries, Broadcast<Context> context) {
    return InternalRows.mapPartitions(entries, rows -> new Task(context.value()).run(rows), SCHEMA)
        .withColumn("valid_after", timestamp_micros(col("valid_after")))
        .withColumn("previous_seen", timestamp_micros(col("previous_seen")));
  }

  /**
   * The pass's {@link #HOURLY} and {@link #GROUP} rows into {@code tables}: a few hundred consensus
   * sums and a few thousand groups a month, collected in one job and merged on the driver, should a
   * consensus's entries or a day's groups ever come from more than one task.
   */
  static TrendTables tables(Dataset<Row> pass, TrendTables tables, int ports) {
    for (Row r : pass.filter(col("kind").isin(HOURLY, GROUP)).select(col("kind"), col("valid_after"),
        col("weights_present"), col("longs"), col("doubles"), col("day"), col("exit_policy"), col("exit"), col("n"),
        col("bandwidth")).collectAsList()) {
      if (r.getString(0).equals(HOURLY)) {
        tables.addHour(micros(r.get(1)), HourlySums.of(ports, r.getBoolean(2), r.getList(3), r.getList(4)));
      } else {
        tables.addGroup(new TrendTables.DayGroup(r.getInt(5), r.getString(6), r.getBoolean(7)), r.getLong(8),
            r.isNullAt(9) ? null : r.getLong(9));
      }
    }
    return tables;
  }

  /** Epoch microseconds of a timestamp column value (java.sql.Timestamp, or Instant with the Java 8 API). */
  static long micros(Object t) {
    return InternalRows.micros(t instanceof Instant instant ? instant : ((Timestamp) t).toInstant());
  }

  /** A group of running entries, keyed by what the tables distinguish (ports_s follows from summary and exit). */
  private record GroupKey(String summary, boolean weightsPresent, boolean exit, boolean badExit, Descriptor descriptor,
      boolean found) {}

  /** What a pass row of each kind sets; the other columns stay null. */
  private static final int KIND = SCHEMA.fieldIndex("kind");
  private static final int VALID_AFTER = SCHEMA.fieldIndex("valid_after");
  private static final int DAY = SCHEMA.fieldIndex("day");
  private static final int EXIT_POLICY = SCHEMA.fieldIndex("exit_policy");
  private static final int EXIT = SCHEMA.fieldIndex("exit");
  private static final int N = SCHEMA.fieldIndex("n");
  private static final int BANDWIDTH = SCHEMA.fieldIndex("bandwidth");
  private static final int WEIGHTS_PRESENT = SCHEMA.fieldIndex("weights_present");
  private static final int LONGS = SCHEMA.fieldIndex("longs");
  private static final int DOUBLES = SCHEMA.fieldIndex("doubles");
  private static final int FINGERPRINT = SCHEMA.fieldIndex("fingerprint");
  private static final int NICKNAME = SCHEMA.fieldIndex("nickname");
  private static final int DIGEST = SCHEMA.fieldIndex("digest");
  private static final int SUMMARY_ONLY = SCHEMA.fieldIndex("summary_only_ports");
  private static final int DESCRIPTOR_ONLY = SCHEMA.fieldIndex("descriptor_only_ports");
  private static final int PREVIOUS_SEEN = SCHEMA.fieldIndex("previous_seen");
  private static final int OLD_POLICY = SCHEMA.fieldIndex("old_policy");

  /** A pass row's values: kind, valid_after and exit_policy set, the rest null until set. */
  private static Object[] row(String kind, Long validAfter, String exitPolicy) {
    Object[] v = new Object[SCHEMA.size()];
    v[KIND] = kind;
    v[VALID_AFTER] = validAfter;
    v[EXIT_POLICY] = exitPolicy;
    return v;
  }

  /** Groups for the daily distributions: UTC day, summary and exit flag. */
  private record DayKey(int day, String summary, boolean exit) {}

  private static final class Sums {
    long n;
    Long bandwidth;
    Double exitWeight;
  }

  /** A relay's listings in this task: the first, and the last so far. */
  private static final class Relay {
    final String fingerprint;
    final long firstAt;
    final String firstSummary;
    final String firstNickname;
    long lastAt;
    String lastSummary;
    /** The digest this relay's descriptor was last looked up by, and what the look-up gave. */
    final InlineBytes lastDigest = new InlineBytes();
    Descriptor lastDescriptor;

    Relay(String fingerprint, long at, String summary, String nickname) {
      this.fingerprint = fingerprint;
      this.firstAt = at;
      this.firstSummary = summary;
      this.firstNickname = nickname;
      this.lastAt = at;
      this.lastSummary = summary;
    }
  }

  private static final class Task {
    private final Context c;
    private final PolicyChecks.SummaryPorts summaryPorts;
    private final Map<GroupKey, Sums> groups = new LinkedHashMap<>();
    // keyed by the entry's own bytes, looked up without making a String; copied when a relay is new
    private final Map<UTF8String, Relay> relays = new HashMap<>();
    private final Map<UTF8String, String> summaries = new HashMap<>();
    private final FlagSets flagSets = new FlagSets();
    private final Map<DayKey, Sums> days = new LinkedHashMap<>();
    private final List<Row> out = new ArrayList<>();
    private long groupAt;
    private long groupMicros = Long.MIN_VALUE;
    private Weights groupWeights;
    private Long spanFirst;
    private long spanLast;
    private long spanLastMicros = Long.MIN_VALUE;
    private boolean ordered = true;

    Task(Context c) {
      this.c = c;
      this.summaryPorts = new PolicyChecks.SummaryPorts(c.ports());
    }

    Iterator<Row> run(Iterator<InternalRow> rows) {
      return new Iterator<>() {
        private int next;
        private boolean done;

        @Override
        public boolean hasNext() {
          while (next >= out.size()) {
            if (done) {
              return false;
            }
            out.clear();
            next = 0;
            if (rows.hasNext()) {
              add(rows.next());
            } else {
              finish();
              done = true;
            }
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return out.get(next++);
        }
      };
    }

    private void add(InternalRow r) {
      long va = r.getLong(0);
      if (va < spanLastMicros) {
        ordered = false;
      }
      if (spanFirst == null) {
        spanFirst = va;
      }
      if (va >= spanLastMicros) {
        spanLast = va;
        spanLastMicros = va;
      }
      String summary = summary(stringOrNull(r, 4));
      Relay relay = change(r, summary, va);
      if (va < c.from() || va >= c.to()) {
        return;
      }
      FlagSets.FlagSet flags = r.isNullAt(6) ? null : flagSets.of(r.getArray(6));
      if (flags == null || !flags.running()) {
        return;
      }
      if (va != groupMicros) {
        flushGroups();
        groupAt = va;
        groupMicros = va;
        groupWeights = c.weights().get(va);
      }
      Weights w = groupWeights;
      if (w == null) {
        return; // the consensus document did not read: as the inner join with its weights
      }
      Long bandwidth = longOrNull(r, 5);
      boolean exit = flags.exit();
      boolean guard = flags.guard();
      boolean badExit = flags.badExit();
      Double exitWeight;
      if (!w.present()) {
        exitWeight = null;
      } else if (exit && bandwidth != null) {
        exitWeight = (double) bandwidth * (double) (guard ? w.wed() : w.wee()) / (double) w.scale();
      } else {
        exitWeight = 0.0;
      }
      UTF8String digest = stringOrNull(r, 3);
      Descriptor d = c.descriptors() == null || digest == null ? null : descriptor(relay, digest);
      GroupKey key = new GroupKey(summary, w.present(), exit, badExit, d, d != null);
      Sums s = groups.computeIfAbsent(key, k -> new Sums());
      s.n++;
      if (bandwidth != null) {
        s.bandwidth = s.bandwidth == null ? bandwidth : s.bandwidth + bandwidth;
      }
      if (exitWeight != null) {
        s.exitWeight = s.exitWeight == null ? exitWeight : s.exitWeight + exitWeight;
      }
      if (exit && d != null && d.ports() != null) {
        disagreement(va, relay.fingerprint, nickname(r), digest.toString(), summary, d.ports());
      }
    }

    /**
     * The answers of the descriptor with {@code digest}, remembered per relay: a relay keeps its
     * descriptor for many consensuses in a row, and comparing with the digest it had last touches only
     * the relay, where a look-up in the month's map of 50,000 digests missed the CPU's caches for each
     * of 5 million entries (JFR: a quarter of the task thread's time in that look-up).
     */
    private Descriptor descriptor(Relay relay, UTF8String digest) {
      if (!relay.lastDigest.holds(digest)) {
        relay.lastDigest.set(digest);
        relay.lastDescriptor = c.descriptors().get(digest);
      }
      return relay.lastDescriptor;
    }

    /** A summary as one shared String per distinct text in this task (a month repeats a few thousand). */
    private String summary(UTF8String text) {
      return text == null ? null : InternalRows.getOrAdd(summaries, text, UTF8String::toString);
    }

    private static String nickname(InternalRow r) {
      UTF8String n = stringOrNull(r, 2);
      return n == null ? null : n.toString();
    }

    /**
     * A change against the relay's previous listing in this task, and the relay's first and last
     * listing; returns the relay.
     */
    private Relay change(InternalRow r, String summary, long va) {
      UTF8String fingerprint = r.getUTF8String(1);
      Relay relay = relays.get(fingerprint);
      if (relay == null) {
        relay = new Relay(fingerprint.toString(), va, summary, nickname(r));
        relays.put(fingerprint.clone(), relay);
        return relay;
      }
      if (!java.util.Objects.equals(relay.lastSummary, summary) && va >= c.from() && va < c.to()) {
        Object[] v = row(CHANGE, va, summary);
        v[FINGERPRINT] = relay.fingerprint;
        v[NICKNAME] = nickname(r);
        v[PREVIOUS_SEEN] = relay.lastAt;
        v[OLD_POLICY] = relay.lastSummary;
        out.add(RowFactory.create(v));
      }
      if (va >= relay.lastAt) {
        relay.lastAt = va;
        relay.lastSummary = summary;
      }
      return relay;
    }

    private void disagreement(long at, String fingerprint, String nickname, String digest, String summary,
        boolean[] descriptorPorts) {
      boolean[] summaryPorts = this.summaryPorts.allowed(summary);
      List<Integer> summaryOnly = new ArrayList<>(0);
      List<Integer> descriptorOnly = new ArrayList<>(0);
      for (int i = 0; i < descriptorPorts.length; i++) {
        boolean s = summaryPorts != null && summaryPorts[i];
        if (s && !descriptorPorts[i]) {
          summaryOnly.add(c.ports()[i]);
        } else if (descriptorPorts[i] && !s) {
          descriptorOnly.add(c.ports()[i]);
        }
      }
      if (!summaryOnly.isEmpty() || !descriptorOnly.isEmpty()) {
        Object[] v = row(DISAGREEMENT, at, summary);
        v[FINGERPRINT] = fingerprint;
        v[NICKNAME] = nickname;
        v[DIGEST] = digest;
        v[SUMMARY_ONLY] = arrayValue(summaryOnly);
        v[DESCRIPTOR_ONLY] = arrayValue(descriptorOnly);
        out.add(RowFactory.create(v));
      }
    }

    /** The current consensus's hourly sums, and its groups added to their day's, from its groups of running entries. */
    private void flushGroups() {
      if (groups.isEmpty()) {
        return;
      }
      HourlySums hour = new HourlySums(c.ports().length, groupWeights.present());
      int day = InternalRows.utcDay(groupMicros);
      for (Map.Entry<GroupKey, Sums> e : groups.entrySet()) {
        GroupKey k = e.getKey();
        Sums s = e.getValue();
        Descriptor d = k.descriptor();
        hour.add(k.exit(), k.badExit(), k.found(), d == null ? null : d.ipv6(),
            k.exit() ? summaryPorts.allowed(k.summary()) : null, d == null ? null : d.ports(), s.n, s.bandwidth,
            s.exitWeight);
        Sums t = days.computeIfAbsent(new DayKey(day, k.summary(), k.exit()), x -> new Sums());
        t.n += s.n;
        if (s.bandwidth != null) {
          t.bandwidth = t.bandwidth == null ? s.bandwidth : t.bandwidth + s.bandwidth;
        }
      }
      Object[] h = row(HOURLY, groupAt, null);
      h[WEIGHTS_PRESENT] = hour.weightsPresent();
      h[LONGS] = arrayValue(hour.longList());
      h[DOUBLES] = arrayValue(hour.doubleList());
      out.add(RowFactory.create(h));
      groups.clear();
    }

    private void finish() {
      flushGroups();
      for (Map.Entry<DayKey, Sums> e : days.entrySet()) {
        Object[] v = row(GROUP, null, e.getKey().summary());
        v[DAY] = e.getKey().day();
        v[EXIT] = e.getKey().exit();
        v[N] = e.getValue().n;
        v[BANDWIDTH] = e.getValue().bandwidth;
        out.add(RowFactory.create(v));
      }
      for (Relay relay : relays.values()) {
        Object[] v = row(BOUNDARY, relay.firstAt, relay.firstSummary);
        v[FINGERPRINT] = relay.fingerprint;
        v[NICKNAME] = relay.firstNickname;
        v[PREVIOUS_SEEN] = relay.lastAt;
        v[OLD_POLICY] = relay.lastSummary;
        out.add(RowFactory.create(v));
      }
      if (spanFirst != null) {
        Object[] v = row(SPAN, spanFirst, null);
        v[EXIT] = ordered;
        v[N] = (long) relays.size();
        v[PREVIOUS_SEEN] = spanLast;
        out.add(RowFactory.create(v));
      }
    }
  }
}
