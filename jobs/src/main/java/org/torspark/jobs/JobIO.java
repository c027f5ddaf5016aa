package org.torspark.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;
import scala.Tuple2;

/** Input and output plumbing the analytics jobs share. */
public final class JobIO {
  private JobIO() {}

  /** Turns one parsed document (or error) of a file into output records. */
  @FunctionalInterface
  public interface DocumentFunction<T> extends java.io.Serializable {
    List<T> apply(String file, ParsedDocument document) throws Exception;
  }

  /**
   * Reads every file under the paths (recursively; plain, compressed or tar archives) with the
   * descriptor reader on the executors, one whole file per task step, and maps each document.
   * Whole files suit documents that are files (bandwidth files, votes): no shuffle is needed to put a
   * document's lines back together.
   */
  public static <T> JavaRDD<T> perDocument(SparkSession spark, List<String> paths, DescriptorType type,
      DocumentFunction<T> fn) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true");
    return jsc.binaryFiles(String.join(",", paths)).flatMap((FlatMapFunction<Tuple2<String, PortableDataStream>, T>) p -> {
      List<T> out = new ArrayList<>();
      try (InputStream in = p._2().open();
          DescriptorReader reader = DescriptorReader.open(in, p._1(), DescriptorReader.Options.lenient().withType(type))) {
        while (reader.hasNext()) {
          out.addAll(fn.apply(p._1(), reader.next()));
        }
      }
      return out.iterator();
    });
  }

  /** Fails with a one-line option error when an input path does not exist. */
  public static void requireInputs(SparkSession spark, String option, List<String> paths) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (String p : paths) {
      try {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(conf);
        FileStatusCheck.check(fs, path, option, p);
      } catch (IOException e) {
        throw new JobArgException("option --" + option + ": cannot read '" + p + "': " + e.getMessage());
      }
    }
  }

  private static final class FileStatusCheck {
    static void check(FileSystem fs, Path path, String option, String p) throws IOException {
      if (fs.globStatus(path) == null || fs.globStatus(path).length == 0) {
        throw new JobArgException("option --" + option + ": '" + p + "' does not exist");
      }
    }
  }

  /**
   * Writes rows partitioned by their {@code date} column as Parquet, replacing exactly the date
   * partitions present in {@code rows} (dynamic partition overwrite): Spark writes the new files
   * to a staging directory and moves each partition into place only when the whole job commits, so
   * a failed run leaves every earlier partition as it was, and other dates are never touched.
   */
  public static void writeByDate(Dataset<Row> rows, String path) {
    rows.write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
        .partitionBy("date").parquet(path);
  }

  /** The UTC date of an instant, as the {@code date} partition value. */
  public static java.sql.Date utcDate(Instant t) {
    return java.sql.Date.valueOf(LocalDate.ofInstant(t, ZoneOffset.UTC));
  }

  /** True when t is within [start, end] (either bound may be null). */
  public static boolean inRange(Instant t, Instant start, Instant end) {
    return t != null && (start == null || !t.isBefore(start)) && (end == null || !t.isAfter(end));
  }

  /**
   * Writes a small text file atomically on any Hadoop file system: to a hidden temporary name in the
   * same directory, then renamed over the final name.
   */
  public static void writeTextAtomically(Configuration conf, String dir, String name, String text) throws IOException {
    Path d = new Path(dir);
    FileSystem fs = d.getFileSystem(conf);
    fs.mkdirs(d);
    Path tmp = new Path(d, "." + name + ".tmp");
    Path fin = new Path(d, name);
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    if (fs.exists(fin)) {
      fs.delete(fin, false);
    }
    if (!fs.rename(tmp, fin)) {
      throw new IOException("could not rename " + tmp + " to " + fin);
    }
  }

}
