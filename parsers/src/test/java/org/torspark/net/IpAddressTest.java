package org.torspark.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "1.2.3.4, 1.2.3.4",
    "0.0.0.0, 0.0.0.0",
    "::, ::",
    "::1, ::1",
    "[::1], ::1",
    "1::, 1::",
    "2001:0DB8:0000:0000:0000:FF00:0042:8329, 2001:db8::ff00:42:8329",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    "::ffff:5.9.158.75, ::ffff:5.9.158.75",
    "0:0:0:0:0:ffff:0509:9e4b, ::ffff:5.9.158.75",
    "fe80::0001, fe80::1"
  })
  void canonicalText(String text, String canonical) {
    assertThat(IpAddress.parse(text).toString()).isEqualTo(canonical);
  }

  @Test
  void familiesAndBits() {
    IpAddress v4 = IpAddress.parse("1.2.3.4");
    assertThat(v4.family()).isEqualTo(AddressFamily.IPV4);
    assertThat(v4.low()).isEqualTo(0x01020304L);
    assertThat(v4.toBytes()).containsExactly(1, 2, 3, 4);
    IpAddress v6 = IpAddress.parse("2001:db8::1");
    assertThat(v6.family()).isEqualTo(AddressFamily.IPV6);
    assertThat(v6.high()).isEqualTo(0x20010db800000000L);
    assertThat(v6.low()).isEqualTo(1L);
    assertThat(v6.toBytes()).hasSize(16).startsWith(0x20, 0x01, 0x0d, 0xb8).endsWith(0, 1);
  }

  @Test
  void mappedIsIpv6NotIpv4() {
    IpAddress mapped = IpAddress.parse("::ffff:1.2.3.4");
    assertThat(mapped.isIpv6()).isTrue();
    assertThat(mapped.isIpv4Mapped()).isTrue();
    assertThat(mapped).isNotEqualTo(IpAddress.parse("1.2.3.4"));
    assertThat(IpAddress.parse("::1.2.3.4").isIpv4Mapped()).isFalse();
  }

  @Test
  void masked() {
    assertThat(IpAddress.parse("10.1.2.3").masked(8)).isEqualTo(IpAddress.parse("10.0.0.0"));
    assertThat(IpAddress.parse("10.1.2.3").masked(0)).isEqualTo(IpAddress.parse("0.0.0.0"));
    assertThat(IpAddress.parse("10.1.2.3").masked(32)).isEqualTo(IpAddress.parse("10.1.2.3"));
    assertThat(IpAddress.parse("2001:db8:ffff::1").masked(32)).isEqualTo(IpAddress.parse("2001:db8::"));
    assertThat(IpAddress.parse("2001:db8::ffff:1").masked(112)).isEqualTo(IpAddress.parse("2001:db8::ffff:0"));
    assertThatThrownBy(() -> IpAddress.parse("1.2.3.4").masked(33)).hasMessageContaining("0-32 bits");
  }

  @Test
  void ordersIpv4BeforeIpv6ThenUnsigned() {
    List<IpAddress> sorted = new ArrayList<>();
    for (String s : new String[] {"ffff::", "::1", "255.0.0.1", "1.2.3.4", "8000::", "::"}) {
      sorted.add(IpAddress.parse(s));
    }
    Collections.sort(sorted);
    assertThat(sorted).map(IpAddress::toString).containsExactly("1.2.3.4", "255.0.0.1", "::", "::1", "8000::", "ffff::");
  }

  @Test
  void tryParseGivesNullForNonAddresses() {
    assertThat(IpAddress.tryParse("example.com")).isNull();
    assertThat(IpAddress.tryParse("")).isNull();
    assertThat(IpAddress.tryParse(null)).isNull();
    assertThat(IpAddress.tryParse("[1.2.3.4]")).isNull();
  }

  @Test
  void ipv4OutOfRange() {
    assertThatThrownBy(() -> IpAddress.ipv4(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpAddress.ipv4(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void networks() {
    IpNetwork n = IpNetwork.parse("172.16.0.0/12");
    assertThat(n.contains(IpAddress.parse("172.31.255.255"))).isTrue();
    assertThat(n.contains(IpAddress.parse("172.32.0.0"))).isFalse();
    assertThat(n.contains(IpAddress.parse("::ffff:172.16.0.1"))).isFalse();
    assertThat(n.first()).hasToString("172.16.0.0");
    assertThat(n.last()).hasToString("172.31.255.255");
    assertThat(IpNetwork.parse("[fc00::]/7").last()).hasToString("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assertThat(IpNetwork.parse("fc00::/7")).isEqualTo(IpNetwork.parse("[fc00::]/7"));
    assertThat(IpNetwork.parse("1.2.3.4")).isEqualTo(new IpNetwork(IpAddress.parse("1.2.3.4"), 32));
    assertThat(IpNetwork.parse("10.0.0.0/8").contains(IpNetwork.parse("10.1.0.0/16"))).isTrue();
    assertThat(IpNetwork.parse("10.1.0.0/16").contains(IpNetwork.parse("10.0.0.0/8"))).isFalse();
    assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/33")).hasMessageContaining("prefix length 0-32");
    assertThatThrownBy(() -> IpNetwork.parse("10.0.0/8")).hasMessageContaining("does not start with an IP address");
  }

  @Test
  void torPrivateNetworksKeepTheAddressAsWritten() {
    assertThat(IpNetwork.TOR_PRIVATE).hasSize(12).map(IpNetwork::toString).startsWith("0.0.0.0/8", "169.254.0.0/16")
        .endsWith("ff00::/8", "::/127");
    assertThat(IpNetwork.parse("10.0.0.0/8").isTorPrivate()).isTrue();
    assertThat(IpNetwork.parse("10.0.0.1/8").isTorPrivate()).isFalse();
    assertThat(IpNetwork.parse("10.0.0.0/9").isTorPrivate()).isFalse();
  }
}
