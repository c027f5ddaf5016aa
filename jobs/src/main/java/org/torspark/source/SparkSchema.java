package org.torspark.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Column;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;
import org.torspark.descriptor.schema.Tables.Grain;

/**
 * The one place where descriptor column types become Spark SQL types, and where the columns every
 * {@code tordesc} row carries besides its descriptor fields are declared. All fields are nullable:
 * error rows have nothing but provenance and the error.
 */
public final class SparkSchema {
  /** The file the row came from, fully qualified (e.g. {@code s3a://bucket/...}). */
  public static final String SOURCE_FILE = "source_file";
  /** The archive entry the row came from; null for plain files. */
  public static final String SOURCE_ENTRY = "source_entry";
  /** Byte offset of the document within its entry (or plain file). */
  public static final String SOURCE_OFFSET = "source_offset";
  /** 1-based line of the document's first line, or for error rows of the offending line. */
  public static final String SOURCE_LINE = "source_line";

  private SparkSchema() {}

  /** The full schema of {@code type} read at {@code grain}. */
  public static StructType of(DescriptorType type, Grain grain, String corruptColumn) {
    return of(Tables.forType(type, grain), corruptColumn);
  }

  /** A table's columns followed by the provenance columns and the corrupt-record column. */
  public static StructType of(Table<?> table, String corruptColumn) {
    List<StructField> fields = new ArrayList<>(fields(table));
    for (StructField extra : extraFields(corruptColumn)) {
      if (table.column(extra.name()) != null) {
        throw new IllegalArgumentException("column " + extra.name() + " of " + table.name()
            + " clashes with a column tordesc adds; choose another columnNameOfCorruptRecord");
      }
      fields.add(extra);
    }
    return DataTypes.createStructType(fields);
  }

  /** The columns tordesc adds to every type's table, in order. */
  public static List<StructField> extraFields(String corruptColumn) {
    return List.of(
        field(SOURCE_FILE, DataTypes.StringType, "file the row was read from, fully qualified"),
        field(SOURCE_ENTRY, DataTypes.StringType, "archive entry the row was read from; null for plain files"),
        field(SOURCE_OFFSET, DataTypes.LongType, "byte offset of the document in its entry or plain file"),
        field(SOURCE_LINE, DataTypes.IntegerType,
            "line of the document's first line; for error rows the offending line (0 if none)"),
        field(corruptColumn, DataTypes.StringType,
            "null, or for an error row: where and why the document could not be read"));
  }

  static List<StructField> fields(Table<?> table) {
    List<StructField> fields = new ArrayList<>();
    for (Column<?> c : table.columns()) {
      fields.add(field(c.name(), dataType(c), c.doc()));
    }
    return fields;
  }

  /** The Spark type of one column. */
  public static DataType dataType(Column<?> column) {
    switch (column.type()) {
      case STRUCT:
        return DataTypes.createStructType(fields(column.nested()));
      case STRUCT_LIST:
        return DataTypes.createArrayType(DataTypes.createStructType(fields(column.nested())), true);
      default:
        return dataType(column.type());
    }
  }

  /** The Spark type of a scalar, list or map column type (not STRUCT or STRUCT_LIST). */
  public static DataType dataType(ColumnType type) {
    switch (type) {
      case STRING:
        return DataTypes.StringType;
      case INT:
        return DataTypes.IntegerType;
      case LONG:
        return DataTypes.LongType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case TIMESTAMP:
        return DataTypes.TimestampType;
      case STRING_LIST:
        return DataTypes.createArrayType(DataTypes.StringType, true);
      case INT_LIST:
        return DataTypes.createArrayType(DataTypes.IntegerType, true);
      case LONG_LIST:
        return DataTypes.createArrayType(DataTypes.LongType, true);
      case DOUBLE_LIST:
        return DataTypes.createArrayType(DataTypes.DoubleType, true);
      case STRING_MAP:
        return DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
      case LONG_MAP:
        return DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true);
      case DOUBLE_MAP:
        return DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true);
      case STRING_LIST_MAP:
        return DataTypes.createMapType(DataTypes.StringType,
            DataTypes.createArrayType(DataTypes.StringType, true), true);
      default:
        throw new IllegalArgumentException(type + " needs its nested table");
    }
  }

  private static StructField field(String name, DataType type, String doc) {
    StructField f = DataTypes.createStructField(name, type, true);
    return doc == null || doc.isEmpty() ? f : f.withComment(doc);
  }
}
