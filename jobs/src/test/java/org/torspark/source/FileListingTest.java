package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.source.FileListing.Listing;
import org.torspark.source.FileListing.SourceFile;

class FileListingTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  @BeforeEach
  void layout() throws IOException {
    write("recent/2019-05-01-00-00-00-consensus", "a");
    write("recent/2019-05-01-01-00-00-consensus", "bb");
    write("recent/_SUCCESS", "");
    write("recent/.2019-05-01-01-00-00-consensus.crc", "x");
    write("recent/votes/2019-05-01-00-00-00-vote-A-B", "ccc");
    write("recent/_temporary/2019-05-01-02-00-00-consensus", "d");
    write("archive/consensuses-2019-04.tar.xz", "eeee");
    write("archive/consensuses-2019-05.tar.xz", "fffff");
  }

  private void write(String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private List<String> names(Listing l) {
    return l.files().stream().map(f -> f.path().substring(f.path().indexOf(dir.getFileName().toString()) + dir.getFileName().toString().length() + 1)).toList();
  }

  @Test
  void directoryListsItsVisibleFilesOnly() {
    Listing l = FileListing.list(List.of(dir.resolve("recent").toString()), conf, false, null);
    assertThat(names(l)).containsExactly("recent/2019-05-01-00-00-00-consensus", "recent/2019-05-01-01-00-00-consensus");
    assertThat(l.skippedDirectories()).hasSize(1).allMatch(d -> d.endsWith("votes"));
    assertThat(l.files()).extracting(SourceFile::length).containsExactly(1L, 2L);
    assertThat(l.files().get(0).path()).startsWith("file:/");
  }

  @Test
  void recursiveLookupDescendsButSkipsHiddenDirectories() {
    Listing l = FileListing.list(List.of(dir.resolve("recent").toString()), conf, true, null);
    assertThat(names(l)).containsExactly("recent/2019-05-01-00-00-00-consensus",
        "recent/2019-05-01-01-00-00-consensus", "recent/votes/2019-05-01-00-00-00-vote-A-B");
  }

  @Test
  void globsAndNameFilter() {
    Listing l = FileListing.list(List.of(dir + "/archive/consensuses-2019-0[45].tar.xz", dir + "/recent"), conf,
        true, "*consensus*");
    assertThat(names(l)).containsExactly("archive/consensuses-2019-04.tar.xz", "archive/consensuses-2019-05.tar.xz",
        "recent/2019-05-01-00-00-00-consensus", "recent/2019-05-01-01-00-00-consensus");
  }

  @Test
  void sameFileGivenTwiceIsReadOnce() {
    String f = dir + "/archive/consensuses-2019-04.tar.xz";
    assertThat(FileListing.list(List.of(f, f, dir + "/archive"), conf, false, null).files()).hasSize(2);
  }

  @Test
  void missingPathIsAnErrorNamingIt() {
    assertThatThrownBy(() -> FileListing.list(List.of(dir + "/nope"), conf, false, null))
        .hasMessageContaining("path does not exist: file:" + dir + "/nope").hasMessageContaining("option path");
    assertThatThrownBy(() -> FileListing.list(List.of(dir + "/archive/*.tar.gz"), conf, false, null))
        .hasMessageContaining("path does not exist");
    assertThatThrownBy(() -> FileListing.checkExist(List.of(dir + "/nope"), conf))
        .hasMessageContaining("path does not exist");
  }

  @Test
  void directoryOfDirectoriesAsksForRecursiveLookup() {
    assertThatThrownBy(() -> FileListing.list(List.of(dir.toString()), conf, false, null))
        .hasMessageContaining("holds only directories").hasMessageContaining("recursiveFileLookup");
  }
}
