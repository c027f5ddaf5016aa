package org.torspark.jobs.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.torspark.jobs.JobArgException;

class PortListTest {

  @Test
  void defaultPortsCarryServiceNamesFromThePortTable() {
    PortList ports = PortList.parse("ports", PortList.DEFAULT);
    assertThat(ports.ports()).startsWith(21, 22, 23, 25, 53, 80).contains(443, 6667);
    int https = java.util.Arrays.stream(ports.ports()).boxed().toList().indexOf(443);
    assertThat(ports.service(https)).isEqualTo("HTTPS");
  }

  @Test
  void aPortWithoutNameHasNullService() {
    assertThat(PortList.parse("ports", "9001").service(0)).isNull();
  }

  @Test
  void badPortNamesTheOptionAndTheEntry() {
    assertThatThrownBy(() -> PortList.parse("ports", "80,70000")).isInstanceOf(JobArgException.class)
        .hasMessage("option --ports: '70000' is not a port (1-65535)");
    assertThatThrownBy(() -> PortList.parse("ports", "80,,443")).hasMessage("option --ports: '' is not a port (1-65535)");
    assertThatThrownBy(() -> PortList.parse("ports", "http")).hasMessage("option --ports: 'http' is not a port (1-65535)");
    assertThatThrownBy(() -> PortList.parse("ports", "0")).hasMessage("option --ports: '0' is not a port (1-65535)");
  }

  @Test
  void duplicatePortIsRefused() {
    assertThatThrownBy(() -> PortList.parse("ports", "443, 80,443")).hasMessage("option --ports: port 443 is listed twice");
  }
}
