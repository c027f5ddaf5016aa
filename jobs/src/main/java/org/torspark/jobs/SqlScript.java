package org.torspark.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code torspark run sql --file queries.sql} (or {@code --query "..."}): runs SQL statements in
 * order, e.g. {@code CREATE TEMPORARY VIEW ... USING tordesc} then {@code SELECT}s, and prints what
 * each query returns as tab-separated lines. SQL without a notebook or a Spark distribution.
 */
public final class SqlScript implements Job {
  public static final String NAME = "sql";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "run SQL statements (e.g. CREATE TEMPORARY VIEW ... USING tordesc; SELECT ...) and print the results";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.of("file", null, "file of SQL statements separated by ';'"),
        JobOption.repeatable("query", "SQL statements, run after --file (repeatable)"),
        JobOption.of("limit", "100", "most rows printed per query"));
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args) throws IOException {
    List<String> statements = new ArrayList<>();
    if (args.get("file") != null) {
      statements.addAll(split(Files.readString(Paths.get(args.get("file")), StandardCharsets.UTF_8)));
    }
    for (String q : args.all("query")) {
      statements.addAll(split(q));
    }
    if (statements.isEmpty()) {
      throw new JobArgException("give --file or --query");
    }
    return run(spark, statements, args.getInt("limit", 1, 1_000_000));
  }

  /** Runs each statement; returns the header and rows of every statement that returns columns. */
  public static List<String> run(SparkSession spark, List<String> statements, int limit) {
    List<String> out = new ArrayList<>();
    for (String sql : statements) {
      Dataset<Row> result = spark.sql(sql);
      if (result.columns().length == 0) {
        continue;
      }
      out.add(String.join("\t", result.columns()));
      List<Row> rows = result.limit(limit + 1).collectAsList();
      for (int i = 0; i < Math.min(limit, rows.size()); i++) {
        Row r = rows.get(i);
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < r.length(); c++) {
          cells.add(String.valueOf(r.get(c)));
        }
        out.add(String.join("\t", cells));
      }
      if (rows.size() > limit) {
        out.add("... (more than " + limit + " rows)");
      }
    }
    return out;
  }

  /** Splits on ';' outside quotes and comments; drops empty statements and '--' comment lines. */
  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      if (quote == 0 && c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        while (i < script.length() && script.charAt(i) != '\n') {
          i++;
        }
        cur.append('\n');
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"' || c == '`')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      }
      if (quote == 0 && c == ';') {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
