package org.torspark.collector;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One mirror run: index → selection → plan against the destination → distributed download →
 * deletes → manifest → summary. Spark is started only when there is something to download, so a
 * dry run or a no-op re-sync costs one index fetch and one destination listing.
 */
public final class Mirror {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Mirror() {}

  /** What a run did, for the exit code, the summary and tests. */
  public record Report(int exitCode, String runId, IndexClient.Result index, Planner.Plan plan,
      List<FetchResult> results, List<String> deleted, List<String> problems, long indexMillis, long planMillis,
      long downloadMillis) {

    long count(FetchResult.Status s) {
      return results.stream().filter(r -> r.status() == s).count();
    }

    List<FetchResult> failures() {
      return results.stream().filter(r -> r.status() == FetchResult.Status.FAILED).toList();
    }
  }

  /**
   * Runs with the given Hadoop configuration; {@code spark} is asked for a session only when files
   * must be downloaded.
   */
  public static Report run(MirrorOptions o, Configuration conf, Supplier<SparkSession> spark, PrintStream out,
      PrintStream err) {
    String runId = RUN_ID.format(Instant.now()) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
    List<String> problems = new ArrayList<>();
    out.println("[mirror] " + Redact.uri(o.collector()) + " -> " + (o.dest() == null ? "(no destination)"
        : Redact.text(o.dest())) + (o.list() ? " (dry run)" : ""));

    long t0 = System.nanoTime();
    IndexClient.Result fetched;
    try {
      fetched = IndexClient.fetch(o.collector(), o.indexVariants(), o.fetchSettings(), o.maxIndexBytes(),
          o.maxFileSize());
    } catch (IndexClient.NoIndexException e) {
      err.println("error: " + Redact.message(e));
      return new Report(EXIT_USAGE, runId, null, null, List.of(), List.of(), List.of(e.getMessage()), 0, 0, 0);
    }
    long indexMillis = millisSince(t0);
    for (String f : fetched.failedVariants()) {
      err.println("warning: index variant not used: " + f);
    }
    CollectorIndex index = fetched.index();
    out.printf(Locale.ROOT, "[mirror] index %s: %d files, created %s%s, %s (%d ms)%n",
        Redact.uri(fetched.url()), index.entries().size(), index.indexCreated(),
        index.buildRevision() == null ? "" : " by " + index.buildRevision(),
        Progress.bytes(fetched.compressedBytes()), indexMillis);
    for (String r : index.rejected()) {
      err.println("error: rejected index entry " + r);
      problems.add("rejected index entry " + r);
    }

    Selection selection = Selection.of(o);
    List<String> unknown = selection.unknownTypes(index.entries());
    if (!unknown.isEmpty()) {
      err.println("error: --" + MirrorOptions.TYPES + " names unknown type(s) " + String.join(", ", unknown)
          + " (known: " + String.join(", ", CollectorLayout.knownTypes()) + ")");
      return new Report(EXIT_USAGE, runId, fetched, null, List.of(), List.of(), problems, indexMillis, 0, 0);
    }

    long t1 = System.nanoTime();
    List<IndexEntry> selected = selection.apply(index.entries());
    Destination dest = null;
    Planner.Plan plan;
    Manifest.Loaded manifest = new Manifest.Loaded(Map.of(), List.of(), 0);
    try {
      Map<String, Destination.Present> listing = Map.of();
      if (o.dest() != null) {
        dest = Destination.open(o.dest(), conf);
        listing = dest.list();
        manifest = Manifest.load(dest);
      }
      Set<String> indexPaths = new HashSet<>();
      index.entries().forEach(e -> indexPaths.add(e.path()));
      plan = Planner.plan(selected, indexPaths, o.trees(), listing, manifest.records(), o.delete());
    } catch (IOException | RuntimeException e) {
      err.println("error: cannot read the destination: " + Redact.message(e));
      return new Report(EXIT_USAGE, runId, fetched, null, List.of(), List.of(), problems, indexMillis, 0, 0);
    }
    long planMillis = millisSince(t1);
    printPlan(o, selection, index, selected, plan, planMillis, out);
    if (o.list()) {
      printListing(plan, out);
      return new Report(problems.isEmpty() ? EXIT_OK : EXIT_FAILED, runId, fetched, plan, List.of(), List.of(),
          problems, indexMillis, planMillis, 0);
    }

    List<Planner.Item> work = plan.work();
    List<FetchResult> results = List.of();
    long t2 = System.nanoTime();
    try {
      dest.cleanStaging();
      if (!work.isEmpty()) {
        long bytes = work.stream().mapToLong(i -> i.entry().size()).sum();
        try (Progress progress = new Progress(runId, work.size(), bytes, out, o.progressInterval())) {
          results = MirrorJob.run(spark.get(), conf, dest.root().toString(), o.collector(), runId, o, work,
              progress, out);
          out.println(progress.line());
        }
      }
    } catch (IOException | RuntimeException e) {
      err.println("error: download failed: " + Redact.message(e));
      problems.add("download failed: " + Redact.message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted");
    } finally {
      LiveProgress.forget(runId);
    }
    long downloadMillis = millisSince(t2);

    List<String> deleted = new ArrayList<>();
    for (String path : plan.deletes()) {
      try {
        if (dest.delete(path)) {
          deleted.add(path);
          if (o.verbose()) {
            out.println("deleted  " + path);
          }
        }
      } catch (IOException e) {
        err.println("error: cannot delete " + path + ": " + Redact.message(e));
        problems.add("cannot delete " + path);
      }
    }

    try {
      Map<String, ManifestRecord> records = new HashMap<>(plan.carried());
      for (FetchResult r : results) {
        if (r.record() != null) {
          records.put(r.path(), r.record());
        }
      }
      List<Path> absorbed = new ArrayList<>(manifest.journals());
      absorbed.addAll(Manifest.journalsOfRun(dest, runId));
      boolean changed = !work.isEmpty() || !deleted.isEmpty() || !absorbed.isEmpty() || manifest.badLines() > 0
          || records.size() != manifest.records().size()
          || !dest.fs().exists(new Path(dest.manifestDir(), Manifest.SNAPSHOT));
      if (changed) {
        Manifest.writeSnapshot(dest, records.values(), absorbed, runId);
      }
      dest.cleanStaging();
    } catch (IOException | RuntimeException e) {
      err.println("error: cannot write the manifest: " + Redact.message(e));
      problems.add("cannot write the manifest: " + Redact.message(e));
    }

    Report report = new Report(EXIT_OK, runId, fetched, plan, results, deleted, problems, indexMillis,
        planMillis, downloadMillis);
    int exit = report.failures().isEmpty() && problems.isEmpty() ? EXIT_OK : EXIT_FAILED;
    report = new Report(exit, runId, fetched, plan, results, deleted, problems, indexMillis, planMillis,
        downloadMillis);
    printSummary(report, out);
    return report;
  }

  private static void printPlan(MirrorOptions o, Selection selection, CollectorIndex index,
      List<IndexEntry> selected, Planner.Plan plan, long planMillis, PrintStream out) {
    long selectedBytes = selected.stream().mapToLong(IndexEntry::size).sum();
    out.printf(Locale.ROOT, "[mirror] selected %d of %d files (%s) with %s%n", selected.size(),
        index.entries().size(), Progress.bytes(selectedBytes), selection);
    out.printf(Locale.ROOT,
        "[mirror] plan (%d ms): fetch %d (%s), refetch %d (%s), verify %d (%s), skip %d (%s), delete %d%n",
        planMillis, plan.count(Planner.Action.FETCH), Progress.bytes(plan.bytes(Planner.Action.FETCH)),
        plan.count(Planner.Action.REFETCH), Progress.bytes(plan.bytes(Planner.Action.REFETCH)),
        plan.count(Planner.Action.VERIFY), Progress.bytes(plan.bytes(Planner.Action.VERIFY)),
        plan.count(Planner.Action.SKIP), Progress.bytes(plan.bytes(Planner.Action.SKIP)), plan.deletes().size());
    if (o.verbose() && !o.list()) {
      for (Planner.Item i : plan.items()) {
        if (i.action() != Planner.Action.SKIP) {
          out.println("plan     " + i.action().name().toLowerCase(Locale.ROOT) + " " + i.entry().path() + " ("
              + i.reason() + ")");
        }
      }
    }
  }

  private static void printListing(Planner.Plan plan, PrintStream out) {
    out.printf(Locale.ROOT, "%-8s %14s  %s%n", "ACTION", "BYTES", "PATH");
    long bytes = 0;
    for (Planner.Item i : plan.items()) {
      out.printf(Locale.ROOT, "%-8s %14d  %s%s%n", i.action().name().toLowerCase(Locale.ROOT), i.entry().size(),
          i.entry().path(), i.action() == Planner.Action.SKIP || i.action() == Planner.Action.FETCH ? ""
              : "  (" + i.reason() + ")");
      if (i.action() != Planner.Action.SKIP) {
        bytes += i.entry().size();
      }
    }
    for (String d : plan.deletes()) {
      out.printf(Locale.ROOT, "%-8s %14s  %s%n", "delete", "-", d);
    }
    out.printf(Locale.ROOT, "[mirror] would transfer %d files, %d bytes (%s); skip %d; delete %d%n",
        plan.work().size(), bytes, Progress.bytes(bytes), plan.count(Planner.Action.SKIP), plan.deletes().size());
  }

  private static void printSummary(Report r, PrintStream out) {
    long fetchedBytes = r.results().stream().filter(x -> x.status() == FetchResult.Status.FETCHED)
        .mapToLong(FetchResult::size).sum();
    long retries = r.results().stream().mapToLong(FetchResult::retries).sum();
    double secs = Math.max(1e-3, r.downloadMillis() / 1000.0);
    out.printf(Locale.ROOT,
        "[mirror] summary: fetched %d (%s, %s/s), verified in place %d, already mirrored %d, deleted %d, "
            + "failed %d, retries %d, rejected index entries %d%n",
        r.count(FetchResult.Status.FETCHED), Progress.bytes(fetchedBytes), Progress.bytes((long) (fetchedBytes / secs)),
        r.count(FetchResult.Status.ADOPTED), r.plan().count(Planner.Action.SKIP), r.deleted().size(),
        r.failures().size(), retries, r.index().index().rejected().size());
    for (FetchResult f : r.failures()) {
      out.println("[mirror] failed: " + f.path() + ": " + f.error());
    }
    out.println("[mirror] exit " + r.exitCode());
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
