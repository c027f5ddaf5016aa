package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.source.FileListing.SourceFile;

class PartitionPackerTest {
  private static final long MB = 1L << 20;

  @Test
  void eachArchiveIsItsOwnPartition() {
    List<SourceFile> files = List.of(new SourceFile("/a/consensuses-2019-05.tar.xz", 5 * MB),
        new SourceFile("/a/consensuses-2019-06.tar.xz", 1), new SourceFile("/a/x.tar", 10),
        new SourceFile("/a/y.gz", 10), new SourceFile("/a/z.bz2", 10));
    List<DescriptorInputPartition> parts = PartitionPacker.pack(files, 128 * MB, 4 * MB, 2);
    assertThat(parts).hasSize(5).allSatisfy(p -> assertThat(p.files()).hasSize(1));
  }

  @Test
  void archiveSplitsGiveATarballThatManyTasksButNotACompressedSingleFile() {
    List<SourceFile> files = List.of(new SourceFile("/a/consensuses-2019-05.tar.xz", 5 * MB),
        new SourceFile("/a/2019-05-01-00-00-00-consensus.xz", 1), new SourceFile("/a/x", 10));
    List<DescriptorInputPartition> parts = PartitionPacker.pack(files, 128 * MB, 4 * MB, 2, 3);
    assertThat(parts).hasSize(5);
    assertThat(parts.subList(0, 3)).extracting(DescriptorInputPartition::shard).containsExactly(0, 1, 2);
    assertThat(parts.subList(0, 3)).allSatisfy(p -> assertThat(p.shards()).isEqualTo(3));
    assertThat(parts.subList(3, 5)).allSatisfy(p -> assertThat(p.shards()).isEqualTo(1));
  }

  @Test
  void autoSplitsOneMonthsTarballSoThatEveryCoreHasATask() {
    List<SourceFile> month = List.of(new SourceFile("/a/consensuses-2020-04.tar.xz", 6 * MB));
    List<DescriptorInputPartition> parts = PartitionPacker.pack(month, 128 * MB, 4 * MB, 4,
        DescriptorOptions.ARCHIVE_SPLITS_AUTO);
    assertThat(parts).extracting(DescriptorInputPartition::shard).containsExactly(0, 1, 2, 3);
    assertThat(parts).allSatisfy(p -> assertThat(p.shards()).isEqualTo(4));
    // two tarballs on 4 cores: two tasks each, rounded up for three
    List<SourceFile> two = List.of(new SourceFile("/a/consensuses-2020-03.tar.xz", MB),
        new SourceFile("/a/consensuses-2020-04.tar.xz", MB));
    assertThat(PartitionPacker.pack(two, 128 * MB, 4 * MB, 4, DescriptorOptions.ARCHIVE_SPLITS_AUTO)).hasSize(4);
    List<SourceFile> three = new ArrayList<>(two);
    three.add(new SourceFile("/a/consensuses-2020-05.tar.xz", MB));
    assertThat(PartitionPacker.pack(three, 128 * MB, 4 * MB, 4, DescriptorOptions.ARCHIVE_SPLITS_AUTO)).hasSize(6);
  }

  @Test
  void autoDoesNotSplitWhenTheCoresAreAlreadyBusyOrThereIsNoTarball() {
    List<SourceFile> year = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      year.add(new SourceFile(String.format("/a/consensuses-2020-%02d.tar.xz", m), MB));
    }
    assertThat(PartitionPacker.pack(year, 128 * MB, 4 * MB, 2, DescriptorOptions.ARCHIVE_SPLITS_AUTO))
        .hasSize(12).allSatisfy(p -> assertThat(p.shards()).isEqualTo(1));
    List<SourceFile> compressed = List.of(new SourceFile("/a/2020-04-01-00-00-00-consensus.xz", MB));
    assertThat(PartitionPacker.pack(compressed, 128 * MB, 4 * MB, 2, DescriptorOptions.ARCHIVE_SPLITS_AUTO))
        .hasSize(1).allSatisfy(p -> assertThat(p.shards()).isEqualTo(1));
  }

  @Test
  void smallFilesArePackedUpToTheTarget() {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      files.add(new SourceFile("/r/2019-05-01-" + i + "-consensus", 2 * MB));
    }
    // 100 files of 2 MB + 4 MB open cost = 600 MB over 2 cores: target is the 128 MB maximum
    List<DescriptorInputPartition> parts = PartitionPacker.pack(files, 128 * MB, 4 * MB, 2);
    assertThat(parts.stream().mapToInt(p -> p.files().size()).sum()).isEqualTo(100);
    assertThat(parts).allSatisfy(p -> assertThat(p.bytes() + 4 * MB * (p.files().size() - 1)).isLessThanOrEqualTo(128 * MB));
    assertThat(parts.size()).isBetween(4, 6);
  }

  @Test
  void smallInputsStillSpreadOverAllCores() {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      files.add(new SourceFile("/r/f" + i, 2 * MB));
    }
    List<DescriptorInputPartition> parts = PartitionPacker.pack(files, 128 * MB, 4 * MB, 2);
    assertThat(parts.size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void largestFilesGoFirstAndAFileLargerThanTheTargetStandsAlone() {
    List<SourceFile> files = List.of(new SourceFile("/r/small", MB), new SourceFile("/r/huge", 500 * MB),
        new SourceFile("/r/mid", 10 * MB));
    List<DescriptorInputPartition> parts = PartitionPacker.pack(files, 128 * MB, 4 * MB, 1);
    assertThat(parts.get(0).files()).extracting(SourceFile::path).containsExactly("/r/huge");
    assertThat(parts.get(1).files()).extracting(SourceFile::path).containsExactly("/r/mid", "/r/small");
  }
}
