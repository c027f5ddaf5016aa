package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The network pass's own pieces: the IPv6 test on a lines and the descriptor facts by digest. */
class ConsensusCountsTest {
  private static List<String> addresses(String... a) {
    return Arrays.asList(a);
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
    assertThat(ConsensusCounts.isIpv6("[2001:db8::1]:9001")).isTrue();
    assertThat(ConsensusCounts.isIpv6("198.51.100.7:9001")).isFalse();
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
      ConsensusCounts.Facts a = back.get("AAAA");
      assertThat(a.advbw).isEqualTo(100L);
      assertThat(a.version).hasToString("0.4.2.7");
      assertThat(a.os).hasToString("Linux");
      assertThat(a.announced).isTrue();
      ConsensusCounts.Facts b = back.get("BBBB");
      assertThat(b.advbw).isNull();
      assertThat(b.os).isNull();
      assertThat(b.ipv6Exiting).isTrue();
    }
  }

  @Test
  void descriptorFactsAreFoundByTheDigestAndTheFirstRowOfADigestWins() {
    ConsensusCounts.Descriptors d = new ConsensusCounts.Descriptors(List.of(
        RowFactory.create("AAAA", 100L, "0.4.2.7", "Linux", addressList(Arrays.asList(null, "[2001:db8::1]:9001")), null),
        RowFactory.create("AAAA", 999L, "0.4.8.1", "Windows", addressList(List.of()), true),
        RowFactory.create("BBBB", null, null, null, null, true),
        RowFactory.create(null, 5L, "0.4.2.7", "Linux", addressList(List.of("[2001:db8::2]:443")), true),
        RowFactory.create("DDDD", 7L, "0.4.2.7", "Linux", addressList(List.of("198.51.100.7:9001", "203.0.113.9:443")), false)));
    assertThat(d.size()).isEqualTo(3);
    // looked up with another string of the same characters, as an entry's digest is
    ConsensusCounts.Facts a = d.get("xAAAAx".substring(1, 5));
    assertThat(a.advbw).isEqualTo(100L);
    assertThat(a.version).hasToString("0.4.2.7");
    assertThat(a.os).hasToString("Linux");
    assertThat(a.announced).isTrue();
    assertThat(a.ipv6Exiting).as("null: not exiting").isFalse();
    ConsensusCounts.Facts b = d.get("BBBB");
    assertThat(b.advbw).isNull();
    assertThat(b.version).isNull();
    assertThat(b.os).isNull();
    assertThat(b.announced).isFalse();
    assertThat(b.ipv6Exiting).isTrue();
    assertThat(d.get("CCCC")).isNull();
    // one shared value per version and OS name, not one per descriptor
    assertThat(d.get("DDDD").version).isSameAs(a.version);
    assertThat(d.get("DDDD").os).isSameAs(a.os);
    assertThat(d.get("DDDD").announced).as("two IPv4 or-addresses").isFalse();
  }

  private static org.torspark.descriptor.ParsedDocument parse(java.nio.file.Path file) throws java.io.IOException {
    try (org.torspark.descriptor.DescriptorReader r = org.torspark.descriptor.DescriptorReader.open(
        java.nio.file.Files.newInputStream(file), file.toString(),
        org.torspark.descriptor.DescriptorReader.Options.lenient())) {
      return r.next();
    }
  }

  @Test
  void aConsensusIsCountedFromItsEntriesAsTheRawTextGivesThem() throws java.io.IOException {
    java.nio.file.Path file = org.torspark.jobs.testing.TestData.fixture("consensus/2020-02-29-10-00-00-consensus");
    // independently of the parser: the entries' s and w lines, in order, from the text
    long running = 0;
    long weight = 0;
    long runningExits = 0;
    boolean isRunning = false;
    boolean isExit = false;
    for (String line : java.nio.file.Files.readAllLines(file)) {
      if (line.startsWith("s ")) {
        List<String> flags = Arrays.asList(line.substring(2).split(" "));
        isRunning = flags.contains("Running");
        isExit = flags.contains("Exit") && !flags.contains("BadExit");
        running += isRunning ? 1 : 0;
        runningExits += isRunning && isExit ? 1 : 0;
      } else if (line.startsWith("w ") && isRunning) {
        weight += Long.parseLong(line.replaceAll(".*Bandwidth=(\\d+).*", "$1"));
      }
    }
    org.torspark.descriptor.ParsedDocument doc = parse(file);
    List<org.apache.spark.sql.Row> rows = ConsensusCounts.count("the-file", doc, null, null, null);
    org.apache.spark.sql.Row total = rows.get(0);
    java.time.Instant at = java.time.Instant.parse("2020-02-29T10:00:00Z");
    assertThat(total.getLong(0)).isEqualTo(at.getEpochSecond() * 1_000_000L);
    assertThat(total.getString(1)).isEqualTo("the-file");
    assertThat(total.isNullAt(3)).as("the totals row has no dimension").isTrue();
    assertThat(total.getLong(5)).isEqualTo(running).isPositive();
    assertThat(total.getLong(7)).isEqualTo(weight);
    assertThat(total.getLong(8)).as("referenced descriptors").isEqualTo(running);
    assertThat(total.getLong(9)).as("without descriptors every one is missing").isEqualTo(running);
    assertThat(total.isNullAt(6)).as("no advertised bandwidth without descriptors").isTrue();
    java.util.Map<String, Long> relays = new java.util.HashMap<>();
    for (org.apache.spark.sql.Row r : rows.subList(1, rows.size())) {
      relays.put(r.getString(3) + ":" + r.getString(4), r.getLong(5));
    }
    assertThat(relays.get("all:all")).isEqualTo(running);
    assertThat(relays.get("flag:Running")).isEqualTo(running);
    assertThat(relays.get("position:exit") + relays.get("position:guard_exit")).isEqualTo(runningExits);
    assertThat(relays).doesNotContainKey("version:null");

    // the range: from inclusive, to exclusive
    assertThat(ConsensusCounts.count("f", doc, null, at, at.plusSeconds(1))).hasSameSizeAs(rows);
    assertThat(ConsensusCounts.count("f", doc, null, at.plusSeconds(1), null)).isEmpty();
    assertThat(ConsensusCounts.count("f", doc, null, null, at)).isEmpty();
  }

  @Test
  void anErrorRecordHasNoCounts() throws java.io.IOException {
    java.nio.file.Path bad = java.nio.file.Files.createTempFile("consensus", "");
    try {
      java.nio.file.Files.writeString(bad, "network-status-version 3\nvote-status consensus\nvalid-after yesterday\n");
      org.torspark.descriptor.ParsedDocument doc = parse(bad);
      assertThat(doc.isError()).isTrue();
      assertThat(ConsensusCounts.count("f", doc, null, null, null)).isEmpty();
    } finally {
      java.nio.file.Files.delete(bad);
    }
  }
}
