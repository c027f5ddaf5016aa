package org.torspark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.net.AddressFamily;
import org.torspark.net.IpAddress;

/** The rule grammar in descriptor syntax, one form per line: what tor reads, and what it refuses. */
class ExitPolicyRuleTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // rule                                      | accept | family | address          | bits | min  | max
        "accept *:80                                 | true   | IPV4   | 0.0.0.0          | 0    | 80   | 80",
        "reject *:*                                  | false  | IPV4   | 0.0.0.0          | 0    | 1    | 65535",
        "accept *4:443                               | true   | IPV4   | 0.0.0.0          | 0    | 443  | 443",
        "accept6 *6:443                              | true   | IPV6   | ::               | 0    | 443  | 443",
        "reject 1.2.3.4:*                            | false  | IPV4   | 1.2.3.4          | 32   | 1    | 65535",
        "reject 10.0.0.0/8:*                         | false  | IPV4   | 10.0.0.0         | 8    | 1    | 65535",
        "reject 10.0.0.0/255.0.0.0:*                 | false  | IPV4   | 10.0.0.0         | 8    | 1    | 65535",
        "reject 10.1.2.3/255.255.255.255:25          | false  | IPV4   | 10.1.2.3         | 32   | 25   | 25",
        "reject 0.0.0.0/0.0.0.0:25                   | false  | IPV4   | 0.0.0.0          | 0    | 25   | 25",
        "reject 10.0.0.1/8:*                         | false  | IPV4   | 10.0.0.1         | 8    | 1    | 65535",
        "accept 1.2.3.4/0:80                         | true   | IPV4   | 1.2.3.4          | 0    | 80   | 80",
        "reject 1.2.3.4/32:80                        | false  | IPV4   | 1.2.3.4          | 32   | 80   | 80",
        "accept6 [2001:db8::]/32:443-444             | true   | IPV6   | 2001:db8::       | 32   | 443  | 444",
        "accept6 [::1]:22                            | true   | IPV6   | ::1              | 128  | 22   | 22",
        "accept6 [::]/0:80                           | true   | IPV6   | ::               | 0    | 80   | 80",
        "reject6 [FE80::1]/10:*                      | false  | IPV6   | fe80::1          | 10   | 1    | 65535",
        "accept6 [2001:db8::1]/255.255.0.0:80        | true   | IPV6   | 2001:db8::1      | 16   | 80   | 80",
        "accept 1.2.3.4                              | true   | IPV4   | 1.2.3.4          | 32   | 1    | 65535",
        "accept 1.2.3.4:                             | true   | IPV4   | 1.2.3.4          | 32   | 1    | 65535",
        "accept *:0                                  | true   | IPV4   | 0.0.0.0          | 0    | 0    | 0",
        "accept *:0-80                               | true   | IPV4   | 0.0.0.0          | 0    | 0    | 80",
        "reject *:1-65535                            | false  | IPV4   | 0.0.0.0          | 0    | 1    | 65535",
        "'accept\t*:80'                              | true   | IPV4   | 0.0.0.0          | 0    | 80   | 80",
        "'  accept   *:80  '                         | true   | IPV4   | 0.0.0.0          | 0    | 80   | 80",
      })
  void grammarForms(String rule, boolean accept, AddressFamily family, String address, int bits, int min, int max) {
    ExitPolicyRule r = ExitPolicyRule.parse(rule);
    assertThat(r.accept()).isEqualTo(accept);
    assertThat(r.family()).isEqualTo(family);
    assertThat(r.address()).isEqualTo(IpAddress.parse(address));
    assertThat(r.maskBits()).isEqualTo(bits);
    assertThat(r.minPort()).isEqualTo(min);
    assertThat(r.maxPort()).isEqualTo(max);
  }

  /** tor maps masks of IPv4-mapped IPv6 addresses onto 96-128 bits ({@code 96 + bits % 32}). */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "accept6 [::ffff:1.2.3.4]/120:80 | 120",
        "accept6 [::ffff:1.2.3.4]/24:80  | 120",
        "accept6 [::ffff:1.2.3.4]/96:80  | 96",
        "accept6 [::ffff:1.2.3.4]/128:80 | 96",
        "accept6 [::ffff:1.2.3.4]:80     | 128",
      })
  void ipv4MappedMasksAsTorMapsThem(String rule, int bits) {
    assertThat(ExitPolicyRule.parse(rule).maskBits()).isEqualTo(bits);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // rule                               | what is wrong
        "''                                   | empty rule",
        "'   '                                | empty rule",
        "allow *:80                           | expected accept, reject, accept6 or reject6 but got 'allow'",
        "Accept *:80                          | expected accept, reject, accept6 or reject6 but got 'Accept'",
        "accept                               | no address:port after 'accept'",
        "accept *:80 extra                    | expected one address:port after 'accept' but got more",
        "accept *:80-70                       | port range 80-70 ends before it starts",
        "accept *:65536                       | port '65536' is not a number 0-65535",
        "accept *:-1                          | port '' is not a number 0-65535",
        "accept *:80-                         | port '' is not a number 1-65535",
        "accept *:0-0                         | port '0' is not a number 1-65535",
        "accept *:80-65536                    | port '65536' is not a number 1-65535",
        "accept *:http                        | port 'http' is not a number 0-65535",
        "accept *:+80                         | port '+80' is not a number 0-65535",
        "accept *:080                         | port '080' is not a number 0-65535",
        "accept *:80abc                       | port '80abc' is not a number 0-65535",
        "accept */8:80                        | a mask ('/8') on the wildcard '*'",
        "accept *4/0:80                       | a mask ('/0') on the wildcard '*4'",
        "accept 1.2.3.4/33:80                 | mask /33 is out of range 0-32 for IPV4",
        "accept6 [::1]/129:80                 | mask /129 is out of range 0-128 for IPV6",
        "accept 1.2.3.4/255.0.255.0:80        | dotted mask 255.0.255.0 is not a prefix mask (tor rejects it; Stem would keep it)",
        "accept 1.2.3.4/:80                   | mask '/' is neither a bit count nor a dotted IPv4 mask",
        "accept 1.2.3.4/08:80                 | mask '/08' is neither a bit count nor a dotted IPv4 mask",
        "accept 1.2.3.4/ff00::/80             | mask '/ff00' is neither a bit count nor a dotted IPv4 mask",
        "accept 1.2.3:80                      | '1.2.3' is not an IPv4 address, '*', '*4' or '*6' (IPv6 goes in brackets)",
        "accept 01.2.3.4:80                   | '01.2.3.4' is not an IPv4 address, '*', '*4' or '*6' (IPv6 goes in brackets)",
        "accept example.com:80                | 'example.com' is not an IPv4 address, '*', '*4' or '*6' (IPv6 goes in brackets)",
        "accept 2001:db8::1:80                | '2001' is not an IPv4 address, '*', '*4' or '*6' (IPv6 goes in brackets)",
        "accept6 [::1:80                      | no ']' closing the IPv6 address",
        "accept6 [::1]x:80                    | unexpected 'x' after ']'",
        "accept6 [1.2.3.4]:80                 | '1.2.3.4' in brackets is not an IPv6 address",
        "accept6 [GGGG::1]:80                 | 'GGGG::1' in brackets is not an IPv6 address",
        "accept6 [::ffff:1.2.3.4]/64:80       | mask /64 on the IPv4-mapped address ::ffff:1.2.3.4",
        "reject private                       | 'private' without ':ports' (tor refuses it)",
        "reject privateer:*                   | 'privateer:*' is neither 'private:ports' nor an address",
        "reject private:80-70                 | port range 80-70 ends before it starts",
      })
  void malformedRules(String rule, String reason) {
    assertThatThrownBy(() -> ExitPolicyRule.parse(rule))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessage("malformed exit policy rule '" + rule + "': " + reason)
        .satisfies(e -> assertThat(((PolicyFormatException) e).reason()).isEqualTo(reason));
  }

  /** In a descriptor the keyword fixes the family; tor discards a descriptor that mixes them. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "accept [::1]:80   | IPv6 address after accept (descriptors use accept6/reject6; tor discards such a descriptor)",
        "reject *6:*       | IPv6 address after reject (descriptors use accept6/reject6; tor discards such a descriptor)",
        "accept6 1.2.3.4:80 | accept6 needs an IPv6 address or '*6' (in a descriptor '*' is IPv4; tor discards such a descriptor)",
        "reject6 *4:*      | reject6 needs an IPv6 address or '*6' (in a descriptor '*' is IPv4; tor discards such a descriptor)",
        "accept6 *:80      | accept6 needs an IPv6 address or '*6' (in a descriptor '*' is IPv4; tor discards such a descriptor)",
      })
  void descriptorFamilyMismatch(String rule, String reason) {
    assertThatThrownBy(() -> ExitPolicyRule.parse(rule)).hasMessage("malformed exit policy rule '" + rule + "': " + reason);
  }

  @Test
  void privateIsTwelveRulesNotOne() {
    assertThatThrownBy(() -> ExitPolicyRule.parse("reject private:*"))
        .hasMessage("malformed exit policy rule 'reject private:*': 'private' stands for 12 rules; parse it with ExitPolicy.parse");
  }

  @Test
  void nullRule() {
    assertThatThrownBy(() -> ExitPolicyRule.parse(null)).isInstanceOf(PolicyFormatException.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "accept *:80                          | accept *:80",
        "reject *:*                           | reject *:*",
        "accept *4:80-81                      | accept *:80-81",
        "reject 10.0.0.0/255.0.0.0:*          | reject 10.0.0.0/8:*",
        "reject 10.0.0.1/8:25                 | reject 10.0.0.1/8:25",
        "accept 1.2.3.4/32:0-65535            | accept 1.2.3.4:*",
        "accept 1.2.3.4                       | accept 1.2.3.4:*",
        "accept *:0                           | accept *:0",
        "accept6 [2001:DB8:0::1]:443          | accept6 [2001:db8::1]:443",
        "accept6 [2001:db8::]/32:443          | accept6 [2001:db8::]/32:443",
        "accept6 *6:80                        | accept6 *6:80",
        "accept6 [::]/0:*                     | accept6 *6:*",
      })
  void writtenAsTorWritesDescriptors(String rule, String written) {
    ExitPolicyRule r = ExitPolicyRule.parse(rule);
    assertThat(r).hasToString(written);
    assertThat(ExitPolicyRule.parse(written)).hasToString(written);
  }

  @Test
  void wildcards() {
    assertThat(ExitPolicyRule.parse("accept *:*").isAddressWildcard()).isTrue();
    assertThat(ExitPolicyRule.parse("accept 0.0.0.0/0:*").isAddressWildcard()).isTrue();
    assertThat(ExitPolicyRule.parse("accept6 [::]/0:*").isAddressWildcard()).isTrue();
    assertThat(ExitPolicyRule.parse("accept 0.0.0.0/1:*").isAddressWildcard()).isFalse();
    assertThat(ExitPolicyRule.parse("accept *:1-65535").isPortWildcard()).isTrue();
    assertThat(ExitPolicyRule.parse("accept *:0-65535").isPortWildcard()).isTrue();
    assertThat(ExitPolicyRule.parse("accept *:2-65535").isPortWildcard()).isFalse();
    assertThat(ExitPolicyRule.parse("accept *:1-65534").isPortWildcard()).isFalse();
  }

  /** tor raises port 0 to 1: {@code :0} matches nothing, {@code :0-80} is {@code :1-80}. */
  @Test
  void portZeroMatchesNothing() {
    ExitPolicyRule zero = ExitPolicyRule.parse("accept *:0");
    assertThat(zero.matchesPort(0)).isFalse();
    assertThat(zero.matchesPort(1)).isFalse();
    ExitPolicyRule zeroTo80 = ExitPolicyRule.parse("accept *:0-80");
    assertThat(zeroTo80.matchesPort(0)).isFalse();
    assertThat(zeroTo80.matchesPort(1)).isTrue();
    assertThat(zeroTo80.matchesPort(80)).isTrue();
    assertThat(zeroTo80.effectiveMinPort()).isEqualTo(1);
  }

  @Test
  void matchesAddressWithinTheMaskOfItsOwnFamily() {
    ExitPolicyRule r = ExitPolicyRule.parse("reject 10.0.0.1/8:25");
    assertThat(r.matches(IpAddress.parse("10.255.0.1"), 25)).isTrue();
    assertThat(r.matches(IpAddress.parse("11.0.0.1"), 25)).isFalse();
    assertThat(r.matches(IpAddress.parse("10.0.0.1"), 26)).isFalse();
    assertThat(r.matches(IpAddress.parse("::ffff:10.0.0.1"), 25)).isFalse();
    assertThat(ExitPolicyRule.parse("accept *:80").matches(IpAddress.parse("::1"), 80)).isFalse();
  }

  @Test
  void torPrivateMeansTheExactNetwork() {
    assertThat(ExitPolicyRule.parse("reject 10.0.0.0/8:*").isTorPrivate()).isTrue();
    assertThat(ExitPolicyRule.parse("reject 10.0.0.0/255.0.0.0:*").isTorPrivate()).isTrue();
    assertThat(ExitPolicyRule.parse("reject 10.0.0.1/8:*").isTorPrivate()).isFalse();
    assertThat(ExitPolicyRule.parse("reject 10.0.0.0/9:*").isTorPrivate()).isFalse();
    assertThat(ExitPolicyRule.parse("reject6 [fc00::]/7:*").isTorPrivate()).isTrue();
  }
}
