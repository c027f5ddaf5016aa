package org.torspark.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stem's {@code stem.util.connection} address functions, case by case, and the quirks we fix. */
class AddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "1.2.3.4", "255.255.255.255", "10.0.0.1", "192.168.1.100"})
  void validIpv4(String address) {
    assertThat(Addresses.isValidIpv4Address(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1.2.3.04", "01.2.3.4", "1.2.3.-4", "1.2.3.+4",
        " 1.2.3.4", "1.2.3.4 ", "1.2.3.4/24", "1..3.4", "1.2.3.", ".1.2.3", "a.b.c.d", "1.2.3.1000",
        "::1", "[1.2.3.4]"
      })
  void invalidIpv4(String address) {
    assertThat(Addresses.isValidIpv4Address(address)).isFalse();
  }

  @Test
  void nullIsNoAddress() {
    assertThat(Addresses.isValidIpv4Address(null)).isFalse();
    assertThat(Addresses.isValidIpv6Address(null, true)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "::", "::1", "1::", "1:2:3:4:5:6:7:8", "fe80::1", "2001:db8::ff00:42:8329",
        "2001:0DB8:0000:0000:0000:FF00:0042:8329", "::ffff:1.2.3.4", "::1.2.3.4",
        "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8", "abcd:EF01::"
      })
  void validIpv6(String address) {
    assertThat(Addresses.isValidIpv6Address(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "1:::2", "12345::",
        "::1.2.3", "::1.2.3.256", "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "1.2.3.4", " ::1",
        "::1 ", "1::2:3:4:5:6:7:8", "::g"
      })
  void invalidIpv6(String address) {
    assertThat(Addresses.isValidIpv6Address(address)).isFalse();
  }

  @Test
  void bracketsOnlyWhenAllowed() {
    assertThat(Addresses.isValidIpv6Address("[::1]", true)).isTrue();
    assertThat(Addresses.isValidIpv6Address("[2001:db8::1]", true)).isTrue();
    assertThat(Addresses.isValidIpv6Address("::1", true)).isTrue();
    assertThat(Addresses.isValidIpv6Address("[::1", true)).isFalse();
    assertThat(Addresses.isValidIpv6Address("::1]", true)).isFalse();
    assertThat(Addresses.isValidIpv6Address("[[::1]]", true)).isFalse();
    assertThat(Addresses.isValidIpv6Address("[]", true)).isFalse();
  }

  // --- Stem quirks we fix, one test each, named after the quirk ---

  /** Stem's {@code [0-9a-fA-f]} spans ASCII 0x41-0x66: G-Z and [\]^_` pass as hex digits. */
  @ParameterizedTest
  @ValueSource(strings = {"GGGG::1", "ZZ::1", "_::1", "^::", "`::", "1:2:3:4:5:6:7:G"})
  void hexRangeQuirk_lettersBeyondFAreNotHex(String address) {
    assertThat(Addresses.isValidIpv6Address(address, true)).isFalse();
  }

  /** The same range makes Stem accept {@code [::1]} even when brackets are not allowed. */
  @Test
  void hexRangeQuirk_bracketsAreNotHexDigits() {
    assertThat(Addresses.isValidIpv6Address("[::1]")).isFalse();
    assertThat(Addresses.isValidIpv6Address("[::1]", false)).isFalse();
  }

  /** Stem accepts empty groups anywhere once there are seven colons, or next to a {@code ::}. */
  @ParameterizedTest
  @ValueSource(strings = {"1:2:3:4:5:6:7:", ":2:3:4:5:6:7:8", "1:2:3::5:6:7:", "1::2:", ":1::2"})
  void emptyGroupQuirk_onlyDoubleColonStandsForZeros(String address) {
    assertThat(Addresses.isValidIpv6Address(address)).isFalse();
  }

  /** Stem validates a dotted part wherever it is and replaces it with two groups. */
  @ParameterizedTest
  @ValueSource(strings = {"::1.2.3.4:5", "1.2.3.4::", "1:1.2.3.4::2"})
  void embeddedIpv4Quirk_onlyAsTheLastThirtyTwoBits(String address) {
    assertThat(Addresses.isValidIpv6Address(address)).isFalse();
  }

  /** Python's {@code isdigit} is true for Arabic-Indic and superscript digits. */
  @ParameterizedTest
  @ValueSource(strings = {"1.2.3.\u0664", "1.2.3.\u00b2", "\u0661\u0660.0.0.1"})
  void unicodeDigitQuirk_onlyAsciiDigits(String address) {
    assertThat(Addresses.isValidIpv4Address(address)).isFalse();
  }

  @Test
  void unicodeDigitQuirk_portsToo() {
    assertThat(Ports.isValidPort("\u0668\u0660")).isFalse();
    assertThat(Ports.isValidPort("8\u00b2")).isFalse();
  }

  /** Stem leaves out link-local and 0/8 and has no IPv6; tor's private list has both. */
  @ParameterizedTest
  @CsvSource({
    "169.254.1.1, true",
    "0.1.2.3, true",
    "::1, true",
    "[fe80::1], true",
    "fd00::1, true",
    "ff02::1, true",
    "::ffff:8.8.8.8, true",
    "2001:db8::1, false"
  })
  void privateAddressQuirk_torsPrivateListForBothFamilies(String address, boolean expected) {
    assertThat(Addresses.isPrivateAddress(address)).isEqualTo(expected);
  }

  /** Stem's expansion keeps the input case while its IPv6 masks are upper case. */
  @Test
  void letterCaseQuirk_ipv6TextIsAlwaysLowerCase() {
    assertThat(Addresses.expandIpv6Address("ABCD::EF")).isEqualTo("abcd:0000:0000:0000:0000:0000:0000:00ef");
    assertThat(Addresses.ipv6Mask(16)).isEqualTo("ffff:0000:0000:0000:0000:0000:0000:0000");
  }

  // --- private ranges (the IPv4 part Stem shares) ---

  @ParameterizedTest
  @CsvSource({
    "10.0.0.1, true",
    "10.255.255.255, true",
    "11.0.0.1, false",
    "127.0.0.1, true",
    "172.15.255.255, false",
    "172.16.0.0, true",
    "172.31.255.255, true",
    "172.32.0.0, false",
    "192.168.0.1, true",
    "192.169.0.1, false",
    "8.8.8.8, false"
  })
  void privateIpv4(String address, boolean expected) {
    assertThat(Addresses.isPrivateAddress(address)).isEqualTo(expected);
  }

  @Test
  void privateOfSomethingElseThrows() {
    assertThatThrownBy(() -> Addresses.isPrivateAddress("localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'localhost'");
  }

  // --- expansion ---

  @ParameterizedTest
  @CsvSource({
    "2001:db8::ff00:42:8329, 2001:0db8:0000:0000:0000:ff00:0042:8329",
    "::, 0000:0000:0000:0000:0000:0000:0000:0000",
    "::1, 0000:0000:0000:0000:0000:0000:0000:0001",
    "1::, 0001:0000:0000:0000:0000:0000:0000:0000",
    "::ffff:5.9.158.75, 0000:0000:0000:0000:0000:ffff:0509:9e4b",
    "1:2:3:4:5:6:7:8, 0001:0002:0003:0004:0005:0006:0007:0008",
    "[fe80::1], fe80:0000:0000:0000:0000:0000:0000:0001"
  })
  void expandIpv6(String address, String expanded) {
    assertThat(Addresses.expandIpv6Address(address)).isEqualTo(expanded);
  }

  @Test
  void expandingSomethingElseThrows() {
    assertThatThrownBy(() -> Addresses.expandIpv6Address("1.2.3.4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'1.2.3.4' is not an IPv6 address");
    assertThatThrownBy(() -> Addresses.expandIpv6Address("GGGG::1")).isInstanceOf(IllegalArgumentException.class);
  }

  // --- masks ---

  @ParameterizedTest
  @CsvSource({
    "0, 0.0.0.0",
    "1, 128.0.0.0",
    "8, 255.0.0.0",
    "12, 255.240.0.0",
    "24, 255.255.255.0",
    "31, 255.255.255.254",
    "32, 255.255.255.255"
  })
  void ipv4MaskFromBitsAndBack(int bits, String mask) {
    assertThat(Addresses.ipv4Mask(bits)).isEqualTo(mask);
    assertThat(Addresses.ipv4MaskBits(mask)).isEqualTo(bits);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0000:0000:0000:0000:0000:0000:0000:0000",
    "1, 8000:0000:0000:0000:0000:0000:0000:0000",
    "48, ffff:ffff:ffff:0000:0000:0000:0000:0000",
    "64, ffff:ffff:ffff:ffff:0000:0000:0000:0000",
    "65, ffff:ffff:ffff:ffff:8000:0000:0000:0000",
    "127, ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe",
    "128, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
  })
  void ipv6MaskFromBitsAndBack(int bits, String mask) {
    assertThat(Addresses.ipv6Mask(bits)).isEqualTo(mask);
    assertThat(Addresses.ipv6MaskBits(mask)).isEqualTo(bits);
  }

  @Test
  void ipv6MaskBitsOfCompressedMask() {
    assertThat(Addresses.ipv6MaskBits("ffff:ffff::")).isEqualTo(32);
    assertThat(Addresses.ipv6MaskBits("::")).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 33, 128})
  void ipv4MaskBitsOutOfRange(int bits) {
    assertThatThrownBy(() -> Addresses.ipv4Mask(bits))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0-32 bits");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 129})
  void ipv6MaskBitsOutOfRange(int bits) {
    assertThatThrownBy(() -> Addresses.ipv6Mask(bits))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0-128 bits");
  }

  @ParameterizedTest
  @ValueSource(strings = {"255.0.255.0", "0.255.255.255", "255.255.255.1", "127.0.0.0"})
  void nonPrefixIpv4MaskHasNoBitCount(String mask) {
    assertThatThrownBy(() -> Addresses.ipv4MaskBits(mask))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a prefix mask");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ffff::ffff", "0:ffff::", "ffff:ffff:ffff:ffff:0:ffff::"})
  void nonPrefixIpv6MaskHasNoBitCount(String mask) {
    assertThatThrownBy(() -> Addresses.ipv6MaskBits(mask))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a prefix mask");
  }

  @Test
  void maskThatIsNoAddress() {
    assertThatThrownBy(() -> Addresses.ipv4MaskBits("255.255.255")).hasMessageContaining("not a dotted IPv4 mask");
    assertThatThrownBy(() -> Addresses.ipv6MaskBits("255.255.255.0")).hasMessageContaining("not an IPv6 address");
  }

  // --- conversions ---

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, 0",
    "1.2.3.4, 16909060",
    "255.255.255.255, 4294967295",
    "::, 0",
    "::1, 1",
    "[::ffff:1.2.3.4], 281470698652420",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 340282366920938463463374607431768211455",
    "8000::, 170141183460469231731687303715884105728"
  })
  void addressToBigInteger(String address, String value) {
    assertThat(Addresses.addressToBigInteger(address)).isEqualTo(new BigInteger(value));
  }

  @Test
  void addressToBinary() {
    assertThat(Addresses.addressToBinary("1.2.3.4")).isEqualTo("00000001000000100000001100000100");
    assertThat(Addresses.addressToBinary("8000::1")).hasSize(128).startsWith("10000000").endsWith("0001");
    assertThat(Addresses.addressToBinary("::1")).isEqualTo("0".repeat(127) + "1");
  }

  @Test
  void ipv4ToLong() {
    assertThat(Addresses.ipv4ToLong("1.2.3.4")).isEqualTo(16909060L);
    assertThat(Addresses.ipv4ToLong("255.255.255.255")).isEqualTo(4294967295L);
    assertThatThrownBy(() -> Addresses.ipv4ToLong("::1")).hasMessage("'::1' is not an IPv4 address");
  }

  @Test
  void conversionOfSomethingElseThrows() {
    assertThatThrownBy(() -> Addresses.addressToBigInteger("example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'example.com' is neither an IPv4 nor an IPv6 address");
  }
}
