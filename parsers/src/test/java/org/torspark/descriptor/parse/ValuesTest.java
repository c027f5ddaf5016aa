package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

  @ParameterizedTest
  @CsvSource({
      "2022-11-19, 03:58:26, 2022-11-19T03:58:26Z",
      "2000-02-29, 00:00:00, 2000-02-29T00:00:00Z",
      "1970-01-01, 00:00:00, 1970-01-01T00:00:00Z",
      "2038-01-01, 00:00:00, 2038-01-01T00:00:00Z",
      "1969-12-31, 23:59:59, 1969-12-31T23:59:59Z",
  })
  void timestampsAreUtc(String date, String time, String iso) {
    assertThat(Values.timestamp(date, time)).isEqualTo(Instant.parse(iso));
  }

  @ParameterizedTest
  @CsvSource({
      "2019-02-29, 00:00:00",
      "2019-13-01, 00:00:00",
      "2019-00-10, 00:00:00",
      "2019-01-01, 24:00:00",
      "2019-01-01, 00:60:00",
      "2019-1-01, 00:00:00",
      "2019-01-01, 0:00:00",
      "2019x01-01, 00:00:00",
      "20a9-01-01, 00:00:00",
  })
  void badTimestampsAreRefused(String date, String time) {
    assertThatThrownBy(() -> Values.timestamp(date, time)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void integersAreStrict() {
    assertThat(Values.parseLong("-12")).isEqualTo(-12);
    assertThat(Values.parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    for (String bad : new String[] {"", "-", "+1", " 1", "1 ", "1.0", "0x10", "9223372036854775808"}) {
      assertThatThrownBy(() -> Values.parseLong(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Values.parseInt("2147483648")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void base64IdentitiesBecomeHex() {
    // From the 2020-02-29 consensus: r line of a relay; identity and digest are unpadded base64.
    assertThat(Values.base64ToHex("AAoQ1DAR6kkoo19hBAX5K0QztNw", true))
        .isEqualTo("000A10D43011EA4928A35F610405F92B4433B4DC");
    assertThat(Values.base64ToHex("AAoQ1DAR6kkoo19hBAX5K0QztNw=", false))
        .isEqualTo("000a10d43011ea4928a35f610405f92b4433b4dc");
    assertThatThrownBy(() -> Values.base64("not*base64")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyValueListsKeepOrderAndRefuseBareWords() {
    assertThat(Values.keyLongValues(new String[] {"x", "b=2", "a=-1"}, 1)).containsExactly(
        java.util.Map.entry("b", 2L), java.util.Map.entry("a", -1L));
    assertThat(Values.commaKeyLongValues("us=16,de=8")).containsEntry("us", 16L).containsEntry("de", 8L);
    assertThatThrownBy(() -> Values.keyValues(new String[] {"novalue"}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Values.commaKeyLongValues("us=x")).isInstanceOf(IllegalArgumentException.class);
  }
}
