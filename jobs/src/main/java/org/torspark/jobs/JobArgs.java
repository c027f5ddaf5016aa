package org.torspark.jobs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's parsed command-line options. Every accessor that fails names the option and the bad
 * value, so a user sees a one-line error such as {@code option --start: '2020-13-01' is not a date
 * (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)}.
 */
public final class JobArgs {
  private final Map<String, List<String>> values;
  private final Map<String, JobOption> known;

  private JobArgs(Map<String, List<String>> values, Map<String, JobOption> known) {
    this.values = values;
    this.known = known;
  }

  /** Parses {@code --name value} pairs and flags against the job's options plus the common ones. */
  public static JobArgs parse(List<String> args, List<JobOption> options) {
    Map<String, JobOption> known = new LinkedHashMap<>();
    for (JobOption o : options) {
      known.put(o.name(), o);
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        throw new JobArgException("unexpected argument '" + a + "' (options start with --)");
      }
      String name = a.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq > 0 && !name.startsWith("conf")) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      JobOption o = known.get(name);
      if (o == null) {
        throw new JobArgException("unknown option --" + name + "; options: " + String.join(", ",
            known.keySet().stream().map(k -> "--" + k).toList()));
      }
      String v;
      if (o.flag()) {
        v = "true";
      } else if (inline != null) {
        v = inline;
      } else {
        if (i + 1 >= args.size()) {
          throw new JobArgException("option --" + name + " needs a value");
        }
        v = args.get(++i);
      }
      List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!o.repeatable() && !list.isEmpty()) {
        throw new JobArgException("option --" + name + " given twice");
      }
      list.add(v);
    }
    return new JobArgs(values, known);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  /** The value, the option's default, or null. */
  public String get(String name) {
    List<String> v = values.get(name);
    if (v != null) {
      return v.get(0);
    }
    JobOption o = known.get(name);
    return o == null ? null : o.defaultValue();
  }

  public String require(String name) {
    String v = get(name);
    if (v == null || v.isEmpty()) {
      throw new JobArgException("option --" + name + " is required");
    }
    return v;
  }

  public List<String> all(String name) {
    List<String> v = values.get(name);
    return v == null ? Collections.emptyList() : Collections.unmodifiableList(v);
  }

  public int getInt(String name, int min, int max) {
    String v = require(name);
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new JobArgException("option --" + name + ": " + v + " is out of range " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new JobArgException("option --" + name + ": '" + v + "' is not an integer");
    }
  }

  /**
   * A UTC instant from {@code YYYY-MM-DD} (midnight; for an end bound, use {@link #endInstant}) or
   * ISO-8601 {@code YYYY-MM-DDTHH:MM[:SS]Z}; null when absent.
   */
  public Instant instant(String name) {
    String v = get(name);
    if (v == null) {
      return null;
    }
    return parseInstant(name, v, false);
  }

  /** Like {@link #instant} but a bare date means the end of that day (inclusive bounds). */
  public Instant endInstant(String name) {
    String v = get(name);
    if (v == null) {
      return null;
    }
    return parseInstant(name, v, true);
  }

  static Instant parseInstant(String name, String v, boolean endOfDay) {
    try {
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(endOfDay ? 1 : 0);
      }
      String iso = v.endsWith("Z") ? v : v + "Z";
      if (iso.length() == 17) { // YYYY-MM-DDTHH:MMZ
        iso = iso.substring(0, 16) + ":00Z";
      }
      return Instant.parse(iso.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      throw new JobArgException("option --" + name + ": '" + v
          + "' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC)");
    }
  }

  /** Checks that --start is not after --end when both are given. */
  public void requireOrderedRange(String start, String end) {
    Instant s = instant(start);
    Instant e = endInstant(end);
    if (s != null && e != null && s.isAfter(e)) {
      throw new JobArgException("option --" + end + ": " + get(end) + " is before --" + start + " " + get(start));
    }
  }
}
