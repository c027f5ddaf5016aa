package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The network pass's own pieces: the IPv6 test on a lines and the descriptor facts by digest. */
class ConsensusCountsTest {
  private static GenericArrayData addresses(String... a) {
    return new GenericArrayData(Arrays.stream(a).map(s -> s == null ? null : UTF8String.fromString(s)).toArray());
  }

  /** An or_addresses value as collected rows hold it: a Scala sequence. */
  private static scala.collection.immutable.Seq<String> addressList(List<String> addresses) {
    return org.torspark.jobs.support.Columns.arrayValue(addresses);
  }

  @Test
  void anAddressWithTwoColonsIsIpv6() {
    assertThat(ConsensusCounts.anyIpv6(addresses("[2001:db8::1]:9001"))).isTrue();
    assertThat(ConsensusCounts.anyIpv6(addresses("198.51.100.7:9001", "[2001:db8::1]:443"))).isTrue();
    assertThat(ConsensusCounts.anyIpv6(addresses("198.51.100.7:9001"))).isFalse();
    // two addresses of one colon each are not one IPv6 address
    assertThat(ConsensusCounts.anyIpv6(addresses("198.51.100.7:9001", "203.0.113.9:443"))).isFalse();
    assertThat(ConsensusCounts.anyIpv6(addresses(null, "a:b:c"))).isTrue();
    assertThat(ConsensusCounts.anyIpv6(addresses((String) null))).isFalse();
    assertThat(ConsensusCounts.anyIpv6(addresses())).isFalse();
    assertThat(ConsensusCounts.isIpv6(UTF8String.fromString("[2001:db8::1]:9001"))).isTrue();
    assertThat(ConsensusCounts.isIpv6(UTF8String.fromString("198.51.100.7:9001"))).isFalse();
  }

  @Test
  void descriptorFactsSurviveKryoAndJavaSerialization() {
    // conf/ serialises broadcasts with Kryo on a cluster; local mode never serialises a broadcast
    ConsensusCounts.Descriptors d = new ConsensusCounts.Descriptors(List.of(
        RowFactory.create("AAAA", 100L, "0.4.2.7", "Linux", addressList(List.of("[2001:db8::1]:9001")), false),
        RowFactory.create("BBBB", null, "0.4.2.7", null, addressList(List.of("198.51.100.7:9001")), true)));
    scala.reflect.ClassTag<ConsensusCounts.Descriptors> tag =
        scala.reflect.ClassTag$.MODULE$.apply(ConsensusCounts.Descriptors.class);
    for (org.apache.spark.serializer.Serializer serializer : List.of(
        new org.apache.spark.serializer.KryoSerializer(new org.apache.spark.SparkConf()),
        new org.apache.spark.serializer.JavaSerializer(new org.apache.spark.SparkConf()))) {
      org.apache.spark.serializer.SerializerInstance s = serializer.newInstance();
      ConsensusCounts.Descriptors back = s.deserialize(s.serialize(d, tag), tag);
      assertThat(back.size()).isEqualTo(2);
      ConsensusCounts.Facts a = back.get(UTF8String.fromString("AAAA"));
      assertThat(a.advbw).isEqualTo(100L);
      assertThat(a.version).hasToString("0.4.2.7");
      assertThat(a.os).hasToString("Linux");
      assertThat(a.announced).isTrue();
      ConsensusCounts.Facts b = back.get(UTF8String.fromString("BBBB"));
      assertThat(b.advbw).isNull();
      assertThat(b.os).isNull();
      assertThat(b.ipv6Exiting).isTrue();
    }
  }

  @Test
  void descriptorFactsAreFoundByTheDigestsBytesAndTheFirstRowOfADigestWins() {
    ConsensusCounts.Descriptors d = new ConsensusCounts.Descriptors(List.of(
        RowFactory.create("AAAA", 100L, "0.4.2.7", "Linux", addressList(Arrays.asList(null, "[2001:db8::1]:9001")), null),
        RowFactory.create("AAAA", 999L, "0.4.8.1", "Windows", addressList(List.of()), true),
        RowFactory.create("BBBB", null, null, null, null, true),
        RowFactory.create(null, 5L, "0.4.2.7", "Linux", addressList(List.of("[2001:db8::2]:443")), true),
        RowFactory.create("DDDD", 7L, "0.4.2.7", "Linux", addressList(List.of("198.51.100.7:9001", "203.0.113.9:443")), false)));
    assertThat(d.size()).isEqualTo(3);
    // looked up with a string over other bytes, as a row's column is
    UTF8String key = UTF8String.fromBytes("xAAAAx".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1, 4);
    ConsensusCounts.Facts a = d.get(key);
    assertThat(a.advbw).isEqualTo(100L);
    assertThat(a.version).hasToString("0.4.2.7");
    assertThat(a.os).hasToString("Linux");
    assertThat(a.announced).isTrue();
    assertThat(a.ipv6Exiting).as("null: not exiting").isFalse();
    ConsensusCounts.Facts b = d.get(UTF8String.fromString("BBBB"));
    assertThat(b.advbw).isNull();
    assertThat(b.version).isNull();
    assertThat(b.os).isNull();
    assertThat(b.announced).isFalse();
    assertThat(b.ipv6Exiting).isTrue();
    assertThat(d.get(UTF8String.fromString("CCCC"))).isNull();
    // one shared value per version and OS name, not one per descriptor
    assertThat(d.get(UTF8String.fromString("DDDD")).version).isSameAs(a.version);
    assertThat(d.get(UTF8String.fromString("DDDD")).os).isSameAs(a.os);
    assertThat(d.get(UTF8String.fromString("DDDD")).announced).as("two IPv4 or-addresses").isFalse();
  }
}
