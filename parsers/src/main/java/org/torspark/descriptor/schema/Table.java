package org.torspark.descriptor.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.torspark.descriptor.Descriptor;

/**
 * The one definition of a row shape: its columns, in order, and how a parsed {@link Descriptor}
 * becomes rows of it (one row for most types, one row per router status entry for status documents
 * read at entry grain). Everything that shows descriptors as rows uses these definitions: the JSON
 * output, the Spark data source and the README's column tables.
 *
 * @param <R> the row class
 */
public final class Table<R> {
  private final String name;
  private final List<Column<R>> columns;
  private final Function<Descriptor, List<? extends R>> rows;

  private Table(String name, List<Column<R>> columns, Function<Descriptor, List<? extends R>> rows) {
    this.name = name;
    this.columns = Collections.unmodifiableList(columns);
    this.rows = rows;
  }

  public static <R> Builder<R> builder(String name) {
    return new Builder<>(name);
  }

  public String name() {
    return name;
  }

  public List<Column<R>> columns() {
    return columns;
  }

  /** The column with this name, or null. */
  public Column<R> column(String columnName) {
    for (Column<R> c : columns) {
      if (c.name().equals(columnName)) {
        return c;
      }
    }
    return null;
  }

  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    return -1;
  }

  /** The rows a descriptor yields in this table (empty for a nested table). */
  public List<? extends R> rowsOf(Descriptor descriptor) {
    if (rows == null) {
      throw new IllegalStateException(name + " is a nested table");
    }
    return rows.apply(descriptor);
  }

  /** Builder; call {@link #rows} for top-level tables, leave it unset for nested ones. */
  public static final class Builder<R> {
    private final String name;
    private final List<Column<R>> columns = new ArrayList<>();
    private Function<Descriptor, List<? extends R>> rows;

    private Builder(String name) {
      this.name = name;
    }

    public Builder<R> column(String columnName, ColumnType type, Function<? super R, ?> getter, String doc) {
      columns.add(Column.of(columnName, type, getter, doc));
      return this;
    }

    public Builder<R> struct(String columnName, Table<?> nested, Function<? super R, ?> getter, String doc) {
      columns.add(Column.struct(columnName, nested, getter, doc));
      return this;
    }

    public Builder<R> structList(String columnName, Table<?> nested, Function<? super R, ?> getter, String doc) {
      columns.add(Column.structList(columnName, nested, getter, doc));
      return this;
    }

    /** How a descriptor becomes rows of this table. */
    public Builder<R> rows(Function<Descriptor, List<? extends R>> rowsOfDescriptor) {
      this.rows = rowsOfDescriptor;
      return this;
    }

    /** Rows for a descriptor that is itself the single row. */
    @SuppressWarnings("unchecked")
    public Builder<R> oneRowPerDescriptor() {
      this.rows = d -> List.of((R) d);
      return this;
    }

    public Table<R> build() {
      for (int i = 0; i < columns.size(); i++) {
        for (int j = i + 1; j < columns.size(); j++) {
          if (columns.get(i).name().equals(columns.get(j).name())) {
            throw new IllegalStateException(name + ": duplicate column " + columns.get(i).name());
          }
        }
      }
      return new Table<>(name, new ArrayList<>(columns), rows);
    }
  }
}
