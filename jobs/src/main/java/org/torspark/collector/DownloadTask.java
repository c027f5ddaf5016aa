package org.torspark.collector;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.torspark.source.HadoopConf;

/**
 * The body of one Spark download task: a small group of files, each verified in place (VERIFY) or
 * downloaded, checked and published through {@link Destination}; at the end the task writes a
 * manifest journal of what it published. Failures become results, never exceptions, so Spark does
 * not rerun a task for a 404, and one bad file does not cost its neighbours.
 */
final class DownloadTask implements FlatMapFunction<Iterator<List<Planner.Item>>, FetchResult> {
  private static final long serialVersionUID = 1L;

  /** Named accumulators, shown on the Spark UI's stage page. */
  record Counters(LongAccumulator filesDone, LongAccumulator bytesDone, LongAccumulator filesFailed,
      LongAccumulator retries, LongAccumulator bytesTransferred) implements java.io.Serializable {}

  private final String dest;
  private final URI base;
  private final String runId;
  private final HttpFetcher.Settings settings;
  private final Broadcast<HadoopConf> conf;
  private final Counters counters;

  DownloadTask(String dest, URI base, String runId, HttpFetcher.Settings settings, Broadcast<HadoopConf> conf,
      Counters counters) {
    this.dest = dest;
    this.base = base;
    this.runId = runId;
    this.settings = settings;
    this.conf = conf;
    this.counters = counters;
  }

  @Override
  public Iterator<FetchResult> call(Iterator<List<Planner.Item>> groups) throws Exception {
    Destination d = Destination.open(dest, conf.value().get());
    String tag = taskTag();
    HttpFetcher fetcher = new HttpFetcher(settings);
    List<FetchResult> results = new ArrayList<>();
    List<ManifestRecord> published = new ArrayList<>();
    while (groups.hasNext()) {
      for (Planner.Item item : groups.next()) {
        FetchResult r = process(d, fetcher, item, tag);
        results.add(r);
        if (r.record() != null) {
          published.add(r.record());
        }
        count(r);
      }
    }
    if (!published.isEmpty()) {
      try {
        Manifest.writeJournal(d, runId, tag, published);
      } catch (IOException e) {
        // The files are published; without a journal a killed driver only costs re-hashing them.
        System.err.println("torspark mirror: could not write manifest journal: " + Redact.message(e));
      }
    }
    return results.iterator();
  }

  private void count(FetchResult r) {
    if (counters == null) {
      return;
    }
    counters.retries().add(r.retries());
    counters.bytesTransferred().add(r.bytesTransferred());
    if (r.status() == FetchResult.Status.FAILED) {
      counters.filesFailed().add(1);
    } else {
      counters.filesDone().add(1);
      counters.bytesDone().add(r.size());
    }
  }

  FetchResult process(Destination d, HttpFetcher fetcher, Planner.Item item, String tag) {
    IndexEntry e = item.entry();
    long t0 = System.nanoTime();
    String verifyNote = null;
    if (item.action() == Planner.Action.VERIFY) {
      try {
        String sha = hashInPlace(d, e);
        if (sha != null) {
          return new FetchResult(e.path(), FetchResult.Status.ADOPTED, e.size(), 0, 0, millisSince(t0), null,
              ManifestRecord.of(e, sha, Instant.now()));
        }
        verifyNote = "copy in place differs";
      } catch (IOException ex) {
        verifyNote = "copy in place unreadable: " + Redact.message(ex);
      }
    }
    URI url = fileUrl(base, e.path());
    HttpFetcher.Outcome out;
    try (Destination.Sink sink = d.sink(e.path(), runId, tag)) {
      out = fetcher.fetch(url, e.size(), e.sha256Bytes(), e.size(), sink, new HttpFetcher.Listener() {
        @Override
        public void bytes(long delta) {
          LiveProgress.add(runId, delta);
        }
      });
      if (out.ok()) {
        sink.commit();
        return new FetchResult(e.path(), FetchResult.Status.FETCHED, out.size(), out.attempts(),
            out.bytesTransferred(), millisSince(t0), null, ManifestRecord.of(e, out.sha256Base64(), Instant.now()));
      }
    } catch (IOException | RuntimeException ex) {
      return new FetchResult(e.path(), FetchResult.Status.FAILED, e.size(), 1, 0, millisSince(t0),
          "cannot write to the destination: " + Redact.message(ex), null);
    }
    String error = out.error() + (verifyNote == null ? "" : " (" + verifyNote + ")");
    return new FetchResult(e.path(), FetchResult.Status.FAILED, e.size(), out.attempts(), out.bytesTransferred(),
        millisSince(t0), error, null);
  }

  /** The Base64 SHA-256 of the file in place when it matches the entry (size, and digest if known). */
  private String hashInPlace(Destination d, IndexEntry e) throws IOException {
    MessageDigest md = HttpFetcher.sha256();
    long size = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = d.fs().open(d.finalPath(e.path()))) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        size += n;
        LiveProgress.add(runId, n);
        if (size > e.size()) {
          break;
        }
      }
    }
    byte[] got = md.digest();
    if (size != e.size()) {
      LiveProgress.add(runId, -size);
      return null;
    }
    byte[] want = e.sha256Bytes();
    if (want != null && !MessageDigest.isEqual(want, got)) {
      LiveProgress.add(runId, -size);
      return null;
    }
    return Base64.getEncoder().encodeToString(got);
  }

  /** The URL of an index path below the user's base URL; only paths that passed SafePaths get here. */
  static URI fileUrl(URI base, String path) {
    String why = SafePaths.checkPath(path);
    if (why != null) {
      throw new IllegalArgumentException("unsafe path '" + SafePaths.printable(path) + "': " + why);
    }
    return URI.create(base.toString() + "/" + path);
  }

  private static String taskTag() {
    TaskContext tc = TaskContext.get();
    if (tc == null) {
      return UUID.randomUUID().toString().substring(0, 8);
    }
    return "p" + tc.partitionId() + "-a" + tc.attemptNumber() + "-t" + tc.taskAttemptId();
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
