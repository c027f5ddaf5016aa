package org.torspark.collector;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files and bytes done out of the planned total, with rate and ETA, printed to the console every
 * {@code --progress-interval}. Finished tasks report through {@link #finished}; in local mode the
 * bytes of files still streaming are added from {@link LiveProgress}.
 */
final class Progress implements AutoCloseable {
  private final String runId;
  private final long totalFiles;
  private final long totalBytes;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread reporter;
  private volatile boolean closed;

  Progress(String runId, long totalFiles, long totalBytes, PrintStream out, Duration interval) {
    this.runId = runId;
    this.totalFiles = totalFiles;
    this.totalBytes = totalBytes;
    this.out = out;
    if (interval.isZero()) {
      reporter = null;
    } else {
      reporter = new Thread(() -> loop(interval.toMillis()), "torspark-mirror-progress");
      reporter.setDaemon(true);
      reporter.start();
    }
  }

  private void loop(long intervalMs) {
    while (!closed) {
      try {
        Thread.sleep(intervalMs);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        out.println(line());
      }
    }
  }

  void finished(FetchResult r) {
    files.incrementAndGet();
    if (r.status() == FetchResult.Status.FAILED) {
      failed.incrementAndGet();
    } else {
      bytes.addAndGet(r.size());
    }
  }

  /** Bytes done: finished files, or everything streamed so far when the tasks run in this JVM. */
  long bytesDone() {
    long live = LiveProgress.bytes(runId);
    return Math.max(bytes.get(), Math.min(live, totalBytes));
  }

  String line() {
    double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    long done = bytesDone();
    double rate = done / secs;
    String eta = rate > 0 && done < totalBytes ? duration((long) ((totalBytes - done) / rate)) : "-";
    return String.format(Locale.ROOT, "[mirror] files %d/%d%s, %s/%s, %s/s, elapsed %s, ETA %s",
        files.get(), totalFiles, failed.get() > 0 ? " (" + failed.get() + " failed)" : "",
        bytes(done), bytes(totalBytes), bytes((long) rate), duration((long) secs), eta);
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }

  @Override
  public void close() {
    closed = true;
    if (reporter != null) {
      reporter.interrupt();
    }
  }
}
