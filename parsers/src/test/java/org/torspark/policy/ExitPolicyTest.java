package org.torspark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.net.AddressFamily;
import org.torspark.net.IpNetwork;

/** First-match evaluation, private expansion, port-only questions and the two syntaxes. */
class ExitPolicyTest {
  private static final ExitPolicy WEB_ONLY = ExitPolicy.parse("accept *:80", "accept *:443", "reject *:*");

  // --- first match wins ---

  @ParameterizedTest(name = "{0} -> {1}:{2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // policy (rules separated by ';')                  | address    | port | allowed
        "accept *:80; accept *:443; reject *:*               | 1.2.3.4    | 80   | true",
        "accept *:80; accept *:443; reject *:*               | 1.2.3.4    | 443  | true",
        "accept *:80; accept *:443; reject *:*               | 1.2.3.4    | 22   | false",
        "reject 1.2.3.4:*; accept *:*                        | 1.2.3.4    | 80   | false",
        "reject 1.2.3.4:*; accept *:*                        | 1.2.3.5    | 80   | true",
        "accept 1.2.3.0/24:22; reject *:22; accept *:*       | 1.2.3.9    | 22   | true",
        "accept 1.2.3.0/24:22; reject *:22; accept *:*       | 5.5.5.5    | 22   | false",
        "accept 1.2.3.0/24:22; reject *:22; accept *:*       | 5.5.5.5    | 23   | true",
        "reject *:22; accept 1.2.3.0/24:22; accept *:*       | 1.2.3.9    | 22   | false",
        "reject 10.0.0.0/255.0.0.0:*; accept *:*             | 10.9.9.9   | 443  | false",
        "reject *:6660-6669; accept *:*                      | 8.8.8.8    | 6664 | false",
        "reject *:6660-6669; accept *:*                      | 8.8.8.8    | 6670 | true",
        "reject *:25                                         | 8.8.8.8    | 80   | true",
        "reject *:25                                         | 8.8.8.8    | 25   | false",
        "accept *:0-80; reject *:*                           | 8.8.8.8    | 1    | true",
      })
  void firstMatchingRuleDecidesAndNoMatchAccepts(String rules, String address, int port, boolean allowed) {
    assertThat(policy(rules).canExitTo(address, port)).isEqualTo(allowed);
  }

  @Test
  void portZeroIsNeverAllowed() {
    assertThat(ExitPolicy.parse("accept *:*").canExitTo("1.2.3.4", 0)).isFalse();
    assertThat(ExitPolicy.parse("accept *:0-65535").canExitTo(0)).isFalse();
    assertThat(ExitPolicy.parse("accept *:*").canExitTo(0, true)).isFalse();
  }

  @Test
  void portsOutsideTheRangeAndNonAddressesThrow() {
    assertThatThrownBy(() -> WEB_ONLY.canExitTo("1.2.3.4", 65536)).hasMessage("'65536' is not a port (0-65535)");
    assertThatThrownBy(() -> WEB_ONLY.canExitTo(-1)).hasMessage("'-1' is not a port (0-65535)");
    assertThatThrownBy(() -> WEB_ONLY.canExitTo("torproject.org", 80))
        .hasMessage("'torproject.org' is neither an IPv4 nor an IPv6 address");
  }

  // --- private ---

  @Test
  void privateExpandsToTorsTwelveNetworksInTorsOrder() {
    ExitPolicy p = ExitPolicy.parse("reject private:*", "accept *:*");
    assertThat(p.rules()).hasSize(13);
    assertThat(p.rules().subList(0, 12)).map(ExitPolicyRule::network).isEqualTo(IpNetwork.TOR_PRIVATE);
    assertThat(p.rules().subList(0, 12)).allSatisfy(r -> {
      assertThat(r.accept()).isFalse();
      assertThat(r.isPortWildcard()).isTrue();
    });
  }

  @ParameterizedTest
  @CsvSource({
    "0.1.2.3, false",
    "10.1.1.1, false",
    "127.0.0.1, false",
    "169.254.3.3, false",
    "172.20.0.1, false",
    "192.168.0.1, false",
    "172.32.0.1, true",
    "8.8.8.8, true"
  })
  void privateRejectsTheIpv4PrivateNetworks(String address, boolean allowed) {
    assertThat(ExitPolicy.parse("reject private:*", "accept *:*").canExitTo(address, 80)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"[::1], false", "[::ffff:8.8.8.8], false", "[fd12::1], false", "[fe80::1], false", "[ff02::1], false",
      "[2001:db8::1], true"})
  void privateRejectsTheIpv6PrivateNetworksToo(String address, boolean allowed) {
    assertThat(ExitPolicy.parseTorrc("reject private:*, accept *:*").canExitTo(address, 80)).isEqualTo(allowed);
  }

  @Test
  void privateCarriesTheRulesActionAndPorts() {
    ExitPolicy p = ExitPolicy.parse("accept6 private:25-26");
    assertThat(p.rules()).hasSize(12).allSatisfy(r -> {
      assertThat(r.accept()).isTrue();
      assertThat(r.minPort()).isEqualTo(25);
      assertThat(r.maxPort()).isEqualTo(26);
    });
    assertThat(p.rules()).map(ExitPolicyRule::family).contains(AddressFamily.IPV4, AddressFamily.IPV6);
  }

  // --- port-only questions, Stem's strict/non-strict meaning ---

  @ParameterizedTest(name = "{0} -> port {1}: some {2}, every {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // policy                                     | port | some (non-strict) | every (strict)
        "accept 1.2.3.4:80; reject *:*                | 80   | true              | false",
        "accept 1.2.3.4:80; reject *:*                | 443  | false             | false",
        "reject 1.2.3.4:80; accept *:*                | 80   | true              | false",
        "reject 1.2.3.4:80; accept *:*                | 443  | true              | true",
        "accept *:80; reject *:*                      | 80   | true              | true",
        "reject *:80; accept *:*                      | 80   | false             | false",
        "accept *:80                                  | 443  | true              | true",
        "reject private:*; accept *:80; reject *:*    | 80   | true              | false",
        "reject private:*; reject *:*                 | 80   | false             | false",
        "accept 1.2.3.0/24:80-90; reject 1.2.3.4:*; reject *:* | 85 | true          | false",
      })
  void portOnlyQuestions(String rules, int port, boolean some, boolean every) {
    ExitPolicy p = policy(rules);
    assertThat(p.canExitTo(port)).isEqualTo(some);
    assertThat(p.canExitTo(port, false)).isEqualTo(some);
    assertThat(p.canExitTo(port, true)).isEqualTo(every);
  }

  // --- isExitingAllowed ---

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "reject *:*                                         | false",
        "accept *:*                                         | true",
        "accept 1.2.3.4:80; reject *:*                      | true",
        "reject *:1-65535                                   | false",
        "reject *:1-1000; reject *:1001-65535               | false",
        "reject *:1-1000; reject *:1002-65535               | true",
        "reject *:25                                        | true",
        "reject private:*; reject 5.6.7.8:*; reject *:*     | false",
        "reject 0.0.0.0/1:*; reject 128.0.0.0/1:*           | false",
        "reject 0.0.0.0/1:*; reject 128.0.0.0/2:*           | true",
        "reject 1.2.3.4:*; accept 1.2.3.4:80; reject *:*    | false",
      })
  void exitingAllowedMeansSomeDestinationIsAccepted(String rules, boolean allowed) {
    assertThat(policy(rules).isExitingAllowed()).isEqualTo(allowed);
  }

  /** tor's summary starts from "nothing accepted" and never applies the implicit final accept. */
  @Test
  void anEmptyPolicyAcceptsEverythingButSummarisesAsRejectAll() {
    ExitPolicy empty = ExitPolicy.parse(List.of());
    assertThat(empty.isExitingAllowed()).isTrue();
    assertThat(empty.canExitTo("1.2.3.4", 80)).isTrue();
    assertThat(empty.canExitTo(80, true)).isTrue();
    assertThat(empty.summary()).hasToString("reject 1-65535");
  }

  // --- families: descriptor policies are IPv4 ---

  @Test
  void aDescriptorPolicyAnswersForIpv4Only() {
    ExitPolicy p = ExitPolicy.parse("accept *:*");
    assertThat(p.families()).containsExactly(AddressFamily.IPV4);
    assertThat(p.canExitTo("2001:db8::1", 80)).isFalse();
    assertThat(p.canExitTo("[2001:db8::1]", 80)).isFalse();
    assertThat(p.canExitTo("::ffff:1.2.3.4", 80)).isFalse();
  }

  @Test
  void anIpv6RuleInADescriptorPolicyIsKeptButTorUsesIpv6PolicyInstead() {
    ExitPolicy p = ExitPolicy.parse("accept6 [2001:db8::]/32:80", "reject *:*");
    assertThat(p.rules()).hasSize(2);
    assertThat(p.canExitTo("2001:db8::1", 80)).isFalse();
    assertThat(p.summary(AddressFamily.IPV6)).hasToString("reject 1-65535");
  }

  @Test
  void ofWithExplicitFamilies() {
    List<ExitPolicyRule> rules = List.of(ExitPolicyRule.parse("accept6 *6:80"), ExitPolicyRule.parse("reject6 *6:*"));
    ExitPolicy v6 = ExitPolicy.of(rules, EnumSet.of(AddressFamily.IPV6));
    assertThat(v6.canExitTo("::2", 80)).isTrue();
    assertThat(v6.canExitTo("::2", 81)).isFalse();
    assertThat(v6.canExitTo("1.2.3.4", 80)).isFalse();
    assertThat(v6.canExitTo(80, true)).isTrue();
    List<ExitPolicyRule> withIpv4 = List.of(rules.get(0), rules.get(1), ExitPolicyRule.parse("reject *:*"));
    ExitPolicy both = ExitPolicy.of(withIpv4, Set.of(AddressFamily.IPV4, AddressFamily.IPV6));
    assertThat(both.canExitTo(80, false)).isTrue(); // some IPv6 address
    assertThat(both.canExitTo(80, true)).isFalse(); // not every IPv4 address
  }

  // --- torrc syntax ---

  @Test
  void torrcStarIsOneRulePerFamily() {
    ExitPolicy p = ExitPolicy.parseTorrc("accept *:80, reject *:*");
    assertThat(p.rules()).map(ExitPolicyRule::toString)
        .containsExactly("accept *:80", "accept6 *6:80", "reject *:*", "reject6 *6:*");
    assertThat(p.families()).containsExactlyInAnyOrder(AddressFamily.IPV4, AddressFamily.IPV6);
    assertThat(p.canExitTo("[2001:db8::1]", 80)).isTrue();
    assertThat(p.canExitTo("2001:db8::1", 443)).isFalse();
    assertThat(p.canExitTo(80, true)).isTrue();
    assertThat(p.summary(AddressFamily.IPV6)).hasToString("accept 80");
  }

  @Test
  void torrcAccept6StarIsIpv6Only() {
    assertThat(ExitPolicy.parseTorrc("accept6 *:80").rules()).map(ExitPolicyRule::toString).containsExactly("accept6 *6:80");
    assertThat(ExitPolicy.parseTorrc("reject *4:*").rules()).map(ExitPolicyRule::toString).containsExactly("reject *:*");
    assertThat(ExitPolicy.parseTorrc("accept [::1]:22").rules()).map(ExitPolicyRule::toString)
        .containsExactly("accept6 [::1]:22");
  }

  /** tor warns and ignores IPv4 after accept6/reject6 in a torrc, keeping the rest of the list. */
  @Test
  void torrcIgnoresIpv4AfterAccept6() {
    ExitPolicy p = ExitPolicy.parseTorrc("accept6 1.2.3.4:80, reject6 *4:*, accept *:*");
    assertThat(p.rules()).hasSize(2);
    assertThat(p.ignoredRules())
        .containsExactly(
            "accept6 1.2.3.4:80 (IPv4 address '1.2.3.4' after accept6: tor ignores this rule)",
            "reject6 *4:* (IPv4 address '*4' after reject6: tor ignores this rule)");
  }

  @Test
  void torrcValuesAndBlankEntries() {
    ExitPolicy p = ExitPolicy.parseTorrc(" , reject 1.2.3.4 ,, ", "accept *:443");
    assertThat(p.rules()).map(ExitPolicyRule::toString).containsExactly("reject 1.2.3.4:*", "accept *:443", "accept6 *6:443");
    assertThat(p.ignoredRules()).isEmpty();
  }

  @Test
  void torrcNamesTheMalformedEntry() {
    assertThatThrownBy(() -> ExitPolicy.parseTorrc("accept *:80, reject *:2-1, reject *:*"))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessage("malformed exit policy rule 'reject *:2-1': port range 2-1 ends before it starts");
  }

  @Test
  void descriptorPolicyNamesTheMalformedLine() {
    assertThatThrownBy(() -> ExitPolicy.parse("reject private:*", "accept *:8o", "reject *:*"))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessage("malformed exit policy rule 'accept *:8o': port '8o' is not a number 0-65535");
  }

  @Test
  void writtenAsTorWritesEachRule() {
    assertThat(ExitPolicy.parse("reject 10.0.0.0/255.0.0.0:*", "accept *:80-80", "reject *:1-65535"))
        .hasToString("reject 10.0.0.0/8:*, accept *:80, reject *:*");
    assertThat(ExitPolicy.parse("accept *:80")).isEqualTo(ExitPolicy.parse(List.of("accept *4:80")));
    assertThat(ExitPolicy.parse("accept *:80")).isNotEqualTo(ExitPolicy.parseTorrc("accept *4:80"));
  }

  // --- where Stem and tor disagree: we follow tor; one test per difference ---

  /** Stem's {@code *} also matches IPv6; a descriptor's {@code *} is IPv4 for tor. */
  @Test
  void stemDifference_descriptorStarIsIpv4Only() {
    ExitPolicy p = ExitPolicy.parse("accept *:80", "reject *:*");
    assertThat(p.rules()).allSatisfy(r -> assertThat(r.family()).isEqualTo(AddressFamily.IPV4));
    assertThat(p.canExitTo("::1", 80)).isFalse();
  }

  /** Stem keeps {@code 255.0.255.0} as a mask; tor refuses the rule. */
  @Test
  void stemDifference_nonPrefixDottedMaskIsMalformed() {
    assertThatThrownBy(() -> ExitPolicy.parse("reject 1.0.0.0/255.0.255.0:*"))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("is not a prefix mask");
  }

  /** For Stem only {@code *} is an address wildcard; {@code 0.0.0.0/0} is a "fuzzy" address match. */
  @Test
  void stemDifference_everySlashZeroCoversAllAddresses() {
    ExitPolicy p = ExitPolicy.parse("accept 0.0.0.0/0:80", "reject *:*");
    assertThat(p.rules().get(0).isAddressWildcard()).isTrue();
    assertThat(p.canExitTo(80, true)).isTrue(); // Stem: False
  }

  /** Stem: {@code reject *4:*, reject *6:*} leaves exiting "allowed" (neither is its {@code *}). */
  @Test
  void stemDifference_rejectStar4AndStar6AllowsNoExit() {
    assertThat(ExitPolicy.parseTorrc("reject *4:*, reject *6:*").isExitingAllowed()).isFalse();
  }

  /** Stem counts any accept whose ports were not rejected for all addresses, even if shadowed. */
  @Test
  void stemDifference_shadowedAcceptAllowsNoExit() {
    ExitPolicy p = ExitPolicy.parse("reject 1.2.3.0/24:*", "accept 1.2.3.4:80", "reject *:*");
    assertThat(p.isExitingAllowed()).isFalse(); // Stem: True
    assertThat(p.canExitTo(80)).isFalse(); // Stem: True (fuzzy accept)
  }

  /** Stem's fuzzy matching skips address-specific rejects without adding them up. */
  @Test
  void stemDifference_addressSpecificRejectsThatCoverEverything() {
    ExitPolicy p = ExitPolicy.parse("reject 0.0.0.0/1:80", "reject 128.0.0.0/1:80", "accept *:*");
    assertThat(p.canExitTo(80)).isFalse(); // Stem: True
    assertThat(p.canExitTo(443, true)).isTrue();
    ExitPolicy halves = ExitPolicy.parse("accept 0.0.0.0/1:80", "accept 128.0.0.0/1:80", "reject *:*");
    assertThat(halves.canExitTo(80, true)).isTrue(); // Stem: False
  }

  /** Stem's {@code private} is six IPv4 networks. */
  @Test
  void stemDifference_privateIsTwelveNetworksOfBothFamilies() {
    assertThat(ExitPolicy.parse("reject private:*").rules()).hasSize(12);
  }

  /** Stem keeps port 0 (and counts {@code accept *:0} as allowing exits); tor matches no port. */
  @Test
  void stemDifference_portZeroMatchesNothing() {
    ExitPolicy p = ExitPolicy.parse("accept *:0", "reject *:*");
    assertThat(p.isExitingAllowed()).isFalse();
    assertThat(p.summary()).hasToString("reject 1-65535");
  }

  /** Stem drops rules after the first {@code *:*} and collapses all-reject policies to one rule. */
  @Test
  void stemDifference_everyRuleIsKept() {
    assertThat(ExitPolicy.parse("accept *:*", "reject *:25").rules()).hasSize(2);
    assertThat(ExitPolicy.parse("reject *:80", "reject *:443", "reject *:*").rules()).hasSize(3);
  }

  /** Stem upper-cases IPv6 addresses in rules. */
  @Test
  void stemDifference_ipv6InLowerCase() {
    assertThat(ExitPolicy.parse("accept6 [2001:DB8::ABCD]:80")).hasToString("accept6 [2001:db8::abcd]:80");
  }

  /** Stem's {@code summary()} ignores address-specific rejects; tor adds them up. */
  @Test
  void stemDifference_summaryIsTors() {
    ExitPolicy p =
        ExitPolicy.parse("reject 1.0.0.0/8:80", "reject 2.0.0.0/8:80", "reject 3.0.0.0/8:80", "accept *:*");
    assertThat(p.summary()).hasToString("reject 80"); // Stem: accept 1-65535
  }

  private static ExitPolicy policy(String rules) {
    return ExitPolicy.parse(List.of(rules.split(";")));
  }
}
