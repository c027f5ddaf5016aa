package org.torspark.jobs.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code scripts/bench-jobs --fresh-jvm true}: each read and each job of {@link CorpusBench} in a
 * JVM of its own, timed from the process's start to its exit, as a user pays for
 * {@code scripts/torspark run JOB} against a {@code count()} of the same inputs in a session of its
 * own. Both sides then pay the JVM's and Spark's start and the parser's warm-up, and the job pays
 * for compiling its own queries' code, which the in-JVM benchmark's first round shows on its own.
 * The children run with this JVM's flags and class path.
 */
public final class FreshJvms {
  private FreshJvms() {}

  static void run(List<String> cases, Map<String, String> opts, String at, int rounds) {
    System.out.printf(Locale.ROOT, "each read and job in a JVM of its own (start-up included), %d round(s)%n", rounds);
    System.out.printf(Locale.ROOT, "%-40s %5s %12s %10s %10s %8s %11s %11s%n", "job", "round", "input rows",
        "read s", "job s", "job/read", "in-JVM read", "in-JVM job");
    for (String name : cases) {
      List<Double> reads = new ArrayList<>();
      List<Double> jobs = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        Child read = child(name, "read", opts, at);
        Child job = child(name, "job", opts, at);
        reads.add(read.seconds);
        jobs.add(job.seconds);
        System.out.printf(Locale.ROOT, "%-40s %5d %12s %10.1f %10.1f %8.2f %11s %11s%n", name, round,
            read.column(2), read.seconds, job.seconds, job.seconds / read.seconds, read.column(3), job.column(4));
      }
      if (rounds > 2) {
        // the same build's JVMs differ by a tenth and more (docs/benchmarks.md): a round's pair is one
        // draw, the medians are the figure
        double read = median(reads);
        double job = median(jobs);
        System.out.printf(Locale.ROOT, "%-40s %5s %12s %10.1f %10.1f %8.2f%n", name, "med", "", read, job, job / read);
      }
    }
  }

  /** The median of the values (the mean of the middle two for an even count). */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    java.util.Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** One child's wall time and its result line (the benchmark's table row for the case). */
  private record Child(double seconds, String[] row) {
    String column(int i) {
      return row != null && row.length > i ? row[i] : "?";
    }
  }

  private static Child child(String name, String phase, Map<String, String> opts, String at) {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> e : opts.entrySet()) {
      if (!List.of("only", "phase", "rounds", "fresh-jvm", "at").contains(e.getKey())) {
        args.add("--" + e.getKey());
        args.add(e.getValue());
      }
    }
    args.addAll(List.of("--only", name, "--phase", phase, "--rounds", "1", "--at", at));
    Run run = run(CorpusBench.class.getName(), args, "the " + phase + " of " + name);
    String[] row = null;
    for (String line : run.out().split("\n")) {
      if (line.startsWith(name + " ")) {
        row = line.trim().split("\\s+");
      }
    }
    return new Child(run.seconds(), row);
  }

  /** A child JVM's wall time, from its start to its exit, and what it printed. */
  public record Run(double seconds, String out) {}

  /**
   * Runs {@code mainClass} with {@code args} in a JVM of its own, with this JVM's flags and class
   * path, and waits for it; fails, naming {@code what} and showing its output, if it exits non-zero.
   */
  public static Run run(String mainClass, List<String> args, String what) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    long t0 = System.nanoTime();
    try {
      Process p = new ProcessBuilder(cmd).start();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      String out = drain(p.getInputStream());
      int exit = p.waitFor();
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (exit != 0) {
        throw new IllegalStateException("benchmark: " + what + " in a JVM of its own exited with " + exit + ":\n"
            + out + err.join());
      }
      return new Run(seconds, out);
    } catch (IOException e) {
      throw new UncheckedIOException("benchmark: could not start a JVM for " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("benchmark: interrupted", e);
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
