package org.torspark.collector;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes streamed so far per run, counted by download tasks in their JVM. In local mode the tasks run
 * in the driver's JVM, so the console shows bytes as they arrive; on a cluster the driver only
 * learns of finished tasks (accumulators and results), and this stays empty on the driver.
 */
final class LiveProgress {
  private static final ConcurrentHashMap<String, AtomicLong> BYTES = new ConcurrentHashMap<>();

  private LiveProgress() {}

  static void add(String runId, long delta) {
    BYTES.computeIfAbsent(runId, k -> new AtomicLong()).addAndGet(delta);
  }

  /** -1 when no task of this run has reported in this JVM. */
  static long bytes(String runId) {
    AtomicLong a = BYTES.get(runId);
    return a == null ? -1 : a.get();
  }

  static void forget(String runId) {
    BYTES.remove(runId);
  }
}
