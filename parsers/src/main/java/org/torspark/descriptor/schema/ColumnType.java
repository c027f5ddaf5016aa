package org.torspark.descriptor.schema;

/**
 * The value types a descriptor column can have, and the Java class each value has. The Spark data
 * source maps each to one Spark SQL type; the JSON writer to one JSON shape.
 */
public enum ColumnType {
  /** {@link String}. */
  STRING,
  /** {@link Integer}. */
  INT,
  /** {@link Long}. */
  LONG,
  /** {@link Double}. */
  DOUBLE,
  /** {@link Boolean}. */
  BOOLEAN,
  /** {@link java.time.Instant}, always UTC. */
  TIMESTAMP,
  /** {@code List<String>}. */
  STRING_LIST,
  /** {@code List<Integer>}. */
  INT_LIST,
  /** {@code List<Long>}. */
  LONG_LIST,
  /** {@code List<Double>}. */
  DOUBLE_LIST,
  /** {@code Map<String, String>}, insertion-ordered. */
  STRING_MAP,
  /** {@code Map<String, Long>}, insertion-ordered. */
  LONG_MAP,
  /** {@code Map<String, Double>}, insertion-ordered. */
  DOUBLE_MAP,
  /** {@code Map<String, List<String>>}: e.g. unknown keyword lines grouped by keyword. */
  STRING_LIST_MAP,
  /** One nested record, described by the column's nested {@link Table}. */
  STRUCT,
  /** {@code List<R>} of nested records, described by the column's nested {@link Table}. */
  STRUCT_LIST
}
