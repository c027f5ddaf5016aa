package org.torspark.collector;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.torspark.source.HadoopConf;

/**
 * Runs the download work on Spark: one task per file, or per small group of small files, and never
 * more than {@code --concurrency} tasks at once over the whole cluster, so the CollecTor server sees
 * at most that many connections however many executors there are. The cap is kept by the driver:
 * {@code concurrency} threads each submit one single-partition job at a time
 * ({@link JavaRDD#collectPartitions}), largest groups first. Each job is named after its files in
 * the Spark UI, and the counters are named accumulators there.
 */
final class MirrorJob {
  /** Files packed into one task at most, however small. */
  static final int MAX_FILES_PER_TASK = 64;

  private MirrorJob() {}

  /** Packs work into groups: big files alone, small ones together up to {@code taskBytes}. */
  static List<List<Planner.Item>> pack(List<Planner.Item> work, long taskBytes) {
    List<Planner.Item> sorted = new ArrayList<>(work);
    sorted.sort(Comparator.comparingLong((Planner.Item i) -> i.entry().size()).reversed()
        .thenComparing(i -> i.entry().path()));
    List<List<Planner.Item>> groups = new ArrayList<>();
    List<Planner.Item> current = new ArrayList<>();
    long currentBytes = 0;
    for (Planner.Item i : sorted) {
      long size = i.entry().size();
      if (size >= taskBytes) {
        groups.add(List.of(i));
        continue;
      }
      if (!current.isEmpty() && (currentBytes + size > taskBytes || current.size() >= MAX_FILES_PER_TASK)) {
        groups.add(List.copyOf(current));
        current.clear();
        currentBytes = 0;
      }
      current.add(i);
      currentBytes += size;
    }
    if (!current.isEmpty()) {
      groups.add(List.copyOf(current));
    }
    return groups;
  }

  static List<FetchResult> run(SparkSession spark, Configuration hadoopConf, String dest, URI base, String runId,
      MirrorOptions options, List<Planner.Item> work, Progress progress, PrintStream out) throws InterruptedException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<List<Planner.Item>> groups = pack(work, options.taskBytes());
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(hadoopConf));
    DownloadTask.Counters counters = new DownloadTask.Counters(
        jsc.sc().longAccumulator("torspark mirror: files done"),
        jsc.sc().longAccumulator("torspark mirror: bytes done"),
        jsc.sc().longAccumulator("torspark mirror: files failed"),
        jsc.sc().longAccumulator("torspark mirror: retries"),
        jsc.sc().longAccumulator("torspark mirror: bytes transferred"));
    JavaRDD<FetchResult> results = jsc.parallelize(groups, Math.max(1, groups.size()))
        .mapPartitions(new DownloadTask(dest, base, runId, options.fetchSettings(), conf, counters));

    ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    for (int p = 0; p < groups.size(); p++) {
      queue.add(p);
    }
    List<FetchResult> all = Collections.synchronizedList(new ArrayList<>());
    int lanes = Math.min(options.concurrency(), Math.max(1, groups.size()));
    ExecutorService pool = Executors.newFixedThreadPool(lanes, r -> {
      Thread t = new Thread(r, "torspark-mirror-lane");
      t.setDaemon(true);
      return t;
    });
    for (int lane = 0; lane < lanes; lane++) {
      pool.execute(() -> {
        Integer p;
        while ((p = queue.poll()) != null) {
          List<Planner.Item> group = groups.get(p);
          jsc.setJobGroup("torspark-mirror-" + runId, describe(group), true);
          List<FetchResult> got;
          try {
            got = results.collectPartitions(new int[] {p})[0];
          } catch (RuntimeException | Error e) {
            got = new ArrayList<>();
            for (Planner.Item i : group) {
              got.add(new FetchResult(i.entry().path(), FetchResult.Status.FAILED, i.entry().size(), 0, 0, 0,
                  "Spark task failed: " + Redact.message(rootCause(e)), null));
            }
          }
          for (FetchResult r : got) {
            all.add(r);
            progress.finished(r);
            if (options.verbose()) {
              out.println(verboseLine(r));
            }
          }
        }
      });
    }
    pool.shutdown();
    while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
      // waiting for the lanes; progress is printed by its own thread
    }
    conf.destroy();
    List<FetchResult> complete = new ArrayList<>(all);
    // Every planned file gets a result: one without is a failure, never a silent success.
    java.util.Set<String> seen = new java.util.HashSet<>();
    complete.forEach(r -> seen.add(r.path()));
    for (Planner.Item i : work) {
      if (!seen.contains(i.entry().path())) {
        complete.add(new FetchResult(i.entry().path(), FetchResult.Status.FAILED, i.entry().size(), 0, 0, 0,
            "no result from its download task", null));
      }
    }
    return complete;
  }

  private static String describe(List<Planner.Item> group) {
    String first = group.get(0).entry().path();
    return "torspark mirror: " + first + (group.size() > 1 ? " and " + (group.size() - 1) + " more" : "");
  }

  static String verboseLine(FetchResult r) {
    return switch (r.status()) {
      case FETCHED -> "fetched  " + r.path() + " (" + r.size() + " bytes" + (r.retries() > 0 ? ", " + r.retries()
          + " retries" : "") + ")";
      case ADOPTED -> "verified " + r.path() + " (complete copy already in place)";
      case FAILED -> "FAILED   " + r.path() + ": " + r.error();
    };
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
