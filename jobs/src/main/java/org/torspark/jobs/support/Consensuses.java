package org.torspark.jobs.support;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
    Dataset<Row> rows = Inputs.read(spark, args, Kind.CONSENSUSES, paths, false, range.from(), range.to());
    // which file each consensus came from: one row per document (720 a month), decided on the driver;
    // an aggregate in Spark cost a shuffle, two counts and their planning, about a second a run
    List<Row> chosen = chosen(docs.select(col("valid_after"), col(SOURCE_FILE), col(SOURCE_ENTRY)).collectAsList());
    if (chosen == null) {
      // one copy of every consensus (the usual case: archive/ or recent/, not both): the semi-join
      // would keep every entry, at the price of hashing two strings per entry (~10% of a job's time)
      return new Consensuses(rows.select(columns("valid_after", entryColumns)),
          docs.select(columns("valid_after", documentColumns)));
    }
    Dataset<Row> chosenRows = spark.createDataFrame(chosen, new StructType()
        .add("valid_after", DataTypes.TimestampType).add(SOURCE_FILE, DataTypes.StringType)
        .add(SOURCE_ENTRY, DataTypes.StringType));
    Dataset<Row> docsOnce = sameSource(docs, chosenRows).select(columns("valid_after", documentColumns));
    Dataset<Row> entriesOnce = sameSource(rows, chosenRows).select(columns("valid_after", entryColumns));
    return new Consensuses(entriesOnce, docsOnce);
  }

  /**
   * Given (valid_after, source_file, source_entry) of every document read, null when no valid-after
   * repeats; else one row per valid-after: the least (source_file, source_entry), nulls first, as
   * Spark orders structs.
   */
  static List<Row> chosen(List<Row> documents) {
    Map<Object, Row> least = new LinkedHashMap<>();
    for (Row d : documents) {
      least.merge(d.get(0), d, (a, b) -> SOURCE_ORDER.compare(a, b) <= 0 ? a : b);
    }
    return least.size() == documents.size() ? null : new ArrayList<>(least.values());
  }

  private static final Comparator<Row> SOURCE_ORDER = Comparator
      .comparing((Row r) -> r.getString(1), Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing((Row r) -> r.getString(2), Comparator.nullsFirst(Comparator.<String>naturalOrder()));

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
