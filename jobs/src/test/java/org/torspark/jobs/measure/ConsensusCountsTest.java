package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The network pass's own pieces: the IPv6 test on a lines and the descriptor facts by digest. */
class ConsensusCountsTest {
  private static List<String> addresses(String... a) {
    return Arrays.asList(a);
  }

  private static Tuple2<String, ConsensusCounts.Facts> facts(String digest, Long advbw, String version, String os,
      boolean announced, boolean exiting) {
    return new Tuple2<>(digest, new ConsensusCounts.Facts(advbw, version, os, announced, exiting));
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
        facts("AAAA", 100L, "0.4.2.7", "Linux", true, false),
        facts("BBBB", null, "0.4.2.7", null, false, true)));
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
      assertThat(a.version).isEqualTo("0.4.2.7");
      assertThat(a.os).isEqualTo("Linux");
      assertThat(a.announced).isTrue();
      ConsensusCounts.Facts b = back.get("BBBB");
      assertThat(b.advbw).isNull();
      assertThat(b.os).isNull();
      assertThat(b.ipv6Exiting).isTrue();
    }
  }

  @Test
  void descriptorFactsAreFoundByTheDigestAndTheFirstOfADigestWins() {
    ConsensusCounts.Descriptors d = new ConsensusCounts.Descriptors(List.of(
        facts("AAAA", 100L, new String("0.4.2.7"), new String("Linux"), true, false),
        facts("AAAA", 999L, "0.4.8.1", "Windows", false, true),
        facts("BBBB", null, null, null, false, true),
        facts(null, 5L, "0.4.2.7", "Linux", true, true),
        facts("DDDD", 7L, new String("0.4.2.7"), new String("Linux"), false, false)));
    assertThat(d.size()).isEqualTo(3);
    // looked up with another string of the same characters, as an entry's digest is
    ConsensusCounts.Facts a = d.get("xAAAAx".substring(1, 5));
    assertThat(a.advbw).isEqualTo(100L);
    assertThat(a.version).isEqualTo("0.4.2.7");
    assertThat(a.os).isEqualTo("Linux");
    assertThat(a.announced).isTrue();
    assertThat(a.ipv6Exiting).isFalse();
    ConsensusCounts.Facts b = d.get("BBBB");
    assertThat(b.advbw).isNull();
    assertThat(b.version).isNull();
    assertThat(b.os).isNull();
    assertThat(b.ipv6Exiting).isTrue();
    assertThat(d.get("CCCC")).isNull();
    // one shared value per version and OS name, not one per descriptor
    assertThat(d.get("DDDD").version).isSameAs(a.version);
    assertThat(d.get("DDDD").os).isSameAs(a.os);
  }

  @Test
  void aServerDescriptorsFactsAreItsBandwidthPlatformAddressesAndIpv6Policy() throws java.io.IOException {
    java.nio.file.Path file = org.torspark.jobs.testing.TestData.fixture(
        "server-descriptor/2020-02-29-10-05-00-server-descriptors");
    // independently of the parser: each descriptor's lines from the text, and its digest (SHA-1 from
    // "router " to the end of "router-signature\n", as dir-spec defines it)
    String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
    List<String> digests = new java.util.ArrayList<>();
    List<long[]> bandwidths = new java.util.ArrayList<>();
    List<String> platforms = new java.util.ArrayList<>();
    List<Boolean> v6Addresses = new java.util.ArrayList<>();
    List<String> v6Policies = new java.util.ArrayList<>();
    int at = text.indexOf("\nrouter ") + 1;
    while (at > 0) {
      int signed = text.indexOf("\nrouter-signature\n", at) + "\nrouter-signature\n".length();
      try {
        digests.add(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
            .digest(text.substring(at, signed).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
      int next = text.indexOf("\nrouter ", signed) + 1;
      String one = text.substring(at, next > 0 ? next : text.length());
      String[] bw = one.lines().filter(l -> l.startsWith("bandwidth ")).findFirst().orElseThrow().split(" ");
      bandwidths.add(new long[] {Long.parseLong(bw[1]), Long.parseLong(bw[2]), Long.parseLong(bw[3])});
      platforms.add(one.lines().filter(l -> l.startsWith("platform ")).map(l -> l.substring(9)).findFirst().orElse(null));
      v6Addresses.add(one.lines().anyMatch(l -> l.startsWith("or-address [")));
      v6Policies.add(one.lines().filter(l -> l.startsWith("ipv6-policy ")).map(l -> l.substring(12)).findFirst()
          .orElse(null));
      at = next;
    }
    assertThat(digests).hasSize(587);
    int i = 0;
    int announced = 0;
    int exiting = 0;
    try (org.torspark.descriptor.DescriptorReader r = org.torspark.descriptor.DescriptorReader.open(
        java.nio.file.Files.newInputStream(file), file.toString(),
        org.torspark.descriptor.DescriptorReader.Options.lenient())) {
      while (r.hasNext()) {
        List<Tuple2<String, ConsensusCounts.Facts>> f = ConsensusCounts.Facts.of(r.next(), org.torspark.jobs.support.TimeRange.ALL);
        assertThat(f).hasSize(1);
        assertThat(f.get(0)._1()).isEqualTo(digests.get(i));
        ConsensusCounts.Facts facts = f.get(0)._2();
        long[] bw = bandwidths.get(i);
        assertThat(facts.advbw).isEqualTo(Math.min(bw[0], Math.min(bw[1], bw[2])));
        assertThat(facts.version).isEqualTo(Platforms.version(platforms.get(i)));
        assertThat(facts.os).isEqualTo(Platforms.os(platforms.get(i)));
        assertThat(facts.announced).isEqualTo(v6Addresses.get(i));
        String policy = v6Policies.get(i);
        assertThat(facts.ipv6Exiting).isEqualTo(policy != null && !policy.equals("reject 1-65535"));
        announced += facts.announced ? 1 : 0;
        exiting += facts.ipv6Exiting ? 1 : 0;
        i++;
      }
    }
    assertThat(i).isEqualTo(587);
    assertThat(announced).isEqualTo(84);
    assertThat(exiting).as("ipv6-policy lines other than reject 1-65535").isEqualTo(16);
  }

  @Test
  void descriptorsPublishedOutsideTheRangeHaveNoFacts() throws java.io.IOException {
    org.torspark.descriptor.ParsedDocument doc = parse(org.torspark.jobs.testing.TestData.fixture(
        "server-descriptor/2020-02-29-10-05-00-server-descriptors"));
    java.time.Instant published = ((org.torspark.descriptor.ServerDescriptor) doc.descriptor()).published();
    assertThat(ConsensusCounts.Facts.of(doc, new org.torspark.jobs.support.TimeRange(published, published.plusSeconds(1)))).hasSize(1);
    assertThat(ConsensusCounts.Facts.of(doc, new org.torspark.jobs.support.TimeRange(published.plusSeconds(1), null))).isEmpty();
    assertThat(ConsensusCounts.Facts.of(doc, new org.torspark.jobs.support.TimeRange(null, published))).isEmpty();
    // a consensus is not a server descriptor
    assertThat(ConsensusCounts.Facts.of(parse(org.torspark.jobs.testing.TestData.fixture(
        "consensus/2020-02-29-10-00-00-consensus")), org.torspark.jobs.support.TimeRange.ALL)).isEmpty();
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
    List<org.apache.spark.sql.Row> rows = ConsensusCounts.count("the-file", doc, null, org.torspark.jobs.support.TimeRange.ALL);
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
    assertThat(ConsensusCounts.count("f", doc, null, new org.torspark.jobs.support.TimeRange(at, at.plusSeconds(1)))).hasSameSizeAs(rows);
    assertThat(ConsensusCounts.count("f", doc, null, new org.torspark.jobs.support.TimeRange(at.plusSeconds(1), null))).isEmpty();
    assertThat(ConsensusCounts.count("f", doc, null, new org.torspark.jobs.support.TimeRange(null, at))).isEmpty();
  }

  @Test
  void anErrorRecordHasNoCounts() throws java.io.IOException {
    java.nio.file.Path bad = java.nio.file.Files.createTempFile("consensus", "");
    try {
      java.nio.file.Files.writeString(bad, "network-status-version 3\nvote-status consensus\nvalid-after yesterday\n");
      org.torspark.descriptor.ParsedDocument doc = parse(bad);
      assertThat(doc.isError()).isTrue();
      assertThat(ConsensusCounts.count("f", doc, null, org.torspark.jobs.support.TimeRange.ALL)).isEmpty();
    } finally {
      java.nio.file.Files.delete(bad);
    }
  }
}
