package org.torspark.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torspark.descriptor.DescriptorReader;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.torspark.descriptor.ParsedDocument;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class ReadAheadInputStreamTest {
  private static final int CHUNK = ReadAheadInputStream.CHUNK;

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] fixture(String path) {
    try (InputStream in = ReadAheadInputStreamTest.class.getResourceAsStream("/testdata/" + path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hands out {@code data} in reads of at most 7,919 bytes, then throws {@code error} if given. */
  private static final class Source extends InputStream {
    final byte[] data;
    final Exception error;
    int position;
    final AtomicBoolean closed = new AtomicBoolean();

    Source(byte[] data, Exception error) {
      this.data = data;
      this.error = error;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException("read() byte by byte");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position == data.length) {
        if (error instanceof IOException io) {
          throw io;
        }
        if (error != null) {
          throw (RuntimeException) error;
        }
        return -1;
      }
      int n = Math.min(Math.min(len, 7919), data.length - position);
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4095, 1 << 20, (1 << 20) + 1, 5 * (1 << 20) + 7})
  void handsOutExactlyTheSourceBytesWhateverTheReadSizes(int size) throws IOException {
    byte[] data = random(size);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReadAheadInputStream in = new ReadAheadInputStream(new Source(data, null), "test")) {
      byte[] buf = new byte[65_537];
      int round = 0;
      while (true) {
        if (round++ % 3 == 0) { // single bytes now and then, across chunk borders too
          int b = in.read();
          if (b < 0) {
            break;
          }
          out.write(b);
          continue;
        }
        int n = in.read(buf, 3, 1 + (round * 977) % (buf.length - 3));
        if (n < 0) {
          break;
        }
        out.write(buf, 3, n);
      }
      assertThat(in.read()).as("stays at its end").isEqualTo(-1);
      assertThat(in.read(buf, 0, 0)).isZero();
    }
    assertThat(Arrays.equals(out.toByteArray(), data)).as("same %d bytes", size).isTrue();
  }

  @Test
  void theSourceErrorComesAfterTheBytesReadBeforeItUnchanged() throws IOException {
    byte[] data = random(CHUNK + 12_345);
    IOException boom = new IOException("unexpected end of input at byte 1061921");
    try (ReadAheadInputStream in = new ReadAheadInputStream(new Source(data, boom), "test")) {
      byte[] got = in.readNBytes(data.length);
      assertThat(Arrays.equals(got, data)).isTrue();
      assertThatThrownBy(in::read).isSameAs(boom);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void aRuntimeExceptionOfTheDecompressorReachesTheReaderAsItIs() throws IOException {
    IllegalStateException bad = new IllegalStateException("corrupt LZMA2 chunk");
    try (ReadAheadInputStream in = new ReadAheadInputStream(new Source(random(10), bad), "test")) {
      assertThat(in.readNBytes(10)).hasSize(10);
      assertThatThrownBy(in::read).isSameAs(bad);
    }
  }

  @Test
  void closingEarlyStopsTheThreadAndClosesTheSource() throws Exception {
    Source source = new Source(random(20 * CHUNK), null);
    ReadAheadInputStream in = new ReadAheadInputStream(source, "close-test");
    assertThat(in.read()).isNotNegative();
    Thread producer = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("torspark-read-ahead-close-test")).findFirst().orElseThrow();
    in.close();
    producer.join(5_000);
    assertThat(producer.isAlive()).isFalse();
    assertThat(source.closed).isTrue();
    assertThat(source.position).as("read ahead by a few chunks only").isLessThanOrEqualTo(
        (ReadAheadInputStream.DEPTH + 1) * CHUNK);
  }

  private static List<String> documents(byte[] archive, boolean readAhead) {
    List<String> out = new ArrayList<>();
    DescriptorReader.Options options = DescriptorReader.Options.lenient().withReadAhead(readAhead);
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(archive), "archive.tar.xz", options)) {
      while (r.hasNext()) {
        ParsedDocument d = r.next();
        out.add(d.isError() ? "error " + d.error().message() : d.descriptor().type() + " " + d.source() + " " + d.offset());
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"consensuses-2018-06-cropped", "microdescs-2019-05-cropped",
      "bridge-statuses-2019-05-cropped", "exit-list-2018-11-cropped", "server-descriptors-2005-12-cropped"})
  void realArchivesReadTheSameWithAndWithoutReadAhead(String name) {
    byte[] xz = fixture("collector-tarball/derived-xz/" + name + ".tar.xz");
    List<String> direct = documents(xz, false);
    assertThat(direct).isNotEmpty().noneMatch(s -> s.startsWith("error"));
    assertThat(documents(xz, true)).isEqualTo(direct);
  }

  @Test
  void aTruncatedArchiveGivesTheSameDocumentsAndAnErrorWithReadAhead() {
    // the real exit lists, four times over in one tarball, xz'd at preset 0 so that it spans
    // several LZMA2 chunks (each at most 64 KiB compressed): the chunks before the cut decode
    ByteArrayOutputStream xzBytes = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(xzBytes, new LZMA2Options(0));
        TarArchiveOutputStream out = new TarArchiveOutputStream(xz)) {
      for (int copy = 0; copy < 4; copy++) {
        try (TarArchiveInputStream in = new TarArchiveInputStream(
            new ByteArrayInputStream(fixture("collector-tarball/exit-list-2018-11-cropped.tar")))) {
          TarArchiveEntry e;
          while ((e = in.getNextEntry()) != null) {
            if (e.isFile()) {
              byte[] body = in.readAllBytes();
              TarArchiveEntry copied = new TarArchiveEntry("copy" + copy + "/" + e.getName());
              copied.setSize(body.length);
              out.putArchiveEntry(copied);
              out.write(body);
              out.closeArchiveEntry();
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] xz = xzBytes.toByteArray();
    assertThat(xz.length).isGreaterThan(2 * 65536);
    byte[] truncated = Arrays.copyOf(xz, xz.length * 2 / 3);
    List<String> direct = documents(truncated, false);
    List<String> ahead = documents(truncated, true);
    assertThat(direct.size()).as("documents before the cut are read").isGreaterThan(1);
    // the same documents; then one error each, naming where the archive broke (read-ahead may get
    // a tar header further, whose bytes a direct read lost inside the failing decompressor call)
    assertThat(ahead.subList(0, ahead.size() - 1)).isEqualTo(direct.subList(0, direct.size() - 1));
    for (List<String> read : List.of(direct, ahead)) {
      assertThat(read.get(read.size() - 1)).startsWith("error unreadable tar.xz file: archive unreadable ")
          .contains("entry copy").contains("the rest of this file was not read");
    }
  }
}
