package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.LiteralValue;
import org.apache.spark.sql.connector.expressions.filter.And;
import org.apache.spark.sql.connector.expressions.filter.Not;
import org.apache.spark.sql.connector.expressions.filter.Or;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.torspark.source.TimeRanges.Range;

class TimeRangesTest {
  private static final String COL = "valid_after";

  private static long t(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000L;
  }

  private static Expression ts(String iso) {
    return new LiteralValue<>(t(iso), DataTypes.TimestampType);
  }

  private static Predicate cmp(String op, Expression a, Expression b) {
    return new Predicate(op, new Expression[] {a, b});
  }

  private static Expression col(String name) {
    return Expressions.column(name);
  }

  private static Range point(String iso) {
    return new Range(t(iso), t(iso));
  }

  @Test
  void comparisonsBoundTheColumn() {
    TimeRanges ge = TimeRanges.from(cmp(">=", col(COL), ts("2019-05-01T00:00:00Z")), COL);
    assertThat(ge.overlaps(point("2019-05-01T00:00:00Z"))).isTrue();
    assertThat(ge.overlaps(point("2019-04-30T23:00:00Z"))).isFalse();
    TimeRanges gt = TimeRanges.from(cmp(">", col(COL), ts("2019-05-01T00:00:00Z")), COL);
    assertThat(gt.overlaps(point("2019-05-01T00:00:00Z"))).isFalse();
    TimeRanges lt = TimeRanges.from(cmp("<", col(COL), ts("2019-05-01T00:00:00Z")), COL);
    assertThat(lt.overlaps(point("2019-05-01T00:00:00Z"))).isFalse();
    assertThat(lt.overlaps(point("2019-04-30T23:00:00Z"))).isTrue();
    TimeRanges eq = TimeRanges.from(cmp("=", col(COL), ts("2019-05-01T00:00:00Z")), COL);
    assertThat(eq.overlaps(new Range(t("2019-04-01T00:00:00Z"), t("2019-05-31T00:00:00Z")))).isTrue();
    assertThat(eq.overlaps(point("2019-05-01T01:00:00Z"))).isFalse();
  }

  @Test
  void literalOnTheLeftIsFlipped() {
    TimeRanges r = TimeRanges.from(cmp("<=", ts("2019-05-01T00:00:00Z"), col(COL)), COL);
    assertThat(r.overlaps(point("2019-04-30T00:00:00Z"))).isFalse();
    assertThat(r.overlaps(point("2019-05-02T00:00:00Z"))).isTrue();
  }

  @Test
  void andIntersectsOrUnites() {
    Predicate may = new And(cmp(">=", col(COL), ts("2019-05-01T00:00:00Z")), cmp("<", col(COL), ts("2019-06-01T00:00:00Z")));
    Predicate july = new And(cmp(">=", col(COL), ts("2019-07-01T00:00:00Z")), cmp("<", col(COL), ts("2019-08-01T00:00:00Z")));
    TimeRanges r = TimeRanges.from(new Or(may, july), COL);
    assertThat(r.overlaps(point("2019-05-15T00:00:00Z"))).isTrue();
    assertThat(r.overlaps(point("2019-06-15T00:00:00Z"))).isFalse();
    assertThat(r.overlaps(point("2019-07-15T00:00:00Z"))).isTrue();
    assertThat(TimeRanges.from(new And(may, july), COL).overlaps(Range.ALL)).isFalse();
  }

  @Test
  void inListKeepsItsValues() {
    Predicate in = new Predicate("IN", new Expression[] {col(COL), ts("2019-05-01T00:00:00Z"), ts("2019-05-03T00:00:00Z")});
    TimeRanges r = TimeRanges.from(in, COL);
    assertThat(r.overlaps(point("2019-05-03T00:00:00Z"))).isTrue();
    assertThat(r.overlaps(point("2019-05-02T00:00:00Z"))).isFalse();
  }

  @Test
  void whatItCannotReadKeepsEverything() {
    Predicate other = cmp(">=", col("published"), ts("2019-05-01T00:00:00Z"));
    assertThat(TimeRanges.from(other, COL).isAll()).isTrue();
    assertThat(TimeRanges.from(new Not(cmp(">=", col(COL), ts("2019-05-01T00:00:00Z"))), COL).isAll()).isTrue();
    assertThat(TimeRanges.from(new Predicate("IS_NULL", new Expression[] {col(COL)}), COL).isAll()).isTrue();
    Predicate stringLiteral = cmp(">=", col(COL), new LiteralValue<>("2019", DataTypes.StringType));
    assertThat(TimeRanges.from(stringLiteral, COL).isAll()).isTrue();
    // an OR with an unreadable side must keep everything, not just the readable side
    Predicate or = new Or(cmp(">=", col(COL), ts("2019-05-01T00:00:00Z")), other);
    assertThat(TimeRanges.from(or, COL).isAll()).isTrue();
  }
}
