package org.torspark.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataTypes;

/**
 * The values of the time column a query can keep, as a union of inclusive ranges of epoch
 * microseconds, derived from pushed predicates. Anything it does not understand keeps everything,
 * so a file is only skipped when a predicate provably rejects every row its name allows. Rows with a
 * null time (error rows) can only pass predicates such as {@code IS NULL} or {@code NOT}, which keep
 * everything here.
 */
final class TimeRanges implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Inclusive range of epoch microseconds. */
  record Range(long lo, long hi) implements Serializable {
    static final Range ALL = new Range(Long.MIN_VALUE, Long.MAX_VALUE);

    boolean isEmpty() {
      return lo > hi;
    }

    boolean isAll() {
      return lo == Long.MIN_VALUE && hi == Long.MAX_VALUE;
    }

    Range intersect(Range o) {
      return new Range(Math.max(lo, o.lo), Math.min(hi, o.hi));
    }
  }

  static final TimeRanges ALL = new TimeRanges(List.of(Range.ALL));
  static final TimeRanges NONE = new TimeRanges(List.of());

  private final List<Range> ranges;

  private TimeRanges(List<Range> sortedDisjoint) {
    this.ranges = sortedDisjoint;
  }

  static TimeRanges of(Range r) {
    return r.isEmpty() ? NONE : new TimeRanges(List.of(r));
  }

  boolean isAll() {
    return ranges.size() == 1 && ranges.get(0).isAll();
  }

  boolean overlaps(Range r) {
    for (Range x : ranges) {
      if (!x.intersect(r).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  TimeRanges and(TimeRanges o) {
    List<Range> out = new ArrayList<>();
    for (Range a : ranges) {
      for (Range b : o.ranges) {
        Range c = a.intersect(b);
        if (!c.isEmpty()) {
          out.add(c);
        }
      }
    }
    return normalize(out);
  }

  TimeRanges or(TimeRanges o) {
    List<Range> out = new ArrayList<>(ranges);
    out.addAll(o.ranges);
    return normalize(out);
  }

  private static TimeRanges normalize(List<Range> in) {
    List<Range> sorted = new ArrayList<>(in);
    sorted.sort(Comparator.comparingLong(Range::lo));
    List<Range> out = new ArrayList<>();
    for (Range r : sorted) {
      Range last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && (r.lo() <= last.hi() || last.hi() != Long.MAX_VALUE && r.lo() == last.hi() + 1)) {
        out.set(out.size() - 1, new Range(last.lo(), Math.max(last.hi(), r.hi())));
      } else {
        out.add(r);
      }
    }
    return new TimeRanges(List.copyOf(out));
  }

  /** The values of {@code column} that {@code p} can accept; {@link #ALL} if it cannot tell. */
  static TimeRanges from(Predicate p, String column) {
    Expression[] c = p.children();
    switch (p.name()) {
      case "AND":
        return from((Predicate) c[0], column).and(from((Predicate) c[1], column));
      case "OR":
        return from((Predicate) c[0], column).or(from((Predicate) c[1], column));
      case "ALWAYS_FALSE":
        return NONE;
      case "=":
      case "<=>":
      case "<":
      case "<=":
      case ">":
      case ">=":
        return comparison(p.name(), c, column);
      case "IN":
        return in(c, column);
      default:
        return ALL;
    }
  }

  private static TimeRanges comparison(String op, Expression[] c, String column) {
    String o = op;
    Long v;
    if (isColumn(c[0], column) && (v = micros(c[1])) != null) {
      // column op value
    } else if (isColumn(c[1], column) && (v = micros(c[0])) != null) {
      o = flip(op);
    } else {
      return ALL;
    }
    long x = v;
    switch (o) {
      case "=":
      case "<=>":
        return of(new Range(x, x));
      case "<":
        return x == Long.MIN_VALUE ? NONE : of(new Range(Long.MIN_VALUE, x - 1));
      case "<=":
        return of(new Range(Long.MIN_VALUE, x));
      case ">":
        return x == Long.MAX_VALUE ? NONE : of(new Range(x + 1, Long.MAX_VALUE));
      default:
        return of(new Range(x, Long.MAX_VALUE));
    }
  }

  private static TimeRanges in(Expression[] c, String column) {
    if (!isColumn(c[0], column)) {
      return ALL;
    }
    List<Range> out = new ArrayList<>();
    for (int i = 1; i < c.length; i++) {
      Long v = micros(c[i]);
      if (v == null) {
        if (c[i] instanceof Literal<?> l && l.value() == null) {
          continue; // x IN (NULL) never holds
        }
        return ALL;
      }
      out.add(new Range(v, v));
    }
    return normalize(out);
  }

  private static String flip(String op) {
    switch (op) {
      case "<":
        return ">";
      case "<=":
        return ">=";
      case ">":
        return "<";
      case ">=":
        return "<=";
      default:
        return op;
    }
  }

  private static boolean isColumn(Expression e, String column) {
    return e instanceof NamedReference r && r.fieldNames().length == 1 && r.fieldNames()[0].equals(column);
  }

  /** A TIMESTAMP literal's value in epoch microseconds, or null for anything else. */
  private static Long micros(Expression e) {
    if (e instanceof Literal<?> l && DataTypes.TimestampType.equals(l.dataType()) && l.value() instanceof Long v) {
      return v;
    }
    return null;
  }

  @Override
  public String toString() {
    return ranges.toString();
  }
}
