package org.torspark.jobs;

import java.io.IOException;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.source.DescriptorOptions;
import org.torspark.source.FilePieces;
import org.torspark.source.HadoopConf;
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
   * descriptor reader on the executors and maps each document. Whole documents suit documents that
   * are files (bandwidth files, votes): no shuffle puts a document's lines back together. Files are
   * divided among tasks as the {@code tordesc} source divides them ({@link FilePieces}), and a task
   * parses its file's documents on the executor's parse pool (one thread per core), where it once
   * parsed them on its own thread: one month's tarball left the other cores idle.
   */
  public static <T> JavaRDD<T> perDocument(SparkSession spark, List<String> paths, DescriptorType type,
      DocumentFunction<T> fn) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(jsc.hadoopConfiguration());
    List<FilePieces.Piece> pieces = FilePieces.plan(paths, conf.get(), jsc.defaultParallelism(), 1);
    FlatMapFunction<FilePieces.Piece, T> perPiece = p -> new Documents<>(p, conf.get(), type, fn);
    return jsc.parallelize(pieces, Math.max(1, pieces.size())).flatMap(perPiece);
  }

  /**
   * A piece's mapped documents, parsed as they are consumed: a month's archive of bandwidth files is
   * millions of output records, which held all at once filled the heap. Each file's reader is closed
   * when its last document is read, on a failure, or when the task ends first.
   */
  static final class Documents<T> implements java.util.Iterator<T>, AutoCloseable {
    private final FilePieces.Piece piece;
    private final Configuration conf;
    private final DescriptorReader.Options options;
    private final DocumentFunction<T> fn;
    private int nextFile;
    private String file;
    private DescriptorReader reader;
    private java.util.Iterator<T> current = java.util.Collections.emptyIterator();
    private boolean closed;

    Documents(FilePieces.Piece piece, Configuration conf, DescriptorType type, DocumentFunction<T> fn) {
      this.piece = piece;
      this.conf = conf;
      this.fn = fn;
      this.options = DescriptorReader.Options.lenient().withType(type)
          .withParseThreads(DescriptorOptions.executorCores());
      org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
      if (task != null) {
        org.apache.spark.util.TaskCompletionListener onEnd = ctx -> close();
        task.addTaskCompletionListener(onEnd);
      }
    }

    @Override
    public boolean hasNext() {
      try {
        while (!current.hasNext()) {
          if (closed) {
            return false;
          }
          if (reader == null || !reader.hasNext()) {
            closeReader();
            if (nextFile == piece.files()) {
              close();
              return false;
            }
            file = piece.path(nextFile);
            reader = piece.open(nextFile++, conf, options);
            continue;
          }
          current = fn.apply(file, reader.next()).iterator();
        }
        return true;
      } catch (RuntimeException e) {
        close();
        throw e;
      } catch (Exception e) {
        close();
        throw new IllegalStateException(file + ": " + e.getMessage(), e);
      }
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return current.next();
    }

    private void closeReader() {
      DescriptorReader r = reader;
      reader = null;
      if (r != null) {
        r.close();
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        closeReader();
      }
    }
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
