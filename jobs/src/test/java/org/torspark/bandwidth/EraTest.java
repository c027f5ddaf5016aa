package org.torspark.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EraTest {

  @Test
  void realFilesAreClassifiedByTheirHeaders() {
    assertThat(era("bandwidth-file/torflow-v1.0.0-2019-01-14")).isEqualTo(Era.TORFLOW);
    assertThat(era("bandwidth-file/sbws-v1.2.0-2019-01-14")).isEqualTo(Era.SBWS_A0);
    assertThat(era("bandwidth-file/sbws-v1.4.0-2019-04-21")).isEqualTo(Era.SBWS_A);
    assertThat(era("sbws-results/v3bw/20190325_130909.v3bw")).isEqualTo(Era.SBWS_A);
    assertThat(era("sbws-results/v3bw/20190511_063232.v3bw")).isEqualTo(Era.SBWS_A_OR_B);
  }

  @ParameterizedTest
  @CsvSource({
      "0.8.0, SBWS_A0", "1.0.2, SBWS_A0", "1.0.3, SBWS_A", "1.1.0, SBWS_A", "1.1.0-dev0, SBWS_A",
      "1.1.0+12.g1a2b3c4, SBWS_A_OR_B", "1.1.1-dev0, SBWS_A_OR_B", "1.2.0, SBWS_B", "1.2.3, SBWS_B",
      "1.3.0, SBWS_C", "1.6.1, SBWS_C", "1.7.0, SBWS_D", "1.8.1, SBWS_D", "1.9.0, SBWS_E", "2.0.0, SBWS_E",
      "banana, UNKNOWN"})
  void sbwsSoftwareVersionDecidesTheEra(String softwareVersion, Era expected) {
    String text = "1555882497\nversion=1.4.0\nsoftware=sbws\nsoftware_version=" + softwareVersion + "\n=====\n"
        + "bw=1 node_id=$F63DF6AA4F395AD2F5F363333D104279F2171381 bw_mean=1\n";
    assertThat(Era.classify(BandwidthText.parse(text)).era()).isEqualTo(expected);
  }

  @Test
  void anotherGeneratorIsUnknown() {
    String text = "1555882497\nversion=1.4.0\nsoftware=dirauth-thing\nsoftware_version=1.0\n=====\n"
        + "bw=1 node_id=$F63DF6AA4F395AD2F5F363333D104279F2171381\n";
    assertThat(Era.classify(BandwidthText.parse(text)).era()).isEqualTo(Era.UNKNOWN);
  }

  @Test
  void missingSoftwareVersionFallsBackToKeyPresence() {
    String d = "1555882497\nversion=1.5.0\nsoftware=sbws\n=====\n"
        + "bw=1 node_id=$F63DF6AA4F395AD2F5F363333D104279F2171381 r_strm=0.50 r_strm_filt=0.61\n";
    assertThat(Era.classify(BandwidthText.parse(d)).era()).isEqualTo(Era.SBWS_D);
    String e = "1555882497\nversion=1.9.0\nsoftware=sbws\n=====\n"
        + "bw=1 node_id=F63DF6AA4F395AD2F5F363333D104279F2171381 r_strm=0.50 r_strm_filt=0.61\n";
    assertThat(Era.classify(BandwidthText.parse(e)).era()).isEqualTo(Era.SBWS_E);
  }

  private static Era era(String fixture) {
    return Era.classify(Fixtures.bandwidthFile(fixture)).era();
  }
}
