package org.torspark.bandwidth;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One relay's sbws results of one UTC day, aggregated in a single pass: results are added in input
 * order and partial aggregates merged, as Spark's {@code combineByKey} does. Each value is the one
 * Spark SQL gives for the {@code sbws_relay_daily} columns (docs/jobs.md): {@code count},
 * {@code sum}, {@code avg}, exact {@code percentile(x, 0.5)}, {@code max}, {@code max_by(nickname,
 * time)}, {@code array_sort(collect_set(dest_url))}, {@code timestamp_seconds(min/max(time))}.
 * Strings are compared as Spark does, by their UTF-8 bytes. The mean is the sum in input order
 * (partial sums added), as Spark's {@code avg} adds; Spark's object hash aggregate regroups the
 * additions once a task has seen 128 groups and sorts the rest, which moved the last bit of a few
 * means (27 of 8,000 relays in JobBench's corpus): this equals Spark SQL without that fallback.
 */
public final class SbwsRelayDay implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long MILLIS_PER_DAY = 86_400_000L;

  /** The group: UTC day (days since 1970-01-01) of the result time, and the relay. */
  public record Key(long day, String fingerprint) implements Serializable {
    // written out: the record's generated methods go through method handles, which profiled
    // as a tenth of the combining
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.day == day && k.fingerprint.equals(fingerprint);
    }

    @Override
    public int hashCode() {
      return 31 * fingerprint.hashCode() + Long.hashCode(day);
    }
  }

  /**
   * The aggregates of a run of results (one task's), per group, each added in input order: what
   * {@code combineByKey}'s map side makes, in a plain hash map. A task holds its groups (relays
   * times days) in memory, as that map did before it could spill.
   */
  public static java.util.Iterator<scala.Tuple2<Key, SbwsRelayDay>> combine(java.util.Iterator<SbwsResult> results) {
    java.util.Map<Key, SbwsRelayDay> groups = new java.util.HashMap<>();
    while (results.hasNext()) {
      SbwsResult r = results.next();
      groups.compute(key(r), (k, d) -> d == null ? of(r) : d.add(r));
    }
    return groups.entrySet().stream().map(e -> new scala.Tuple2<>(e.getKey(), e.getValue())).iterator();
  }

  private String nickname;
  private double nicknameTime;
  private long attempts;
  private long successes;
  private long errorStream;
  private long errorCirc;
  private long errorMisc;
  private long errorDestination;
  private long errorSecondRelay;
  private long errorOther;
  private double[] speeds = new double[4];
  private int speedCount;
  private double speedSum;
  private double speedMax;
  private final List<String> destinations = new ArrayList<>(2);
  private double firstTime;
  private double lastTime;

  private SbwsRelayDay() {}

  /** The group of a result: the UTC date of its time (to the millisecond, floored) and its relay. */
  public static Key key(SbwsResult r) {
    return new Key(Math.floorDiv((long) Math.floor(r.time() * 1000), MILLIS_PER_DAY), utf8(r.fingerprint()));
  }

  /** The aggregate of one result. */
  public static SbwsRelayDay of(SbwsResult r) {
    SbwsRelayDay d = new SbwsRelayDay();
    d.nickname = r.nickname();
    d.nicknameTime = r.time();
    d.firstTime = r.time();
    d.lastTime = r.time();
    return d.count(r);
  }

  /** Adds a later result of the same group. */
  public SbwsRelayDay add(SbwsResult r) {
    if (!(nicknameTime > r.time())) {
      // max_by keeps the newer value on a tie
      nickname = r.nickname();
      nicknameTime = r.time();
    }
    firstTime = Math.min(firstTime, r.time());
    lastTime = Math.max(lastTime, r.time());
    return count(r);
  }

  private SbwsRelayDay count(SbwsResult r) {
    attempts++;
    switch (r.type()) {
      case "success" -> successes++;
      case "error-stream" -> errorStream++;
      case "error-circ" -> errorCirc++;
      case "error-misc" -> errorMisc++;
      case "error-destination" -> errorDestination++;
      case "error-second-relay" -> errorSecondRelay++;
      default -> errorOther++;
    }
    if (r.isSuccess()) {
      for (double s : r.speeds()) {
        addSpeed(s);
      }
    }
    if (r.destUrl() != null) {
      addDestination(utf8(r.destUrl()));
    }
    return this;
  }

  private void addSpeed(double s) {
    if (speedCount == speeds.length) {
      speeds = Arrays.copyOf(speeds, speedCount * 2);
    }
    speedMax = speedCount == 0 ? s : Math.max(speedMax, s);
    speeds[speedCount++] = s;
    speedSum += s;
  }

  private void addDestination(String url) {
    if (!destinations.contains(url)) {
      destinations.add(url);
    }
  }

  /** Merges the partial aggregate of later input into this one. */
  public SbwsRelayDay merge(SbwsRelayDay o) {
    if (!(nicknameTime > o.nicknameTime)) {
      nickname = o.nickname;
      nicknameTime = o.nicknameTime;
    }
    firstTime = Math.min(firstTime, o.firstTime);
    lastTime = Math.max(lastTime, o.lastTime);
    attempts += o.attempts;
    successes += o.successes;
    errorStream += o.errorStream;
    errorCirc += o.errorCirc;
    errorMisc += o.errorMisc;
    errorDestination += o.errorDestination;
    errorSecondRelay += o.errorSecondRelay;
    errorOther += o.errorOther;
    // avg merges partial sums, not values: the sum stays the same whatever o's values are
    double sum = speedSum + o.speedSum;
    for (int i = 0; i < o.speedCount; i++) {
      addSpeed(o.speeds[i]);
    }
    speedSum = sum;
    for (String u : o.destinations) {
      addDestination(u);
    }
    return this;
  }

  public String nickname() {
    return nickname;
  }

  public long attempts() {
    return attempts;
  }

  public long successes() {
    return successes;
  }

  public long errorStream() {
    return errorStream;
  }

  public long errorCirc() {
    return errorCirc;
  }

  public long errorMisc() {
    return errorMisc;
  }

  public long errorDestination() {
    return errorDestination;
  }

  public long errorSecondRelay() {
    return errorSecondRelay;
  }

  /** Results of any other type (neither success nor one of the five known errors). */
  public long errorOther() {
    return errorOther;
  }

  /** Downloads of the successful results. */
  public long downloads() {
    return speedCount;
  }

  /** Mean download throughput, bytes/s: the sum in input order over the count; null without downloads. */
  public Double meanThroughput() {
    return speedCount == 0 ? null : speedSum / speedCount;
  }

  /**
   * Exact median download throughput, null without downloads: Spark's {@code percentile(x, 0.5)},
   * the middle value, or {@code 0.5 * a + 0.5 * b} of the two middle values unless they are equal.
   */
  public Double medianThroughput() {
    if (speedCount == 0) {
      return null;
    }
    double[] s = Arrays.copyOf(speeds, speedCount);
    Arrays.sort(s);
    double position = (speedCount - 1) * 0.5;
    long lower = (long) Math.floor(position);
    long higher = (long) Math.ceil(position);
    double lowerValue = s[(int) lower];
    if (higher == lower) {
      return lowerValue;
    }
    double higherValue = s[(int) higher];
    if (higherValue == lowerValue) {
      return lowerValue;
    }
    return (higher - position) * lowerValue + (position - lower) * higherValue;
  }

  /** Largest download throughput, null without downloads. */
  public Double maxThroughput() {
    return speedCount == 0 ? null : speedMax;
  }

  /** Distinct destination URLs, in UTF-8 byte order. */
  public List<String> destinationUrls() {
    List<String> sorted = new ArrayList<>(destinations);
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8)));
    return sorted;
  }

  /** {@code timestamp_seconds(min(time))} in microseconds, null if the time is infinite. */
  public Long firstResultMicros() {
    return micros(firstTime);
  }

  /** {@code timestamp_seconds(max(time))} in microseconds, null if the time is infinite. */
  public Long lastResultMicros() {
    return micros(lastTime);
  }

  private static Long micros(double seconds) {
    return Double.isNaN(seconds) || Double.isInfinite(seconds) ? null : (long) (seconds * 1_000_000L);
  }

  /**
   * The string Spark stores: lone UTF-16 surrogates (possible through JSON escapes) become '?' in
   * UTF-8, so two such strings may be one group or one set element there and must be here.
   */
  static String utf8(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      }
    }
    return s;
  }
}
