package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.Descriptor;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExitList;
import org.torspark.descriptor.Microdescriptor;

/**
 * Feeds corrupted copies of real documents to the microdescriptor, bandwidth-file and exit-list
 * parsers: each must parse or throw {@link DescriptorParseException}, never anything else. Seeds are
 * fixed, so a failure names a reproducible case.
 */
class MicrodescBandwidthExitListMutationTest {

  private static final byte[] PALETTE = " \t\n\r=-$,.:@0123456789aZ\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1);
  private static final int CASES = 1000;
  private static final int MAX_BYTES = 6000;
  private static final DescriptorSource SOURCE =
      new DescriptorSource("exit-list-2016-09.tar.xz", "exit-list-2016-09/20/2016-09-20-13-02-00");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "microdescriptor/single/cached-microdescs-2013, microdescriptor, 1",
      "microdescriptor/2017-07-17-17-20-00-micro, microdescriptor, 2",
      "microdescriptor/malformed/bogus-policy, microdescriptor, 3",
      "exit-list/2017-07-17-17-02-00, tordnsel, 4",
      "bandwidth-file/sbws-v1.4.0-2019-04-21, bandwidth-file, 5",
      "bandwidth-file/torflow-v1.0.0-2019-01-14, bandwidth-file, 6",
      "sbws-results/v3bw/20190511_063232.v3bw, bandwidth-file, 7"})
  void corruptedDocumentsOnlyEverFailWithAParseException(String path, String typeName, long seed)
      throws IOException {
    DescriptorType type = DescriptorType.fromName(typeName).orElseThrow();
    byte[] file;
    try (InputStream in = getClass().getResourceAsStream("/testdata/" + path)) {
      file = in.readAllBytes();
    }
    List<DocumentSplitter.Piece> pieces = DocumentSplitter.split(file, file.length, SOURCE, type);
    assertThat(pieces).isNotEmpty();
    Random random = new Random(seed);
    int parsed = 0;
    int noticed = 0;
    for (int i = 0; i < CASES; i++) {
      Document original = pieces.get(random.nextInt(pieces.size())).document();
      byte[] bytes = mutate(firstLines(original, MAX_BYTES), random);
      try {
        Descriptor d = Parsers.forType(type).parse(Document.of(type, bytes, SOURCE));
        parsed++;
        if (recordsAProblem(d)) {
          noticed++;
        }
      } catch (DescriptorParseException e) {
        assertThat(e.getMessage()).isNotBlank();
        noticed++;
      } catch (RuntimeException e) {
        throw new AssertionError(path + " seed " + seed + " case " + i + " threw " + e + " on:\n"
            + new String(bytes, StandardCharsets.ISO_8859_1), e);
      }
    }
    assertThat(parsed).as("some corruptions are harmless").isPositive();
    assertThat(noticed).as("corruptions are rejected or recorded, not silently accepted").isGreaterThan(CASES / 10);
  }

  /** Lenient parsers keep what they cannot use; that counts as noticing the corruption. */
  private static boolean recordsAProblem(Descriptor d) {
    if (d instanceof BandwidthFile f) {
      return !f.invalidLines().isEmpty() || !f.unknownLines().isEmpty()
          || f.relays().stream().anyMatch(r -> !r.invalidTokens().isEmpty() || !r.extra().isEmpty());
    }
    if (d instanceof ExitList l) {
      return !l.unknownLines().isEmpty();
    }
    return !((Microdescriptor) d).unknownLines().isEmpty();
  }

  /** The document's first whole lines up to {@code max} bytes: header and a few relay lines suffice. */
  private static byte[] firstLines(Document d, int max) {
    int end = d.end();
    if (d.length() > max) {
      end = d.start() + max;
      while (end > d.start() && d.bytes()[end - 1] != '\n') {
        end--;
      }
    }
    return Arrays.copyOfRange(d.bytes(), d.start(), end);
  }

  /** One to four random edits: overwrite, insert, delete a run, duplicate a run, or truncate. */
  private static byte[] mutate(byte[] b, Random random) {
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(5)) {
        case 0:
          b[at] = PALETTE[random.nextInt(PALETTE.length)];
          break;
        case 1: {
          byte[] out = new byte[b.length + 1];
          System.arraycopy(b, 0, out, 0, at);
          out[at] = PALETTE[random.nextInt(PALETTE.length)];
          System.arraycopy(b, at, out, at + 1, b.length - at);
          b = out;
          break;
        }
        case 2: {
          int len = Math.min(b.length - at, 1 + random.nextInt(40));
          byte[] out = new byte[b.length - len];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, at + len, out, at, b.length - at - len);
          b = out;
          break;
        }
        case 3: {
          int len = Math.min(b.length - at, 1 + random.nextInt(200));
          byte[] out = new byte[b.length + len];
          System.arraycopy(b, 0, out, 0, at + len);
          System.arraycopy(b, at, out, at + len, b.length - at);
          b = out;
          break;
        }
        default:
          b = Arrays.copyOf(b, at);
          break;
      }
    }
    return b;
  }
}
