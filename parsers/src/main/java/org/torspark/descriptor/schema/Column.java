package org.torspark.descriptor.schema;

import java.util.Objects;
import java.util.function.Function;

/**
 * One named, typed column of a descriptor {@link Table}: the snake_case name that the JSON output,
 * the Spark schema and the README all use, and how to read it from a row object.
 *
 * @param <R> the row class
 */
public final class Column<R> {
  private final String name;
  private final ColumnType type;
  private final Function<? super R, ?> getter;
  private final String doc;
  private final Table<?> nested;

  private Column(String name, ColumnType type, Function<? super R, ?> getter, String doc, Table<?> nested) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
    this.getter = Objects.requireNonNull(getter);
    this.doc = doc == null ? "" : doc;
    this.nested = nested;
    if ((type == ColumnType.STRUCT || type == ColumnType.STRUCT_LIST) != (nested != null)) {
      throw new IllegalArgumentException("column " + name + ": nested table iff STRUCT/STRUCT_LIST");
    }
  }

  public static <R> Column<R> of(String name, ColumnType type, Function<? super R, ?> getter, String doc) {
    return new Column<>(name, type, getter, doc, null);
  }

  public static <R> Column<R> struct(String name, Table<?> nested, Function<? super R, ?> getter, String doc) {
    return new Column<>(name, ColumnType.STRUCT, getter, doc, nested);
  }

  public static <R> Column<R> structList(String name, Table<?> nested, Function<? super R, ?> getter, String doc) {
    return new Column<>(name, ColumnType.STRUCT_LIST, getter, doc, nested);
  }

  public String name() {
    return name;
  }

  public ColumnType type() {
    return type;
  }

  public String doc() {
    return doc;
  }

  /** The nested table of a STRUCT or STRUCT_LIST column, else null. */
  public Table<?> nested() {
    return nested;
  }

  /** The value of this column in {@code row}, of the Java class {@link ColumnType} names, or null. */
  public Object get(R row) {
    return getter.apply(row);
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
