package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.KeyCertificate;
import org.torspark.testing.Fixtures;

/** gabelmoo's 2020 certificate, changed one line per case. */
class KeyCertificateParserTest {
  private static final DescriptorType CERT = DescriptorType.DIR_KEY_CERTIFICATE_3;
  private static final StatusText GABELMOO = StatusText.ofText(
      Fixtures.text("key-certificate/single/authcert1-gabelmoo-2020.txt").strip());

  private static KeyCertificate parse(StatusText text) throws DescriptorParseException {
    return (KeyCertificate) text.parse(CERT);
  }

  private static void assertFails(StatusText text, String message) {
    assertThatThrownBy(() -> text.parse(CERT)).isInstanceOf(DescriptorParseException.class).hasMessage(message);
  }

  @Test
  void readsTheCertificate() throws Exception {
    KeyCertificate c = parse(GABELMOO);
    assertThat(c.type()).isEqualTo(CERT);
    assertThat(c.version()).isEqualTo(3);
    assertThat(c.fingerprint()).isEqualTo("ED03BB616EB2F60BEC80151114BB25CEF515B226");
    assertThat(c.dirKeyPublished()).isEqualTo(Instant.parse("2020-04-18T08:36:57Z"));
    assertThat(c.dirKeyExpires()).isEqualTo(Instant.parse("2021-04-18T08:36:57Z"));
    assertThat(c.dirAddress()).isNull();
    assertThat(c.dirSigningKeyDigest()).isEqualTo("C4F720E2C59F9DDD4867FFF465CA04031E35648F");
    assertThat(c.dirIdentityKey()).startsWith("-----BEGIN RSA PUBLIC KEY-----\nMIIBigKCAYEA1d6uTRiqdMp4BHBYIHKR6NB599Z1")
        .endsWith("DNyyzRG8iP61AgMBAAE=\n-----END RSA PUBLIC KEY-----");
    assertThat(c.dirSigningKey()).startsWith("-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA1OQgYH7drIJk2IjPiaev");
    assertThat(c.hasCrosscert()).isTrue();
    assertThat(c.unknownLines()).isEmpty();
  }

  @Test
  void readsTheDirAddress() throws Exception {
    assertThat(parse(GABELMOO.insertAfter("dir-key-certificate-version", "dir-address 131.188.40.189:80")).dirAddress())
        .isEqualTo("131.188.40.189:80");
  }

  @Test
  void certificatesFromBeforeCrossCertificationParse() throws Exception {
    assertThat(parse(GABELMOO.removeItem("dir-key-crosscert")).hasCrosscert()).isFalse();
  }

  @Test
  void keepsUnknownLines() throws Exception {
    assertThat(parse(GABELMOO.insertAfter("dir-key-expires", "x-extra 1")).unknownLines()).containsExactly("x-extra 1");
  }

  @Test
  void keepsAnUnknownItemWithItsObject() throws Exception {
    assertThat(parse(GABELMOO.insertAfter("dir-key-expires", "x-extra", "-----BEGIN EXTRA-----", "AAAA",
        "-----END EXTRA-----")).unknownLines()).containsExactly("x-extra\n-----BEGIN EXTRA-----\nAAAA\n-----END EXTRA-----");
  }

  @Test
  void fingerprintMustBeTheIdentityKeyDigest() {
    assertFails(GABELMOO.replace("fingerprint", "fingerprint ED03BB616EB2F60BEC80151114BB25CEFFFFFFFF"),
        "fingerprint ED03BB616EB2F60BEC80151114BB25CEFFFFFFFF is not the SHA-1 of dir-identity-key "
            + "(ED03BB616EB2F60BEC80151114BB25CEF515B226)");
  }

  @Test
  void fingerprintMustBeHex() {
    assertFails(GABELMOO.replace("fingerprint", "fingerprint gabelmoo"),
        "'fingerprint' is not a 40-digit hex fingerprint: 'gabelmoo'");
  }

  @Test
  void onlyVersion3() {
    assertFails(GABELMOO.replace("dir-key-certificate-version", "dir-key-certificate-version 4"),
        "unsupported dir-key-certificate-version '4': this library reads version 3");
  }

  @Test
  void mustStartWithTheVersion() {
    assertFails(GABELMOO.remove("dir-key-certificate-version").insertAfter("fingerprint", "dir-key-certificate-version 3"),
        "a key certificate must start with 'dir-key-certificate-version'");
  }

  @Test
  void missingExpiry() {
    assertFails(GABELMOO.remove("dir-key-expires"), "missing required keyword 'dir-key-expires'");
  }

  @Test
  void badPublicationTime() {
    assertFails(GABELMOO.replace("dir-key-published", "dir-key-published 2020-04-18"),
        "'dir-key-published' needs at least 2 argument(s), found 1");
  }

  @Test
  void crossCertificateOfTheWrongKind() {
    assertFails(GABELMOO.replace("-----BEGIN ID SIGNATURE", "-----BEGIN HAPPY FROGS-----")
        .replace("-----END ID SIGNATURE", "-----END HAPPY FROGS-----"),
        "object after 'dir-key-crosscert' must be ID SIGNATURE or SIGNATURE, found HAPPY FROGS");
  }

  @Test
  void objectWhoseEndDoesNotMatchItsBegin() {
    assertFails(GABELMOO.replace("-----END ID SIGNATURE", "-----END SIGNATURE-----"),
        "object after 'dir-key-crosscert' has mismatched BEGIN and END lines");
  }

  @Test
  void keyWithoutItsObject() {
    assertFails(GABELMOO.removeObjectAfter("dir-signing-key"), "'dir-signing-key' must be followed by an object");
  }

  @Test
  void certificationMustBeLast() {
    assertFails(GABELMOO.insertAfter("-----END SIGNATURE-----", "dir-address 131.188.40.189:80"),
        "'dir-address' after 'dir-key-certification', which must be the last item");
  }
}
