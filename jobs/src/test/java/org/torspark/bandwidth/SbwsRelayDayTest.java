package org.torspark.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each value is what Spark SQL's aggregate of the same name gives (see sbws_relay_daily in docs/jobs.md). */
class SbwsRelayDayTest {
  static final String FP = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  /** A result line; downloads are (amount, duration) pairs. */
  static SbwsResult result(String type, double time, String nick, String dest, long... downloads) {
    StringBuilder dl = new StringBuilder();
    for (int i = 0; i < downloads.length; i += 2) {
      dl.append(i == 0 ? "" : ", ").append("{\"amount\": ").append(downloads[i]).append(", \"duration\": ")
          .append(downloads[i + 1]).append('}');
    }
    return SbwsResult.parse("{\"fingerprint\": \"" + FP + "\", \"type\": \"" + type + "\", \"time\": " + time
        + (nick == null ? "" : ", \"nickname\": \"" + nick + "\"")
        + (dest == null ? "" : ", \"dest_url\": \"" + dest + "\"") + ", \"downloads\": [" + dl + "]}");
  }

  static SbwsRelayDay of(SbwsResult... rs) {
    SbwsRelayDay d = SbwsRelayDay.of(rs[0]);
    for (int i = 1; i < rs.length; i++) {
      d.add(rs[i]);
    }
    return d;
  }

  @Test
  void countsEachResultTypeAndOnlySuccessesHaveDownloads() {
    SbwsRelayDay d = of(result("success", 10, "a", "u", 100, 1, 300, 1), result("error-stream", 11, "a", "u", 5, 1),
        result("error-circ", 12, "a", null), result("error-misc", 13, "a", null),
        result("error-destination", 14, "a", null), result("error-second-relay", 15, "a", null),
        result("error-auth", 16, "a", null));
    assertThat(List.of(d.attempts(), d.successes(), d.errorStream(), d.errorCirc(), d.errorMisc(),
        d.errorDestination(), d.errorSecondRelay(), d.errorOther())).containsExactly(7L, 1L, 1L, 1L, 1L, 1L, 1L, 1L);
    assertThat(d.downloads()).isEqualTo(2);
    assertThat(d.meanThroughput()).isEqualTo(200.0);
    assertThat(d.maxThroughput()).isEqualTo(300.0);
  }

  @Test
  void medianIsTheMiddleValueOrHalfOfEachMiddleValue() {
    assertThat(of(result("success", 1, null, null, 3, 1, 1, 1, 2, 1)).medianThroughput()).isEqualTo(2.0);
    assertThat(of(result("success", 1, null, null, 3, 1, 1, 1, 2, 1, 10, 1)).medianThroughput()).isEqualTo(2.5);
    // equal middle values are returned as they are, not interpolated
    assertThat(of(result("success", 1, null, null, 1, 1, 7, 1, 7, 1, 9, 1)).medianThroughput()).isEqualTo(7.0);
  }

  @Test
  void withoutDownloadsTheThroughputsAreNull() {
    SbwsRelayDay d = of(result("error-stream", 1, "x", null), result("success", 2, "x", null));
    assertThat(d.downloads()).isZero();
    assertThat(d.meanThroughput()).isNull();
    assertThat(d.medianThroughput()).isNull();
    assertThat(d.maxThroughput()).isNull();
  }

  @Test
  void nicknameIsTheLatestResultsAndTheLaterOneOnATie() {
    assertThat(of(result("success", 20, "new", null), result("success", 10, "old", null)).nickname()).isEqualTo("new");
    assertThat(of(result("success", 20, "first", null), result("success", 20, "second", null)).nickname())
        .isEqualTo("second");
    assertThat(of(result("success", 20, "first", null)).merge(of(result("success", 20, "second", null))).nickname())
        .isEqualTo("second");
    assertThat(of(result("success", 30, null, null), result("success", 20, "named", null)).nickname()).isNull();
  }

  @Test
  void destinationsAreDistinctAndInUtf8ByteOrder() {
    // U+FF21 (FULLWIDTH A) sorts before U+1F600 in UTF-8 but after its surrogates in UTF-16
    SbwsResult smiley = result("success", 1, null, "https://\\ud83d\\ude00/");
    SbwsResult fullwidth = result("success", 2, null, "https://\\uff21/");
    SbwsRelayDay d = of(smiley, fullwidth, result("success", 3, null, "https://a/"), result("success", 4, null,
        "https://a/"));
    assertThat(d.destinationUrls()).containsExactly("https://a/", "https://\uff21/", "https://\ud83d\ude00/");
  }

  @Test
  void loneSurrogatesAreOneValueAsInSpark() {
    // both become "?" in UTF-8: one destination, one relay
    SbwsRelayDay d = of(result("success", 1, null, "\\ud800"), result("success", 2, null, "\\udbff"));
    assertThat(d.destinationUrls()).containsExactly("?");
  }

  @Test
  void firstAndLastResultAreMicrosecondsAndTheDayIsUtc() {
    SbwsResult r = result("success", 1_553_519_123.456789, null, null);
    SbwsRelayDay d = of(r, result("success", 1_553_519_000.5, null, null));
    assertThat(d.firstResultMicros()).isEqualTo((long) (1_553_519_000.5 * 1_000_000L));
    assertThat(d.lastResultMicros()).isEqualTo((long) (1_553_519_123.456789 * 1_000_000L));
    assertThat(SbwsRelayDay.key(r)).isEqualTo(new SbwsRelayDay.Key(17_980, FP)); // 2019-03-25
    assertThat(SbwsRelayDay.key(result("success", -0.5, null, null)).day()).isEqualTo(-1);
  }

  @Test
  void mergingPartialsGivesTheSameCountsAndTheSumOfPartialSums() {
    SbwsResult a = result("success", 1, "a", "u1", 1, 3);
    SbwsResult b = result("error-circ", 2, "b", "u2");
    SbwsResult c = result("success", 3, "c", "u1", 2, 3, 7, 1);
    SbwsRelayDay whole = of(a, b, c);
    SbwsRelayDay merged = of(a, b).merge(of(c));
    assertThat(merged.attempts()).isEqualTo(whole.attempts());
    assertThat(merged.errorCirc()).isEqualTo(1);
    assertThat(merged.downloads()).isEqualTo(3);
    assertThat(merged.destinationUrls()).containsExactly("u1", "u2");
    assertThat(merged.medianThroughput()).isEqualTo(whole.medianThroughput());
    assertThat(merged.maxThroughput()).isEqualTo(7.0);
    assertThat(merged.meanThroughput()).isEqualTo((1.0 / 3 + (2.0 / 3 + 7.0)) / 3);
    assertThat(merged.nickname()).isEqualTo("c");
  }

  @Test
  void combiningARunGroupsByDayAndRelayAddingEachGroupsResultsInOrder() {
    String other = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    double day2 = 86_400 + 5;
    SbwsResult a1 = result("success", 10, "a", "u", 100, 1);
    SbwsResult b1 = SbwsResult.parse("{\"fingerprint\": \"" + other + "\", \"type\": \"error-circ\", \"time\": 11}");
    SbwsResult a2 = result("success", 12, "a2", "u", 300, 1);
    SbwsResult a3 = result("error-stream", day2, "a3", null);
    java.util.Map<SbwsRelayDay.Key, SbwsRelayDay> groups = new java.util.HashMap<>();
    SbwsRelayDay.combine(List.of(a1, b1, a2, a3).iterator()).forEachRemaining(t -> groups.put(t._1(), t._2()));
    // keys made apart from the ones combined: equal by value, not by instance
    SbwsRelayDay.Key aDay0 = new SbwsRelayDay.Key(0, new String(FP.toCharArray()));
    assertThat(groups).containsOnlyKeys(aDay0, new SbwsRelayDay.Key(1, FP), new SbwsRelayDay.Key(0, other));
    SbwsRelayDay a = groups.get(aDay0);
    SbwsRelayDay inOrder = of(a1, a2);
    assertThat(List.of(a.attempts(), a.successes(), a.downloads())).containsExactly(2L, 2L, 2L);
    assertThat(a.meanThroughput()).isEqualTo(inOrder.meanThroughput());
    assertThat(a.nickname()).isEqualTo("a2");
    assertThat(groups.get(new SbwsRelayDay.Key(1, FP)).errorStream()).isEqualTo(1);
    assertThat(groups.get(new SbwsRelayDay.Key(0, other)).errorCirc()).isEqualTo(1);
    assertThat(new SbwsRelayDay.Key(0, FP)).isNotEqualTo(new SbwsRelayDay.Key(1, FP)).isNotEqualTo(null);
  }
}
