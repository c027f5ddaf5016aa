package org.torspark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.net.PortRange;

/** The {@code p}/{@code p6} "accept|reject PortList" form: parsing and port questions. */
class PolicySummaryTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "accept 80,443                    | true  | 80,443                    | accept 80,443",
        "reject 1-65535                   | false | 1-65535                   | reject 1-65535",
        "accept 80                        | true  | 80                        | accept 80",
        "reject 25,119,135-139,6881-6999  | false | 25,119,135-139,6881-6999  | reject 25,119,135-139,6881-6999",
        "accept 443,80                    | true  | 443,80                    | accept 443,80",
        "'  accept 80,443  '              | true  | 80,443                    | accept 80,443",
        "'accept\t80'                     | true  | 80                        | accept 80",
        "'accept   80'                    | true  | 80                        | accept 80",
      })
  void parse(String text, boolean accept, String ranges, String written) {
    PolicySummary s = PolicySummary.parse(text);
    assertThat(s.isAccept()).isEqualTo(accept);
    assertThat(s.ranges()).isEqualTo(PortRange.parseList(ranges));
    assertThat(s).hasToString(written);
    assertThat(PolicySummary.parse(written)).isEqualTo(s);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''              | expected 'accept' or 'reject' first",
        "allow 80        | expected 'accept' or 'reject' first",
        "accept          | expected a space and a port list after 'accept'",
        "accept80        | expected a space and a port list after 'accept'",
        "accept6 80      | expected a space and a port list after 'accept'",
        "accept 80,      | '' in '80,' is not a port (1-65535) or a range N-M",
        "accept ,80      | '' in ',80' is not a port (1-65535) or a range N-M",
        "accept 0        | '0' in '0' is not a port (1-65535) or a range N-M",
        "accept 65536    | '65536' in '65536' is not a port (1-65535) or a range N-M",
        "accept 443-80   | '443-80' in '443-80' is not a port (1-65535) or a range N-M",
        "accept 80, 443  | ' 443' in '80, 443' is not a port (1-65535) or a range N-M",
        "accept 80 443   | '80 443' in '80 443' is not a port (1-65535) or a range N-M",
        "reject 1-       | '1-' in '1-' is not a port (1-65535) or a range N-M",
        "reject http     | 'http' in 'http' is not a port (1-65535) or a range N-M",
      })
  void malformed(String text, String reason) {
    assertThatThrownBy(() -> PolicySummary.parse(text))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessage("malformed policy summary '" + text + "': " + reason);
  }

  @ParameterizedTest(name = "{0}: port {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "accept 80,443        | 80    | true",
        "accept 80,443        | 443   | true",
        "accept 80,443        | 22    | false",
        "accept 80,443        | 0     | false",
        "reject 25,119        | 25    | false",
        "reject 25,119        | 80    | true",
        "reject 25,119        | 0     | false",
        "reject 1-65535       | 1     | false",
        "reject 1-65535       | 65535 | false",
        "accept 1-65535       | 65535 | true",
        "reject 6660-6669     | 6665  | false",
        "reject 6660-6669     | 6670  | true",
      })
  void canExitTo(String summary, int port, boolean allowed) {
    assertThat(PolicySummary.parse(summary).canExitTo(port)).isEqualTo(allowed);
  }

  @Test
  void portOutOfRangeThrows() {
    assertThatThrownBy(() -> PolicySummary.ACCEPT_ALL.canExitTo(65536)).hasMessage("'65536' is not a port (0-65535)");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "reject 1-65535              | false",
        "reject 1-100,101-65535      | false",
        "reject 2-65535,1            | false",
        "reject 1-200,100-65535      | false",
        "reject 1-100,102-65535      | true",
        "reject 2-65535              | true",
        "reject 1-65534              | true",
        "accept 80                   | true",
      })
  void isExitingAllowed(String summary, boolean allowed) {
    assertThat(PolicySummary.parse(summary).isExitingAllowed()).isEqualTo(allowed);
  }

  @Test
  void ofRanges() {
    assertThat(PolicySummary.of(true, List.of(PortRange.of(80), new PortRange(8000, 8080))))
        .hasToString("accept 80,8000-8080");
    assertThatThrownBy(() -> PolicySummary.of(false, List.of())).hasMessage("a policy summary lists at least one port");
    assertThat(PolicySummary.REJECT_ALL).isEqualTo(PolicySummary.parse("reject 1-65535"));
    assertThat(PolicySummary.ACCEPT_ALL).isNotEqualTo(PolicySummary.REJECT_ALL);
  }

  /** A full policy and its summary can disagree for particular addresses (Stem issue #69). */
  @Test
  void summaryAnswersForMostAddressesOnly() {
    ExitPolicy full = ExitPolicy.parse("accept 133.0.0.0/8:443", "reject *:*");
    assertThat(full.canExitTo(443)).isTrue();
    assertThat(full.summary().canExitTo(443)).isFalse();
  }
}
