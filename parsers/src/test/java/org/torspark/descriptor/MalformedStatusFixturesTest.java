package org.torspark.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.testing.Fixtures;

/**
 * The deliberately corrupted fixtures under {@code consensus-microdesc/malformed/} and
 * {@code key-certificate/malformed/} (arti's test suite): each becomes error records naming the
 * offending line and what is wrong, never a crash or a silently wrong record.
 */
class MalformedStatusFixturesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad-flags | 27 | flag 'Muffins' is not in known-flags"
          + " | s Authority Exit Muffins Fast Guard HSDir Running Stable V2Dir Valid",
      "bad-md-digest | 40 | 'm' is not a base64 SHA-256 digest: 'PyZmS8i3xBSMI92mxr' | m PyZmS8i3xBSMI92mxr",
      "bad-params | 15 | 'params' is not a list of key=integer: not key=value: FoobarNotAParameter"
          + " | params FoobarNotAParameter",
      "bad-weight | 67 | 'bandwidth-weights' is not a list of key=integer: not an integer: Hello"
          + " | bandwidth-weights Wbd=3333 Wbe=0 Wbg=0 Wbm=10000 Wdb=10000 Web=10000 Wed=3333 Wee=10000 Weg=3333"
          + " Wem=10000 Wgb=10000 Wgd=3333 Wgg=10000 Wgm=Hello Wmb=10000 Wmd=3333 Wme=0 Wmg=0 Wmm=10000",
      "bad-weights | 51 | 'w' has a bad value in 'Bandwidth=Fred' | w Bandwidth=Fred Unmeasured=1",
      "wrong-order | 52 | router status entries must be in ascending order of identity:"
          + " 5B1203DA06AEDAFBC7C8AED18609811C0FDEB287 comes after A1D6103DE0CB295EC9EC4A5677C7940285787922"
          + " | r test003r WxID2gau2vvHyK7RhgmBHA/esoc 2020-08-07 12:40:27 127.0.0.1 5003 7003",
      "wrong-start | 1 | a network-status-microdesc-consensus-3 must start with 'network-status-version'"
          + " | vote-status consensus",
      "wrong-version | 1 | unsupported network-status-version '10': this library reads version 3"
          + " | network-status-version 10 microdesc",
  })
  void corruptedMicrodescConsensus(String file, int line, String message, String text) {
    List<ParsedDocument> docs = Fixtures.read("consensus-microdesc/malformed/" + file,
        DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3);
    assertThat(docs).singleElement().satisfies(d -> {
      assertThat(d.descriptor()).isNull();
      DescriptorError e = d.error();
      assertThat(e.type()).isEqualTo(DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3);
      assertThat(e.message()).isEqualTo(message);
      assertThat(e.lineNumber()).isEqualTo(line);
      assertThat(e.line()).isEqualTo(text);
      assertThat(e.offset()).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad-cc-tag | 34 | object after 'dir-key-crosscert' must be ID SIGNATURE or SIGNATURE, found HAPPY FROGS",
      "bad-fingerprint | 2 | fingerprint ED03BB616EB2F60BEC80151114BB25CEFFFFFFFF is not the SHA-1 of"
          + " dir-identity-key (ED03BB616EB2F60BEC80151114BB25CEF515B226)",
      "bad-version | 1 | unsupported dir-key-certificate-version '4': this library reads version 3",
      "wrong-end | 28 | 'dir-signing-key' after 'dir-key-certification', which must be the last item",
  })
  void corruptedKeyCertificate(String file, int line, String message) {
    List<ParsedDocument> docs = Fixtures.read("key-certificate/malformed/" + file, DescriptorType.DIR_KEY_CERTIFICATE_3);
    assertThat(docs).singleElement().satisfies(d -> {
      assertThat(d.descriptor()).isNull();
      assertThat(d.error().message()).isEqualTo(message);
      assertThat(d.error().lineNumber()).isEqualTo(line);
    });
  }

  @org.junit.jupiter.api.Test
  void keyCertificateThatDoesNotStartWithItsVersionIsCutThereAndBothPartsReported() {
    // The splitter starts a certificate at every dir-key-certificate-version line, so the
    // fingerprint line before it is a fragment of its own and the rest lacks that fingerprint.
    List<ParsedDocument> docs = Fixtures.read("key-certificate/malformed/wrong-start",
        DescriptorType.DIR_KEY_CERTIFICATE_3);
    assertThat(docs).hasSize(2).allSatisfy(d -> assertThat(d.isError()).isTrue());
    assertThat(docs.get(0).error().message())
        .isEqualTo("a key certificate must start with 'dir-key-certificate-version'");
    assertThat(docs.get(0).error().line()).isEqualTo("fingerprint ED03BB616EB2F60BEC80151114BB25CEF515B226");
    assertThat(docs.get(1).error().message()).isEqualTo("missing required keyword 'fingerprint'");
    assertThat(docs.get(1).error().lineNumber()).isEqualTo(2);
  }
}
