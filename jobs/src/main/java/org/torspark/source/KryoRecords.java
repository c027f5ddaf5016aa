package org.torspark.source;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Lets Kryo (the serializer conf/ selects) write Java records, which its field serializer cannot:
 * it reads fields by offset, and records refuse that ("can't get field offset on a record class").
 * Records go through Java serialization inside Kryo instead. Local mode rarely serialises anything,
 * so without this only a cluster failed: a broadcast, a collect() or a shuffle of records.
 * Set with {@code spark.kryo.registrator=org.torspark.source.KryoRecords} (conf/ does).
 */
public final class KryoRecords implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
  }
}
