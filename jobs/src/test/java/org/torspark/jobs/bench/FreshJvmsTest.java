package org.torspark.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreshJvmsTest {
  @Test
  void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
    assertThat(FreshJvms.median(List.of(43.2))).isEqualTo(43.2);
    assertThat(FreshJvms.median(List.of(47.0, 38.8, 43.2))).isEqualTo(43.2);
    assertThat(FreshJvms.median(List.of(40.0, 38.0, 47.0, 39.0))).isEqualTo(39.5);
    assertThat(FreshJvms.median(List.of(20.3, 22.4, 21.6, 21.8, 20.9, 21.9))).isCloseTo(21.7, org.assertj.core.data.Offset.offset(1e-9));
    assertThatThrownBy(() -> FreshJvms.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
