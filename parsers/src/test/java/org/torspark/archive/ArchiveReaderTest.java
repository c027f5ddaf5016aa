package org.torspark.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torspark.testing.Fixtures;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class ArchiveReaderTest {

  private static List<String> names(byte[] archive) throws IOException {
    List<String> names = new ArrayList<>();
    try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(archive))) {
      ArchiveReader.Entry e;
      while ((e = r.nextEntry()) != null) {
        names.add(e.name() + ":" + e.length());
      }
    }
    return names;
  }

  @ParameterizedTest
  @CsvSource({
      "collector-tarball/descriptor_archive.tar, tar",
      "collector-tarball/descriptor_archive.tar.gz, tar.gz",
      "collector-tarball/descriptor_archive.tar.bz2, tar.bz2",
      "collector-tarball/derived-xz/certs-cropped.tar.xz, tar.xz",
  })
  void detectsFormatByMagicBytes(String path, String format) throws IOException {
    try (ArchiveReader r = ArchiveReader.open(Fixtures.open(path))) {
      assertThat(r.format()).isEqualTo(format);
      assertThat(r.isTar()).isTrue();
    }
  }

  @Test
  void tarballsYieldFilesOnlyWithFullEntryNamesAndSizes() throws IOException {
    // descriptor_archive.tar lists three files and five directories (tar tvf).
    assertThat(names(Fixtures.bytes("collector-tarball/descriptor_archive.tar"))).containsExactly(
        "descriptor_archive/0/2/02c311d3d789f3f55c0880b5c85f3c196343552c:2445",
        "descriptor_archive/1/b/1bb798cae15e21479db0bc700767eee4733e9d4a:2487",
        "descriptor_archive/1/b/1ef75fef564180d8b3f72c6f8635ff0cd855f92c:2446");
  }

  @Test
  void everyCompressionOfTheSameTarYieldsTheSameEntries() throws IOException {
    List<String> plain = names(Fixtures.bytes("collector-tarball/descriptor_archive.tar"));
    assertThat(names(Fixtures.bytes("collector-tarball/descriptor_archive.tar.gz"))).isEqualTo(plain);
    assertThat(names(Fixtures.bytes("collector-tarball/descriptor_archive.tar.bz2"))).isEqualTo(plain);
    assertThat(names(xz(Fixtures.bytes("collector-tarball/descriptor_archive.tar")))).isEqualTo(plain);
  }

  @Test
  void plainFileIsOneUnnamedEntry() throws IOException {
    byte[] text = Fixtures.bytes("key-certificate/single/metrics_cert");
    try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(text))) {
      assertThat(r.format()).isEqualTo("plain");
      ArchiveReader.Entry e = r.nextEntry();
      assertThat(e.name()).isNull();
      assertThat(Arrays.copyOf(e.bytes(), e.length())).isEqualTo(text);
      assertThat(r.nextEntry()).isNull();
    }
  }

  /** A plain file bigger than the first 64 KB buffer, exactly as big as available() says, or bigger. */
  @ParameterizedTest
  @CsvSource({"200000, 200000", "200000, 70000", "200000, 0", "65536, 65536", "65537, 65536"})
  void plainFileIsReadWholeWhateverAvailableSays(int size, int available) throws IOException {
    byte[] text = new byte[size];
    for (int i = 0; i < size; i++) {
      text[i] = (byte) ('a' + i % 26);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(text) {
      @Override
      public synchronized int available() {
        return Math.min(available, super.available());
      }
    };
    try (ArchiveReader r = ArchiveReader.open(in)) {
      ArchiveReader.Entry e = r.nextEntry();
      assertThat(Arrays.copyOf(e.bytes(), e.length())).isEqualTo(text);
      assertThat(r.nextEntry()).isNull();
    }
  }

  @Test
  void singleCompressedFileIsOneEntry() throws IOException {
    byte[] text = Fixtures.bytes("key-certificate/single/metrics_cert");
    try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(xz(text)))) {
      assertThat(r.format()).isEqualTo("xz");
      ArchiveReader.Entry e = r.nextEntry();
      assertThat(Arrays.copyOf(e.bytes(), e.length())).isEqualTo(text);
      assertThat(r.nextEntry()).isNull();
    }
  }

  @Test
  void pathDepthInsideTarballIsNotAssumed() throws IOException {
    byte[] tar = tar("a", "x", "deep/er/still/deeper/b", "y", "c/", null);
    assertThat(names(tar)).containsExactly("a:1", "deep/er/still/deeper/b:1");
  }

  @Test
  void truncatedXzTarballFailsWithAnIoError() throws IOException {
    byte[] whole = Fixtures.bytes("collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz");
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> names(cut)).isInstanceOf(IOException.class);
  }

  @Test
  void truncatedPlainTarFailsInsideTheEntryItNames() throws IOException {
    byte[] whole = Fixtures.bytes("collector-tarball/descriptor_archive.tar");
    // header (512) + 1000 of the first entry's 2445 bytes
    byte[] cut = Arrays.copyOf(whole, 512 + 1000);
    assertThatThrownBy(() -> names(cut)).isInstanceOf(IOException.class)
        .hasMessageContaining("02c311d3d789f3f55c0880b5c85f3c196343552c");
  }

  @Test
  void entryLargerThanTheLimitIsRefusedByName() throws IOException {
    byte[] tar = tar("big", "x".repeat(5000));
    try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(tar), 1024)) {
      assertThatThrownBy(r::nextEntry).isInstanceOf(IOException.class)
          .hasMessageContaining("big").hasMessageContaining("1024");
    }
  }

  static byte[] xz(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1))) {
      xz.write(data);
    }
    return out.toByteArray();
  }

  /** A tar of (name, content) pairs; a name ending in '/' is a directory (content ignored). */
  static byte[] tar(String... nameContent) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < nameContent.length; i += 2) {
        String name = nameContent[i];
        TarArchiveEntry entry = new TarArchiveEntry(name);
        if (name.endsWith("/")) {
          tar.putArchiveEntry(entry);
        } else {
          byte[] content = nameContent[i + 1].getBytes(StandardCharsets.UTF_8);
          entry.setSize(content.length);
          tar.putArchiveEntry(entry);
          tar.write(content);
        }
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
