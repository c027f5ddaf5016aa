package org.torspark.jobs.support;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.torspark.jobs.JobArgs;
import org.torspark.jobs.support.Inputs.Kind;

/**
 * Consensus entries and documents as the jobs use them. The same consensus can be read twice (a
 * CollecTor tree holds recent/ files that are also in archive/ tarballs): only one copy per
 * valid-after is kept, chosen by file and entry name, which needs no shuffle of the entries.
 */
public final class Consensuses {
  /** The source columns naming where a row was read from. */
  static final String SOURCE_FILE = "source_file";
  static final String SOURCE_ENTRY = "source_entry";

  private final Dataset<Row> entries;
  private final Dataset<Row> documents;

  private Consensuses(Dataset<Row> entries, Dataset<Row> documents) {
    this.entries = entries;
    this.documents = documents;
  }

  /**
   * Reads the consensuses in {@code range}: entries with {@code entryColumns} (plus valid_after),
   * documents with {@code documentColumns} (plus valid_after), one copy per valid-after.
   */
  public static Consensuses read(SparkSession spark, JobArgs args, List<String> paths, TimeRange range,
      List<String> entryColumns, List<String> documentColumns) {
    // documents are few (one per hour) but parsing them costs as much as parsing the entries: once
    List<String> docColumns = new java.util.ArrayList<>(List.of(SOURCE_FILE, SOURCE_ENTRY));
    docColumns.addAll(documentColumns);
    Dataset<Row> docs = Inputs.read(spark, args, Kind.CONSENSUSES, paths, true, range.from(), range.to())
        .select(columns("valid_after", docColumns)).cache();
    Dataset<Row> chosen = docs.groupBy(col("valid_after"))
        .agg(min(struct(col(SOURCE_FILE), col(SOURCE_ENTRY))).as("src"))
        .select(col("valid_after"), col("src." + SOURCE_FILE).as(SOURCE_FILE), col("src." + SOURCE_ENTRY).as(SOURCE_ENTRY))
        .cache();
    Dataset<Row> rows = Inputs.read(spark, args, Kind.CONSENSUSES, paths, false, range.from(), range.to());
    if (chosen.count() == docs.count()) {
      // one copy of every consensus (the usual case: archive/ or recent/, not both): the semi-join
      // would keep every entry, at the price of hashing two strings per entry (~10% of a job's time)
      return new Consensuses(rows.select(columns("valid_after", entryColumns)),
          docs.select(columns("valid_after", documentColumns)));
    }
    Dataset<Row> docsOnce = sameSource(docs, chosen).select(columns("valid_after", documentColumns));
    Dataset<Row> entriesOnce = sameSource(rows, chosen).select(columns("valid_after", entryColumns));
    return new Consensuses(entriesOnce, docsOnce);
  }

  /**
   * The rows of {@code rows} read from the source chosen for their valid-after in {@code chosen}
   * (columns valid_after, source_file, source_entry). Null-safe: plain files have no entry name.
   */
  public static Dataset<Row> sameSource(Dataset<Row> rows, Dataset<Row> chosen) {
    Dataset<Row> c = chosen.select(col("valid_after").as("c_valid_after"), col(SOURCE_FILE).as("c_file"),
        col(SOURCE_ENTRY).as("c_entry"));
    return rows.join(broadcast(c), rows.col("valid_after").equalTo(c.col("c_valid_after"))
        .and(rows.col(SOURCE_FILE).eqNullSafe(c.col("c_file")))
        .and(rows.col(SOURCE_ENTRY).eqNullSafe(c.col("c_entry"))), "left_semi");
  }

  public Dataset<Row> entries() {
    return entries;
  }

  public Dataset<Row> documents() {
    return documents;
  }

  private static Column[] columns(String first, List<String> rest) {
    Column[] out = new Column[rest.size() + 1];
    out[0] = col(first);
    for (int i = 0; i < rest.size(); i++) {
      out[i + 1] = col(rest.get(i));
    }
    return out;
  }

  /** Column names as the Scala sequence {@code Dataset.join} takes. */
  public static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toSeq();
  }
}
