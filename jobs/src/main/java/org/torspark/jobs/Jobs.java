package org.torspark.jobs;

import java.util.List;
import java.util.Optional;

/** The job table: every job {@code torspark run} knows. */
public final class Jobs {
  private Jobs() {}

  public static List<Job> all() {
    return List.of(new ArchivesToParquet(), new SqlScript(), new BandwidthScalingJob(),
        new MeasurementAggregatesJob());
  }

  public static Optional<Job> byName(String name) {
    return all().stream().filter(j -> j.name().equals(name)).findFirst();
  }
}
