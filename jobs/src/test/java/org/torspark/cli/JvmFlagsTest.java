package org.torspark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * conf/jvm-flags (used by scripts/ and notebooks) and the POM's spark.jvm.flags (used by the tests)
 * must say the same thing, or scripts would run Spark with flags the tests never tried.
 */
class JvmFlagsTest {

  @Test
  void testsRunWithExactlyTheFlagsTheScriptsUse() throws IOException {
    List<String> conf = Files.readAllLines(Path.of("..", "conf", "jvm-flags")).stream()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertThat(conf).isNotEmpty();
    for (String flag : conf) {
      if (flag.startsWith("--add-opens=") || flag.startsWith("--add-modules=")) {
        // the JVM reports these split in two: "--add-opens" "java.base/...": compare the value
        String value = flag.substring(flag.indexOf('=') + 1);
        assertThat(jvm).as(flag).anySatisfy(a -> assertThat(a).endsWith(value));
      } else {
        assertThat(jvm).as(flag).contains(flag);
      }
    }
  }
}
