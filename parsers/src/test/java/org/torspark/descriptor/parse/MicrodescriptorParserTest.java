package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.Microdescriptor;

/** Microdescriptors built line by line (dir-spec "Computing microdescriptors"), one change per case. */
class MicrodescriptorParserTest {

  private static final List<String> BASE = List.of(
      "onion-key",
      "-----BEGIN RSA PUBLIC KEY-----",
      "MIGJAoGBAMhPQtZPaxP3ukybV5LfofKQr20/ljpRk0e9IlGWWMSTkfVvBcHsa6IM",
      "H2KE6s4uuPHp7FqhakXAzJbODobnPHY8l1E4efyrqMQZXEQk2IMhgSNtG6YqUrVF",
      "CxdSKSSy0mmcBe2TOyQsahlGZ9Pudxfnrey7KcfqnArEOqNH09RpAgMBAAE=",
      "-----END RSA PUBLIC KEY-----",
      "ntor-onion-key r5572HzD+PMPBbXlZwBhsm6YEbxnYgis8vhZ1jmdI2k=",
      "a [2001:6b0:7:125::242]:9001",
      "family $6141629FA0D15A6AEAEF3A1BEB76E64C767B3174 othernick",
      "p accept 80,443",
      "p6 reject 1-65535",
      "id rsa1024 QqIYKeAXfHdaKZhrhE4SKiXuPJU",
      "id ed25519 6FEPaO0qQ+XC/VWJOg17RGHUZxwjYZ7FEApvyezZzVg",
      "pr Cons=1-2 Desc=1-2 Link=1-5");

  private static Microdescriptor parse(List<String> lines) throws DescriptorParseException {
    return parseText(String.join("\n", lines) + "\n");
  }

  private static Microdescriptor parseText(String text) throws DescriptorParseException {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return new MicrodescriptorParser().parse(
        Document.of(DescriptorType.MICRODESCRIPTOR, bytes, DescriptorSource.ofFile("test")));
  }

  /** BASE with the line starting with {@code prefix} replaced by {@code replacement} (null removes it). */
  private static List<String> with(String prefix, String replacement) {
    List<String> out = new ArrayList<>();
    boolean found = false;
    for (String line : BASE) {
      if (!found && line.startsWith(prefix)) {
        found = true;
        if (replacement != null) {
          out.add(replacement);
        }
      } else {
        out.add(line);
      }
    }
    assertThat(found).as("BASE has a line starting with " + prefix).isTrue();
    return out;
  }

  private static List<String> plus(String extraLine) {
    List<String> out = new ArrayList<>(BASE);
    out.add(extraLine);
    return out;
  }

  @Test
  void readsEveryKeyword() throws Exception {
    Microdescriptor md = parse(BASE);
    assertThat(md.ntorOnionKey()).isEqualTo("r5572HzD+PMPBbXlZwBhsm6YEbxnYgis8vhZ1jmdI2k=");
    assertThat(md.orAddresses()).containsExactly("[2001:6b0:7:125::242]:9001");
    assertThat(md.family()).containsExactly("$6141629FA0D15A6AEAEF3A1BEB76E64C767B3174", "othernick");
    assertThat(md.familyIds()).isEmpty();
    assertThat(md.exitPolicy()).isEqualTo("accept 80,443");
    assertThat(md.exitPolicyV6()).isEqualTo("reject 1-65535");
    assertThat(md.idRsa1024()).isEqualTo("QqIYKeAXfHdaKZhrhE4SKiXuPJU");
    assertThat(md.idEd25519()).isEqualTo("6FEPaO0qQ+XC/VWJOg17RGHUZxwjYZ7FEApvyezZzVg");
    assertThat(md.proto()).containsExactly(
        java.util.Map.entry("Cons", "1-2"), java.util.Map.entry("Desc", "1-2"), java.util.Map.entry("Link", "1-5"));
    assertThat(md.unknownLines()).isEmpty();
    assertThat(md.type()).isEqualTo(DescriptorType.MICRODESCRIPTOR);
  }

  @Test
  void digestIsSha256OfTheDocumentBytesBase64WithoutPadding() throws Exception {
    String text = String.join("\n", BASE) + "\n";
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.ISO_8859_1));
    Microdescriptor md = parseText(text);
    assertThat(md.digest()).isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(sha)).hasSize(43);
    assertThat(md.digestHex()).isEqualTo(HexFormat.of().formatHex(sha));
  }

  @Test
  void digestCoversCarriageReturnsAsWritten() throws Exception {
    String crlf = String.join("\r\n", BASE) + "\r\n";
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(crlf.getBytes(StandardCharsets.ISO_8859_1));
    Microdescriptor md = parseText(crlf);
    assertThat(md.digestHex()).isEqualTo(HexFormat.of().formatHex(sha));
    assertThat(md.exitPolicy()).isEqualTo("accept 80,443");
    assertThat(md.idEd25519()).isEqualTo("6FEPaO0qQ+XC/VWJOg17RGHUZxwjYZ7FEApvyezZzVg");
  }

  @Test
  void onionKeyAloneIsAComplete2013Microdescriptor() throws Exception {
    Microdescriptor md = parse(BASE.subList(0, 6));
    assertThat(md.onionKey()).isEqualTo(String.join("\n", BASE.subList(1, 6)));
    assertThat(md.ntorOnionKey()).isNull();
    assertThat(md.exitPolicy()).as("absent p means reject 1-65535").isNull();
    assertThat(md.exitPolicyV6()).isNull();
    assertThat(md.idRsa1024()).isNull();
    assertThat(md.idEd25519()).isNull();
    assertThat(md.family()).isEmpty();
    assertThat(md.orAddresses()).isEmpty();
    assertThat(md.proto()).isEmpty();
  }

  @Test
  void onionKeyWithoutItsObjectIsAccepted() throws Exception {
    // tor 0.4.9 may omit the obsolete TAP key; the onion-key item still starts the document.
    List<String> lines = new ArrayList<>(BASE);
    lines.subList(1, 6).clear();
    assertThat(parse(lines).ntorOnionKey()).isEqualTo("r5572HzD+PMPBbXlZwBhsm6YEbxnYgis8vhZ1jmdI2k=");
    assertThat(parse(lines).onionKey()).isNull();
  }

  @Test
  void familyIdsAreKeptAsWritten() throws Exception {
    Microdescriptor md = parse(plus("family-ids ed25519:7sToQRuge1bU2hS0CG0ViMndc4m82JhO4B4kdrQey80"));
    assertThat(md.familyIds()).containsExactly("ed25519:7sToQRuge1bU2hS0CG0ViMndc4m82JhO4B4kdrQey80");
  }

  @Test
  void mustStartWithOnionKey() {
    List<String> lines = new ArrayList<>(BASE);
    lines.add(0, lines.remove(8));
    assertThatThrownBy(() -> parse(lines))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("a microdescriptor must start with 'onion-key', found 'family'")
        .satisfies(e -> assertThat(((DescriptorParseException) e).lineInDocument()).isEqualTo(1));
  }

  @Test
  void secondExitPolicyLineIsRejected() {
    assertThatThrownBy(() -> parse(plus("p reject 25")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("keyword 'p' may appear at most once, found 2 times");
  }

  @Test
  void policyMustAcceptOrReject() {
    assertThatThrownBy(() -> parse(with("p6 ", "p6 allow 443")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'p6' must start with 'accept' or 'reject', found 'allow'")
        .satisfies(e -> assertThat(((DescriptorParseException) e).line()).isEqualTo("p6 allow 443"));
  }

  @Test
  void policyNeedsAPortList() {
    assertThatThrownBy(() -> parse(with("p ", "p accept")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'p' needs at least 2 argument(s), found 1");
  }

  @Test
  void portListsAreValidated() {
    assertThat(MicrodescriptorParser.isPortList("1-65535")).isTrue();
    assertThat(MicrodescriptorParser.isPortList("20-23,43,53,79-81")).isTrue();
    assertThat(MicrodescriptorParser.isPortList("443")).isTrue();
    assertThat(MicrodescriptorParser.isPortList("0")).isFalse();
    assertThat(MicrodescriptorParser.isPortList("65536")).isFalse();
    assertThat(MicrodescriptorParser.isPortList("443-80")).isFalse();
    assertThat(MicrodescriptorParser.isPortList("80,")).isFalse();
    assertThat(MicrodescriptorParser.isPortList(",80")).isFalse();
    assertThat(MicrodescriptorParser.isPortList("80-")).isFalse();
    assertThat(MicrodescriptorParser.isPortList("")).isFalse();
    assertThat(MicrodescriptorParser.isPortList("1000000")).isFalse();
    assertThat(MicrodescriptorParser.isPortList("whatever")).isFalse();
  }

  @Test
  void reversedPortRangeIsRejected() {
    assertThatThrownBy(() -> parse(with("p ", "p accept 443-80")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'p' has a bad port list '443-80'");
  }

  @Test
  void unknownIdKeyTypeIsKeptNotFatal() throws Exception {
    // dir-spec: implementations MUST ignore "id" lines with unrecognized key types.
    Microdescriptor md = parse(with("id rsa1024", "id explodo hgncrBuwMLKGDCCnpwzeiJ+kXohhfI2mKBqplig1QXQ"));
    assertThat(md.idRsa1024()).isNull();
    assertThat(md.idEd25519()).isEqualTo("6FEPaO0qQ+XC/VWJOg17RGHUZxwjYZ7FEApvyezZzVg");
    assertThat(md.unknownLines()).containsExactly("id explodo hgncrBuwMLKGDCCnpwzeiJ+kXohhfI2mKBqplig1QXQ");
  }

  @Test
  void secondEd25519IdIsRejected() {
    assertThatThrownBy(() -> parse(plus("id ed25519 xcCdNV8zly2rCTRAWXSMFBKuH5JyE+VFX9C3k1vBsNk")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'id ed25519' may appear at most once");
  }

  @Test
  void ed25519IdMustBe32Bytes() {
    assertThatThrownBy(() -> parse(with("id ed25519", "id ed25519 QqIYKeAXfHdaKZhrhE4SKiXuPJU")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'id' has a bad ed25519 key: 20 bytes instead of 32");
  }

  @Test
  void ntorKeyMustBeBase64() {
    assertThatThrownBy(() -> parse(with("ntor-onion-key", "ntor-onion-key not*base64")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'ntor-onion-key' has a bad curve25519 key (not base64): 'not*base64'");
  }

  @Test
  void ntorKeyWithoutPaddingIsAccepted() throws Exception {
    // consensus method 30 dropped the trailing '='.
    Microdescriptor md = parse(with("ntor-onion-key", "ntor-onion-key r5572HzD+PMPBbXlZwBhsm6YEbxnYgis8vhZ1jmdI2k"));
    assertThat(md.ntorOnionKey()).isEqualTo("r5572HzD+PMPBbXlZwBhsm6YEbxnYgis8vhZ1jmdI2k");
  }

  @Test
  void malformedProtocolEntryIsRejected() {
    assertThatThrownBy(() -> parse(with("pr ", "pr Cons=1-2 Desc")))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("'pr' entries must be Name=Versions: not key=value: Desc");
  }

  @Test
  void unknownKeywordIsKeptWithItsObject() throws Exception {
    List<String> lines = new ArrayList<>(BASE);
    lines.addAll(List.of("x-future-key arg", "-----BEGIN FUTURE-----", "AAAA", "-----END FUTURE-----"));
    Microdescriptor md = parse(lines);
    assertThat(md.unknownLines())
        .containsExactly("x-future-key arg\n-----BEGIN FUTURE-----\nAAAA\n-----END FUTURE-----");
  }

  @Test
  void lineStartingWithWhitespaceIsKeptAsUnknownNotSkippedAsBlank() throws Exception {
    Microdescriptor md = parse(plus("  indented line"));
    assertThat(md.unknownLines()).containsExactly("  indented line");
  }

  @Test
  void objectWithoutKeywordIsRejected() {
    List<String> lines = new ArrayList<>(BASE);
    lines.addAll(List.of("-----BEGIN STRAY-----", "AAAA", "-----END STRAY-----"));
    assertThatThrownBy(() -> parse(lines))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessage("object without a keyword line before it");
  }

  @Test
  void unterminatedOnionKeyObjectIsRejected() {
    assertThatThrownBy(() -> parse(BASE.subList(0, 5)))
        .isInstanceOf(DescriptorParseException.class)
        .hasMessageStartingWith("object after 'onion-key' (line 1) has no -----END line");
  }
}
