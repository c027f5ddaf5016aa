package org.torspark.jobs.exit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyClassTest {

  @Test
  void rejectAllAndAcceptAll() {
    assertThat(PolicyClass.of("reject 1-65535")).isEqualTo(PolicyClass.REJECT_ALL);
    assertThat(PolicyClass.of("reject 1-1000,1001-65535")).as("no port allowed").isEqualTo(PolicyClass.REJECT_ALL);
    assertThat(PolicyClass.of("accept 1-65535")).isEqualTo(PolicyClass.ACCEPT_ALL);
  }

  @Test
  void torsDefaultPolicySummaryIsRecognisedExactly() {
    assertThat(PolicyClass.DEFAULT_SUMMARY).hasToString(
        "reject 25,119,135-139,445,563,1214,4661-4666,6346-6429,6699,6881-6999");
    assertThat(PolicyClass.of("reject 25,119,135-139,445,563,1214,4661-4666,6346-6429,6699,6881-6999"))
        .isEqualTo(PolicyClass.DEFAULT);
    assertThat(PolicyClass.of("reject 22,25,119,135-139,445,563,1214,4661-4666,6346-6429,6699,6881-6999"))
        .as("one more port blocked: no longer the default").isEqualTo(PolicyClass.ACCEPT_ALL_BUT_FEW);
  }

  @Test
  void reducedPolicyVariantsSeenIn2020AreReduced() {
    // the most common accept list in the 2020-02-29 10:00 consensus (80 relays): no SSH, no 465/587, 853 added
    String variant = "accept 20-21,43,53,79-81,88,110,143,194,220,389,443,464,531,543-544,554,563,636,706,749,853,"
        + "873,902-904,981,989-995,1194,1220,1293,1500,1533,1677,1723,1755,1863,2082-2083,2086-2087,2095-2096,"
        + "2102-2104,3128,3389,3690,4321,4643,5050,5190,5222-5223,5228,5900,6660-6669,6679,6697,8000,8008,8074,"
        + "8080,8082,8087-8088,8232-8233,8332-8333,8443,8888,9418,9999,11371,19294,19638,50002,64738";
    assertThat(PolicyClass.of(variant)).isEqualTo(PolicyClass.REDUCED);
    assertThat(PolicyClass.of(PolicyClass.REDUCED_SUMMARY.toString())).isEqualTo(PolicyClass.REDUCED);
  }

  @Test
  void shortListsAreFewOrAllButFew() {
    assertThat(PolicyClass.of("accept 80,443")).isEqualTo(PolicyClass.ACCEPT_FEW);
    assertThat(PolicyClass.of("reject 25")).isEqualTo(PolicyClass.ACCEPT_ALL_BUT_FEW);
  }

  @Test
  void missingOrMalformedSummaryIsUnknown() {
    assertThat(PolicyClass.of(null)).isEqualTo(PolicyClass.UNKNOWN);
    assertThat(PolicyClass.of("allow 80")).isEqualTo(PolicyClass.UNKNOWN);
    assertThat(PolicyClass.UNKNOWN.label()).isEqualTo("unknown");
  }
}
