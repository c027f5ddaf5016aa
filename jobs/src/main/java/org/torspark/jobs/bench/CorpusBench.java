package org.torspark.jobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.ArchivesToParquet;
import org.torspark.jobs.BandwidthScalingJob;
import org.torspark.jobs.Job;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.JobRunner;
import org.torspark.jobs.exit.ExitPolicyTrends;
import org.torspark.jobs.exit.ExitmapSelection;
import org.torspark.jobs.MeasurementAggregatesJob;
import org.torspark.jobs.support.Inputs;
import org.torspark.jobs.support.Inputs.Kind;
import org.torspark.source.SourceBench;

/**
 * Times each analytics job against just reading its inputs: for every job, first {@code count()}
 * of each source it reads (same paths, same time filter), then the job itself, in the same local
 * session. Prints rows read, seconds, rows per second and the job/read ratio (target: at most 2),
 * and both phases' process CPU seconds with their ratio, and the seconds the JIT compilers spent in
 * each phase (summed over compiler threads: code the JVM compiles as it first meets it).
 * {@code --rounds N} runs read and job N times in turn, one line per round: the first round of a
 * job pays for compiling the code of its queries, which the read, whose code is already hot from
 * reads before it, does not; later rounds show the job warm.
 * The path-taking jobs (bandwidth-scaling, archives-to-parquet) read the corpus's {@code archive/}
 * folders of their type; the sbws part of measurement-aggregates has no CollecTor input and is timed
 * by {@link org.torspark.jobs.JobBench}.
 *
 * <pre>
 * scripts/bench-jobs --in CORPUS [--out DIR] [--master local[2]] [--only NAME,...] [--rounds N]
 *     [--shuffle-partitions N] [--fresh-jvm true] [--phase both|read|job] [--at TIME]
 * </pre>
 *
 * {@code --fresh-jvm true} times each read and each job in a JVM of its own, start-up included, as
 * {@code scripts/torspark run} runs them (see {@link FreshJvms}); {@code --phase} runs only the reads
 * or only the jobs (what each of those JVMs does), and {@code --at} gives exitmap-selection's hour
 * instead of reading it from the corpus.
 *
 * CORPUS is a CollecTor tree such as {@code scripts/make-corpus} writes. Shuffle partitions default
 * to what {@code scripts/torspark run} sets for the same master (4 for local[2]).
 */
public final class CorpusBench {
  /** One benchmarked run: a name, the job, its arguments, what it reads. */
  record Case(String name, Job job, List<String> args, List<Source> sources) {}

  /**
   * A source the job reads: kind (or, for jobs that take paths, the tordesc type of their --in),
   * grain, and whether only one hour of it is read.
   */
  record Source(Kind kind, boolean document, String at, String type) {
    Source(Kind kind, boolean document, String at) {
      this(kind, document, at, null);
    }

    /** All rows of a tordesc type below the job's --in paths. */
    static Source files(String type) {
      return new Source(null, false, null, type);
    }
  }

  /** Folders of the corpus the path-taking jobs (bandwidth-scaling, archives-to-parquet) read. */
  static final String BANDWIDTHS = "archive/relay-descriptors/bandwidths";
  static final String CONSENSUSES = "archive/relay-descriptors/consensuses";
  static final String SERVER_DESCRIPTORS = "archive/relay-descriptors/server-descriptors";

  private CorpusBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) {
        usage("unexpected argument '" + argv[i] + "'");
      }
      opts.put(argv[i].substring(2), argv[i + 1]);
    }
    if (argv.length % 2 != 0) {
      usage("option " + argv[argv.length - 1] + " needs a value");
    }
    String in = opts.get("in");
    if (in == null) {
      usage("option --in is required (a CollecTor tree, e.g. from scripts/make-corpus)");
    }
    String out = opts.getOrDefault("out", System.getProperty("java.io.tmpdir") + "/torspark-bench-jobs");
    String master = opts.getOrDefault("master", "local[2]");
    List<String> only = opts.containsKey("only") ? List.of(opts.get("only").split(",")) : List.of();
    int rounds = 1;
    try {
      rounds = Integer.parseInt(opts.getOrDefault("rounds", "1"));
    } catch (NumberFormatException e) {
      usage("option --rounds: '" + opts.get("rounds") + "' is not a number");
    }
    if (rounds < 1) {
      usage("option --rounds: must be at least 1");
    }
    String phase = opts.getOrDefault("phase", "both");
    if (!List.of("both", "read", "job").contains(phase)) {
      usage("option --phase: '" + phase + "' is not one of both, read, job");
    }
    String freshJvm = opts.getOrDefault("fresh-jvm", "false");
    if (!List.of("true", "false").contains(freshJvm)) {
      usage("option --fresh-jvm: '" + freshJvm + "' is not true or false");
    }
    boolean fresh = freshJvm.equals("true");
    SparkSession spark = JobRunner.withDefaults(SparkSession.builder(), master).master(master).appName("torspark bench-jobs")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        // as scripts/torspark run sets it for the same master, unless --shuffle-partitions N
        .config("spark.sql.shuffle.partitions", opts.getOrDefault("shuffle-partitions",
            String.valueOf(JobRunner.localShufflePartitions(master))))
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .getOrCreate();
    try {
      String at = opts.containsKey("at") ? opts.get("at") : firstHour(spark, in);
      List<Case> cases = List.of(
          new Case("exit-policy-trends", new ExitPolicyTrends(),
              List.of("--in", in, "--out", out + "/exit-policy-trends"),
              List.of(new Source(Kind.CONSENSUSES, false, null), new Source(Kind.CONSENSUSES, true, null),
                  new Source(Kind.SERVER_DESCRIPTORS, false, null))),
          new Case("exitmap-selection", new ExitmapSelection(),
              List.of("--in", in, "--out", out + "/exitmap-selection", "--at", at, "--destination", "1.1.1.1:443"),
              List.of(new Source(Kind.CONSENSUSES, false, at), new Source(Kind.CONSENSUSES, true, at),
                  new Source(Kind.SERVER_DESCRIPTORS, false, null))),
          new Case("measurement-aggregates:histories", new MeasurementAggregatesJob(),
              List.of("--in", in, "--out", out + "/measurement-aggregates", "--part", "histories"),
              List.of(new Source(Kind.EXTRA_INFOS, false, null), new Source(Kind.CONSENSUSES, false, null))),
          new Case("measurement-aggregates:network", new MeasurementAggregatesJob(),
              List.of("--in", in, "--out", out + "/measurement-aggregates", "--part", "network"),
              List.of(new Source(Kind.CONSENSUSES, false, null), new Source(Kind.SERVER_DESCRIPTORS, false, null))),
          new Case("bandwidth-scaling", new BandwidthScalingJob(),
              List.of("--in", in + "/" + BANDWIDTHS, "--out", out + "/bandwidth-scaling"),
              List.of(Source.files("bandwidth-file"))),
          new Case("archives-to-parquet:consensus", new ArchivesToParquet(),
              List.of("--type", "network-status-consensus-3", "--in", in + "/" + CONSENSUSES, "--out",
                  out + "/archives-to-parquet/consensus", "--option", "recursiveFileLookup=true"),
              List.of(Source.files("network-status-consensus-3"))),
          new Case("archives-to-parquet:server-descriptor", new ArchivesToParquet(),
              List.of("--type", "server-descriptor", "--in", in + "/" + SERVER_DESCRIPTORS, "--out",
                  out + "/archives-to-parquet/server-descriptor", "--option", "recursiveFileLookup=true"),
              List.of(Source.files("server-descriptor"))));
      List<String> names = cases.stream().map(Case::name).toList();
      List<String> unknown = only.stream().filter(n -> !names.contains(n)).toList();
      if (!unknown.isEmpty()) {
        usage("option --only: no case named " + String.join(", ", unknown) + "; the cases are "
            + String.join(",", names));
      }
      if (fresh) {
        spark.stop();
        FreshJvms.run(cases.stream().filter(c -> only.isEmpty() || only.contains(c.name())).map(Case::name).toList(),
            opts, at, rounds);
        return;
      }
      System.out.printf(Locale.ROOT, "%-34s %5s %12s %9s %9s %12s %8s %9s %9s %7s %8s %8s%n", "job", "round",
          "input rows", "read s", "job s", "rows/s", "job/read", "read cpu", "job cpu", "cpu x", "read jit", "job jit");
      for (Case c : cases) {
        if (!only.isEmpty() && !only.contains(c.name())) {
          continue;
        }
        JobArgs args = JobArgs.parse(c.args(), new ArrayList<JobOption>(c.job().options()));
        for (int round = 1; round <= rounds; round++) {
          long rows = 0;
          long cpu0 = SourceBench.processCpuNanos();
          long jit0 = SourceBench.jitMillis();
          long t0 = System.nanoTime();
          for (Source s : c.sources()) {
            if (!phase.equals("job")) {
              rows += count(spark, args, s);
            }
          }
          double read = (System.nanoTime() - t0) / 1e9;
          double readCpu = (SourceBench.processCpuNanos() - cpu0) / 1e9;
          double readJit = (SourceBench.jitMillis() - jit0) / 1e3;
          spark.catalog().clearCache();
          long cpu1 = SourceBench.processCpuNanos();
          long jit1 = SourceBench.jitMillis();
          long t1 = System.nanoTime();
          if (!phase.equals("read")) {
            c.job().run(spark, args);
          }
          double job = (System.nanoTime() - t1) / 1e9;
          double jobCpu = (SourceBench.processCpuNanos() - cpu1) / 1e9;
          double jobJit = (SourceBench.jitMillis() - jit1) / 1e3;
          spark.catalog().clearCache();
          System.out.printf(Locale.ROOT, "%-34s %5d %12d %9.1f %9.1f %12.0f %8.2f %9.1f %9.1f %7.2f %8.1f %8.1f%n",
              c.name(), round, rows, read, job, rows / job, job / read, readCpu, jobCpu, jobCpu / readCpu, readJit,
              jobJit);
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static long count(SparkSession spark, JobArgs args, Source s) {
    if (s.kind() == null) {
      return spark.read().format("tordesc").option("type", s.type()).option("recursiveFileLookup", "true")
          .load(args.all("in").toArray(new String[0])).count();
    }
    List<String> paths = Inputs.paths(spark, args, s.kind(), true);
    if (s.at() == null) {
      return Inputs.read(spark, args, s.kind(), paths, s.document(), null, null).count();
    }
    java.time.Instant t = java.time.Instant.parse(s.at());
    return Inputs.read(spark, args, s.kind(), paths, s.document(), t, t.plusSeconds(1)).count();
  }

  /** The first consensus hour of the corpus, for exitmap-selection's --at. */
  private static String firstHour(SparkSession spark, String in) {
    JobArgs args = JobArgs.parse(List.of("--in", in), List.of(Inputs.IN, Kind.CONSENSUSES.jobOption(),
        Inputs.READ_OPTION));
    List<String> paths = Inputs.paths(spark, args, Kind.CONSENSUSES, true);
    java.sql.Timestamp t = Inputs.read(spark, args, Kind.CONSENSUSES, paths, true, null, null)
        .agg(org.apache.spark.sql.functions.min("valid_after")).first().getTimestamp(0);
    return t.toInstant().toString();
  }

  private static void usage(String problem) {
    System.err.println("bench-jobs: " + problem);
    System.err.println("usage: scripts/bench-jobs --in CORPUS [--out DIR] [--master local[2]] [--only NAME,...]"
        + " [--rounds N] [--shuffle-partitions N] [--fresh-jvm true] [--phase both|read|job] [--at TIME]");
    System.exit(2);
  }
}
