package org.torspark.descriptor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.torspark.descriptor.Descriptor;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExtraInfoDescriptor;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.ServerDescriptor;
import org.torspark.descriptor.parse.Parsers;
import org.torspark.testing.Fixtures;

/**
 * The server and extra-info tables are the contract for JSON, Spark and the README: registered
 * for their four types, named in snake_case, and every value a real descriptor yields has the Java
 * class its column type promises.
 */
class RelayTablesTest {

  private static String fixtureFor(DescriptorType type) {
    switch (type) {
      case SERVER_DESCRIPTOR:
        return "server-descriptor/2020-02-29-10-05-00-server-descriptors";
      case BRIDGE_SERVER_DESCRIPTOR:
        return "bridge-server-descriptor/2017-07-17-17-09-00-server-descriptors";
      case EXTRA_INFO:
        return "collector-tarball/extra-infos-2019-04-cropped.tar";
      default:
        return "bridge-extra-info/2017-07-17-17-09-00-extra-infos";
    }
  }

  @ParameterizedTest
  @EnumSource(value = DescriptorType.class,
      names = {"SERVER_DESCRIPTOR", "BRIDGE_SERVER_DESCRIPTOR", "EXTRA_INFO", "BRIDGE_EXTRA_INFO"})
  void tableIsRegisteredAndEveryValueHasItsColumnsType(DescriptorType type) throws IOException {
    assertThat(Parsers.forType(type)).isNotNull();
    Table<?> table = Tables.forType(type, Tables.Grain.ROW);
    boolean server = type == DescriptorType.SERVER_DESCRIPTOR || type == DescriptorType.BRIDGE_SERVER_DESCRIPTOR;
    assertThat(table).isSameAs(server ? ServerDescriptor.TABLE : ExtraInfoDescriptor.TABLE);
    assertThat(table.column(type.timeColumn())).isNotNull();
    assertThat(table.column("digest")).isNotNull();
    assertThat(table.column("unknown_lines").type()).isEqualTo(ColumnType.STRING_LIST);
    assertNames(table);

    List<Descriptor> descriptors = new ArrayList<>();
    try (InputStream in = Fixtures.open(fixtureFor(type));
        DescriptorReader reader = DescriptorReader.open(in, fixtureFor(type),
            DescriptorReader.Options.lenient().withType(type))) {
      while (reader.hasNext()) {
        ParsedDocument d = reader.next();
        assertThat(d.isError()).as(String.valueOf(d.error())).isFalse();
        descriptors.add(d.descriptor());
      }
    }
    assertThat(descriptors).isNotEmpty();
    for (Descriptor d : descriptors) {
      List<Object> rows = new ArrayList<>(table.rowsOf(d));
      assertThat(rows).containsExactly(d);
      checkRow(table, rows.get(0));
    }
  }

  private static void assertNames(Table<?> table) {
    for (Column<?> c : table.columns()) {
      assertThat(c.name()).matches("[a-z][a-z0-9_]*");
      assertThat(c.doc()).isNotBlank();
      if (c.nested() != null) {
        assertNames(c.nested());
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void checkRow(Table table, Object row) {
    for (Object o : table.columns()) {
      Column c = (Column) o;
      Object v = c.get(row);
      if (v == null) {
        continue;
      }
      String what = table.name() + "." + c.name();
      switch (c.type()) {
        case STRING:
          assertThat(v).as(what).isInstanceOf(String.class);
          break;
        case INT:
          assertThat(v).as(what).isInstanceOf(Integer.class);
          break;
        case LONG:
          assertThat(v).as(what).isInstanceOf(Long.class);
          break;
        case DOUBLE:
          assertThat(v).as(what).isInstanceOf(Double.class);
          break;
        case BOOLEAN:
          assertThat(v).as(what).isInstanceOf(Boolean.class);
          break;
        case TIMESTAMP:
          assertThat(v).as(what).isInstanceOf(Instant.class);
          break;
        case STRING_LIST:
          assertThat((List<?>) v).as(what).allSatisfy(e -> assertThat(e).isInstanceOf(String.class));
          break;
        case LONG_LIST:
          assertThat((List<?>) v).as(what).allSatisfy(e -> assertThat(e).isInstanceOf(Long.class));
          break;
        case DOUBLE_LIST:
          assertThat((List<?>) v).as(what).allSatisfy(e -> assertThat(e).isInstanceOf(Double.class));
          break;
        case STRING_MAP:
          assertThat(((Map<?, ?>) v).values()).as(what).allSatisfy(e -> assertThat(e).isInstanceOf(String.class));
          break;
        case LONG_MAP:
          assertThat(((Map<?, ?>) v).values()).as(what).allSatisfy(e -> assertThat(e).isInstanceOf(Long.class));
          break;
        case DOUBLE_MAP:
          assertThat(((Map<?, ?>) v).values()).as(what).allSatisfy(e -> assertThat(e).isInstanceOf(Double.class));
          break;
        case STRUCT:
          checkRow(c.nested(), v);
          break;
        case STRUCT_LIST:
          for (Object e : (List<?>) v) {
            checkRow(c.nested(), e);
          }
          break;
        default:
          throw new AssertionError("column type without a check: " + c.type());
      }
    }
  }
}
