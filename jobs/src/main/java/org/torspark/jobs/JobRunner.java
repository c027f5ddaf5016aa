package org.torspark.jobs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.torspark.source.NioLocalFileSystem;

/**
 * {@code torspark run JOB [--master M] [--conf k=v]... [job options] [--then JOB [job options]]...}:
 * builds the Spark session (local mode unless spark-submit already chose a master), runs the jobs in
 * order in that one session, prints their summaries. The options of every job are checked before
 * the first runs; the first job that fails stops the rest. Exit codes: 0 done, 1 a job failed, 2 bad
 * options.
 */
public final class JobRunner {
  static final JobOption MASTER = JobOption.of("master", "local[*]",
      "Spark master when not started by spark-submit (local mode by default)");
  static final JobOption CONF = JobOption.repeatable("conf", "extra Spark setting k=v (repeatable)");
  /** Separates jobs run one after the other in one Spark session (one JVM start, not one per job). */
  static final String THEN = "--then";

  private JobRunner() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).println(usage());
      return args.isEmpty() ? 2 : 0;
    }
    // JOB [OPTIONS] [--then JOB [OPTIONS]]...: every job is checked before the first one runs.
    List<Job> jobs = new ArrayList<>();
    List<JobArgs> jobArgs = new ArrayList<>();
    int from = 0;
    while (from <= args.size()) {
      int to = args.subList(from, args.size()).indexOf(THEN);
      to = to < 0 ? args.size() : from + to;
      if (to == from) {
        err.println("torspark run: " + THEN + " must be followed by a job");
        return 2;
      }
      String name = args.get(from);
      Job job = Jobs.byName(name).orElse(null);
      if (job == null) {
        err.println("torspark run: unknown job '" + name + "'; jobs: "
            + String.join(", ", Jobs.all().stream().map(Job::name).toList()));
        return 2;
      }
      List<String> rest = args.subList(from + 1, to);
      if (rest.contains("--help")) {
        out.println(help(job));
        return 0;
      }
      try {
        JobArgs parsed = parse(job, rest);
        if (!jobs.isEmpty() && (parsed.has(MASTER.name()) || parsed.has(CONF.name()))) {
          throw new JobArgException("options --master and --conf belong to the first job: the jobs after "
              + THEN + " share its Spark session");
        }
        jobs.add(job);
        jobArgs.add(parsed);
      } catch (JobArgException e) {
        err.println("torspark run " + name + ": " + e.getMessage());
        return 2;
      }
      from = to + 1;
    }
    SparkSession spark = session(jobs.get(0), jobArgs.get(0));
    try {
      for (int i = 0; i < jobs.size(); i++) {
        int code = runOne(spark, jobs.get(i), jobArgs.get(i), out, err);
        if (code != 0) {
          return code;
        }
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static JobArgs parse(Job job, List<String> args) {
    List<JobOption> options = new ArrayList<>(job.options());
    options.add(MASTER);
    options.add(CONF);
    JobArgs parsed = JobArgs.parse(args, options);
    for (String kv : parsed.all("conf")) {
      if (kv.indexOf('=') <= 0) {
        throw new JobArgException("option --conf: '" + kv + "' is not key=value");
      }
    }
    return parsed;
  }

  private static int runOne(SparkSession spark, Job job, JobArgs args, PrintStream out, PrintStream err) {
    try {
      for (String line : job.run(spark, args)) {
        out.println(line);
      }
      return 0;
    } catch (JobArgException e) {
      err.println("torspark run " + job.name() + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("torspark run " + job.name() + ": failed: " + rootMessage(e));
      return 1;
    }
  }

  /** The session for a job: the same settings in local mode, on a cluster and in tests. */
  public static SparkSession session(Job job, JobArgs args) {
    SparkSession.Builder b = SparkSession.builder().appName("torspark " + job.name());
    boolean submitted = System.getProperty("spark.master") != null;
    if (!submitted) {
      String master = args.get("master");
      b.master(master);
      if (master.startsWith("local")) {
        b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        // Spark's 200 shuffle partitions are for clusters: on a laptop every small aggregate of a
        // job then runs as 200 tasks, each deserialising its plan (exit-policy-trends' daily tables
        // took 3-8 times longer); conf/spark-defaults.conf sets 4 for spark-submit
        b.config("spark.sql.shuffle.partitions", String.valueOf(localShufflePartitions(master)));
      }
    }
    b.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic");
    withDefaults(b, masterInEffect(args.get("master")));
    for (String kv : args.all("conf")) {
      int eq = kv.indexOf('=');
      b.config(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return b.getOrCreate();
  }

  /**
   * Caps for the driver's per-JVM stage pools. Spark makes a new thread for every stage it starts
   * until a pool holds its maximum (1,024 for shuffle exchanges and result stages, 128 for
   * broadcasts), each kept a minute after its last use, so a JVM running one query after another
   * climbs to hundreds of idle threads: a job-test JVM reached 600 and died on CI with "unable to
   * create native thread" (a container's pid limit). Our jobs start their stages a few at a time;
   * these caps leave room for many more. Static settings: the first session in a JVM fixes them.
   */
  public static final Map<String, String> THREAD_POOL_CAPS = Map.of(
      "spark.sql.shuffleExchange.maxThreadThreshold", "32",
      "spark.sql.resultQueryStage.maxThreadThreshold", "32",
      "spark.sql.broadcastExchange.maxThreadThreshold", "16");

  /**
   * What local mode adds: for {@code file:} paths, Hadoop's local file system with permissions set
   * through Java NIO ({@link NioLocalFileSystem}) instead of a {@code chmod} process per file and
   * directory written; a job's small date-partitioned tables spent most of their write time waiting
   * for those processes. Not on a cluster: an executor may open {@code file:} paths before it has
   * torspark's jar, and a cluster's outputs go to {@code hdfs://} or {@code s3a://}.
   * {@code conf/spark-defaults.conf} (one machine) sets the same.
   */
  public static final Map<String, String> LOCAL_DEFAULTS = Map.of(
      "spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());

  /**
   * Sets {@link #THREAD_POOL_CAPS}, {@link #WRITE_DEFAULTS}, and {@link #LOCAL_DEFAULTS} when {@code master} is local, on
   * {@code b}, except those spark-submit already set (from spark-defaults.conf or {@code --conf});
   * {@code torspark run --conf} still overrides them. {@code master}: the session's master (null:
   * not known, taken as not local).
   */
  public static SparkSession.Builder withDefaults(SparkSession.Builder b, String master) {
    java.util.function.BiConsumer<String, String> unlessSet = (k, v) -> {
      if (System.getProperty(k) == null) {
        b.config(k, v);
      }
    };
    THREAD_POOL_CAPS.forEach(unlessSet);
    WRITE_DEFAULTS.forEach(unlessSet);
    if (master != null && master.startsWith("local")) {
      LOCAL_DEFAULTS.forEach(unlessSet);
    }
    return b;
  }

  /** The master a session runs on: spark-submit's when it chose one, else {@code ours}. */
  public static String masterInEffect(String ours) {
    return System.getProperty("spark.master", ours);
  }

  /** Open Parquet writers per writing task: a month of dates and some. */
  public static final int CONCURRENT_DATE_WRITERS = 40;

  /**
   * How jobs write their date-partitioned Parquet tables, on every master (conf/spark-defaults*.conf
   * set the same; JobRunnerTest checks both):
   * <ul>
   *   <li>A task keeps a Parquet writer per date open ({@link #CONCURRENT_DATE_WRITERS}) instead of
   *       first sorting all its rows by date; more dates than that fall back to the sort. Parquet's
   *       memory manager shrinks row groups when many writers are open.
   *   <li>Planned writes off: since Spark 3.4 the optimizer otherwise plans that sort into every
   *       partitioned write itself, and the concurrent writers are never used (bandwidth-scaling on
   *       a week of plain sbws files spent 9% of its task time in the sort).
   *   <li>Timestamps as Parquet's INT64 microseconds marked UTC-adjusted, which pandas/pyarrow,
   *       DuckDB and BI tools read as instants; Spark's default, INT96, is deprecated in Parquet.
   * </ul>
   */
  public static final Map<String, String> WRITE_DEFAULTS = Map.of(
      "spark.sql.maxConcurrentOutputFileWriters", String.valueOf(CONCURRENT_DATE_WRITERS),
      "spark.sql.optimizer.plannedWrite.enabled", "false",
      "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");

  /** Two shuffle partitions per local core (local, local[N], local[N,F], local[*]), at least 4. */
  public static int localShufflePartitions(String master) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?\\]").matcher(master);
    int cores = 1;
    if (m.matches()) {
      cores = m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }
    return Math.max(4, 2 * cores);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return (m == null ? t.getClass().getSimpleName() : m).lines().findFirst().orElse("");
  }

  static String usage() {
    StringBuilder sb = new StringBuilder("usage: torspark run JOB [OPTIONS] [--then JOB [OPTIONS]]...   (torspark run JOB --help)\n"
        + "  jobs after --then run in the first job's Spark session (its --master and --conf)\njobs:\n");
    for (Job j : Jobs.all()) {
      sb.append(String.format(Locale.ROOT, "  %-24s %s%n", j.name(), j.description()));
    }
    return sb.toString();
  }

  static String help(Job job) {
    StringBuilder sb = new StringBuilder("usage: torspark run " + job.name() + " [OPTIONS]\n" + job.description() + "\n");
    List<JobOption> all = new ArrayList<>(job.options());
    all.add(MASTER);
    all.add(CONF);
    for (JobOption o : all) {
      sb.append(String.format(Locale.ROOT, "  --%-20s %s%s%n", o.name() + (o.flag() ? "" : " V"), o.doc(),
          o.defaultValue() == null ? "" : " (default " + o.defaultValue() + ")"));
    }
    return sb.toString();
  }
}
