package org.torspark.source;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code tordesc} data source: {@code spark.read.format("tordesc").option("type", ...).load(path)}
 * or {@code CREATE TEMPORARY VIEW v USING tordesc OPTIONS (path '...', type '...')}. The schema
 * follows from the descriptor type; users cannot supply one.
 */
public final class DescriptorDataSource implements TableProvider, DataSourceRegister {
  public static final String SHORT_NAME = "tordesc";

  // Spark makes one provider per load and calls inferSchema, then getTable with the same options:
  // keep the table so that type detection reads the files once.
  private DescriptorTable inferred;

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    inferred = DescriptorTable.open(SparkSession.active(), options.asCaseSensitiveMap());
    return inferred.schema();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    if (inferred != null && inferred.loadOptions().equals(properties)) {
      return inferred;
    }
    return DescriptorTable.open(SparkSession.active(), properties);
  }
}
