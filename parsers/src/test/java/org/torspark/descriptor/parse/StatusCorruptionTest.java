package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;
import org.torspark.testing.Fixtures;

/**
 * Thousands of corrupted copies of real documents (bytes deleted or replaced, lines dropped,
 * repeated or swapped, the document cut short): the parsers must return a record or throw
 * {@link DescriptorParseException}, never anything else, and never hang. Seeded, so a failure
 * names a reproducible mutation.
 */
class StatusCorruptionTest {
  private static final byte[] INTERESTING = " \t\r\n=-+/:,.0179AZaz@\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  private static final int MUTATIONS = 1500;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "consensus/cropped/2017-07-17-17-00-00-consensus, network-status-consensus-3",
      "consensus-microdesc/cropped/2017-07-17-17-00-00-consensus-microdesc, network-status-microdesc-consensus-3",
      "vote/cropped/2017-07-17-17-00-00-vote-0232AF901C31A04EE9848595AF9BB7620D4C5B2E-6C2F5B0D52DFB3E4CA3DDEEAD690CC563CAF0601,"
          + " network-status-vote-3",
      "bridge-network-status/cropped/20171204-190507-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1.part, bridge-network-status",
      "key-certificate/single/authcert1-gabelmoo-2020.txt, dir-key-certificate-3",
  })
  void corruptedDocumentsFailOnlyWithParseExceptions(String path, String typeName) {
    DescriptorType type = DescriptorType.fromName(typeName).orElseThrow();
    byte[] original = withoutAnnotation(Fixtures.bytes(path));
    DescriptorParser parser = Parsers.forType(type);
    Random random = new Random(path.hashCode());
    int parsed = 0;
    int refused = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      long seed = random.nextLong();
      byte[] mutated = mutate(original, new Random(seed));
      try {
        parser.parse(Document.of(type, mutated, DescriptorSource.ofFile(path)));
        parsed++;
      } catch (DescriptorParseException expected) {
        refused++; // the only acceptable failure
      } catch (RuntimeException | StackOverflowError e) {
        fail("mutation seed " + seed + " of " + path + " made the parser throw " + e, e);
      }
    }
    // Both outcomes occur, so the mutations reach past the first line.
    assertThat(parsed).isPositive();
    assertThat(refused).isPositive();
  }

  private static byte[] withoutAnnotation(byte[] b) {
    if (b.length > 0 && b[0] == '@') {
      int nl = 0;
      while (b[nl] != '\n') {
        nl++;
      }
      return Arrays.copyOfRange(b, nl + 1, b.length);
    }
    return b;
  }

  private static byte[] mutate(byte[] original, Random r) {
    byte[] b = original;
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits && b.length > 1; e++) {
      switch (r.nextInt(6)) {
        case 0: {
          int at = r.nextInt(b.length);
          byte[] out = new byte[b.length - 1];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, at + 1, out, at, b.length - at - 1);
          b = out;
          break;
        }
        case 1:
          b = b.clone();
          b[r.nextInt(b.length)] = INTERESTING[r.nextInt(INTERESTING.length)];
          break;
        case 2:
          b = Arrays.copyOf(b, r.nextInt(b.length));
          break;
        default:
          b = mutateLines(b, r);
      }
    }
    return b;
  }

  private static byte[] mutateLines(byte[] b, Random r) {
    List<byte[]> lines = new ArrayList<>();
    int s = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        lines.add(Arrays.copyOfRange(b, s, i + 1));
        s = i + 1;
      }
    }
    if (s < b.length) {
      lines.add(Arrays.copyOfRange(b, s, b.length));
    }
    if (lines.size() < 2) {
      return b;
    }
    int i = r.nextInt(lines.size() - 1);
    switch (r.nextInt(3)) {
      case 0:
        lines.remove(i);
        break;
      case 1:
        lines.add(i, lines.get(i));
        break;
      default:
        byte[] tmp = lines.get(i);
        lines.set(i, lines.get(i + 1));
        lines.set(i + 1, tmp);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length + 100);
    for (byte[] line : lines) {
      out.writeBytes(line);
    }
    return out.toByteArray();
  }
}
