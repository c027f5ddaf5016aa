package org.torspark.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Column;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;
import org.torspark.descriptor.schema.Tables.Grain;

/**
 * Writes {@code docs/types.md}, the column table of every type and grain, from the {@link Table}
 * definitions and {@link SparkSchema}, so the docs cannot drift from the code ({@code DocsTest}
 * fails when the file is stale). Usage: {@code TypesDoc [docs/types.md]}.
 */
public final class TypesDoc {
  private TypesDoc() {}

  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : "docs/types.md");
    Files.writeString(out, render(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  public static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# tordesc columns per descriptor type\n\n")
        .append("Generated from the parsers' `Table` definitions by `org.torspark.source.TypesDoc`; do not edit.\n")
        .append("`DocsTest` fails when this file is stale; regenerate it with\n")
        .append("`mvn -o -q -pl jobs -am test -Dtest=DocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dtorspark.writeTypesDoc=true`.\n\n")
        .append("Options and examples: [datasource.md](datasource.md). Nested fields are listed as `column.field`\n")
        .append("(`column[].field` inside arrays of structs). All columns are nullable: error rows carry only\n")
        .append("the columns below and the error.\n\n")
        .append("## Columns of every row\n\n");
    header(sb);
    for (StructField f : SparkSchema.extraFields(DescriptorOptions.CORRUPT_COLUMN_DEFAULT)) {
      row(sb, f.name(), f.dataType().simpleString(), f.getComment().getOrElse(() -> ""));
    }
    sb.append("\n`").append(DescriptorOptions.CORRUPT_COLUMN_DEFAULT)
        .append("` is renamed with the option `columnNameOfCorruptRecord`.\n");
    for (DescriptorType type : DescriptorType.values()) {
      for (Grain grain : type.oneDocumentPerFile() ? Grain.values() : new Grain[] {Grain.ROW}) {
        sb.append("\n## ").append(type.typeName());
        if (type.oneDocumentPerFile()) {
          sb.append(grain == Grain.ROW ? " (grain `row`, the default)" : " (grain `document`)");
        }
        sb.append("\n\n");
        Table<?> table;
        try {
          table = Tables.forType(type, grain);
        } catch (IllegalArgumentException e) {
          sb.append("No table registered yet: ").append(e.getMessage()).append(".\n");
          continue;
        }
        sb.append("`option(\"type\", \"").append(type.typeName()).append("\")");
        if (grain == Grain.DOCUMENT) {
          sb.append(".option(\"grain\", \"document\")");
        }
        sb.append("`; ");
        if (type.timeColumn() != null && table.column(type.timeColumn()) != null) {
          sb.append("time column (pushdown, file pruning) `").append(type.timeColumn()).append("`.\n\n");
        } else {
          sb.append("no time column.\n\n");
        }
        header(sb);
        columns(sb, table, "");
      }
    }
    return sb.toString();
  }

  private static void columns(StringBuilder sb, Table<?> table, String prefix) {
    for (Column<?> c : table.columns()) {
      DataType t = SparkSchema.dataType(c);
      String type = c.type() == ColumnType.STRUCT ? "struct" : c.type() == ColumnType.STRUCT_LIST
          ? "array<struct>" : t.simpleString();
      row(sb, prefix + c.name(), type, c.doc());
      if (c.nested() != null) {
        columns(sb, c.nested(), prefix + c.name() + (c.type() == ColumnType.STRUCT_LIST ? "[]." : "."));
      }
    }
  }

  private static void header(StringBuilder sb) {
    sb.append("| column | Spark type | meaning |\n|---|---|---|\n");
  }

  private static void row(StringBuilder sb, String name, String type, String doc) {
    sb.append("| `").append(name).append("` | `").append(type).append("` | ")
        .append(doc.replace("|", "\\|").replace("\n", " ")).append(" |\n");
  }
}
