package org.torspark.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.testing.Fixtures;

/** Real key certificates: tor's cached-certs (several per file), CollecTor's certs/ and tarballs. */
class KeyCertificateFixturesTest {

  static List<KeyCertificate> certificates(String path) {
    List<ParsedDocument> docs = Fixtures.read(path, null);
    assertThat(docs).allSatisfy(d -> assertThat(d.error()).as(path).isNull());
    return docs.stream().map(d -> (KeyCertificate) d.descriptor()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "key-certificate/2012-cached-certs, 8",
      "key-certificate/2022-cached-certs, 9",
      "key-certificate/2024-cached-certs, 8",
      "key-certificate/single/authcert1-gabelmoo-2020.txt, 1",
      "key-certificate/single/cached-certs-2013, 2",
      "key-certificate/single/metrics_cert, 1",
      "collector-tarball/certs-cropped.tar, 5",
      "collector-tarball/derived-xz/certs-cropped.tar.xz, 5",
  })
  void everyCertificateParses(String path, int count) {
    List<KeyCertificate> certs = certificates(path);
    assertThat(certs).hasSize(count).allSatisfy(c -> {
      assertThat(c.version()).isEqualTo(3);
      assertThat(c.fingerprint()).matches("[0-9A-F]{40}");
      assertThat(c.dirSigningKeyDigest()).matches("[0-9A-F]{40}");
      assertThat(c.dirKeyExpires()).isAfter(c.dirKeyPublished());
      assertThat(c.unknownLines()).isEmpty();
    });
  }

  @Test
  void cachedCerts2022ListsTheNineAuthoritiesOfThatTime() {
    assertThat(certificates("key-certificate/2022-cached-certs")).extracting(KeyCertificate::fingerprint)
        .containsExactly("23D15D965BC35114467363C165C4F724B64B4F66", "D586D18309DED4CD6D57C18FDB97EFA96D330566",
            "49015F787433103580E3B66A1707A00E60F2D15B", "14C131DFC5C6F93646BE72FA1401C02A8DF2E8B4",
            "27102BC123E7AF1D4741AE047E160C91ADC76B21", "ED03BB616EB2F60BEC80151114BB25CEF515B226",
            "0232AF901C31A04EE9848595AF9BB7620D4C5B2E", "E8A9C45EDE6D711294FADF8E7951F4DE6CA56B58",
            "EFCBE720AB3A82B99F9E953CD5BF50F7EEFC7B97");
  }

  @Test
  void metricsCertFrom2008() {
    KeyCertificate c = certificates("key-certificate/single/metrics_cert").get(0);
    assertThat(c.fingerprint()).isEqualTo("14C131DFC5C6F93646BE72FA1401C02A8DF2E8B4");
    assertThat(c.dirKeyPublished()).isEqualTo(Instant.parse("2008-05-09T21:13:26Z"));
    assertThat(c.dirKeyExpires()).isEqualTo(Instant.parse("2009-05-09T21:13:26Z"));
    assertThat(c.dirSigningKeyDigest()).isEqualTo("D6D2325E1511B23A825DBE1CFD3DF9285AAE4DEB");
    assertThat(c.hasCrosscert()).isFalse();
    assertThat(c.dirAddress()).isNull();
  }

  @Test
  void testNetworkCertsCarryADirAddress() {
    List<KeyCertificate> certs = certificates("key-certificate/single/cached-certs-2013");
    assertThat(certs).extracting(KeyCertificate::dirAddress).containsExactly("127.0.0.1:7000", "127.0.0.1:7001");
    assertThat(certs.get(0).fingerprint()).isEqualTo("BCB380A633592C218757BEE11E630511A485658A");
    assertThat(certs.get(0).dirKeyPublished()).isEqualTo(Instant.parse("2017-05-25T04:45:52Z"));
  }

  @Test
  void collectorCertsTarballKeepsEntryNamesAndCrossCertsAppearFrom2009() {
    List<ParsedDocument> docs = Fixtures.read("collector-tarball/certs-cropped.tar", null);
    assertThat(docs).extracting(d -> d.source().entry()).contains(
        "certs/0D95B91896E6089AB9A3C6CB56E724CAF898C43F-2007-12-02-21-24-31");
    for (ParsedDocument d : docs) {
      KeyCertificate c = (KeyCertificate) d.descriptor();
      assertThat(d.source().entry()).contains(c.fingerprint());
      assertThat(c.hasCrosscert()).as(d.source().entry())
          .isEqualTo(c.dirKeyPublished().isAfter(Instant.parse("2009-01-01T00:00:00Z")));
    }
  }
}
