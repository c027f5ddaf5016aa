package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** The read's Hadoop configuration reaches executors with either serializer Spark may use. */
class HadoopConfTest {
  private static final ClassTag<HadoopConf> TAG = ClassTag$.MODULE$.apply(HadoopConf.class);

  private static HadoopConf roundTrip(Serializer serializer) {
    Configuration c = new Configuration(false);
    c.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
    SerializerInstance s = serializer.newInstance();
    return s.deserialize(s.serialize(new HadoopConf(c), TAG), TAG);
  }

  @Test
  void kryoBroadcastKeepsTheConfigurationRegressionNullConfOnClusterExecutors() {
    HadoopConf back = roundTrip(new KryoSerializer(new SparkConf()));
    assertThat(back.get()).isNotNull();
    assertThat(back.get().get("fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:9000");
  }

  @Test
  void javaSerializationKeepsTheConfiguration() {
    assertThat(roundTrip(new JavaSerializer(new SparkConf())).get().get("fs.s3a.endpoint"))
        .isEqualTo("http://127.0.0.1:9000");
  }
}
