package org.torspark.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.ReadStats;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import scala.Tuple2;

/**
 * Checks that a Spark deployment of the torspark jar works before real jobs run on it:
 * {@code spark-submit --class org.torspark.cli.RuntimeCheck torspark.jar [OPTIONS] [PATH...]}.
 * Tasks on the executors read a tar.xz built in the task (the jar's relocated XZ and Commons
 * Compress, the parsers), create an s3a file system (hadoop-aws and the AWS SDK from the jar; no
 * request is sent) and report their JVM time zone; a shuffle groups the results. The driver checks
 * the UTC settings and whether the {@code tordesc} data source is registered. PATHs (any Hadoop
 * file system, read recursively) are parsed on the executors and counted. Exit code 0 when all
 * checks pass, 1 when one fails, 2 on bad arguments.
 */
public final class RuntimeCheck {
  static final String USAGE = "usage: spark-submit --class org.torspark.cli.RuntimeCheck torspark.jar"
      + " [--expect-executors N] [--require-tordesc] [PATH...]";
  private static final String SAMPLE = String.join("\n",
      "@type tordnsel 1.0",
      "Downloaded 2024-01-01 00:00:00",
      "ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E",
      "Published 2023-12-31 23:00:00",
      "LastStatus 2024-01-01 00:00:00",
      "ExitAddress 192.0.2.1 2024-01-01 00:00:00", "");

  private final PrintStream out;
  private boolean failed;

  private RuntimeCheck(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    int expectExecutors = 0;
    boolean requireTordesc = false;
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--expect-executors" -> {
          if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
            System.err.println("torspark runtime check: option --expect-executors needs a positive number");
            System.exit(2);
          }
          expectExecutors = Integer.parseInt(args[++i]);
        }
        case "--require-tordesc" -> requireTordesc = true;
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> {
          if (args[i].startsWith("--")) {
            System.err.println("torspark runtime check: unknown option '" + args[i] + "'\n" + USAGE);
            System.exit(2);
          }
          paths.add(args[i]);
        }
      }
    }
    SparkSession spark = SparkSession.builder().appName("torspark runtime check").getOrCreate();
    RuntimeCheck check = new RuntimeCheck(System.out);
    try {
      check.run(spark, expectExecutors, requireTordesc, paths);
    } finally {
      spark.stop();
    }
    System.out.println("torspark runtime check: " + (check.failed ? "FAILED" : "passed"));
    System.exit(check.failed ? 1 : 0);
  }

  private void run(SparkSession spark, int expectExecutors, boolean requireTordesc, List<String> paths) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int executors = waitForExecutors(jsc, expectExecutors);
    out.printf("torspark runtime check: Spark %s, master %s, %d executor(s)%n", spark.version(), jsc.master(),
        executors);
    report(expectExecutors == 0 || executors >= expectExecutors, "executors",
        executors + " registered" + (expectExecutors > 0 ? ", " + expectExecutors + " expected" : ""));

    String sessionZone = spark.conf().get("spark.sql.session.timeZone");
    String driverZone = TimeZone.getDefault().getID();
    report(sessionZone.equals("UTC") && driverZone.equals("UTC"), "driver time zone",
        "session " + sessionZone + ", JVM " + driverZone + " (want UTC: conf/spark-defaults.conf)");
    String serializer = spark.conf().get("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
    note(serializer.endsWith("KryoSerializer"), "serializer", serializer);

    String expected = probeArchive();
    int tasks = Math.max(2, 2 * Math.max(1, executors));
    JavaRDD<String[]> probes = jsc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
        .map(i -> probe()).cache();
    Map<String, Integer> perExecutor = new TreeMap<>(probes
        .mapToPair(p -> new Tuple2<>(p[0], 1)).reduceByKey(Integer::sum).collectAsMap());
    List<String[]> results = probes.collect();
    String zones = results.stream().map(p -> p[1]).distinct().collect(Collectors.joining(","));
    String parsed = results.stream().map(p -> p[2]).distinct().collect(Collectors.joining(" | "));
    String s3a = results.stream().map(p -> p[3]).distinct().collect(Collectors.joining(" | "));
    report(zones.equals("UTC"), "executor time zone", zones + " in " + tasks + " tasks on executors " + perExecutor);
    report(parsed.equals(expected), "parsers on executors", parsed + (parsed.equals(expected) ? "" : " (driver: "
        + expected + ")"));
    report(s3a.equals("org.apache.hadoop.fs.s3a.S3AFileSystem"), "s3a on executors", s3a);

    List<String> sources = new ArrayList<>();
    for (DataSourceRegister r : ServiceLoader.load(DataSourceRegister.class,
        Thread.currentThread().getContextClassLoader())) {
      if (r.shortName().equals("tordesc")) {
        sources.add(r.getClass().getName());
      }
    }
    if (sources.isEmpty() && !requireTordesc) {
      out.println("  skip    tordesc data source: not registered in this jar yet (--require-tordesc makes this fail)");
    } else {
      report(sources.size() == 1, "tordesc data source", sources.isEmpty() ? "not registered" : sources.toString());
    }
    if (!paths.isEmpty()) {
      jsc.hadoopConfiguration().setBoolean("mapreduce.input.fileinputformat.input.dir.recursive", true);
      String what = "read " + String.join(",", paths);
      try {
        Tuple2<long[], String> read = jsc.binaryFiles(String.join(",", paths), tasks).values().map(stream -> {
          String[] firstError = new String[1];
          try (InputStream in = stream.open()) {
            return new Tuple2<>(count(in, stream.getPath(), firstError), firstError[0]);
          }
        }).fold(new Tuple2<>(new long[6], null), (a, b) -> new Tuple2<>(add(a._1(), b._1()),
            a._2() != null ? a._2() : b._2()));
        long[] sum = read._1();
        report(sum[0] > 0, what, String.format(Locale.ROOT,
            "%d files, %d documents (%d descriptors, %d errors), %.1f MB uncompressed%s", sum[0], sum[1], sum[2],
            sum[3], sum[4] / 1e6, read._2() == null ? "" : "; first error: " + read._2()));
      } catch (RuntimeException e) {
        report(false, what, String.valueOf(e.getMessage()));
      }
    }
  }

  private static int waitForExecutors(JavaSparkContext jsc, int expected) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      int n = jsc.sc().statusTracker().getExecutorInfos().length - 1; // minus the driver
      if (jsc.master().equals("local") || jsc.master().startsWith("local[")) {
        return Math.max(n, 1); // tasks run in the driver; local-cluster[...] has real executors
      }
      if (n >= Math.max(expected, 1) || System.nanoTime() > deadline) {
        return n;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return n;
      }
    }
  }

  /** Runs in a task: {executor id, JVM time zone, what the tar.xz held, s3a file system class}. */
  private static String[] probe() throws IOException {
    return new String[] {SparkEnv.get().executorId(), TimeZone.getDefault().getID(), probeArchive(), s3aFileSystem()};
  }

  private static String probeArchive() {
    byte[] text = SAMPLE.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
      TarArchiveEntry entry = new TarArchiveEntry("exit-list/2024-01-01-00-00-00");
      entry.setSize(text.length);
      tar.putArchiveEntry(entry);
      tar.write(text);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long[] c = count(new ByteArrayInputStream(bytes.toByteArray()), "runtime-check.tar.xz", new String[1]);
    return c[5] + " entry, " + c[1] + " document(s), " + c[4] + " bytes";
  }

  /** Creates (and closes) an s3a file system: loads hadoop-aws and the SDK; sends no request. */
  private static String s3aFileSystem() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:9");
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", "runtime-check");
    conf.set("fs.s3a.secret.key", "runtime-check");
    try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://torspark-runtime-check/"), conf)) {
      return fs.getClass().getName();
    }
  }

  /** {files, documents, descriptors, errors, bytes, entries} of one file; its first error's text. */
  private static long[] count(InputStream in, String name, String[] firstError) {
    try (DescriptorReader reader = DescriptorReader.open(in, name, DescriptorReader.Options.lenient())) {
      while (reader.hasNext()) {
        ParsedDocument doc = reader.next();
        if (doc.isError() && firstError[0] == null) {
          firstError[0] = doc.error().describe();
        }
      }
      ReadStats s = reader.stats();
      return new long[] {s.files(), s.documents(), s.descriptors(), s.errors(), s.bytes(), s.entries()};
    }
  }

  private static long[] add(long[] a, long[] b) {
    long[] sum = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }

  private void report(boolean ok, String what, String detail) {
    out.printf("  %-7s %s: %s%n", ok ? "ok" : "FAILED", what, detail);
    failed |= !ok;
  }

  private void note(boolean ok, String what, String detail) {
    out.printf("  %-7s %s: %s%n", ok ? "ok" : "note", what, detail);
  }
}
