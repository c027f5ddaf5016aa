package org.torspark.jobs.measure;

import static org.torspark.jobs.support.Columns.arrayValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Running consensus entries folded per task, for the histories part: per (fingerprint, date) whether
 * any listing had Exit / Guard (null when none said) and the valid-afters it was listed in, and per
 * date (fingerprint null) the valid-afters seen. A month has millions of entries but some hundred
 * thousand relay-days; the caller merges the tasks' rows and counts distinct valid-afters.
 *
 * <p>Input columns: fingerprint, date, va (valid_after as epoch microseconds), exit, guard. Output:
 * fingerprint, date, exit, guard, valid_afters (distinct within the row; null valid-afters skipped, as
 * a distinct count skips them).
 */
final class RelayListings {
  static final StructType SCHEMA = new StructType()
      .add("fingerprint", DataTypes.StringType)
      .add("date", DataTypes.DateType)
      .add("exit", DataTypes.BooleanType)
      .add("guard", DataTypes.BooleanType)
      .add("valid_afters", DataTypes.createArrayType(DataTypes.LongType, false));

  private RelayListings() {}

  static Dataset<Row> of(Dataset<Row> entries) {
    return entries.mapPartitions((MapPartitionsFunction<Row, Row>) RelayListings::fold, Encoders.row(SCHEMA));
  }

  private record RelayDay(String fingerprint, Object date) {}

  /** Exit and guard as {@code max} over booleans, and the distinct valid-afters (a day has few). */
  private static final class Listed {
    Boolean exit;
    Boolean guard;
    long[] validAfters = new long[4];
    int n;

    void add(Boolean exit, Boolean guard, Long va) {
      this.exit = max(this.exit, exit);
      this.guard = max(this.guard, guard);
      if (va == null) {
        return;
      }
      for (int i = 0; i < n; i++) {
        if (validAfters[i] == va) {
          return;
        }
      }
      if (n == validAfters.length) {
        validAfters = java.util.Arrays.copyOf(validAfters, n * 2);
      }
      validAfters[n++] = va;
    }

    private static Boolean max(Boolean a, Boolean b) {
      return a == null ? b : b == null ? a : Boolean.valueOf(a || b);
    }
  }

  static Iterator<Row> fold(Iterator<Row> rows) {
    Map<RelayDay, Listed> relays = new HashMap<>();
    Map<Object, Set<Long>> days = new HashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      Long va = r.isNullAt(2) ? null : r.getLong(2);
      Boolean exit = r.isNullAt(3) ? null : r.getBoolean(3);
      Boolean guard = r.isNullAt(4) ? null : r.getBoolean(4);
      relays.computeIfAbsent(new RelayDay(r.getString(0), r.get(1)), k -> new Listed()).add(exit, guard, va);
      if (va != null) {
        days.computeIfAbsent(r.get(1), k -> new HashSet<>()).add(va);
      }
    }
    List<Row> out = new ArrayList<>(relays.size() + days.size());
    for (Map.Entry<RelayDay, Listed> e : relays.entrySet()) {
      Listed l = e.getValue();
      List<Long> vas = new ArrayList<>(l.n);
      for (int i = 0; i < l.n; i++) {
        vas.add(l.validAfters[i]);
      }
      out.add(RowFactory.create(e.getKey().fingerprint(), e.getKey().date(), l.exit, l.guard, arrayValue(vas)));
    }
    for (Map.Entry<Object, Set<Long>> e : days.entrySet()) {
      out.add(RowFactory.create(null, e.getKey(), null, null, arrayValue(new ArrayList<>(e.getValue()))));
    }
    return out.iterator();
  }
}
