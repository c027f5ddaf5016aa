package org.torspark.jobs.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.JobOption;
import org.torspark.jobs.support.Inputs;
import org.torspark.jobs.support.Inputs.Kind;
import org.torspark.jobs.support.Outputs;
import org.torspark.jobs.support.TimeRange;

/**
 * The descriptor-based parts of {@code measurement-aggregates} ({@code --part histories},
 * {@code --part network}); {@link org.torspark.jobs.MeasurementAggregatesJob} dispatches to them.
 * Add a part here to make it available.
 */
public final class MeasurementParts {
  /** Shared by the parts that make daily means over consensuses. */
  public static final JobOption MIN_CONSENSUSES = JobOption.of("min-consensuses", "12",
      "histories/network: daily tables skip days with fewer consensuses (Tor Metrics uses 12)");

  private MeasurementParts() {}

  public static List<MeasurementPart> all() {
    return List.of(new HistoryAggregates(), new NetworkAggregates());
  }

  public static Optional<MeasurementPart> byName(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return all().stream().map(MeasurementPart::name).toList();
  }

  /**
   * The options these parts read beyond the job's {@code --in/--out/--start/--end/--part}: typed
   * inputs, the daily threshold, read options and each part's own.
   */
  public static List<JobOption> options() {
    Map<String, JobOption> options = new LinkedHashMap<>();
    for (JobOption o : List.of(Kind.CONSENSUSES.jobOption(), Kind.SERVER_DESCRIPTORS.jobOption(),
        Kind.EXTRA_INFOS.jobOption(), MIN_CONSENSUSES, Inputs.READ_OPTION)) {
      options.put(o.name(), o);
    }
    for (MeasurementPart p : all()) {
      for (JobOption o : p.options()) {
        options.putIfAbsent(o.name(), o);
      }
    }
    return List.copyOf(options.values());
  }

  /** Runs one part: options and inputs are checked before anything is read. */
  public static List<String> run(MeasurementPart part, SparkSession spark, JobArgs args) {
    TimeRange range = TimeRange.of(args);
    Outputs out = Outputs.of(args);
    args.getInt(MIN_CONSENSUSES.name(), 1, 1440);
    part.check(spark, args);
    List<String> lines = new ArrayList<>(part.run(spark, args, range, out));
    lines.addAll(out.summary());
    return lines;
  }
}
