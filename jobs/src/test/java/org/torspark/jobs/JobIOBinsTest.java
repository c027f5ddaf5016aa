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

  /** A week of hourly bandwidth files as CollecTor names them, listed out of order. */
  private static List<SourceFile> week(long bytes) {
    List<SourceFile> out = new ArrayList<>();
    for (int h = 167; h >= 0; h--) {
      out.add(new SourceFile(String.format("file:/bw/2023-11-%02d-%02d-00-00-bandwidth", 14 + h / 24, h % 24), bytes));
    }
    return out;
  }

  @Test
  void aWeekOfAlikeFilesMakesSixteenEvenRunsOfConsecutiveHours() {
    // 168 hourly files of 2.9 MB on 2 cores (8 groups per core): Spark's whole-file splits made 7
    List<List<String>> bins = JobIO.bins(week(29 * MB / 10), 16);
    assertThat(bins).hasSize(16);
    assertThat(bins).allSatisfy(b -> assertThat(b.size()).isBetween(10, 11));
    // one after the other in time: the groups, read in turn, are the sorted list
    List<String> sorted = week(1).stream().map(SourceFile::path).sorted().toList();
    assertThat(bins.stream().flatMap(List::stream).toList()).isEqualTo(sorted);
    // so a task writes at most two date partitions, not all seven
    assertThat(bins).allSatisfy(b -> assertThat(b.stream().map(f -> f.substring(8, 18)).distinct().count())
        .isLessThanOrEqualTo(2));
  }

  @Test
  void aLargeFileMakesItsGroupHeavierByAtMostItself() {
    List<SourceFile> files = new ArrayList<>(files(40, MB));
    files.add(new SourceFile("file:/bw/020-big", 100 * MB));
    Map<String, Long> size = files.stream().collect(Collectors.toMap(SourceFile::path, SourceFile::length));
    Function<List<String>, Long> weight = b -> b.stream().mapToLong(f -> size.get(f) + JobIO.OPEN_COST).sum();
    List<List<String>> bins = JobIO.bins(files, 8);
    long total = files.stream().mapToLong(f -> f.length() + JobIO.OPEN_COST).sum();
    assertThat(bins).hasSizeBetween(2, 8);
    assertThat(bins.stream().flatMap(List::stream).toList())
        .isEqualTo(files.stream().map(SourceFile::path).sorted().toList());
    assertThat(bins).allSatisfy(b -> assertThat(weight.apply(b)).isLessThanOrEqualTo(total / 8 + 104 * MB));
    assertThat(bins).anySatisfy(b -> assertThat(b).contains("file:/bw/020-big"));
  }

  @Test
  void fewerFilesThanGroupsGiveOneFileEachAndNoFilesNone() {
    assertThat(JobIO.bins(files(3, MB), 16)).hasSize(3).allSatisfy(b -> assertThat(b).hasSize(1));
    assertThat(JobIO.bins(List.of(), 16)).isEmpty();
  }
}
