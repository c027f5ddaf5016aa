package org.torspark.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.torspark.descriptor.DescriptorType;
import org.torspark.source.DescriptorOptions.ReadMode;
import org.torspark.source.FileListing.SourceFile;

/**
 * A {@code tordesc} read that hands each parsed document to a function instead of turning it into
 * rows: for a job that sums over the entries of documents (a month of consensuses is 5 million
 * entries) and keeps only the sums. The function runs on the executors' parse pools while the
 * document owns its bytes, so the sums are made on every parse thread; rows would be made, and
 * summed, on the task's one thread.
 *
 * <p>Everything else is the source's: the same options (mode, type, recursiveFileLookup,
 * pathGlobFilter, archiveSplits, parseThreads, ...), the same files pruned by their names' time, the
 * same partitions, and the same errors. An error record is given to the function in mode PERMISSIVE,
 * left out in DROPMALFORMED, and fails the read in FAILFAST, with the message the error row would
 * carry.
 */
public final class DocumentScan {
  private DocumentScan() {}

  /**
   * The records {@code fn} makes of each document of the files under {@code paths}, read with the
   * source's {@code options}. {@code from} and {@code to} bound the type's time column
   * ({@code from <= time < to}, each optional): files whose name proves they hold nothing in that
   * range are not read. The function sees the documents of the files that are read, in the range
   * or not, and keeps what it wants.
   *
   * @throws IllegalArgumentException for a bad option, as {@code spark.read.format("tordesc")} does
   */
  public static <T> JavaRDD<T> map(SparkSession spark, Map<String, String> options, List<String> paths, Instant from,
      Instant to, DocumentFunction<T> fn) {
    Map<String, String> properties = new LinkedHashMap<>(options);
    try {
      properties.put(DescriptorOptions.PATHS, new ObjectMapper().writeValueAsString(paths));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("paths " + paths + " cannot be written as JSON", e);
    }
    DescriptorTable table = DescriptorTable.open(spark, properties);
    TimeRanges time = table.timeColumn() == null ? TimeRanges.ALL : TimeRanges.of(new TimeRanges.Range(
        from == null ? Long.MIN_VALUE : RowConverter.micros(from),
        to == null ? Long.MAX_VALUE : RowConverter.micros(to) - 1));
    List<DescriptorInputPartition> partitions = new DescriptorScan(table, new StructType(), List.of(), time, 0)
        .plan().partitions();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (partitions.isEmpty()) {
      return jsc.emptyRDD();
    }
    // the configuration once per executor, not once per task
    Broadcast<HadoopConf> conf = jsc.broadcast(table.conf());
    DescriptorType type = table.type();
    boolean typeDetected = table.typeDetected();
    DescriptorOptions o = table.options();
    FlatMapFunction<DescriptorInputPartition, T> perPartition =
        p -> documents(p, conf, type, typeDetected, o, fn);
    return jsc.parallelize(partitions, partitions.size()).flatMap(perPartition);
  }

  /**
   * Each file's documents of one partition, in turn, mapped by {@code fn} as they are read, with the
   * source's type check and error modes.
   */
  private static <T> Iterator<T> documents(DescriptorInputPartition partition, Broadcast<HadoopConf> conf,
      DescriptorType type, boolean typeDetected, DescriptorOptions options, DocumentFunction<T> fn) {
    ReadMode mode = options.mode();
    return new Concatenated<>(partition.files().iterator(), SourceFile::path, f -> {
      String file = f.path();
      TrackedInputStream stream = new TrackedInputStream(DescriptorPartitionReader.open(conf.value().get(), f));
      DocumentFunction<T> checked = (name, doc) -> {
        if (typeDetected && doc.type() != null && doc.type() != type) {
          throw DescriptorPartitionReader.mixed(file, doc.type(), type);
        }
        if (!doc.isError()) {
          return fn.apply(name, doc);
        }
        String message = DescriptorPartitionReader.errorMessage(doc.error(), stream, file);
        return switch (mode) {
          case FAILFAST -> throw DescriptorPartitionReader.failFast(message);
          case DROPMALFORMED -> List.of();
          default -> fn.apply(name, doc);
        };
      };
      return new MappedDocuments<>(file, stream, DescriptorPartitionReader.readerOptions(type, typeDetected, options),
          partition.shard(), partition.shards(), checked);
    });
  }
}
