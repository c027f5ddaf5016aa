package org.torspark.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stem's {@code is_valid_port} and {@code port_usage}, and our port ranges. */
class PortsTest {

  @ParameterizedTest
  @CsvSource({
    "1, false, true",
    "80, false, true",
    "65535, false, true",
    "0, false, false",
    "0, true, true",
    "65536, false, false",
    "65536, true, false",
    "-1, true, false"
  })
  void validPortNumbers(int port, boolean allowZero, boolean valid) {
    assertThat(Ports.isValidPort(port, allowZero)).isEqualTo(valid);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "80", "443", "65535"})
  void validPortText(String port) {
    assertThat(Ports.isValidPort(port)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "080", " 80", "80 ", "+80", "-80", "8o", "65536", "99999999999", "1e3", "0x50"})
  void invalidPortText(String port) {
    assertThat(Ports.isValidPort(port)).isFalse();
  }

  @Test
  void zeroOnlyWhenAllowed() {
    assertThat(Ports.isValidPort("0", true)).isTrue();
    assertThat(Ports.isValidPort("00", true)).isFalse();
    assertThat(Ports.isValidPort((String) null, true)).isFalse();
  }

  @Test
  void listsAreValidWhenEveryEntryIs() {
    assertThat(Ports.isValidPorts(List.of(), false)).isTrue();
    assertThat(Ports.isValidPorts(List.of("80", "443"), false)).isTrue();
    assertThat(Ports.isValidPorts(List.of("80", "0"), false)).isFalse();
    assertThat(Ports.isValidPorts(List.of("80", "0"), true)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "80, false, true",
    "80-443, false, true",
    "1-65535, false, true",
    "443-443, false, true",
    "443-80, false, false",
    "0-80, false, false",
    "0-80, true, true",
    "80-, false, false",
    "-80, false, false",
    "80-90-100, false, false"
  })
  void portRanges(String range, boolean allowZero, boolean valid) {
    assertThat(Ports.isValidPortRange(range, allowZero)).isEqualTo(valid);
  }

  @Test
  void portRangeRecord() {
    assertThat(PortRange.parse("80")).isEqualTo(PortRange.of(80)).hasToString("80");
    assertThat(PortRange.parse("6660-6669")).hasToString("6660-6669").extracting(PortRange::size).isEqualTo(10);
    assertThat(PortRange.parseList("80,443,6660-6669"))
        .containsExactly(PortRange.of(80), PortRange.of(443), new PortRange(6660, 6669));
    assertThatThrownBy(() -> PortRange.parse("0")).hasMessage("'0' is not a port (1-65535) or a range N-M of ports");
    assertThatThrownBy(() -> PortRange.parseList("80,,443"))
        .hasMessage("'' in '80,,443' is not a port (1-65535) or a range N-M");
    assertThatThrownBy(() -> new PortRange(443, 80)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "22, SSH",
    "80, HTTP",
    "443, HTTPS",
    "9030, Tor",
    "9050, Tor",
    "9051, Tor",
    "6667, IRC",
    "6660, IRC",
    "6669, IRC",
    "6881, BitTorrent",
    "6999, BitTorrent",
    "8333, Bitcoin",
    "903, VMware"
  })
  void usageOfWellKnownPorts(int port, String usage) {
    assertThat(Ports.usage(port)).isEqualTo(usage);
    assertThat(Ports.usage(Integer.toString(port))).isEqualTo(usage);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 9001, 6670, 7002, 65535, -1, 70000})
  void unknownPortsHaveNoUsage(int port) {
    assertThat(Ports.usage(port)).isNull();
  }

  @Test
  void usageOfTextThatIsNoPort() {
    assertThat(Ports.usage("http")).isNull();
    assertThat(Ports.usage("080")).isNull();
    assertThat(Ports.usage((String) null)).isNull();
  }

  /** Every port tor's default policy rejects or ReducedExitPolicy accepts gets a label in reports. */
  @Test
  void everyPortOfTorsDefaultAndReducedPoliciesHasAUsage() {
    String defaultRejects = "25,119,135-139,445,563,1214,4661-4662,4665-4666,6346-6347,6699,6881-6999";
    String reducedAccepts =
        "20-23,43,53,79-81,88,110,143,194,220,389,443,464,465,531,543-544,554,563,587,636,706,749,873,"
            + "902-904,981,989-995,1194,1220,1293,1500,1533,1677,1723,1755,1863,2082-2083,2086-2087,"
            + "2095-2096,2102-2104,3128,3389,3690,4321,4643,5050,5190,5222-5223,5228,5900,6660-6669,"
            + "6679,6697,8000,8008,8074,8080,8082,8087-8088,8232-8233,8332-8333,8443,8888,9418,9999,"
            + "10000,11371,19294,19638,50002,64738";
    for (String list : List.of(defaultRejects, reducedAccepts)) {
      for (PortRange r : PortRange.parseList(list)) {
        for (int p = r.min(); p <= r.max(); p++) {
          assertThat(Ports.usage(p)).as("usage of port %d", p).isNotNull();
        }
      }
    }
  }

  @Test
  void usageTableRejectsOverlapsAndBadLines() {
    assertThat(Ports.UsageTable.parse(List.of("# c", "", "80 HTTP", "81-82 Alt")).get(82)).isEqualTo("Alt");
    assertThatThrownBy(() -> Ports.UsageTable.parse(List.of("80-90 A", "85 B")))
        .hasMessageContaining("line 2 is out of order or overlaps");
    assertThatThrownBy(() -> Ports.UsageTable.parse(List.of("http 80"))).hasMessageContaining("line 1 is not");
    assertThatThrownBy(() -> Ports.UsageTable.parse(List.of("80"))).hasMessageContaining("line 1 is not");
  }
}
