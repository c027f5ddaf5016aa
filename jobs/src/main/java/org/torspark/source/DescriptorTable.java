package org.torspark.source;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;
import org.torspark.descriptor.schema.Tables.Grain;

/**
 * The files under the given paths, seen as rows of one descriptor type. Options are validated and
 * paths checked when the table is made, i.e. at {@code load()} or {@code CREATE VIEW}, so mistakes
 * surface before any job runs.
 */
final class DescriptorTable implements SupportsRead {
  private final Map<String, String> properties;
  private final DescriptorOptions options;
  private final HadoopConf conf;
  private final DescriptorType type;
  private final boolean typeDetected;
  private final StructType schema;

  private DescriptorTable(Map<String, String> properties, DescriptorOptions options, HadoopConf conf,
      DescriptorType type, boolean typeDetected) {
    this.properties = Map.copyOf(properties);
    this.options = options;
    this.conf = conf;
    this.type = type;
    this.typeDetected = typeDetected;
    this.schema = SparkSchema.of(rowTable(), options.corruptColumn());
  }

  static DescriptorTable open(SparkSession spark, Map<String, String> properties) {
    DescriptorOptions options = DescriptorOptions.parse(properties);
    HadoopConf conf = HadoopConf.forRead(spark, properties);
    DescriptorType type = options.type();
    if (type == null) {
      FileListing.Listing listing = FileListing.list(options.paths(), conf.get(), options.recursive(),
          options.pathGlobFilter());
      type = TypeDetection.detect(listing.files(), conf.get(), options.maxEntryBytes());
      if (options.grain() == Grain.DOCUMENT && !type.oneDocumentPerFile()) {
        throw new IllegalArgumentException("option " + DescriptorOptions.GRAIN + ": 'document' applies to"
            + " whole-file documents, but the files hold " + type.typeName() + "; remove the option");
      }
      return new DescriptorTable(properties, options, conf, type, true);
    }
    FileListing.checkExist(options.paths(), conf.get());
    return new DescriptorTable(properties, options, conf, type, false);
  }

  Table<?> rowTable() {
    return Tables.forType(type, options.grain());
  }

  Map<String, String> loadOptions() {
    return properties;
  }

  DescriptorOptions options() {
    return options;
  }

  HadoopConf conf() {
    return conf;
  }

  DescriptorType type() {
    return type;
  }

  /** True if the type was detected from the files rather than given. */
  boolean typeDetected() {
    return typeDetected;
  }

  /** The time column usable for pruning at this grain, or null. */
  String timeColumn() {
    String c = type.timeColumn();
    return c != null && rowTable().column(c) != null ? c : null;
  }

  @Override
  public String name() {
    return DescriptorDataSource.SHORT_NAME + " " + type.typeName() + " " + String.join(",", options.paths());
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
    return new DescriptorScanBuilder(this);
  }
}
