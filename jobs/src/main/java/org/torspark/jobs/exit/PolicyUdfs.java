package org.torspark.jobs.exit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/** The policy checks of {@link PolicyChecks} as Spark functions over policy columns. */
final class PolicyUdfs {
  private PolicyUdfs() {}

  /** Descriptor rules (array of strings) → array of booleans (some address per port); null if unparseable. */
  static UserDefinedFunction descriptorPorts(int[] ports) {
    DescriptorPortsFn fn = new DescriptorPortsFn(ports);
    return functions.udf(fn, DataTypes.createArrayType(DataTypes.BooleanType, false));
  }

  /** ipv6-policy (string or null) → boolean, Tor Metrics' "IPv6 exiting". */
  static UserDefinedFunction ipv6Exiting() {
    return functions.udf((UDF1<String, Boolean>) PolicyChecks::ipv6Exiting, DataTypes.BooleanType);
  }

  /** p summary → policy class label. */
  static UserDefinedFunction policyClass() {
    return functions.udf(new PolicyClassFn(), DataTypes.StringType);
  }

  static List<String> toJava(scala.collection.Seq<String> seq) {
    return seq == null ? null : new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(seq));
  }

  static List<Boolean> toList(boolean[] values) {
    if (values == null) {
      return null;
    }
    List<Boolean> out = new ArrayList<>(values.length);
    for (boolean v : values) {
      out.add(v);
    }
    return out;
  }

  private static final class DescriptorPortsFn implements UDF1<scala.collection.Seq<String>, List<Boolean>> {
    private static final long serialVersionUID = 1L;
    private final int[] ports;
    private transient PolicyChecks.DescriptorPorts checks;

    DescriptorPortsFn(int[] ports) {
      this.ports = ports;
    }

    @Override
    public List<Boolean> call(scala.collection.Seq<String> rules) {
      if (checks == null) {
        checks = new PolicyChecks.DescriptorPorts(ports);
      }
      return toList(checks.allowed(toJava(rules)));
    }
  }

  /**
   * Classifies each distinct summary once per task: a month has millions of running entries but a
   * few thousand summaries, and parsing one into port sets was the exit job's hottest frame.
   */
  private static final class PolicyClassFn implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private transient Map<String, String> labels;

    @Override
    public String call(String summary) {
      if (summary == null) {
        return PolicyClass.of(null).label();
      }
      if (labels == null) {
        labels = new HashMap<>();
      }
      return labels.computeIfAbsent(summary, s -> PolicyClass.of(s).label());
    }
  }
}
