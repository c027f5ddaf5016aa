package org.torspark.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.torspark.bandwidth.SbwsResult;

/** Reads sbws raw results (JSON lines, any file names, folders recursively) as {@link SbwsResult}s. */
final class SbwsResults {
  private SbwsResults() {}

  /** The results, and a counter of the lines that were not results (blank lines are not counted). */
  record Read(JavaRDD<SbwsResult> results, LongAccumulator badLines) {}

  static Read read(SparkSession spark, List<String> paths, Instant start, Instant end) {
    LongAccumulator bad = spark.sparkContext().longAccumulator("sbws result lines not parsed");
    JavaRDD<String> lines = spark.read().option("recursiveFileLookup", "true")
        .textFile(paths.toArray(new String[0])).javaRDD();
    double from = start == null ? Double.NEGATIVE_INFINITY : start.getEpochSecond();
    double to = end == null ? Double.POSITIVE_INFINITY : end.getEpochSecond() + 0.999999;
    JavaRDD<SbwsResult> results = lines.mapPartitions(it -> {
      List<SbwsResult> out = new ArrayList<>();
      while (it.hasNext()) {
        String line = it.next();
        if (line.isBlank()) {
          continue;
        }
        try {
          SbwsResult r = SbwsResult.parse(line);
          if (r.time() >= from && r.time() <= to) {
            out.add(r);
          }
        } catch (IllegalArgumentException e) {
          bad.add(1);
        }
      }
      return out.iterator();
    });
    return new Read(results, bad);
  }
}
