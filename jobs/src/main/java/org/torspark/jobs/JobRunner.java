package org.torspark.jobs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * {@code torspark run JOB [--master M] [--conf k=v]... [job options]}: builds the Spark session
 * (local mode unless spark-submit already chose a master), runs the job, prints its summary.
 * Exit codes: 0 done, 1 the job failed, 2 bad options.
 */
public final class JobRunner {
  static final JobOption MASTER = JobOption.of("master", "local[*]",
      "Spark master when not started by spark-submit (local mode by default)");
  static final JobOption CONF = JobOption.repeatable("conf", "extra Spark setting k=v (repeatable)");

  private JobRunner() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).println(usage());
      return args.isEmpty() ? 2 : 0;
    }
    String name = args.get(0);
    Job job = Jobs.byName(name).orElse(null);
    if (job == null) {
      err.println("torspark run: unknown job '" + name + "'; jobs: "
          + String.join(", ", Jobs.all().stream().map(Job::name).toList()));
      return 2;
    }
    List<String> rest = args.subList(1, args.size());
    if (rest.contains("--help")) {
      out.println(help(job));
      return 0;
    }
    List<JobOption> options = new ArrayList<>(job.options());
    options.add(MASTER);
    options.add(CONF);
    JobArgs parsed;
    try {
      parsed = JobArgs.parse(rest, options);
      for (String kv : parsed.all("conf")) {
        if (kv.indexOf('=') <= 0) {
          throw new JobArgException("option --conf: '" + kv + "' is not key=value");
        }
      }
    } catch (JobArgException e) {
      err.println("torspark run " + name + ": " + e.getMessage());
      return 2;
    }
    SparkSession spark = session(job, parsed);
    try {
      for (String line : job.run(spark, parsed)) {
        out.println(line);
      }
      return 0;
    } catch (JobArgException e) {
      err.println("torspark run " + name + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("torspark run " + name + ": failed: " + rootMessage(e));
      return 1;
    } finally {
      spark.stop();
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
      }
    }
    b.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic");
    for (String kv : args.all("conf")) {
      int eq = kv.indexOf('=');
      b.config(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return b.getOrCreate();
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
    StringBuilder sb = new StringBuilder("usage: torspark run JOB [OPTIONS]   (torspark run JOB --help)\njobs:\n");
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
