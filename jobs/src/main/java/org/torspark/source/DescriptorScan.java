package org.torspark.source;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;
import org.torspark.source.FileListing.SourceFile;

/**
 * One read: lists the files, drops those whose name proves they hold nothing in the pushed time
 * range, and packs the rest into partitions. Planning happens once, on first need (explain or
 * execution), so {@link #description()} can tell what was pushed and how many files were pruned.
 */
final class DescriptorScan implements Scan {
  private final DescriptorTable table;
  private final StructType required;
  private final List<Predicate> pushed;
  private final TimeRanges time;
  private final int countStars;
  private Plan plan;

  /** The outcome of planning: partitions to read and what was left out. */
  record Plan(List<DescriptorInputPartition> partitions, int listed, int pruned, List<String> skippedDirectories) {}

  /**
   * {@code countStars} > 0: a pushed {@code count(*)} (that many of them); each partition then reads
   * as one row of its row count (in each column), and {@code required} is empty.
   */
  DescriptorScan(DescriptorTable table, StructType required, List<Predicate> pushed, TimeRanges time, int countStars) {
    this.table = table;
    this.required = required;
    this.pushed = pushed;
    this.time = time;
    this.countStars = countStars;
  }

  synchronized Plan plan() {
    if (plan == null) {
      DescriptorOptions o = table.options();
      FileListing.Listing listing = FileListing.list(o.paths(), table.conf().get(), o.recursive(), o.pathGlobFilter());
      List<SourceFile> kept = new ArrayList<>();
      for (SourceFile f : listing.files()) {
        if (!o.timePruning() || time.isAll() || time.overlaps(FileNameTime.of(f.path(), table.type()))) {
          kept.add(f);
        }
      }
      int parallelism = SparkSession.active().sparkContext().defaultParallelism();
      List<DescriptorInputPartition> partitions = PartitionPacker.pack(kept, o.maxPartitionBytes(), o.openCostBytes(),
          parallelism, o.archiveSplits());
      if (partitions.isEmpty() && countStars > 0) {
        // Spark sums the partitions' counts: with none, count(*) would be null instead of 0
        partitions = List.of(new DescriptorInputPartition(List.of()));
      }
      plan = new Plan(partitions, listing.files().size(), listing.files().size() - kept.size(),
          listing.skippedDirectories());
    }
    return plan;
  }

  DescriptorTable table() {
    return table;
  }

  @Override
  public StructType readSchema() {
    if (countStars == 0) {
      return required;
    }
    StructType counts = new StructType();
    for (int i = 0; i < countStars; i++) {
      counts = counts.add("count" + i, org.apache.spark.sql.types.DataTypes.LongType, false);
    }
    return counts;
  }

  /** The columns the readers decode: none for a pushed count. */
  StructType required() {
    return required;
  }

  int countStars() {
    return countStars;
  }

  @Override
  public String description() {
    Plan p = plan();
    DescriptorOptions o = table.options();
    StringBuilder sb = new StringBuilder("tordesc ");
    sb.append(table.type().typeName()).append(table.typeDetected() ? " (detected)" : "");
    sb.append(", grain=").append(o.grain().name().toLowerCase(java.util.Locale.ROOT));
    sb.append(", mode=").append(o.mode());
    sb.append(", paths=").append(o.paths());
    sb.append(", files=").append(p.listed() - p.pruned()).append(" of ").append(p.listed()).append(" listed");
    sb.append(", prunedByTime=").append(p.pruned());
    sb.append(", partitions=").append(p.partitions().size());
    int shards = p.partitions().stream().mapToInt(DescriptorInputPartition::shards).max().orElse(1);
    if (o.archiveSplits() == DescriptorOptions.ARCHIVE_SPLITS_AUTO) {
      sb.append(" (archiveSplits=auto: ").append(shards).append(')');
    } else if (o.archiveSplits() > 1) {
      sb.append(" (archiveSplits=").append(o.archiveSplits()).append(')');
    }
    sb.append(", pushedTimeFilters=[")
        .append(pushed.stream().map(Predicate::toString).collect(Collectors.joining(", "))).append(']');
    if (!o.timePruning() && !pushed.isEmpty()) {
      sb.append(" (fileNameTimePruning=false)");
    }
    sb.append(", columns=").append(required.fields().length).append(" of ").append(table.schema().fields().length);
    if (countStars > 0) {
      sb.append(", pushedAggregate=COUNT(*) (each partition counts its rows)");
    }
    if (!p.skippedDirectories().isEmpty()) {
      sb.append(", subdirectoriesNotRead=").append(p.skippedDirectories().size())
          .append(" (set recursiveFileLookup=true)");
    }
    return sb.toString();
  }

  /**
   * Column-less batches when no column is read (see {@link RowCountBatches}), rows otherwise (and
   * for a pushed count: one row per partition).
   */
  @Override
  public ColumnarSupportMode columnarSupportMode() {
    return RowCountBatches.readBy(required, countStars) ? ColumnarSupportMode.SUPPORTED
        : ColumnarSupportMode.UNSUPPORTED;
  }

  @Override
  public Batch toBatch() {
    return new DescriptorBatch(this);
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return SourceMetrics.supported();
  }

  @Override
  public CustomTaskMetric[] reportDriverMetrics() {
    Plan p = plan();
    return SourceMetrics.driver(p.listed(), p.pruned());
  }
}
