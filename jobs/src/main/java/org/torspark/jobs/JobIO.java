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
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.source.Concatenated;
import org.torspark.source.DocumentFunction;
import org.torspark.source.FileListing;
import org.torspark.source.HadoopConf;
import org.torspark.source.MappedDocuments;
import org.torspark.source.PartitionPacker;
import scala.Tuple2;

/** Input and output plumbing the analytics jobs share. */
public final class JobIO {
  /**
   * Groups of whole files per core ({@link #bins}): enough that the groups' differences even out
   * over a core's share, few enough that each task still maps many documents.
   */
  static final int SPLIT_HINT_PER_CORE = 8;
  /**
   * At most this many tasks share one tarball: each decompresses all of it (a month of bandwidth
   * files, 12 MB of xz, about 3 s), so more shares buy less and cost more.
   */
  static final int MAX_SHARES = 8;

  /**
   * How fewer tarballs than cores are read: {@code shares} tasks per tarball, each mapping its
   * documents on {@code threads} threads of its executor's parse pool.
   */
  record TarballPlan(int shares, int threads) {}

  /**
   * One task per tarball per executor's worth of cores: the task decompresses the tarball once and
   * maps its documents on that many threads of the executor's parse pool. Only when a tarball wants
   * more cores than one executor has (a cluster) is it shared by several tasks, each decompressing
   * all of it. In local mode an executor has every core: one task, mapping on all of them.
   */
  static TarballPlan plan(int tarballs, int cores, int coresPerExecutor) {
    int wanted = Math.max(1, (cores + tarballs - 1) / tarballs);
    int perExecutor = Math.max(1, Math.min(coresPerExecutor, wanted));
    int shares = Math.min(MAX_SHARES, (wanted + perExecutor - 1) / perExecutor);
    return new TarballPlan(shares, perExecutor);
  }

  private JobIO() {}

  /**
   * Reads every file under the paths (recursively; plain, compressed or tar archives) with the
   * descriptor reader on the executors, one whole file per task step, and maps each document.
   * Whole files suit documents that are files (bandwidth files, votes): no shuffle is needed to put a
   * document's lines back together.
   *
   * <p>Files are listed as the data source lists them ({@link FileListing}: hidden names skipped)
   * and grouped into {@link #SPLIT_HINT_PER_CORE} tasks per core of about equal bytes ({@link
   * #bins}), each task reading its files in turn. Spark's whole-file splits (binaryFiles) put a day
   * of bandwidth files (24 x 3.5 MB) in one task, and a week in 7 tasks on 2 cores. The tasks have
   * no preferred hosts: on HDFS a file is read from wherever the task runs.
   *
   * <p>Fewer tarballs than cores (a month's archive, read alone) are read a task per tarball whose
   * documents are mapped on several threads ({@link #plan}): a tarball is decompressed once, not
   * once per task (xz's CRC-64 checks included, a month of bandwidth files took 66 s of CPU, now
   * 58 s).
   */
  public static <T> JavaRDD<T> perDocument(SparkSession spark, List<String> paths, DescriptorType type,
      DocumentFunction<T> fn) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true");
    int cores = jsc.defaultParallelism();
    List<String> tarballs = tarballsToShare(jsc.hadoopConfiguration(), paths, cores);
    if (tarballs != null) {
      int perExecutor = jsc.getConf().getInt("spark.executor.cores", 0);
      return perTarball(jsc, tarballs, plan(tarballs.size(), cores, perExecutor > 0 ? perExecutor : cores), type, fn);
    }
    List<List<String>> bins = bins(FileListing.list(paths, jsc.hadoopConfiguration(), true, null).files(),
        SPLIT_HINT_PER_CORE * cores);
    if (bins.isEmpty()) {
      return jsc.emptyRDD();
    }
    Broadcast<HadoopConf> conf = broadcastConf(jsc);
    FlatMapFunction<List<String>, T> perBin = files -> new Concatenated<>(files.iterator(), f -> f,
        f -> new MappedDocuments<>(f, open(conf, f), readerOptions(type, 1), 0, 1, fn));
    return jsc.parallelize(bins, bins.size()).flatMap(perBin);
  }

  /**
   * The files in at most {@code n} groups of about equal weight (bytes plus {@link #OPEN_COST} per
   * file), each a run of consecutive files in path order: CollecTor's names carry their time, so a
   * task's files share their dates and the task writes a few date partitions, not every one (a week
   * of hourly bandwidth files grouped by size alone gave 93 Parquet files for 7 dates). Spark's
   * whole-file splits were capped by size instead, which for a week of bandwidth files (168 alike)
   * gave 7 tasks on 2 cores: the last one ran alone while a core idled. With several groups per
   * core, Spark's scheduling evens out groups that a large file makes heavier.
   */
  static List<List<String>> bins(List<FileListing.SourceFile> files, int n) {
    int groups = Math.min(n, files.size());
    List<FileListing.SourceFile> inOrder = new ArrayList<>(files);
    inOrder.sort(java.util.Comparator.comparing(FileListing.SourceFile::path));
    long total = 0;
    for (FileListing.SourceFile f : inOrder) {
      total += f.length() + OPEN_COST;
    }
    List<List<String>> bins = new ArrayList<>();
    List<String> current = new ArrayList<>();
    long done = 0;
    for (FileListing.SourceFile f : inOrder) {
      current.add(f.path());
      done += f.length() + OPEN_COST;
      // close the group once its share of the total is reached (so no group drifts far)
      long boundary = (long) ((double) total * (bins.size() + 1) / groups);
      if (done >= boundary && bins.size() < groups - 1) {
        bins.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      bins.add(current);
    }
    return bins;
  }

  /** What opening a file costs, in bytes of reading, when files are grouped into tasks (Spark's default). */
  static final long OPEN_COST = 4L << 20;

  /**
   * The input files when every one is a tarball and there are fewer than {@code cores} of them (a
   * month's archive of bandwidth files is one), else null: then whole files are read. Hidden files
   * (names starting with '.' or '_', which whole-file reading skips) also give null.
   */
  static List<String> tarballsToShare(Configuration conf, List<String> paths, int cores) {
    List<String> files = new ArrayList<>();
    try {
      for (String p : paths) {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus[] matched = fs.globStatus(path);
        if (matched == null) {
          return null;
        }
        for (FileStatus m : matched) {
          if (m.isDirectory()) {
            RemoteIterator<LocatedFileStatus> below = fs.listFiles(m.getPath(), true);
            while (below.hasNext() && files.size() < cores) {
              Path f = below.next().getPath();
              if (FileListing.hiddenBelow(m.getPath().toUri().getPath(), f)) {
                return null;
              }
              files.add(f.toString());
            }
          } else {
            files.add(m.getPath().toString());
          }
          if (files.size() >= cores) {
            return null;
          }
        }
      }
    } catch (IOException e) {
      return null; // whole-file reading reports it
    }
    boolean allTarballs = files.stream().allMatch(f -> PartitionPacker.isTarball(new Path(f).getName()));
    return files.isEmpty() || !allTarballs ? null : files;
  }

  /**
   * Each tarball read by {@code plan.shares()} tasks, each decompressing all of it and mapping every
   * {@code shares}-th document ({@link DescriptorReader#shard}) on {@code plan.threads()} threads:
   * one archive would otherwise be mapped on one core, however many documents it holds and whatever
   * each costs to map.
   */
  private static <T> JavaRDD<T> perTarball(JavaSparkContext jsc, List<String> tarballs, TarballPlan plan,
      DescriptorType type, DocumentFunction<T> fn) {
    int shares = plan.shares();
    int threads = plan.threads();
    List<Tuple2<String, Integer>> tasks = new ArrayList<>();
    for (String f : tarballs) {
      for (int i = 0; i < shares; i++) {
        tasks.add(new Tuple2<>(f, i));
      }
    }
    Broadcast<HadoopConf> conf = broadcastConf(jsc);
    FlatMapFunction<Tuple2<String, Integer>, T> perTask = t -> new MappedDocuments<>(t._1(), open(conf, t._1()),
        readerOptions(type, threads), t._2(), shares, fn);
    return jsc.parallelize(tasks, tasks.size()).flatMap(perTask);
  }

  /** The driver's Hadoop configuration, for the tasks that open input files by path. */
  private static Broadcast<HadoopConf> broadcastConf(JavaSparkContext jsc) {
    return jsc.broadcast(new HadoopConf(new Configuration(jsc.hadoopConfiguration())));
  }

  /** Errors as records, read-ahead on, documents of {@code type} parsed on {@code threads} threads. */
  private static DescriptorReader.Options readerOptions(DescriptorType type, int threads) {
    return DescriptorReader.Options.lenient().withType(type).withParseThreads(threads);
  }

  /** Opens an input file in a task, with the broadcast configuration. */
  private static InputStream open(Broadcast<HadoopConf> conf, String file) throws IOException {
    Path path = new Path(file);
    return path.getFileSystem(conf.value().get()).open(path);
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
