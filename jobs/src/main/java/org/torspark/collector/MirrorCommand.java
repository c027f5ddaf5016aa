package org.torspark.collector;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.JobRunner;

/**
 * {@code torspark mirror ...}: the command-line entry the CLI dispatches to. Uses the running
 * SparkSession when there is one (spark-submit, a notebook, tests); otherwise plans with a Hadoop
 * configuration built like Spark's ({@code spark.hadoop.*} system properties) and starts a session
 * on {@code --master} only if files must be downloaded, stopping it at the end.
 */
public final class MirrorCommand {
  private MirrorCommand() {}

  /** Returns the exit code: 0 done, 1 some files failed or entries were rejected, 2 bad usage or no index. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    MirrorOptions options;
    try {
      options = MirrorOptions.parse(args);
    } catch (MirrorOptions.BadOption e) {
      err.println("error: " + e.getMessage());
      return Mirror.EXIT_USAGE;
    }
    if (options.help()) {
      out.print(MirrorOptions.usage());
      return Mirror.EXIT_OK;
    }
    SparkSession existing = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
        : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
    Configuration conf = existing != null ? existing.sparkContext().hadoopConfiguration() : hadoopConfFromSystem();
    SessionOnDemand spark = new SessionOnDemand(existing, options.master());
    try {
      return Mirror.run(options, conf, spark, out, err).exitCode();
    } finally {
      spark.stopIfStarted();
    }
  }

  /** Hadoop defaults plus {@code spark.hadoop.*} system properties, as Spark would build them. */
  static Configuration hadoopConfFromSystem() {
    Configuration conf = new Configuration();
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      String k = String.valueOf(e.getKey());
      if (k.startsWith("spark.hadoop.")) {
        conf.set(k.substring("spark.hadoop.".length()), String.valueOf(e.getValue()));
      }
    }
    return conf;
  }

  private static final class SessionOnDemand implements Supplier<SparkSession> {
    private final SparkSession existing;
    private final String master;
    private SparkSession started;

    SessionOnDemand(SparkSession existing, String master) {
      this.existing = existing;
      this.master = master;
    }

    @Override
    public synchronized SparkSession get() {
      if (existing != null) {
        return existing;
      }
      if (started == null) {
        SparkSession.Builder b = JobRunner.withDefaults(SparkSession.builder(), JobRunner.masterInEffect(master))
            .appName("torspark mirror").config("spark.sql.session.timeZone", "UTC");
        if (System.getProperty("spark.master") == null) {
          b = b.master(master);
        }
        started = b.getOrCreate();
      }
      return started;
    }

    synchronized void stopIfStarted() {
      if (started != null) {
        started.stop();
        started = null;
      }
    }
  }
}
