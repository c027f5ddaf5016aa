package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorError;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/** Schema and row conversion over a made-up table that uses every column type. */
class RowConverterTest {

  record Port(String proto, int port) {
    static final Table<Port> TABLE = Table.<Port>builder("port")
        .column("proto", ColumnType.STRING, Port::proto, "protocol")
        .column("port", ColumnType.INT, Port::port, "port number")
        .build();
  }

  record Thing(String name, Integer count, Long total, Double share, Boolean running, Instant seen,
      List<String> tags, List<Integer> ints, List<Long> longs, List<Double> doubles, Map<String, String> props,
      Map<String, Long> counts, Map<String, Double> weights, Map<String, List<String>> unknown, Port main,
      List<Port> ports) {
    static final Table<Thing> TABLE = Table.<Thing>builder("thing")
        .column("name", ColumnType.STRING, Thing::name, "name")
        .column("count", ColumnType.INT, Thing::count, "")
        .column("total", ColumnType.LONG, Thing::total, "")
        .column("share", ColumnType.DOUBLE, Thing::share, "")
        .column("running", ColumnType.BOOLEAN, Thing::running, "")
        .column("seen", ColumnType.TIMESTAMP, Thing::seen, "")
        .column("tags", ColumnType.STRING_LIST, Thing::tags, "")
        .column("ints", ColumnType.INT_LIST, Thing::ints, "")
        .column("longs", ColumnType.LONG_LIST, Thing::longs, "")
        .column("doubles", ColumnType.DOUBLE_LIST, Thing::doubles, "")
        .column("props", ColumnType.STRING_MAP, Thing::props, "")
        .column("counts", ColumnType.LONG_MAP, Thing::counts, "")
        .column("weights", ColumnType.DOUBLE_MAP, Thing::weights, "")
        .column("unknown", ColumnType.STRING_LIST_MAP, Thing::unknown, "")
        .struct("main", Port.TABLE, Thing::main, "")
        .structList("ports", Port.TABLE, Thing::ports, "")
        .oneRowPerDescriptor()
        .build();
  }

  private static Thing thing() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("b", "2");
    props.put("a", "1");
    return new Thing("moria1", 3, 1L << 40, 0.5, true, Instant.parse("2019-05-01T13:00:00.123456Z"),
        List.of("Exit", "Fast"), List.of(1, 2), List.of(3L), List.of(0.25), props, Map.of("x", 7L),
        Map.of("Wgg", 0.6), Map.of("hibernating", List.of("hibernating 1")), new Port("tcp", 443),
        List.of(new Port("tcp", 80), new Port("udp", 53)));
  }

  @Test
  void schemaMapsEveryColumnTypeAndAppendsProvenance() {
    StructType s = SparkSchema.of(Thing.TABLE, "_corrupt_record");
    assertThat(s.fieldNames()).containsExactly("name", "count", "total", "share", "running", "seen", "tags",
        "ints", "longs", "doubles", "props", "counts", "weights", "unknown", "main", "ports", "source_file",
        "source_entry", "source_offset", "source_line", "_corrupt_record");
    assertThat(s.apply("seen").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(s.apply("unknown").dataType()).isEqualTo(DataTypes.createMapType(DataTypes.StringType,
        DataTypes.createArrayType(DataTypes.StringType, true), true));
    assertThat(s.apply("ports").dataType().simpleString()).isEqualTo("array<struct<proto:string,port:int>>");
    assertThat(s.apply("name").getComment().get()).isEqualTo("name");
    assertThat(s.fields()).allSatisfy(f -> assertThat(f.nullable()).isTrue());
  }

  @Test
  void rowCarriesInternalValues() {
    StructType s = SparkSchema.of(Thing.TABLE, "_corrupt_record");
    RowConverter c = new RowConverter(Thing.TABLE, s, "_corrupt_record");
    InternalRow r = c.descriptorRow(thing(), UTF8String.fromString("file:/f"), null, 42, 7);
    assertThat(r.getUTF8String(0).toString()).isEqualTo("moria1");
    assertThat(r.getInt(1)).isEqualTo(3);
    assertThat(r.getLong(2)).isEqualTo(1L << 40);
    assertThat(r.getDouble(3)).isEqualTo(0.5);
    assertThat(r.getBoolean(4)).isTrue();
    assertThat(r.getLong(5)).isEqualTo(1556715600123456L);
    assertThat(r.getArray(6).getUTF8String(1).toString()).isEqualTo("Fast");
    assertThat(r.getArray(7).getInt(1)).isEqualTo(2);
    assertThat(r.getMap(10).keyArray().getUTF8String(0).toString()).isEqualTo("b");
    assertThat(r.getMap(13).valueArray().getArray(0).getUTF8String(0).toString()).isEqualTo("hibernating 1");
    assertThat(r.getStruct(14, 2).getInt(1)).isEqualTo(443);
    assertThat(r.getArray(15).getStruct(1, 2).getUTF8String(0).toString()).isEqualTo("udp");
    assertThat(r.getUTF8String(16).toString()).isEqualTo("file:/f");
    assertThat(r.isNullAt(17)).isTrue();
    assertThat(r.getLong(18)).isEqualTo(42);
    assertThat(r.getInt(19)).isEqualTo(7);
    assertThat(r.isNullAt(20)).isTrue();
  }

  @Test
  void prunedSchemaReadsOnlyTheRequestedColumnsAlsoInsideStructs() {
    StructType port = new StructType(new StructField[] {DataTypes.createStructField("port", DataTypes.IntegerType, true)});
    StructType want = new StructType(new StructField[] {
      DataTypes.createStructField("ports", DataTypes.createArrayType(port, true), true),
      DataTypes.createStructField("source_line", DataTypes.IntegerType, true),
      DataTypes.createStructField("seen", DataTypes.TimestampType, true)});
    RowConverter c = new RowConverter(Thing.TABLE, want, "_corrupt_record");
    InternalRow r = c.descriptorRow(thing(), null, null, 0, 9);
    assertThat(r.numFields()).isEqualTo(3);
    assertThat(r.getArray(0).getStruct(0, 1).getInt(0)).isEqualTo(80);
    assertThat(r.getInt(1)).isEqualTo(9);
  }

  @Test
  void errorRowHasNullFieldsAndTheErrorInTheCorruptColumn() {
    StructType s = SparkSchema.of(Thing.TABLE, "bad");
    RowConverter c = new RowConverter(Thing.TABLE, s, "bad");
    DescriptorError e = new DescriptorError(DescriptorType.SERVER_DESCRIPTOR, new DescriptorSource("f", "e"), 10, 3,
        "platform x", "broken");
    InternalRow r = c.errorRow(e, "the message", UTF8String.fromString("f"), UTF8String.fromString("e"));
    for (int i = 0; i < 16; i++) {
      assertThat(r.isNullAt(i)).as("field " + i).isTrue();
    }
    assertThat(r.getUTF8String(17).toString()).isEqualTo("e");
    assertThat(r.getLong(18)).isEqualTo(10);
    assertThat(r.getInt(19)).isEqualTo(3);
    assertThat(r.getUTF8String(20).toString()).isEqualTo("the message");
  }

  @Test
  void sharedListsAndMapsConvertOnceAndDistinctOnesStayDistinct() {
    RowConverter c = new RowConverter(Thing.TABLE, SparkSchema.of(Thing.TABLE, "_corrupt_record"), "_corrupt_record");
    Thing shared = thing();
    Object firstTags = c.descriptorRow(shared, null, null, 0, 1).getArray(6);
    Object firstProps = c.descriptorRow(shared, null, null, 0, 1).getMap(10);
    // the same list object again (as status entries sharing an s line): the same converted array
    assertThat(c.descriptorRow(shared, null, null, 0, 1).getArray(6)).isSameAs(firstTags);
    assertThat(c.descriptorRow(shared, null, null, 0, 1).getMap(10)).isSameAs(firstProps);
    // equal content in many other objects, and other content: each converts to its own values
    for (int i = 0; i < 2000; i++) {
      List<String> tags = List.of("Exit", "Fast", "tag" + i);
      Thing t = new Thing("n" + i, 1, 1L, 0.0, false, null, tags, List.of(i), List.of(), List.of(), Map.of("k", "v" + i),
          Map.of(), Map.of(), Map.of(), null, List.of());
      InternalRow r = c.descriptorRow(t, null, null, 0, 1);
      assertThat(r.getArray(6).numElements()).isEqualTo(3);
      assertThat(r.getArray(6).getUTF8String(2).toString()).isEqualTo("tag" + i);
      assertThat(r.getArray(7).getInt(0)).isEqualTo(i);
      assertThat(r.getMap(10).valueArray().getUTF8String(0).toString()).isEqualTo("v" + i);
    }
  }

  @Test
  void nullValuesStayNull() {
    Thing empty = new Thing(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
    RowConverter c = new RowConverter(Thing.TABLE, SparkSchema.of(Thing.TABLE, "_corrupt_record"), "_corrupt_record");
    InternalRow r = c.descriptorRow(empty, null, null, 0, 1);
    for (int i = 0; i < 16; i++) {
      assertThat(r.isNullAt(i)).as("field " + i).isTrue();
    }
  }
}
