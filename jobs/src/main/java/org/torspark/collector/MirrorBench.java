package org.torspark.collector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Measures the mirror on this machine, against the loopback {@link LocalCollectorServer}:
 *
 * <ol>
 *   <li>download throughput with 1 and 4 concurrent downloads, into the local file system, both
 *       unthrottled (loopback: CPU-bound) and with each connection limited to {@code --rate} bytes/s
 *       (what a distant server looks like);
 *   <li>the time to plan a no-op re-sync of a real index (default: the full 2016 index, 2,821 files,
 *       67 GB): the destination holds every file (sparse, right size) and the manifest, so the run
 *       fetches the index, lists the destination, compares, and does nothing else.
 * </ol>
 *
 * {@code MirrorBench [--files N] [--file-mb M] [--rate BYTES_PER_S] [--index FILE.json[.xz]] [--work DIR]
 * [--plan-only]}
 */
public final class MirrorBench {
  /** The 2016 index has no digests, so last_modified decides; the manifest still needs a value. */
  private static final String PLACEHOLDER_SHA256 = java.util.Base64.getEncoder().encodeToString(new byte[32]);
  private static int runs;

  private MirrorBench() {}

  public static void main(String[] args) throws Exception {
    int files = 8;
    int fileMb = 32;
    long rate = 8L << 20;
    Path index = null;
    Path work = null;
    boolean throughput = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--file-mb" -> fileMb = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Long.parseLong(args[++i]);
        case "--index" -> index = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--plan-only" -> throughput = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (work == null) {
      work = Files.createTempDirectory("mirror-bench");
    }
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "machine: %d cores, Java %s, load average %.1f%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    SparkSession spark = SparkSession.builder().master("local[8]").appName("MirrorBench")
        .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    try {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      if (throughput) {
        throughput(spark, conf, work, files, fileMb, rate, out);
      }
      if (index != null) {
        planNoOp(conf, work.resolve("plan"), index, out);
      }
    } finally {
      spark.stop();
      org.torspark.jobs.bench.BenchDirs.deleteTree(work);
    }
  }

  private static void throughput(SparkSession spark, Configuration conf, Path work, int files, int fileMb, long rate,
      PrintStream out) throws Exception {
    Path tree = makeTree(work.resolve("tree"), files, fileMb);
    try (LocalCollectorServer server = LocalCollectorServer.start(tree, 0)) {
      long bytes = (long) files * fileMb << 20;
      out.printf(Locale.ROOT, "throughput: %d files x %d MiB = %d MiB from %s into the local file system%n",
          files, fileMb, bytes >> 20, server.baseUri());
      run(spark, conf, server, work, 1, 0, "warm-up");
      for (long r : new long[] {0, rate}) {
        server.setBytesPerSecondPerConnection(r);
        for (int c : new int[] {1, 4}) {
          run(spark, conf, server, work, c, r,
              r == 0 ? "unthrottled" : "throttled to " + (r >> 20) + " MiB/s per connection");
        }
      }
    }
  }

  private static void run(SparkSession spark, Configuration conf, LocalCollectorServer server, Path work,
      int concurrency, long rate, String label) throws Exception {
    Path dest = work.resolve("dest-" + ++runs);
    org.torspark.jobs.bench.BenchDirs.deleteTree(dest);
    MirrorOptions o = MirrorOptions.parse("--collector", server.baseUri().toString(), "--dest",
        dest.toUri().toString(), "--concurrency", String.valueOf(concurrency), "--task-bytes", "1",
        "--progress-interval", "0");
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
      Mirror.Report r = Mirror.run(o, conf, () -> spark, quiet, quiet);
      long bytes = r.results().stream().mapToLong(FetchResult::size).sum();
      if (r.exitCode() != 0) {
        throw new IllegalStateException("bench run failed:\n" + sink.toString(StandardCharsets.UTF_8));
      }
      if (!label.equals("warm-up")) {
        System.out.printf(Locale.ROOT, "  %-40s concurrency %d: %6.1f MB/s (%d MiB in %.2f s, max %d connections)%n",
            label, concurrency, bytes / 1e6 / (r.downloadMillis() / 1000.0), bytes >> 20, r.downloadMillis() / 1000.0,
            server.maxConcurrentDownloads());
      }
      server.resetCounts();
    } finally {
      org.torspark.jobs.bench.BenchDirs.deleteTree(dest);
    }
  }

  /** Random (incompressible) files in a CollecTor layout, plus their index. */
  private static Path makeTree(Path root, int files, int fileMb) throws IOException {
    Random random = new Random(42);
    byte[] buf = new byte[1 << 20];
    for (int i = 0; i < files; i++) {
      Path f = root.resolve(String.format(Locale.ROOT,
          "archive/relay-descriptors/votes/votes-2023-%02d.tar.xz", i % 12 + 1));
      if (i >= 12) {
        f = root.resolve(String.format(Locale.ROOT, "archive/relay-descriptors/votes/votes-%d.tar.xz", 2000 + i));
      }
      Files.createDirectories(f.getParent());
      try (OutputStream o = Files.newOutputStream(f)) {
        for (int m = 0; m < fileMb; m++) {
          random.nextBytes(buf);
          o.write(buf);
        }
      }
    }
    IndexWriter.write(root, "http://127.0.0.1", Instant.now());
    return root;
  }

  /**
   * Serves {@code indexFile} (plain or .xz) as the index of an empty tree and mirrors into a
   * destination that already holds every listed file (sparse files of the listed sizes) and a
   * manifest of them: a re-sync with nothing to do.
   */
  static void planNoOp(Configuration conf, Path work, Path indexFile, PrintStream out) throws Exception {
    Path tree = Files.createDirectories(work.resolve("tree/index"));
    Files.copy(indexFile, tree.resolve(indexFile.toString().endsWith(".xz") ? "index.json.xz" : "index.json"));
    CollectorIndex index;
    try (InputStream in = Files.newInputStream(indexFile)) {
      index = IndexClient.parse(in, indexFile.toString().endsWith(".xz") ? IndexClient.Variant.XZ
          : IndexClient.Variant.JSON, 1L << 30, 1L << 40);
    }
    Path dest = work.resolve("dest");
    List<ManifestRecord> records = new ArrayList<>();
    long bytes = 0;
    for (IndexEntry e : index.entries()) {
      Path f = dest.resolve(e.path());
      Files.createDirectories(f.getParent());
      try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
        raf.setLength(e.size());
      }
      bytes += e.size();
      records.add(ManifestRecord.of(e, PLACEHOLDER_SHA256, Instant.now()));
    }
    Files.createDirectories(dest.resolve("_manifest"));
    Files.write(dest.resolve("_manifest/manifest.jsonl"), Manifest.toBytes(records));
    out.printf(Locale.ROOT, "no-op re-sync plan: %s, %d files, %.1f GB (sparse) already mirrored%n",
        indexFile.getFileName(), index.entries().size(), bytes / 1e9);
    try (LocalCollectorServer server = LocalCollectorServer.start(work.resolve("tree"), 0)) {
      for (int i = 1; i <= 5; i++) {
        MirrorOptions o = MirrorOptions.parse("--collector", server.baseUri().toString(), "--dest",
            dest.toUri().toString(), "--progress-interval", "0");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Mirror.Report r;
        try (PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
          r = Mirror.run(o, conf, () -> {
            throw new IllegalStateException("a no-op re-sync must not need Spark");
          }, quiet, quiet);
        }
        long wall = (System.nanoTime() - t0) / 1_000_000;
        long cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
        if (r.exitCode() != 0 || !r.plan().work().isEmpty()) {
          throw new IllegalStateException("not a no-op:\n" + sink.toString(StandardCharsets.UTF_8));
        }
        out.printf(Locale.ROOT, "  run %d: index fetch+parse %d ms, plan (list + manifest + compare) %d ms, "
            + "whole run %d ms (driver thread CPU %d ms); %d skipped, %d to fetch%n", i, r.indexMillis(),
            r.planMillis(), wall, cpu, r.plan().count(Planner.Action.SKIP), r.plan().work().size());
      }
    }
  }

}
