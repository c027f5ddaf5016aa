package org.torspark.source;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Hadoop {@link Configuration} that can travel to executors (Configuration is Writable, not
 * Serializable), built the way Spark builds one for a file source: the context's configuration,
 * {@code spark.hadoop.*} session settings, then the read's own options (so {@code fs.s3a.*} can be
 * given per read). Both Java serialization and Kryo are handled: broadcasts use the session's
 * serializer (Kryo in conf/), and Kryo ignores writeObject/readObject, which left the configuration
 * null on executors (only seen on a real cluster: local mode does not serialize broadcasts). The
 * mirror broadcasts its destination's configuration with it too.
 */
public final class HadoopConf implements Serializable, KryoSerializable {
  private static final long serialVersionUID = 1L;
  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    this.conf = conf;
  }

  static HadoopConf forRead(SparkSession spark, Map<String, String> options) {
    Configuration c = new Configuration(spark.sparkContext().hadoopConfiguration());
    for (Map.Entry<String, String> e : CollectionConverters.asJava(spark.conf().getAll()).entrySet()) {
      if (e.getKey().startsWith("spark.hadoop.")) {
        c.set(e.getKey().substring("spark.hadoop.".length()), e.getValue());
      }
    }
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (!DescriptorOptions.KEYS.stream().anyMatch(k -> k.equalsIgnoreCase(e.getKey()))) {
        c.set(e.getKey(), e.getValue());
      }
    }
    return new HadoopConf(c);
  }

  public Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }

  @Override
  public void write(Kryo kryo, Output output) {
    try {
      DataOutputStream out = new DataOutputStream(output);
      conf.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void read(Kryo kryo, Input input) {
    conf = new Configuration(false);
    try {
      conf.readFields(new DataInputStream(input));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
