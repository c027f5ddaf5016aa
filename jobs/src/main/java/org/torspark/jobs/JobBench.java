package org.torspark.jobs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.torspark.bandwidth.PyMath;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.DescriptorType;

/**
 * Times bandwidth-scaling and measurement-aggregates in local[2] against just reading the same
 * inputs, parsed and counted. {@code JobBench [CORPUS_DIR [HOURS [RELAYS]]]}, or
 * {@code JobBench --fresh-jvm ROUNDS CORPUS_DIR} ({@link #freshJvms}): without a corpus folder, writes a synthetic
 * one (hourly sbws 1.7-style bandwidth files of RELAYS lines, and one sbws result per relay and
 * hour) to a temporary folder. Prints rows/s and wall time relative to the read, and the process's
 * CPU seconds beside each wall time: on a shared machine the wall ratio alone says little. Each job
 * runs twice: the first run also pays class loading, JIT and code generation of its Spark plans
 * (the warm-up only read), the second shows the steady state.
 */
public final class JobBench {
  private JobBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--step")) {
      step(args[1], Path.of(args[2]));
      return;
    }
    if (args.length == 3 && args[0].equals("--fresh-jvm")) {
      freshJvms(rounds(args[1]), Path.of(args[2]));
      return;
    }
    int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    int relays = args.length > 2 ? Integer.parseInt(args[2]) : 8000;
    Path corpus = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("torspark-bench");
    Path bw = corpus.resolve("bandwidth");
    Path results = corpus.resolve("sbws-results");
    if (!Files.isDirectory(bw)) {
      writeCorpus(bw, results, hours, relays);
    }
    SparkSession spark = session();
    Path out = Files.createTempDirectory("torspark-bench-out");
    try {
      // warm-up: JIT and Spark class loading would otherwise be charged to whichever runs first
      readBandwidthLines(spark, bw.toString());
      Clock c = Clock.start();
      long lines = readBandwidthLines(spark, bw.toString());
      Clock read = c.stop();
      for (String run : List.of("", " (again)")) {
        c = Clock.start();
        runScaling(spark, bw.toString(), out);
        report("bandwidth-scaling" + run, lines, read, c.stop());
      }

      readResults(spark, results.toString());
      c = Clock.start();
      long resultLines = readResults(spark, results.toString());
      read = c.stop();
      for (String run : List.of("", " (again)")) {
        c = Clock.start();
        runSbws(spark, results.toString(), out);
        report("measurement-aggregates" + run, resultLines, read, c.stop());
      }
    } finally {
      spark.stop();
      org.torspark.jobs.bench.BenchDirs.deleteTree(out);
    }
  }

  private static SparkSession session() {
    SparkSession spark = JobRunner.withDefaults(SparkSession.builder(), "local[2]").master("local[2]")
        .appName("torspark job bench").config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** The steps a JVM of its own runs with {@code --step NAME CORPUS}: each job's read, then the job. */
  static final List<String> STEPS = List.of("read-scaling", "job-scaling", "read-sbws", "job-sbws");

  /** Runs one step once, cold, in this JVM: what {@code --fresh-jvm} times from the process's start to its exit. */
  static void step(String name, Path corpus) throws Exception {
    if (!STEPS.contains(name)) {
      throw new IllegalArgumentException("--step: '" + name + "' is not one of " + STEPS);
    }
    String bw = corpus.resolve("bandwidth").toString();
    String results = corpus.resolve("sbws-results").toString();
    SparkSession spark = session();
    Path out = Files.createTempDirectory("torspark-bench-out");
    try {
      switch (name) {
        case "read-scaling" -> System.out.println("rows " + readBandwidthLines(spark, bw));
        case "job-scaling" -> runScaling(spark, bw, out);
        case "read-sbws" -> System.out.println("rows " + readResults(spark, results));
        default -> runSbws(spark, results, out); // job-sbws: STEPS was checked above
      }
    } finally {
      spark.stop();
      org.torspark.jobs.bench.BenchDirs.deleteTree(out);
    }
  }

  /** {@code --fresh-jvm}'s ROUNDS: a whole number of at least 1, else an error naming it. */
  static int rounds(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--fresh-jvm: ROUNDS '" + text + "' is not a whole number of at least 1");
  }

  /** The timed bandwidth-scaling run: every bandwidth file under {@code bw}, written below {@code out}. */
  private static void runScaling(SparkSession spark, String bw, Path out) throws Exception {
    new BandwidthScalingJob().run(spark, JobArgs.parse(List.of("--in", bw, "--out", out.resolve("scaling").toString()),
        new BandwidthScalingJob().options()));
  }

  /** The timed measurement-aggregates run ({@code --part sbws}, its default) on the results under {@code results}. */
  private static void runSbws(SparkSession spark, String results, Path out) throws Exception {
    new MeasurementAggregatesJob().run(spark, JobArgs.parse(List.of("--part", "sbws", "--in", results, "--out",
        out.resolve("aggregates").toString()), new MeasurementAggregatesJob().options()));
  }

  /**
   * {@code --fresh-jvm ROUNDS CORPUS}: each read and each job in a JVM of its own, start-up included,
   * as {@code scripts/torspark run} runs a job; the medians of the rounds as well.
   */
  static void freshJvms(int rounds, Path corpus) {
    if (!Files.isDirectory(corpus.resolve("bandwidth")) || !Files.isDirectory(corpus.resolve("sbws-results"))) {
      throw new IllegalArgumentException("--fresh-jvm: " + corpus + " has no bandwidth/ and sbws-results/ "
          + "(run scripts/bench-sbws CORPUS once to write them)");
    }
    System.out.printf(Locale.ROOT, "each read and job in a JVM of its own (start-up included), %d round(s)%n", rounds);
    for (String job : List.of("scaling", "sbws")) {
      List<Double> reads = new java.util.ArrayList<>();
      List<Double> jobs = new java.util.ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double read = org.torspark.jobs.bench.FreshJvms.run(JobBench.class.getName(),
            List.of("--step", "read-" + job, corpus.toString()), "read-" + job).seconds();
        double run = org.torspark.jobs.bench.FreshJvms.run(JobBench.class.getName(),
            List.of("--step", "job-" + job, corpus.toString()), "job-" + job).seconds();
        reads.add(read);
        jobs.add(run);
        System.out.printf(Locale.ROOT, "%-8s round %d read=%.1fs job=%.1fs job/read=%.2f%n", job, round, read, run,
            run / read);
      }
      double read = org.torspark.jobs.bench.FreshJvms.median(reads);
      double run = org.torspark.jobs.bench.FreshJvms.median(jobs);
      System.out.printf(Locale.ROOT, "%-8s median  read=%.1fs job=%.1fs job/read=%.2f%n", job, read, run, run / read);
    }
  }

  /** The read baseline: every relay line of every bandwidth file, parsed, counted. */
  static long readBandwidthLines(SparkSession spark, String path) {
    return JobIO.perDocument(spark, List.of(path), DescriptorType.BANDWIDTH_FILE,
        (f, d) -> List.of(d.isError() ? 0 : ((BandwidthFile) d.descriptor()).relays().size()))
        .fold(0, Integer::sum);
  }

  /**
   * The read baseline of the sbws results: every line parsed as the job reads it, counted. (Until
   * 2026-11-24 the lines were only counted, not parsed: a baseline no other job's read had.)
   */
  static long readResults(SparkSession spark, String path) {
    return SbwsResults.read(spark, List.of(path), null, null).results().count();
  }

  static void report(String job, long rows, Clock read, Clock run) {
    System.out.printf(Locale.ROOT, "%-32s rows=%d read=%.1fs wall %.1fs cpu (%.0f rows/s) job=%.1fs wall %.1fs cpu "
        + "(%.0f rows/s) job/read=%.2f wall %.2f cpu%n", job, rows, read.wall(), read.cpu(), rows / read.wall(),
        run.wall(), run.cpu(), rows / run.wall(), run.wall() / read.wall(), run.cpu() / read.cpu());
  }

  /** Wall and process CPU seconds (all threads: tasks, driver, GC, JIT) of one timed step. */
  record Clock(double wall, double cpu) {
    static Clock start() {
      return new Clock(System.nanoTime() / 1e9, processCpu());
    }

    Clock stop() {
      return new Clock(System.nanoTime() / 1e9 - wall, processCpu() - cpu);
    }

    static double processCpu() {
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
  }

  /**
   * Relay {@code i}'s fingerprint, as on the network: the hex SHA-1 of an identity key, so uniform
   * hex. (Until 2026-11-25 the corpus numbered its relays, {@code 0000...0001} on, as no real file
   * does.)
   */
  static String fingerprint(int i) {
    try {
      byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1")
          .digest(("torspark-bench-relay-" + i).getBytes(StandardCharsets.US_ASCII));
      return java.util.HexFormat.of().withUpperCase().formatHex(sha1);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /** A nickname as tor allows them (dir-spec: 1 to 19 characters of [A-Za-z0-9]). */
  static String nickname(Random rnd) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    char[] n = new char[1 + rnd.nextInt(19)];
    for (int k = 0; k < n.length; k++) {
      n[k] = chars.charAt(rnd.nextInt(chars.length()));
    }
    return new String(n);
  }

  static void writeCorpus(Path bw, Path results, int hours, int relays) throws IOException {
    Files.createDirectories(bw);
    Files.createDirectories(results);
    Random rnd = new Random(42);
    long[] bm = new long[relays];
    long[] obs = new long[relays];
    String[] fps = new String[relays];
    String[] nicks = new String[relays];
    long sum = 0;
    for (int i = 0; i < relays; i++) {
      fps[i] = fingerprint(i);
      nicks[i] = nickname(rnd);
      bm[i] = (long) Math.exp(11 + 2 * rnd.nextGaussian() * 0.5);
      obs[i] = (long) (bm[i] * (1 + rnd.nextDouble() * 3));
      sum += bm[i];
    }
    double mu = (double) sum / relays;
    long start = 1_700_000_000L - 1_700_000_000L % 86400;
    for (int h = 0; h < hours; h++) {
      long ts = start + h * 3600L;
      Path f = bw.resolve(String.format(Locale.ROOT, "%s-bandwidth", SbwsTime.name(ts)));
      try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
        w.write(ts + "\nversion=1.5.0\nsoftware=sbws\nsoftware_version=1.7.0\nnumber_eligible_relays=" + relays
            + "\nminimum_number_eligible_relays=" + relays / 2 + "\nmu=" + Math.round(mu) + "\n=====\n");
        for (int i = 0; i < relays; i++) {
          double rs = Math.round(bm[i] / mu * 100) / 100.0;
          double rf = Math.round(rs * (0.8 + rnd.nextDouble() * 0.6) * 100) / 100.0;
          long b = PyMath.kbRoundSigDig(Math.max(rs, rf) * obs[i], 2);
          w.write(String.format(Locale.ROOT, "bw=%d bw_mean=%d bw_median=%d desc_bw_avg=1073741824 desc_bw_bur=1073741824 "
              + "desc_bw_obs_last=%d desc_bw_obs_mean=%d error_circ=0 error_destination=0 error_misc=0 "
              + "error_second_relay=0 error_stream=0 nick=%s node_id=$%s r_strm=%.2f r_strm_filt=%.2f "
              + "relay_in_recent_consensus_count=24 success=3 time=2023-11-14T00:00:00%n",
              b, bm[i], bm[i], obs[i], obs[i], nicks[i], fps[i], rs, rf));
        }
      }
      Path r = results.resolve(SbwsTime.day(ts) + ".txt");
      try (BufferedWriter w = Files.newBufferedWriter(r, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
        for (int i = 0; i < relays; i++) {
          if (rnd.nextInt(5) == 0) {
            w.write(String.format(Locale.ROOT, "{\"fingerprint\": \"%s\", \"nickname\": \"%s\", \"type\": "
                + "\"error-stream\", \"time\": %d.5, \"dest_url\": \"https://d%d.example/f\", \"version\": 4}%n",
                fps[i], nicks[i], ts + i % 3600, i % 3));
          } else {
            w.write(String.format(Locale.ROOT, "{\"fingerprint\": \"%s\", \"nickname\": \"%s\", \"type\": "
                + "\"success\", \"time\": %d.5, \"dest_url\": \"https://d%d.example/f\", \"downloads\": "
                + "[{\"amount\": %d, \"duration\": 6.1}, {\"amount\": %d, \"duration\": 5.9}], \"rtts\": [0.3], "
                + "\"relay_average_bandwidth\": 1073741824, \"relay_observed_bandwidth\": %d, \"version\": 4}%n",
                fps[i], nicks[i], ts + i % 3600, i % 3, bm[i] * 6, bm[i] * 6, obs[i]));
          }
        }
      }
    }
  }

  /** CollecTor-style names, UTC. */
  static final class SbwsTime {
    private SbwsTime() {}

    static String name(long ts) {
      return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochSecond(ts));
    }

    static String day(long ts) {
      return name(ts).substring(0, 10);
    }
  }
}
