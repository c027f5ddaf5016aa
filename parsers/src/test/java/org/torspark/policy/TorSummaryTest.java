package org.torspark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.net.AddressFamily;

/** tor's summary algorithm ({@code policy_summarize}), one policy and its summary per line. */
class TorSummaryTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // descriptor policy, rules separated by ';'                          | summary (p line)
        "accept *:80; accept *:443; reject *:*                                 | accept 80,443",
        "reject *:*                                                            | reject 1-65535",
        "accept *:*                                                            | accept 1-65535",
        "accept *:1-65535                                                      | accept 1-65535",
        "accept *:0-65535                                                      | accept 1-65535",
        "reject *:25; reject *:119; accept *:*                                 | reject 25,119",
        "accept *:1-79; accept *:81-65535; reject *:*                          | reject 80",
        // adjacent ranges merge
        "accept *:80; accept *:81; accept *:82-90; reject *:*                  | accept 80-90",
        "accept *:20-21; accept *:22; accept *:23; reject *:*                  | accept 20-23",
        "accept *:443; accept *:80; reject *:*                                 | accept 80,443",
        // earlier rules shadow later ones
        "reject *:80; accept *:80; accept *:443; reject *:*                    | accept 443",
        "reject *:80-90; accept *:85-95; reject *:*                            | accept 91-95",
        "accept *:80; reject *:80; reject *:*                                  | accept 80",
        "reject *:*; accept *:80                                               | reject 1-65535",
        "accept *:*; reject *:25                                               | accept 1-65535",
        // accepts for less than all addresses are ignored (Stem issue #69)
        "accept 133.0.0.0/8:443; reject *:*                                    | reject 1-65535",
        "accept 1.2.3.0/24:*; accept *:22; reject *:*                          | accept 22",
        "accept 0.0.0.0/0:22; reject *:*                                       | accept 22",
        "accept 0.0.0.0/0.0.0.0:22; reject *:*                                 | accept 22",
        // address-specific rejects count addresses: more than two /8s (2^25) blocks a later accept
        "reject 1.2.3.4:80; accept *:*                                         | accept 1-65535",
        "reject 1.0.0.0/8:80; reject 2.0.0.0/8:80; accept *:*                  | accept 1-65535",
        "reject 1.0.0.0/8:80; reject 2.0.0.0/8:80; reject 3.0.0.0/8:80; accept *:* | reject 80",
        "reject 2.0.0.0/7:80; accept *:*                                       | accept 1-65535",
        "reject 2.0.0.0/7:80; reject 5.6.7.8:80; accept *:*                    | reject 80",
        "reject 4.0.0.0/6:80-81; accept *:80; accept *:*                       | reject 80-81",
        "reject 4.0.0.0/6:80; accept *:79-81; reject *:*                       | accept 79,81",
        "reject 1.0.0.0/8:*; reject 2.0.0.0/8:443; reject 3.0.0.0/8:*; accept *:* | reject 443",
        // tor's private networks are left out of the count, but only when written exactly
        "reject private:*; accept *:*                                          | accept 1-65535",
        "reject 0.0.0.0/8:*; reject 10.0.0.0/8:*; reject 127.0.0.0/8:*; accept *:* | accept 1-65535",
        "reject 0.0.0.1/8:*; reject 10.0.0.1/8:*; reject 127.0.0.1/8:*; accept *:* | reject 1-65535",
        "reject 0.0.0.0/6:*; accept *:*                                        | reject 1-65535",
        // port 0 matches nothing
        "accept *:0; reject *:*                                                | reject 1-65535",
        "accept *:0-22; reject *:*                                             | accept 1-22",
        // ties between the two lists go to accept
        "accept *:1; accept *:3; accept *:65535; reject *:*                    | accept 1,3,65535",
        "accept *:2-3; accept *:65535; reject *:*                              | accept 2-3,65535",
        // tor's default exit policy after the private rejects and the relay's own address
        "reject 0.0.0.0/8:*; reject 169.254.0.0/16:*; reject 127.0.0.0/8:*; reject 192.168.0.0/16:*;"
            + " reject 10.0.0.0/8:*; reject 172.16.0.0/12:*; reject 5.6.7.8:*; reject *:25; reject *:119;"
            + " reject *:135-139; reject *:445; reject *:563; reject *:1214; reject *:4661-4666;"
            + " reject *:6346-6429; reject *:6699; reject *:6881-6999; accept *:*"
            + " | reject 25,119,135-139,445,563,1214,4661-4666,6346-6429,6699,6881-6999",
      })
  void ipv4Summary(String rules, String summary) {
    assertThat(ExitPolicy.parse(List.of(rules.split(";"))).summary()).hasToString(summary);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // torrc policy, comma-separated                                      | ipv6-policy / p6
        "accept6 *6:80, reject6 *6:*                                           | accept 80",
        "reject6 *6:*                                                          | reject 1-65535",
        "accept6 [2001:db8::]/32:*, reject6 *6:*                               | reject 1-65535",
        // IPv6 rejects count /64s: longer prefixes count nothing; more than one /16 (2^48) blocks
        "reject6 [2001:db8::1]:80, accept6 *6:*                                | accept 1-65535",
        "reject6 [2001:db8::]/64:80, accept6 *6:*                              | accept 1-65535",
        "reject6 [2001::]/16:80, accept6 *6:*                                  | accept 1-65535",
        "reject6 [2001::]/15:80, accept6 *6:*                                  | reject 80",
        "reject6 [2001::]/16:80, reject6 [2002::]/64:80, accept6 *6:*          | reject 80",
        // counts saturate at 2^64-1 instead of wrapping to a small number
        "reject6 [8000::]/1:80, reject6 [::]/1:80, accept6 *6:*                | reject 80",
        "reject6 *6:80, reject6 *6:80, reject6 *6:80, accept6 *6:*             | reject 80",
        // tor's IPv6 private networks are left out
        "reject6 [fc00::]/7:*, reject6 [::]/8:*, reject6 [fe80::]/10:*, accept6 *6:* | accept 1-65535",
        "reject private:*, accept *:*                                          | accept 1-65535",
        // IPv4 rules do not enter the IPv6 summary
        "reject *4:*, accept6 *6:443, reject6 *6:*                             | accept 443",
      })
  void ipv6Summary(String rules, String summary) {
    assertThat(ExitPolicy.parseTorrc(rules).summary(AddressFamily.IPV6)).hasToString(summary);
  }

  @Test
  void eachFamilyIsSummarisedFromItsOwnRules() {
    ExitPolicy p = ExitPolicy.parseTorrc("reject *4:*, accept6 *6:*");
    assertThat(p.summary(AddressFamily.IPV4)).hasToString("reject 1-65535");
    assertThat(p.summary(AddressFamily.IPV6)).hasToString("accept 1-65535");
  }

  /** When both lists exceed 993 characters tor cuts the accept list at a comma within 1000. */
  @Test
  void longSummariesAreCutToAThousandCharacters() {
    List<String> rules = new ArrayList<>();
    for (int port = 10000; port < 10400; port += 2) {
      rules.add("accept *:" + port);
    }
    rules.add("reject *:*");

    PolicySummary s = ExitPolicy.parse(rules).summary();

    assertThat(s.isAccept()).isTrue();
    assertThat(s.ranges()).hasSize(165); // 165 five-digit ports with commas: 989 characters
    assertThat(s.ranges().get(164).min()).isEqualTo(10328);
    assertThat(s.toString()).hasSize(7 + 989).startsWith("accept 10000,10002,").endsWith(",10326,10328");
    assertThat(s.canExitTo(10328)).isTrue();
    assertThat(s.canExitTo(10330)).isFalse(); // cut off, as in the consensus
  }

  /** A reject list just under the limit is still chosen when it is the shorter one. */
  @Test
  void longRejectListIsKeptWhenShorter() {
    List<String> rules = new ArrayList<>();
    for (int port = 10000; port < 10300; port += 2) {
      rules.add("reject *:" + port);
    }
    rules.add("accept *:*");
    PolicySummary s = ExitPolicy.parse(rules).summary();
    assertThat(s.isAccept()).isFalse();
    assertThat(s.ranges()).hasSize(150);
    assertThat(s.toString()).hasSize(7 + 150 * 6 - 1);
  }
}
