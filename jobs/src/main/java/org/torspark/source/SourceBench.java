package org.torspark.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;
import org.torspark.descriptor.schema.Tables.Grain;

/**
 * {@code SourceBench TYPE DIR [ROUNDS] [--no-parquet] [--warmup N] [--warmup-seconds S]} (run by
 * {@code scripts/bench-source}): rows per second of the bare parser on one thread, of {@code tordesc}
 * {@code count()} and of {@code tordesc} to Parquet in {@code local[2]}, over the same local files,
 * best of ROUNDS after unmeasured warm-up rounds of each: at least N (default 6) and at least S
 * seconds (default 50) of them; and the ratios the source is held to: local[2] count at least 1.7x
 * the single thread, and at most 20% slower per core.
 *
 * <p>Warm-up as JMH does it: the JIT compiles each code path when it first gets hot, and the
 * parallel read (parse pool, read-ahead thread, Spark's task and query code) has more of it than the
 * single-thread parser. With one warm-up read, the compilers still spent about 8 s in four count()
 * rounds against 1 s in the parser's, and the rounds got faster one after another (8.6, 8.4, 7.8,
 * 7.3 s), and with three they still did (month consensuses: 6.80, 6.76, 6.53 s, then 6.45-6.55 s;
 * six: 6.34 ... 6.06 s, then 5.91-6.26 s). Six rounds of the month's consensus archive are about a
 * minute of warm-up per phase, JMH's default (five 10 s iterations). On a machine where six rounds
 * take half that, the compilers were still at 0.8-1.4 s in three measured count() rounds, compiling
 * per-query code that had only then crossed its thresholds; hence the warm-up also lasts at least
 * {@code --warmup-seconds} (default 50, JMH's five 10 s iterations). The first (cold) round of the
 * parser and of count() is printed too, and the compilers' time during the measured rounds.
 */
public final class SourceBench {
  private SourceBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SourceBench TYPE DIR [ROUNDS] [--no-parquet] [--warmup N] [--warmup-seconds S]");
      System.exit(2);
    }
    DescriptorType type = DescriptorType.fromName(args[0]).orElseThrow(
        () -> new IllegalArgumentException("unknown type " + args[0] + "; one of " + DescriptorType.names()));
    Path dir = Paths.get(args[1]).toAbsolutePath();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    boolean withParquet = true;
    int warmup = 6;
    double warmupSeconds = 50;
    for (int i = 3; i < args.length; i++) {
      if (args[i].equals("--no-parquet")) {
        withParquet = false;
      } else if (args[i].equals("--warmup") && i + 1 < args.length) {
        warmup = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--warmup-seconds") && i + 1 < args.length) {
        warmupSeconds = Double.parseDouble(args[++i]);
      } else {
        System.err.println("SourceBench: unknown argument " + args[i] + "; usage: SourceBench TYPE DIR [ROUNDS]"
            + " [--no-parquet] [--warmup N] [--warmup-seconds S]");
        System.exit(2);
      }
    }
    if (rounds < 1 || warmup < 0 || warmupSeconds < 0) {
      throw new IllegalArgumentException("ROUNDS must be at least 1, --warmup and --warmup-seconds at least 0");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    System.out.printf(Locale.ROOT, "corpus: %s, %d files, %.1f MB, type %s, %d cores available%n", dir,
        files.size(), bytes / 1e6, type.typeName(), Runtime.getRuntime().availableProcessors());

    Table<?> table = Tables.forType(type, Grain.ROW);
    long cold = System.nanoTime();
    long rows = parse(files, type, table);
    System.out.printf(Locale.ROOT, "%-32s first (cold) round: %.2f s%n", "parser, 1 thread",
        (System.nanoTime() - cold) / 1e9);
    warm(warmup, warmupSeconds, () -> parse(files, type, table), rows, "parser, 1 thread");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long parseProcess0 = processCpuNanos();
    long parseJit0 = jitMillis();
    double parse = best(rounds, () -> parse(files, type, table), rows, "parser, 1 thread");
    double parseCpuPerRow = (threads.getCurrentThreadCpuTime() - cpu0) / (double) (rounds * rows);
    double parseProcessCpuPerRow = (processCpuNanos() - parseProcess0) / (double) (rounds * rows);
    long parseJit = jitMillis() - parseJit0;

    SparkSession spark = SparkSession.builder().master("local[2]").appName("tordesc bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    // -Dtordesc.NAME=VALUE on the command line: more tordesc options for every read (e.g. archiveSplits)
    java.util.Map<String, String> extra = new java.util.HashMap<>();
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("tordesc."))
        .forEach(k -> extra.put(k.substring("tordesc.".length()), System.getProperty(k)));
    System.out.println("tordesc options: " + extra);
    TaskCpu taskCpu = new TaskCpu();
    spark.sparkContext().addSparkListener(taskCpu);
    String load = dir.toString();
    Path out = Files.createTempDirectory("tordesc-bench");
    // the same read for every round: a new query each time, as a user's count() is
    java.util.function.Function<java.util.Map<String, String>, Dataset<Row>> source = options -> spark.read()
        .format("tordesc").options(options).option("type", type.typeName()).option("recursiveFileLookup", "true")
        .load(load);
    Run countRows = () -> source.apply(extra).count();
    try {
      long coldCount = System.nanoTime();
      long counted = countRows.rows();
      if (counted != rows) {
        throw new IllegalStateException("tordesc counted " + counted + " rows, the parser " + rows);
      }
      System.out.printf(Locale.ROOT, "%-32s first (cold) round: %.2f s%n", "tordesc count(), local[2]",
          (System.nanoTime() - coldCount) / 1e9);
      warm(warmup, warmupSeconds, countRows, rows, "tordesc count(), local[2]");
      taskCpu.reset();
      long process0 = processCpuNanos();
      long gc0 = gcMillis();
      long jit0 = jitMillis();
      double count = best(rounds, countRows, rows, "tordesc count(), local[2]");
      double processCpuPerRow = (processCpuNanos() - process0) / (double) (rounds * rows);
      long gcCount = gcMillis() - gc0;
      long jitCount = jitMillis() - jit0;
      double countCpuPerRow = taskCpu.waitForNanos() / (double) (rounds * rows);
      // the conversion reads as archives-to-parquet does: a tarball by archiveSplits=auto tasks
      java.util.Map<String, String> parquetOptions = DescriptorOptions.withAutoArchiveSplits(extra);
      Run toParquet = () -> {
        source.apply(parquetOptions).write().mode(SaveMode.Overwrite).parquet(out.toString());
        return rows;
      };
      if (withParquet) {
        warm(warmup, warmupSeconds, toParquet, rows, "tordesc to Parquet, local[2]");
      }
      double parquet = !withParquet ? Double.NaN : best(rounds, toParquet, rows, "tordesc to Parquet, local[2]");
      System.out.printf(Locale.ROOT, "ratio count() local[2] / parser 1 thread: %.2fx (target >= 1.70x)%n",
          count / parse);
      System.out.printf(Locale.ROOT, "reading overhead per core over the bare parser: %+.1f%% (target <= 20%%)%n",
          (parse / (count / 2) - 1) * 100);
      if (withParquet) {
        System.out.printf(Locale.ROOT, "ratio Parquet local[2] / parser 1 thread: %.2fx (tordesc options %s)%n",
            parquet / parse, parquetOptions);
      }
      System.out.printf(Locale.ROOT, "CPU per row, whole process (every thread: parse pool, read-ahead, GC, JIT):"
          + " parser %.2f us, tordesc count() %.2f us: %+.1f%% per core; the parser's own thread %.2f us, the"
          + " count()'s task threads %.2f us (CPU time changes little with other load on the machine)%n",
          parseProcessCpuPerRow / 1e3, processCpuPerRow / 1e3, (processCpuPerRow / parseProcessCpuPerRow - 1) * 100,
          parseCpuPerRow / 1e3, countCpuPerRow / 1e3);
      System.out.printf(Locale.ROOT, "garbage collection during the count() rounds: %.1f s (%s)%n", gcCount / 1e3,
          ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
      System.out.printf(Locale.ROOT, "JIT compilation (compiler threads' time, summed) during the parser rounds: %.1f s,"
          + " during the count() rounds: %.1f s%n", parseJit / 1e3, jitCount / 1e3);
      System.out.printf(Locale.ROOT, "load average during the run: %.1f on %d cores%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    } finally {
      spark.stop();
      org.torspark.jobs.bench.BenchDirs.deleteTree(out);
    }
  }

  /**
   * Rows of every file, parsed and turned into table rows on this thread, as DescriptorReader does;
   * decompression too (no read-ahead thread): the single-core floor.
   */
  static long parse(List<Path> files, DescriptorType type, Table<?> table) {
    long rows = 0;
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f);
          DescriptorReader r = DescriptorReader.open(in, f.toString(), DescriptorReader.Options.lenient().withType(type)
              .withReadAhead(false))) {
        while (r.hasNext()) {
          ParsedDocument d = r.next();
          rows += d.isError() ? 1 : table.rowsOf(d.descriptor()).size();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return rows;
  }

  /** Time the collectors report spent collecting, summed over collectors (pauses and concurrent work). */
  static long gcMillis() {
    long ms = 0;
    for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, b.getCollectionTime());
    }
    return ms;
  }

  /** Time the JIT compilers spent so far, summed over their threads (0 if the JVM does not say). */
  public static long jitMillis() {
    java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
  }

  /**
   * CPU time of this whole JVM, every thread: task threads, the readers' decompression and parse
   * threads (which task metrics miss), the driver's planning, GC and JIT. Contention on a shared
   * machine changes it less than wall time.
   */
  public static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Sums the executor CPU time of finished tasks (Spark's own task metric). */
  static final class TaskCpu extends SparkListener {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskMetrics() != null) {
        nanos.addAndGet(end.taskMetrics().executorCpuTime() + end.taskMetrics().executorDeserializeCpuTime());
      }
      tasks.incrementAndGet();
    }

    void reset() {
      nanos.set(0);
    }

    /** The sum so far, after giving the listener bus a moment to deliver the last task ends. */
    long waitForNanos() {
      long seen = -1;
      while (tasks.get() != seen) {
        seen = tasks.get();
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return nanos.get();
    }
  }

  interface Run {
    long rows();
  }

  /**
   * Runs unmeasured rounds, at least {@code rounds} and for at least {@code minSeconds} (none if
   * {@code rounds} is 0), printing each one's time.
   */
  private static void warm(int rounds, double minSeconds, Run run, long expectedRows, String what) {
    if (rounds == 0) {
      return;
    }
    List<Double> each = new java.util.ArrayList<>();
    double total = 0;
    while (each.size() < rounds || total < minSeconds) {
      double s = seconds(1, run, expectedRows, what)[0];
      each.add(s);
      total += s;
    }
    System.out.printf(Locale.ROOT, "%-32s warm-up (%d rounds, %.0f s): %s%n", what, each.size(), total,
        format(each.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  private static double best(int rounds, Run run, long expectedRows, String what) {
    double[] seconds = seconds(rounds, run, expectedRows, what);
    double best = 0;
    for (double s : seconds) {
      best = Math.max(best, expectedRows / s);
    }
    System.out.printf(Locale.ROOT, "%-32s %,12.0f rows/s  (%,d rows, best of %d: %s)%n", what, best, expectedRows, rounds,
        format(seconds));
    return best;
  }

  /** Each round's seconds; every round must give {@code expectedRows}. */
  private static double[] seconds(int rounds, Run run, long expectedRows, String what) {
    double[] seconds = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      long n = run.rows();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
      if (n != expectedRows) {
        throw new IllegalStateException(what + ": " + n + " rows, expected " + expectedRows);
      }
    }
    return seconds;
  }

  private static String format(double[] seconds) {
    List<String> each = new java.util.ArrayList<>();
    for (double s : seconds) {
      each.add(String.format(Locale.ROOT, "%.2f s", s));
    }
    return String.join(", ", each);
  }
}
