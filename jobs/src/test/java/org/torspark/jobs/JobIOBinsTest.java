package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.torspark.source.FileListing.SourceFile;

/** Whole files grouped into tasks: every file once, at most n groups, about equal weight. */
class JobIOBinsTest {
  private static final long MB = 1L << 20;

  private static List<SourceFile> files(int n, long bytes) {
    List<SourceFile> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new SourceFile("file:/bw/" + String.format("%03d", i), bytes));
    }
    return out;
  }

  @Test
  void aWeekOfAlikeFilesMakesSixteenEvenGroups() {
    // 168 hourly files of 2.9 MB on 2 cores (8 groups per core): Spark's whole-file splits made 7
    List<List<String>> bins = JobIO.bins(files(168, 29 * MB / 10), 16);
    assertThat(bins).hasSize(16);
    assertThat(bins).allSatisfy(b -> assertThat(b.size()).isBetween(10, 11));
    assertThat(bins.stream().flatMap(List::stream).collect(Collectors.toSet())).hasSize(168);
  }

  @Test
  void largeFilesSpreadFirstAndSmallOnesFillTheGaps() {
    List<SourceFile> files = new ArrayList<>(files(4, MB));
    files.add(new SourceFile("file:/bw/big", 100 * MB));
    files.add(new SourceFile("file:/bw/mid", 60 * MB));
    List<List<String>> bins = JobIO.bins(files, 2);
    Map<String, Long> size = files.stream().collect(Collectors.toMap(SourceFile::path, SourceFile::length));
    Function<List<String>, Long> weight = b -> b.stream().mapToLong(f -> size.get(f) + JobIO.OPEN_COST).sum();
    // big alone (100 + 4 MB open cost) against mid and the four small ones (64 + 4 x 5 MB)
    assertThat(bins).anySatisfy(b -> assertThat(b).containsExactly("file:/bw/big"));
    assertThat(bins.stream().map(weight).toList()).containsExactlyInAnyOrder(104 * MB, 84 * MB);
  }

  @Test
  void fewerFilesThanGroupsGiveOneFileEachAndNoFilesNone() {
    assertThat(JobIO.bins(files(3, MB), 16)).hasSize(3).allSatisfy(b -> assertThat(b).hasSize(1));
    assertThat(JobIO.bins(List.of(), 16)).isEmpty();
  }
}
