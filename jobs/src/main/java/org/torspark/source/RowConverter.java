package org.torspark.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.descriptor.DescriptorError;
import org.torspark.descriptor.schema.Column;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * Turns row objects of a {@link Table} into Spark {@link InternalRow}s of a (possibly pruned, also
 * inside structs) requested schema, reading only the requested columns through their getters. The
 * returned row is reused: Spark copies rows from a scan into its own format before keeping them.
 */
final class RowConverter {
  private static final int PROVENANCE_FILE = 0;
  private static final int PROVENANCE_ENTRY = 1;
  private static final int PROVENANCE_OFFSET = 2;
  private static final int PROVENANCE_LINE = 3;
  private static final int PROVENANCE_CORRUPT = 4;

  private final Function<Object, Object>[] fieldValues;
  private final int[] extraKind;
  private final Object[] values;
  private final GenericInternalRow row;

  @SuppressWarnings("unchecked")
  RowConverter(Table<?> table, StructType requested, String corruptColumn) {
    StructField[] fields = requested.fields();
    fieldValues = new Function[fields.length];
    extraKind = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      Column<Object> column = (Column<Object>) table.column(name);
      extraKind[i] = -1;
      if (column != null) {
        Function<Object, Object> convert = converter(column, fields[i].dataType());
        fieldValues[i] = r -> convert.apply(column.get(r));
      } else if (name.equals(SparkSchema.SOURCE_FILE)) {
        extraKind[i] = PROVENANCE_FILE;
      } else if (name.equals(SparkSchema.SOURCE_ENTRY)) {
        extraKind[i] = PROVENANCE_ENTRY;
      } else if (name.equals(SparkSchema.SOURCE_OFFSET)) {
        extraKind[i] = PROVENANCE_OFFSET;
      } else if (name.equals(SparkSchema.SOURCE_LINE)) {
        extraKind[i] = PROVENANCE_LINE;
      } else if (name.equals(corruptColumn)) {
        extraKind[i] = PROVENANCE_CORRUPT;
      } else {
        throw new IllegalArgumentException("no column " + name + " in " + table.name());
      }
    }
    values = new Object[fields.length];
    row = new GenericInternalRow(values);
  }

  /** True if any requested column is a descriptor column (else the row object is not needed). */
  boolean readsFields() {
    for (int kind : extraKind) {
      if (kind == -1) {
        return true;
      }
    }
    return false;
  }

  /** The row for {@code rowObject}, one of the rows a parsed descriptor yields. */
  InternalRow descriptorRow(Object rowObject, UTF8String file, UTF8String entry, long offset, int line) {
    for (int i = 0; i < values.length; i++) {
      switch (extraKind[i]) {
        case -1:
          values[i] = fieldValues[i].apply(rowObject);
          break;
        case PROVENANCE_CORRUPT:
          values[i] = null;
          break;
        default:
          values[i] = provenance(extraKind[i], file, entry, offset, line);
      }
    }
    return row;
  }

  /** An error row: null fields, provenance, and the error's description in the corrupt column. */
  InternalRow errorRow(DescriptorError error, String message, UTF8String file, UTF8String entry) {
    for (int i = 0; i < values.length; i++) {
      switch (extraKind[i]) {
        case -1:
          values[i] = null;
          break;
        case PROVENANCE_CORRUPT:
          values[i] = UTF8String.fromString(message);
          break;
        default:
          values[i] = provenance(extraKind[i], file, entry, error.offset(), error.lineNumber());
      }
    }
    return row;
  }

  private static Object provenance(int kind, UTF8String file, UTF8String entry, long offset, int line) {
    switch (kind) {
      case PROVENANCE_FILE:
        return file;
      case PROVENANCE_ENTRY:
        return entry;
      case PROVENANCE_OFFSET:
        return offset < 0 ? null : offset;
      default:
        return line;
    }
  }

  /** Java value of {@code column} → Spark internal value of (possibly pruned) type {@code want}. */
  @SuppressWarnings("unchecked")
  static Function<Object, Object> converter(Column<?> column, DataType want) {
    ColumnType type = column.type();
    switch (type) {
      case STRUCT: {
        Function<Object, Object> struct = structConverter(column.nested(), (StructType) want);
        return v -> v == null ? null : struct.apply(v);
      }
      case STRUCT_LIST: {
        Function<Object, Object> struct =
            structConverter(column.nested(), (StructType) ((ArrayType) want).elementType());
        return v -> v == null ? null : list((List<Object>) v, struct);
      }
      default:
        return scalar(type);
    }
  }

  @SuppressWarnings("unchecked")
  private static Function<Object, Object> structConverter(Table<?> nested, StructType want) {
    StructField[] fields = want.fields();
    Column<Object>[] columns = new Column[fields.length];
    Function<Object, Object>[] converters = new Function[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns[i] = (Column<Object>) nested.column(fields[i].name());
      if (columns[i] == null) {
        throw new IllegalArgumentException("no column " + fields[i].name() + " in " + nested.name());
      }
      converters[i] = converter(columns[i], fields[i].dataType());
    }
    return v -> {
      Object[] out = new Object[columns.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = converters[i].apply(columns[i].get(v));
      }
      return new GenericInternalRow(out);
    };
  }

  @SuppressWarnings("unchecked")
  private static Function<Object, Object> scalar(ColumnType type) {
    switch (type) {
      case STRING:
        return RowConverter::utf8;
      case INT:
      case LONG:
      case DOUBLE:
      case BOOLEAN:
        return v -> v;
      case TIMESTAMP:
        return v -> v == null ? null : micros((Instant) v);
      case STRING_LIST:
        return new Memo(v -> list((List<Object>) v, RowConverter::utf8));
      case INT_LIST:
      case LONG_LIST:
      case DOUBLE_LIST:
        return new Memo(v -> new GenericArrayData(((List<Object>) v).toArray()));
      case STRING_MAP:
        return new Memo(v -> map((Map<String, Object>) v, RowConverter::utf8));
      case LONG_MAP:
      case DOUBLE_MAP:
        return new Memo(v -> map((Map<String, Object>) v, x -> x));
      case STRING_LIST_MAP:
        return new Memo(v -> map((Map<String, Object>) v, l -> l == null ? null : list((List<Object>) l, RowConverter::utf8)));
      default:
        throw new IllegalArgumentException(type + " needs its nested table");
    }
  }

  /**
   * Converts a list or map column, remembering the last results by the identity of the value: the
   * parser hands the thousands of status entries of one document that share an {@code s},
   * {@code pr} or similar line one shared list or map, so most entries convert nothing. Spark only
   * reads the arrays it is given, so one converted value can stand in several rows. Null stays null.
   */
  private static final class Memo implements Function<Object, Object> {
    private static final int SLOTS = 256;
    private final Function<Object, Object> convert;
    private final Object[] keys = new Object[SLOTS];
    private final Object[] converted = new Object[SLOTS];

    Memo(Function<Object, Object> convert) {
      this.convert = convert;
    }

    @Override
    public Object apply(Object v) {
      if (v == null) {
        return null;
      }
      int slot = System.identityHashCode(v) & (SLOTS - 1);
      if (keys[slot] == v) {
        return converted[slot];
      }
      Object out = convert.apply(v);
      keys[slot] = v;
      converted[slot] = out;
      return out;
    }
  }

  private static Object utf8(Object v) {
    return v == null ? null : UTF8String.fromString((String) v);
  }

  /** Microseconds since the epoch, Spark's internal TIMESTAMP value. */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  private static GenericArrayData list(List<Object> list, Function<Object, Object> element) {
    Object[] out = new Object[list.size()];
    int i = 0;
    for (Object o : list) {
      out[i++] = element.apply(o);
    }
    return new GenericArrayData(out);
  }

  private static ArrayBasedMapData map(Map<String, Object> map, Function<Object, Object> value) {
    Object[] keys = new Object[map.size()];
    Object[] vals = new Object[map.size()];
    int i = 0;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      keys[i] = UTF8String.fromString(e.getKey());
      vals[i++] = value.apply(e.getValue());
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(vals));
  }
}
