package org.torspark.descriptor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torspark.descriptor.Descriptor;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;

/**
 * Thousands of corrupted real descriptors (bytes flipped, inserted, deleted; lines dropped,
 * doubled, swapped; documents cut short): the parsers must return a descriptor or throw
 * {@link DescriptorParseException}, never anything else, and never hang.
 */
class RelayParsersMutationTest {
  private static final int SAMPLES = 3000;
  private static final byte[] INTERESTING = " \n\r\t-=,:()0123456789aZ/+[]$~.?<>".getBytes(StandardCharsets.US_ASCII);

  static List<Object[]> documents() {
    return List.of(
        new Object[] {DescriptorType.SERVER_DESCRIPTOR, DescriptorLines.fromFixture(DescriptorType.SERVER_DESCRIPTOR,
            "server-descriptor/single/routerdesc1-Akka-2022.txt").after("reject", "ipv6-policy accept 80,443",
                "accept *:80").bytes()},
        new Object[] {DescriptorType.SERVER_DESCRIPTOR, DescriptorLines.fromFixture(DescriptorType.SERVER_DESCRIPTOR,
            "server-descriptor/single/old_descriptor").bytes()},
        new Object[] {DescriptorType.BRIDGE_SERVER_DESCRIPTOR, DescriptorLines.fromFixture(
            DescriptorType.BRIDGE_SERVER_DESCRIPTOR, "bridge-server-descriptor/single/bridge_descriptor_with_ed25519")
            .bytes()},
        new Object[] {DescriptorType.EXTRA_INFO, DescriptorLines.fromFixture(DescriptorType.EXTRA_INFO,
            "extra-info/single/extrainfo_descriptor_with_ed25519").before("router-sig-ed25519",
                "ipv6-read-history 2019-04-15 04:25:02 (86400 s) 10,20,30",
                "entry-stats-end 2012-05-03 12:07:50 (86400 s)", "entry-ips de=16,us=8",
                "cell-stats-end 2012-05-03 12:07:50 (86400 s)", "cell-processed-cells 4563,153,42.5,0",
                "cell-circuits-per-decile 13", "conn-bi-direct 2012-05-03 12:07:50 (86400 s) 277,12089,0,3",
                "exit-stats-end 2012-05-03 12:07:50 (86400 s)", "exit-kibibytes-written 80=1,443=2,other=3",
                "hidserv-stats-end 2021-10-06 17:16:59 (86400 s)",
                "hidserv-dir-onions-seen -9 delta_f=8 epsilon=0.30 bin_size=8",
                "padding-counts 2021-10-06 17:17:14 (86400 s) bin-size=10000 write-drop=0",
                "overload-ratelimits 1 2021-10-07 05:00:00 122880 819200 221 105",
                "overload-fd-exhausted 1 2021-09-01 12:00:00", "transport obfs4 192.0.2.1:443 cert=abc")
            .bytes()},
        new Object[] {DescriptorType.BRIDGE_EXTRA_INFO, DescriptorLines.fromFixture(DescriptorType.BRIDGE_EXTRA_INFO,
            "bridge-extra-info/single/bridge_extrainfo_descriptor_with_ed25519").bytes()});
  }

  @ParameterizedTest
  @MethodSource("documents")
  void corruptedDocumentsOnlyEverFailWithDescriptorParseException(DescriptorType type, byte[] original) {
    DescriptorParser parser = Parsers.forType(type);
    Random random = new Random(Arrays.hashCode(original));
    int parsed = 0;
    int failed = 0;
    for (int i = 0; i < SAMPLES; i++) {
      byte[] mutated = original;
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        mutated = mutate(mutated, random);
      }
      Document doc = Document.of(type, mutated, DescriptorSource.ofFile("mutant-" + i));
      try {
        Descriptor d = parser.parse(doc);
        assertThat(d).isNotNull();
        assertThat(d.type()).isEqualTo(type);
        parsed++;
      } catch (DescriptorParseException e) {
        assertThat(e.getMessage()).isNotBlank();
        failed++;
      } catch (RuntimeException | Error e) {
        fail("mutant " + i + " threw " + e + " for:\n" + new String(mutated, StandardCharsets.ISO_8859_1), e);
      }
    }
    // Both outcomes must occur, or the mutations are not exercising anything.
    assertThat(parsed).isPositive();
    assertThat(failed).isPositive();
  }

  private static byte[] mutate(byte[] b, Random random) {
    if (b.length == 0) {
      return new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
    }
    int at = random.nextInt(b.length);
    switch (random.nextInt(8)) {
      case 0: {
        byte[] out = b.clone();
        out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
        return out;
      }
      case 1: {
        byte[] out = b.clone();
        out[at] = (byte) random.nextInt(256);
        return out;
      }
      case 2: {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(INTERESTING[random.nextInt(INTERESTING.length)]);
        out.write(b, at, b.length - at);
        return out.toByteArray();
      }
      case 3: {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(b, at + 1, b.length - at - 1);
        return out.toByteArray();
      }
      case 4:
        return Arrays.copyOf(b, at);
      default:
        return mutateLines(b, random);
    }
  }

  private static byte[] mutateLines(byte[] b, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
    int i = random.nextInt(lines.size());
    int j = random.nextInt(lines.size());
    switch (random.nextInt(4)) {
      case 0:
        lines.remove(i);
        break;
      case 1:
        lines.add(j, lines.get(i));
        break;
      case 2:
        String tmp = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, tmp);
        break;
      default:
        String line = lines.get(i);
        int space = line.indexOf(' ');
        lines.set(i, (space < 0 ? line : line.substring(0, space)) + " " + garbage(random));
        break;
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String garbage(Random random) {
    String[] pieces = {"", "-1", "99999999999999999999", "1,,2", "=", "a=b", "(900", "s)", "2020-02-30", "25:00:00",
        "[::1]:80", "*:*", "0", "1", "\u00ff\u00fe", "\r", "-----BEGIN X-----", "-----END X-----", "k=v,k", "1-", ","};
    StringBuilder sb = new StringBuilder();
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      sb.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? " " : "");
    }
    return sb.toString();
  }
}
