package org.torspark.jobs.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;

/**
 * The {@code --start}/{@code --end} window a job reads, as {@code [from, to)} in UTC; either bound
 * may be open (null). {@code --end 2020-02-29} includes that whole day; {@code --end
 * 2020-02-29T10:00Z} includes the 10:00 consensus. Serializable: passes run in tasks test it.
 */
public record TimeRange(Instant from, Instant to) implements java.io.Serializable {
  public static final JobOption START = JobOption.of("start", null,
      "first UTC date or time to include (YYYY-MM-DD or YYYY-MM-DDTHH:MMZ); default: all input");
  public static final JobOption END = JobOption.of("end", null,
      "last UTC date or time to include (inclusive); default: all input");

  public static final TimeRange ALL = new TimeRange(null, null);

  /**
   * Parses {@code --start} and {@code --end}.
   *
   * @throws org.torspark.jobs.JobArgException for a bad date or an end before the start
   */
  public static TimeRange of(JobArgs args) {
    args.requireOrderedRange(START.name(), END.name());
    Instant from = args.instant(START.name());
    Instant end = args.endInstant(END.name());
    return new TimeRange(from, end == null ? null : end.plusSeconds(1));
  }

  /** This range widened by {@code before} at the start and {@code after} at the end (open bounds stay open). */
  public TimeRange widen(Duration before, Duration after) {
    return new TimeRange(from == null ? null : from.minus(before), to == null ? null : to.plus(after));
  }

  /** True when the instant lies in the range. */
  public boolean contains(Instant t) {
    return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
  }

  /** The first UTC date of the range, or null. */
  public LocalDate firstDate() {
    return from == null ? null : LocalDate.ofInstant(from, ZoneOffset.UTC);
  }

  /** The last UTC date the range touches, or null. */
  public LocalDate lastDate() {
    return to == null ? null : LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
  }
}
