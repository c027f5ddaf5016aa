package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** Records through Kryo, as a cluster sends the jobs' record types (collect, shuffle, broadcast). */
class KryoRecordsTest {
  record Listing(Instant validAfter, List<String> fingerprints, int[] ports) implements Serializable {}

  private static final ClassTag<Object> TAG = ClassTag$.MODULE$.apply(Object.class);

  private static Object roundTrip(SparkConf conf, Object value) {
    SerializerInstance kryo = new KryoSerializer(conf).newInstance();
    return kryo.deserialize(kryo.serialize(value, TAG), TAG);
  }

  @Test
  void kryoCannotWriteARecordWithoutTheRegistrator() {
    Listing l = new Listing(Instant.parse("2020-04-01T00:00:00Z"), List.of("AA"), new int[] {443});
    assertThatThrownBy(() -> roundTrip(new SparkConf(), l)).hasStackTraceContaining("record");
  }

  @Test
  void withTheRegistratorARecordComesBackEqual() {
    SparkConf conf = new SparkConf().set("spark.kryo.registrator", KryoRecords.class.getName());
    Listing l = new Listing(Instant.parse("2020-04-01T00:00:00Z"), List.of("AA", "BB"), new int[] {80, 443});
    Listing back = (Listing) roundTrip(conf, l);
    assertThat(back.validAfter()).isEqualTo(l.validAfter());
    assertThat(back.fingerprints()).containsExactly("AA", "BB");
    assertThat(back.ports()).containsExactly(80, 443);
    // records inside other objects too
    @SuppressWarnings("unchecked")
    List<Listing> list = (List<Listing>) roundTrip(conf, new java.util.ArrayList<>(List.of(l, l)));
    assertThat(list).hasSize(2).allSatisfy(x -> assertThat(x.fingerprints()).containsExactly("AA", "BB"));
  }
}
