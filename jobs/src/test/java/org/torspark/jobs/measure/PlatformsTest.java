package org.torspark.jobs.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformsTest {

  @Test
  void versionIsTheFirstThreeDottedNumbers() {
    assertThat(Platforms.version("Tor 0.4.2.6 on Linux")).isEqualTo("0.4.2");
    assertThat(Platforms.version("Tor 0.3.5.10-dev on FreeBSD")).isEqualTo("0.3.5");
    assertThat(Platforms.version("Tor 0.2.9 on Windows")).isEqualTo("0.2.9");
  }

  @Test
  void anythingElseIsOtherAndNoPlatformIsNotCounted() {
    assertThat(Platforms.version("Tor 0.4 on Linux")).isEqualTo("Other");
    assertThat(Platforms.version("Rust Tor 0.4.2.6")).isEqualTo("Other");
    assertThat(Platforms.version("Tor x.y.z")).isEqualTo("Other");
    assertThat(Platforms.version(null)).isNull();
  }

  @Test
  void osBySubstring() {
    assertThat(Platforms.os("Tor 0.4.2.6 on Linux")).isEqualTo("Linux");
    assertThat(Platforms.os("Tor 0.4.2.6 on FreeBSD")).isEqualTo("BSD");
    assertThat(Platforms.os("Tor 0.4.2.6 on Darwin")).isEqualTo("Darwin");
    assertThat(Platforms.os("Tor 0.4.2.6 on Windows 8 [server]")).isEqualTo("Windows");
    assertThat(Platforms.os("Tor 0.4.2.6 on SunOS")).isEqualTo("Other");
    assertThat(Platforms.os(null)).isNull();
  }
}
