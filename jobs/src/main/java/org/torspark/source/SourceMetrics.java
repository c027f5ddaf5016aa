package org.torspark.source;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.torspark.descriptor.ReadStats;

/**
 * The counts a {@code tordesc} scan shows in the Spark UI's SQL tab (and in
 * {@code SQLMetrics} of the scan node): what the readers saw, summed over tasks, and what planning
 * skipped. Spark instantiates the metric classes by name, so each is a public class with a public
 * no-argument constructor.
 */
public final class SourceMetrics {
  static final String DESCRIPTORS = "descriptorsRead";
  static final String ERRORS = "malformedDocuments";
  static final String SKIPPED = "otherTypeDocuments";
  static final String FILES = "filesRead";
  static final String BYTES = "uncompressedBytes";
  static final String FILES_LISTED = "filesListed";
  static final String FILES_PRUNED = "filesPrunedByTime";

  private SourceMetrics() {}

  static CustomMetric[] supported() {
    return new CustomMetric[] {
      new Descriptors(), new Errors(), new Skipped(), new Files(), new Bytes(), new FilesListed(), new FilesPruned()
    };
  }

  /** Task-side values from the reader's running totals. */
  static CustomTaskMetric[] task(ReadStats s) {
    return new CustomTaskMetric[] {
      value(DESCRIPTORS, s.descriptors()), value(ERRORS, s.errors()), value(SKIPPED, s.skipped()),
      value(FILES, s.files()), value(BYTES, s.bytes())
    };
  }

  static CustomTaskMetric[] driver(long listed, long pruned) {
    return new CustomTaskMetric[] {value(FILES_LISTED, listed), value(FILES_PRUNED, pruned)};
  }

  static CustomTaskMetric value(String name, long value) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    };
  }

  private abstract static class Sum extends CustomSumMetric {
    private final String name;
    private final String description;

    Sum(String name, String description) {
      this.name = name;
      this.description = description;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }
  }

  public static final class Descriptors extends Sum {
    public Descriptors() {
      super(DESCRIPTORS, "descriptors read");
    }
  }

  public static final class Errors extends Sum {
    public Errors() {
      super(ERRORS, "malformed documents (error rows, dropped or failed)");
    }
  }

  public static final class Skipped extends Sum {
    public Skipped() {
      super(SKIPPED, "documents of other types skipped");
    }
  }

  public static final class Files extends Sum {
    public Files() {
      super(FILES, "files read");
    }
  }

  public static final class Bytes extends Sum {
    public Bytes() {
      super(BYTES, "bytes read, uncompressed");
    }
  }

  public static final class FilesListed extends Sum {
    public FilesListed() {
      super(FILES_LISTED, "files listed");
    }
  }

  public static final class FilesPruned extends Sum {
    public FilesPruned() {
      super(FILES_PRUNED, "files skipped by their name's time range");
    }
  }
}
