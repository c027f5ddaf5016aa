package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.descriptor.DescriptorType;

class TypeDetectorTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "router a 1.2.3.4 9001 0 0|server-descriptor",
      "extra-info a AAAA|extra-info",
      "onion-key|microdescriptor",
      "dir-key-certificate-version 3|dir-key-certificate-3",
      "network-status-version 3\\nvote-status consensus|network-status-consensus-3",
      "network-status-version 3 microdesc\\nvote-status consensus|network-status-microdesc-consensus-3",
      "network-status-version 3\\nvote-status vote|network-status-vote-3",
      "published 2019-05-01 00:00:00\\nflag-thresholds x|bridge-network-status",
      "Downloaded 2016-09-20 13:02:00|tordnsel",
      "ExitNode AAAA|tordnsel",
      "1557832819\\nversion=1.4.0|bandwidth-file",
      "@downloaded-at 2012\\nrouter a|server-descriptor",
  })
  void firstKeywordTellsTheType(String text, String type) {
    byte[] b = text.replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(TypeDetector.fromContent(b, 0, b.length)).isEqualTo(DescriptorType.fromName(type).get());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "network-status-version 2",
      "hello",
      "signed-directory",
  })
  void unknownContentIsNull(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(TypeDetector.fromContent(b, 0, b.length)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "recent/relay-descriptors/consensuses/2019-11-30-22-00-00-consensus|network-status-consensus-3",
      "microdescs-2019-05/consensus-microdesc/01/2019-05-01-00-00-00-consensus-microdesc|network-status-microdesc-consensus-3",
      "microdescs-2019-05/micro/a/b/abcdef|microdescriptor",
      "recent/relay-descriptors/microdescs/micro/2019-11-27-22-05-00-micro|microdescriptor",
      "server-descriptors-2014-12/7/a/7a1b|server-descriptor",
      "bridge-server-descriptors-2019-02/0/1/01ab|bridge-server-descriptor",
      "extra-infos-2019-04/0/1/01ab|extra-info",
      "bridge-extra-infos-2019-03/0/1/01ab|bridge-extra-info",
      "votes-2016-09/20/2016-09-20-13-00-00-vote-4901-60AD|network-status-vote-3",
      "bandwidths-2019-05/14/2019-05-14-11-43-39-bandwidth-1997|bandwidth-file",
      "exit-list-2018-11/01/2018-11-01-00-02-00|tordnsel",
      "bridge-statuses-2019-05/01/20190501-001130-BA44|bridge-network-status",
      "certs/0232AF901C31A04EE9848595AF9BB7620D4C5B2E-2016-01-01|dir-key-certificate-3",
  })
  void collectorFileNamesTellTheType(String path, String type) {
    assertThat(TypeDetector.fromFileName(path)).isEqualTo(DescriptorType.fromName(type).get());
  }
}
