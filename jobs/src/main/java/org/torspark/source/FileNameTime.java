package org.torspark.source;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torspark.descriptor.DescriptorType;

/**
 * What CollecTor's file names prove about the time column of the rows inside (formats.md §1.3):
 * recent/ status documents are named by their valid-after (consensus, vote) or published time
 * (bridge status) exactly; exit lists and bandwidth files by a time close to theirs; recent/
 * descriptor batches by their download time, which no descriptor in them was published after;
 * monthly archives (and their extracted directories) by the month of the time column. Every bound
 * carries a margin so that clock skew and boundary cases never drop a row; a name that says nothing
 * gives an unbounded range. Users whose files are named otherwise turn this off with
 * {@code fileNameTimePruning=false}.
 */
final class FileNameTime {
  static final long HOUR = 3_600_000_000L;
  static final long DAY = 24 * HOUR;

  /** {@code [relay-|bridge-]YYYY-MM-DD-HH-MM-SS[-...]}: recent/ and archive member names. */
  private static final Pattern RECENT =
      Pattern.compile("^(?:[a-z]+-)?(\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2})(?:-.*)?$");
  /** {@code YYYYMMDD-HHMMSS-<authority fingerprint>}: bridge statuses. */
  private static final Pattern BRIDGE_STATUS = Pattern.compile("^(\\d{8}-\\d{6})-[0-9A-Fa-f]{40}$");
  /** {@code <name>-YYYY-MM.tar[.xz|.gz|.bz2]}: a monthly archive. */
  private static final Pattern MONTH_FILE =
      Pattern.compile("^[a-z][a-z0-9-]*-(\\d{4}-\\d{2})\\.(?:tar(?:\\.(?:xz|gz|bz2))?|tgz|tbz2?)$");
  /** A monthly archive extracted into a directory of the same name. */
  private static final Pattern MONTH_DIR = Pattern.compile("^(?:bridge-)?(?:server-descriptors|extra-infos"
      + "|consensuses|votes|microdescs|statuses|bridge-statuses|exit-list|bandwidths)-(\\d{4}-\\d{2})$");

  private FileNameTime() {}

  /**
   * The range of time-column values (epoch microseconds, inclusive) that rows of {@code type} in the
   * file at {@code path} can have; {@link TimeRanges.Range#ALL} if the name proves nothing.
   */
  static TimeRanges.Range of(String path, DescriptorType type) {
    if (type == null || type.timeColumn() == null) {
      return TimeRanges.Range.ALL;
    }
    String[] parts = path.split("/");
    TimeRanges.Range range = TimeRanges.Range.ALL;
    String name = parts[parts.length - 1];
    range = range.intersect(fromFileName(name, type));
    for (int i = parts.length - 2; i >= 0; i--) {
      Matcher m = MONTH_DIR.matcher(parts[i]);
      if (m.matches()) {
        range = range.intersect(month(m.group(1), type));
      }
    }
    return range;
  }

  private static TimeRanges.Range fromFileName(String name, DescriptorType type) {
    Matcher m = RECENT.matcher(name);
    if (m.matches()) {
      Long t = micros(m.group(1), "yyyy-MM-dd-HH-mm-ss");
      return t == null ? TimeRanges.Range.ALL : named(t, type);
    }
    m = BRIDGE_STATUS.matcher(name);
    if (m.matches() && type == DescriptorType.BRIDGE_NETWORK_STATUS) {
      Long t = micros(m.group(1), "yyyyMMdd-HHmmss");
      return t == null ? TimeRanges.Range.ALL : new TimeRanges.Range(t, t);
    }
    m = MONTH_FILE.matcher(name);
    if (m.matches()) {
      return month(m.group(1), type);
    }
    return TimeRanges.Range.ALL;
  }

  /** A file named by one instant {@code t}. */
  private static TimeRanges.Range named(long t, DescriptorType type) {
    switch (type) {
      case NETWORK_STATUS_CONSENSUS_3:
      case NETWORK_STATUS_MICRODESC_CONSENSUS_3:
      case NETWORK_STATUS_VOTE_3:
      case BRIDGE_NETWORK_STATUS:
        return new TimeRanges.Range(t, t);
      case TORDNSEL:
        return new TimeRanges.Range(t - HOUR, t + HOUR);
      case BANDWIDTH_FILE:
        // named by file_created; the timestamp line (last measurement) is at most days older
        return new TimeRanges.Range(t - 7 * DAY, t + HOUR);
      case SERVER_DESCRIPTOR:
      case BRIDGE_SERVER_DESCRIPTOR:
      case EXTRA_INFO:
      case BRIDGE_EXTRA_INFO:
        // a download batch: nothing in it was published after the download (plus clock skew)
        return new TimeRanges.Range(Long.MIN_VALUE, t + DAY);
      default:
        return TimeRanges.Range.ALL;
    }
  }

  private static TimeRanges.Range month(String yearMonth, DescriptorType type) {
    YearMonth ym;
    try {
      ym = YearMonth.parse(yearMonth);
    } catch (DateTimeParseException e) {
      return TimeRanges.Range.ALL;
    }
    long start = ym.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    long end = ym.plusMonths(1).atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L - 1;
    long before = type == DescriptorType.BANDWIDTH_FILE ? 7 * DAY : DAY;
    return new TimeRanges.Range(start - before, end + DAY);
  }

  private static Long micros(String text, String pattern) {
    try {
      LocalDateTime t = LocalDateTime.parse(text, java.time.format.DateTimeFormatter.ofPattern(pattern));
      return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
