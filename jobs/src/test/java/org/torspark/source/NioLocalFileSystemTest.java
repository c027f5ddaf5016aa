package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void modeBitsBecomeTheSamePosixPermissions() {
    assertThat(PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0644))))
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0750))))
        .isEqualTo("rwxr-x---");
    assertThat(PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0777))))
        .isEqualTo("rwxrwxrwx");
    assertThat(PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0)))).isEqualTo("---------");
    // the sticky bit has no NIO permission: Hadoop's own code sets it
    assertThat(NioLocalFileSystem.posix(new FsPermission((short) 01777))).isNull();
  }

  @Test
  void filesAndDirectoriesGetThePermissionsAskedFor() throws Exception {
    FileSystem fs = new NioLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    Path sub = new Path(dir.toUri().toString(), "a/b");
    assertThat(fs.mkdirs(sub, new FsPermission((short) 0750))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwxr-x---");
    Path file = new Path(sub, "part-0");
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.write(new byte[] {1, 2, 3});
    }
    assertThat(Files.readAllBytes(dir.resolve("a/b/part-0"))).containsExactly(1, 2, 3);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0"))))
        .isEqualTo("rw-r-----");
    // still Hadoop's checksummed local file system: the .crc file is written and checked on read
    assertThat(dir.resolve("a/b/.part-0.crc")).exists();
    fs.setPermission(file, new FsPermission((short) 0604));
    assertThat(fs.getFileStatus(file).getPermission()).isEqualTo(new FsPermission((short) 0604));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0"))))
        .isEqualTo("rw----r--");
  }

  @Test
  void aMissingPathIsAnErrorNamingIt() {
    NioLocalFileSystem.Raw raw = new NioLocalFileSystem.Raw();
    Path missing = new Path(dir.toUri().toString(), "no-such-file");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> raw.setPermission(missing, new FsPermission((short) 0644)))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("no-such-file");
  }

  @Test
  void theJobsLocalSessionsUseItAndWriteTablesWithHadoopsPermissions() throws Exception {
    SparkSession spark = TestSpark.start();
    try {
      // the session's Hadoop settings name it (a new instance: FileSystem.get returns whichever
      // file: instance this JVM made first, whatever the settings then)
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      try (FileSystem fs = FileSystem.newInstance(dir.toUri(), conf)) {
        assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
      }
      String out = dir.resolve("table").toUri().toString();
      spark.sql("SELECT id, date_add(DATE'2020-04-01', CAST(id % 3 AS INT)) AS date FROM range(30)")
          .write().partitionBy("date").parquet(out);
      assertThat(spark.read().parquet(out).count()).isEqualTo(30);
      try (Stream<java.nio.file.Path> files = Files.walk(dir.resolve("table"))) {
        List<String> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).map(p -> {
          try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).toList();
        // Hadoop's default umask (022) applied to its default file mode (666)
        assertThat(parts).isNotEmpty().allMatch("rw-r--r--"::equals);
      }
    } finally {
      spark.stop();
    }
  }
}
