package org.torspark.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.torspark.descriptor.DescriptorError;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Column;
import org.torspark.descriptor.schema.Table;

/**
 * Writes descriptor rows as JSON objects whose keys are the {@link Table}'s column names, so the
 * JSON lines match the Spark schema field for field. Timestamps are ISO-8601 UTC
 * ({@code 2022-11-19T03:58:26Z}); nulls are written as null, not left out.
 */
final class JsonRows {
  private JsonRows() {}

  static <R> void writeRow(JsonGenerator g, DescriptorType type, DescriptorSource source, Table<R> table, R row)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("type", type.typeName());
    g.writeStringField("source_file", source.file());
    g.writeStringField("source_entry", source.entry());
    writeColumns(g, table, row);
    g.writeEndObject();
  }

  static void writeError(JsonGenerator g, DescriptorError e) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", e.type() == null ? null : e.type().typeName());
    g.writeStringField("source_file", e.source().file());
    g.writeStringField("source_entry", e.source().entry());
    g.writeStringField("error", e.message());
    g.writeNumberField("offset", e.offset());
    g.writeNumberField("line_number", e.lineNumber());
    g.writeStringField("line", e.line());
    g.writeEndObject();
  }

  private static <R> void writeColumns(JsonGenerator g, Table<R> table, R row) throws IOException {
    for (Column<R> c : table.columns()) {
      g.writeFieldName(c.name());
      writeValue(g, c, c.get(row));
    }
  }

  @SuppressWarnings("unchecked")
  private static void writeValue(JsonGenerator g, Column<?> c, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
      return;
    }
    switch (c.type()) {
      case STRUCT:
        g.writeStartObject();
        writeColumns(g, (Table<Object>) c.nested(), v);
        g.writeEndObject();
        break;
      case STRUCT_LIST:
        g.writeStartArray();
        for (Object item : (List<?>) v) {
          g.writeStartObject();
          writeColumns(g, (Table<Object>) c.nested(), item);
          g.writeEndObject();
        }
        g.writeEndArray();
        break;
      default:
        writePlain(g, v);
    }
  }

  private static void writePlain(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Instant t) {
      g.writeString(t.toString());
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writePlain(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writePlain(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      throw new IllegalStateException("unexpected column value class " + v.getClass().getName());
    }
  }
}
