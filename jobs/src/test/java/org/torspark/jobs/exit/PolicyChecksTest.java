package org.torspark.jobs.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.jobs.JobArgException;
import org.torspark.jobs.exit.PolicyChecks.Destination;

class PolicyChecksTest {
  private static final int[] PORTS = {22, 80, 443};

  @Test
  void summaryAnswersPerPort() {
    PolicyChecks.SummaryPorts s = new PolicyChecks.SummaryPorts(PORTS);
    assertThat(s.allowed("accept 80,443")).containsExactly(false, true, true);
    assertThat(s.allowed("reject 22")).containsExactly(false, true, true);
    assertThat(s.allowed("reject 1-65535")).containsExactly(false, false, false);
    assertThat(s.allowed("accept 80,443")).as("cached").containsExactly(false, true, true);
    assertThat(s.allowed(null)).isNull();
    assertThat(s.allowed("accept eighty")).isNull();
  }

  @Test
  void descriptorPolicyAnswersForSomeAddress() {
    PolicyChecks.DescriptorPorts d = new PolicyChecks.DescriptorPorts(PORTS);
    // a subnet-only accept: the summary says reject 1-65535, exitmap's non-strict question says yes
    assertThat(d.allowed(List.of("accept 133.0.0.0/8:443", "reject *:*"))).containsExactly(false, false, true);
    assertThat(d.allowed(List.of("reject 0.0.0.0/8:*", "accept *:80", "reject *:*"))).containsExactly(false, true, false);
    assertThat(d.allowed(List.of("accept *:80", "nonsense"))).isNull();
  }

  @Test
  void ipv6ExitingMeansAnIpv6PolicyThatAllowsSomePort() {
    assertThat(PolicyChecks.ipv6Exiting(null)).isFalse();
    assertThat(PolicyChecks.ipv6Exiting("reject 1-65535")).isFalse();
    assertThat(PolicyChecks.ipv6Exiting("accept 80,443")).isTrue();
    assertThat(PolicyChecks.ipv6Exiting("reject 25")).isTrue();
  }

  @Test
  void destinationsUseFullRulesForIpv4AndIpv6PolicyForIpv6() {
    List<Destination> ds = ExitmapSelection.destinations(List.of("133.1.2.3:443,8.8.8.8:443", "[2001:db8::1]:443"));
    List<String> rules = List.of("accept 133.0.0.0/8:443", "accept *:80", "reject *:*");
    assertThat(PolicyChecks.allowedDestinations(rules, null, ds)).containsExactly("133.1.2.3:443");
    assertThat(PolicyChecks.allowedDestinations(rules, "accept 443", ds)).containsExactly("133.1.2.3:443", "[2001:db8::1]:443");
    assertThat(PolicyChecks.allowedDestinations(List.of("reject *:*"), "accept 443", ds)).containsExactly("[2001:db8::1]:443");
    assertThat(PolicyChecks.exitingAllowed(List.of("reject *:*"))).isFalse();
    assertThat(PolicyChecks.exitingAllowed(List.of("accept 1.2.3.4:80", "reject *:*"))).isTrue();
  }

  @Test
  void badDestinationsNameTheOption() {
    assertThatThrownBy(() -> ExitmapSelection.destinations(List.of("example.com:443"))).isInstanceOf(JobArgException.class)
        .hasMessageStartingWith("option --destination: 'example.com' in 'example.com:443' is not an IP address");
    assertThatThrownBy(() -> ExitmapSelection.destinations(List.of("1.2.3.4:99999")))
        .hasMessage("option --destination: '99999' in '1.2.3.4:99999' is not a port (1-65535)");
    assertThatThrownBy(() -> ExitmapSelection.destinations(List.of("1.2.3.4")))
        .hasMessage("option --destination: '' in '1.2.3.4' is not a port (1-65535)");
    assertThatThrownBy(() -> ExitmapSelection.destinations(List.of("2001:db8::1:443")))
        .hasMessage("option --destination: '2001:db8::1:443' is not IP:PORT (write IPv6 addresses as [addr]:PORT)");
  }
}
