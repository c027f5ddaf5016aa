package org.torspark.jobs.exit;

import static org.torspark.jobs.support.Columns.arrayValue;
import static org.torspark.jobs.support.Columns.isTrue;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * exit-policy-trends' one pass over the consensus entries, in plain Java per task: a month is five
 * million entries, and reading them once for the per-consensus groups, once for the disagreements
 * and once for the summary changes (or caching them for the three) was most of the job's time.
 * One read now yields a few small kinds of rows, told apart by {@code kind}:
 *
 * <ul>
 *   <li>{@link #GROUP}: running entries in range summed per (valid_after, exit_policy,
 *       weights_present, exit, bad_exit, ports_s, and with descriptors found, ipv6, ports_d): n, the
 *       sum of bandwidth and of exit_weight (null when no entry has one), as
 *       {@code ExitPolicyTrends.entryGroups} documents; the same key may come from several tasks.
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
 * bandwidth, running, exit, guard, bad_exit.
 */
final class ExitEntryPass {
  static final String GROUP = "group";
  static final String DISAGREEMENT = "disagreement";
  static final String CHANGE = "change";
  static final String BOUNDARY = "boundary";
  static final String SPAN = "span";

  static final StructType SCHEMA = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("valid_after", DataTypes.TimestampType)
      .add("exit_policy", DataTypes.StringType)
      .add("weights_present", DataTypes.BooleanType)
      .add("exit", DataTypes.BooleanType)
      .add("bad_exit", DataTypes.BooleanType)
      .add("ports_s", DataTypes.createArrayType(DataTypes.BooleanType, false))
      .add("found", DataTypes.BooleanType)
      .add("ipv6", DataTypes.BooleanType)
      .add("ports_d", DataTypes.createArrayType(DataTypes.BooleanType, false))
      .add("n", DataTypes.LongType)
      .add("bandwidth", DataTypes.LongType)
      .add("exit_weight", DataTypes.DoubleType)
      .add("fingerprint", DataTypes.StringType)
      .add("nickname", DataTypes.StringType)
      .add("digest", DataTypes.StringType)
      .add("summary_only_ports", DataTypes.createArrayType(DataTypes.IntegerType, false))
      .add("descriptor_only_ports", DataTypes.createArrayType(DataTypes.IntegerType, false))
      .add("previous_seen", DataTypes.TimestampType)
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
    private final HashMap<String, Descriptor> descriptors;
    private final long from;
    private final long to;

    Context(int[] ports, Map<Long, Weights> weights, Map<String, Descriptor> descriptors, long from, long to) {
      this.ports = ports;
      this.weights = new HashMap<>(weights);
      this.descriptors = descriptors == null ? null : new HashMap<>(descriptors);
      this.from = from;
      this.to = to;
    }

    int[] ports() {
      return ports;
    }

    Map<Long, Weights> weights() {
      return weights;
    }

    Map<String, Descriptor> descriptors() {
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

  static Dataset<Row> of(Dataset<Row> entries, Broadcast<Context> context) {
    return entries.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Task(context.value()).run(rows),
        Encoders.row(SCHEMA));
  }

  /** Epoch microseconds of a timestamp column value (java.sql.Timestamp, or Instant with the Java 8 API). */
  static long micros(Object t) {
    Instant i = t instanceof Instant instant ? instant : ((Timestamp) t).toInstant();
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  /** A group of running entries, keyed by what the tables distinguish (ports_s follows from summary and exit). */
  private record GroupKey(String summary, boolean weightsPresent, boolean exit, boolean badExit, Descriptor descriptor,
      boolean found) {}

  private static final class Sums {
    long n;
    Long bandwidth;
    Double exitWeight;
  }

  /** A relay's listings in this task: the first, and the last so far. */
  private static final class Relay {
    Object firstAt;
    String firstSummary;
    String firstNickname;
    Object lastAt;
    long lastMicros;
    String lastSummary;
  }

  private static final class Task {
    private final Context c;
    private final PolicyChecks.SummaryPorts summaryPorts;
    private final Map<String, Object> portLists = new HashMap<>();
    private final Map<GroupKey, Sums> groups = new LinkedHashMap<>();
    private final Map<String, Relay> relays = new HashMap<>();
    private final List<Row> out = new ArrayList<>();
    private Object groupAt;
    private long groupMicros = Long.MIN_VALUE;
    private Weights groupWeights;
    private Object spanFirst;
    private Object spanLast;
    private long spanLastMicros = Long.MIN_VALUE;
    private boolean ordered = true;

    Task(Context c) {
      this.c = c;
      this.summaryPorts = new PolicyChecks.SummaryPorts(c.ports());
    }

    Iterator<Row> run(Iterator<Row> rows) {
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

    private void add(Row r) {
      Object at = r.get(0);
      long va = micros(at);
      if (va < spanLastMicros) {
        ordered = false;
      }
      if (spanFirst == null) {
        spanFirst = at;
      }
      if (va >= spanLastMicros) {
        spanLast = at;
        spanLastMicros = va;
      }
      String fingerprint = r.getString(1);
      String nickname = r.getString(2);
      String summary = r.getString(4);
      change(fingerprint, nickname, summary, at, va);
      boolean inRange = va >= c.from() && va < c.to();
      if (!inRange || !isTrue(r, 6)) {
        return;
      }
      if (va != groupMicros) {
        flushGroups();
        groupAt = at;
        groupMicros = va;
        groupWeights = c.weights().get(va);
      }
      Weights w = groupWeights;
      if (w == null) {
        return; // the consensus document did not read: as the inner join with its weights
      }
      Long bandwidth = r.isNullAt(5) ? null : r.getLong(5);
      boolean exit = isTrue(r, 7);
      boolean guard = isTrue(r, 8);
      boolean badExit = isTrue(r, 9);
      Double exitWeight;
      if (!w.present()) {
        exitWeight = null;
      } else if (exit && bandwidth != null) {
        exitWeight = (double) bandwidth * (double) (guard ? w.wed() : w.wee()) / (double) w.scale();
      } else {
        exitWeight = 0.0;
      }
      String digest = r.getString(3);
      Descriptor d = c.descriptors() == null || digest == null ? null : c.descriptors().get(digest);
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
        disagreement(at, fingerprint, nickname, digest, summary, d.ports());
      }
    }

    /** A change against the relay's previous listing in this task, and the relay's first and last listing. */
    private void change(String fingerprint, String nickname, String summary, Object at, long va) {
      Relay relay = relays.get(fingerprint);
      if (relay == null) {
        relay = new Relay();
        relay.firstAt = at;
        relay.firstSummary = summary;
        relay.firstNickname = nickname;
        relays.put(fingerprint, relay);
      } else if (!java.util.Objects.equals(relay.lastSummary, summary) && va >= c.from() && va < c.to()) {
        out.add(RowFactory.create(CHANGE, at, summary, null, null, null, null, null, null, null, null, null, null,
            fingerprint, nickname, null, null, null, relay.lastAt, relay.lastSummary));
      }
      if (va >= relay.lastMicros || relay.lastAt == null) {
        relay.lastAt = at;
        relay.lastMicros = va;
        relay.lastSummary = summary;
      }
    }

    private void disagreement(Object at, String fingerprint, String nickname, String digest, String summary,
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
        out.add(RowFactory.create(DISAGREEMENT, at, summary, null, null, null, null, null, null, null, null, null, null,
            fingerprint, nickname, digest, arrayValue(summaryOnly), arrayValue(descriptorOnly), null, null));
      }
    }

    private void flushGroups() {
      for (Map.Entry<GroupKey, Sums> e : groups.entrySet()) {
        GroupKey k = e.getKey();
        Sums s = e.getValue();
        Object portsS = k.exit() ? portList(k.summary()) : null;
        Descriptor d = k.descriptor();
        out.add(RowFactory.create(GROUP, groupAt, k.summary(), k.weightsPresent(), k.exit(), k.badExit(), portsS,
            c.descriptors() == null ? null : k.found(), d == null ? null : d.ipv6(),
            d == null || d.ports() == null ? null : booleans(d.ports()), s.n, s.bandwidth, s.exitWeight,
            null, null, null, null, null, null, null));
      }
      groups.clear();
    }

    private void finish() {
      flushGroups();
      for (Map.Entry<String, Relay> e : relays.entrySet()) {
        Relay relay = e.getValue();
        out.add(RowFactory.create(BOUNDARY, relay.firstAt, relay.firstSummary, null, null, null, null, null, null, null,
            null, null, null, e.getKey(), relay.firstNickname, null, null, null, relay.lastAt, relay.lastSummary));
      }
      if (spanFirst != null) {
        out.add(RowFactory.create(SPAN, spanFirst, null, null, ordered, null, null, null, null, null,
            (long) relays.size(), null, null, null, null, null, null, null, spanLast, null));
      }
    }

    /** ports_s of a summary as a Spark array, made once per distinct summary. */
    private Object portList(String summary) {
      if (summary == null) {
        return null;
      }
      return portLists.computeIfAbsent(summary, s -> {
        boolean[] allowed = summaryPorts.allowed(s);
        return allowed == null ? null : booleans(allowed);
      });
    }
  }

  private static scala.collection.immutable.Seq<Boolean> booleans(boolean[] values) {
    return arrayValue(PolicyUdfs.toList(values));
  }
}
