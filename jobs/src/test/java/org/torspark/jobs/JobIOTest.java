package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;

/**
 * {@link JobIO#perDocument}: a tarball read alone is shared by the cores, every document mapped
 * once; anything else is read a whole file per task step, as before.
 */
class JobIOTest {
  static SparkSession spark;
  static final String TARBALL = JobTestSpark.fixture("collector-tarball/bandwidths-2019-05-cropped.tar");
  static final String BW_DIR = JobTestSpark.fixture("bandwidth-file");

  @BeforeAll
  static void start() {
    spark = JobTestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** What each document of the file is: its entry, offset and (for errors) the message. */
  private static String key(String file, ParsedDocument d) {
    return d.source().entry() + "@" + d.offset() + (d.isError() ? " error " + d.error().message() : " ok");
  }

  @Test
  void aTarballReadAloneIsSharedByTheCoresAndEveryDocumentIsMappedOnce() throws Exception {
    List<String> expected = new ArrayList<>();
    try (InputStream in = Files.newInputStream(Path.of(TARBALL));
        DescriptorReader r = DescriptorReader.open(in, TARBALL, DescriptorReader.Options.lenient()
            .withType(DescriptorType.BANDWIDTH_FILE))) {
      r.forEachRemaining(d -> expected.add(key(TARBALL, d)));
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(2);

    JavaRDD<String> read = JobIO.perDocument(spark, List.of(TARBALL), DescriptorType.BANDWIDTH_FILE,
        (file, d) -> List.of(key(file, d)));
    assertThat(read.getNumPartitions()).isEqualTo(spark.sparkContext().defaultParallelism()).isEqualTo(2);
    assertThat(read.collect()).containsExactlyInAnyOrderElementsOf(expected);
    // each share maps only its documents: together they are the whole file, none twice
    List<List<String>> shares = read.glom().collect();
    assertThat(shares).allSatisfy(s -> assertThat(s).isNotEmpty());
  }

  @Test
  void onlyFewerTarballsThanCoresAreShared(@TempDir Path dir) throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    assertThat(JobIO.tarballsToShare(conf, List.of(TARBALL), 2)).singleElement()
        .satisfies(f -> assertThat(f).endsWith("bandwidths-2019-05-cropped.tar"));
    // as many tarballs as cores, or plain files: whole files, one task step each
    assertThat(JobIO.tarballsToShare(conf, List.of(TARBALL), 1)).isNull();
    assertThat(JobIO.tarballsToShare(conf, List.of(BW_DIR), 64)).isNull();
    // a folder holding one tarball is shared; a hidden file beside it turns sharing off
    Files.copy(Path.of(TARBALL), dir.resolve("bandwidths-2019-05.tar"));
    assertThat(JobIO.tarballsToShare(conf, List.of(dir.toString()), 2)).hasSize(1);
    Files.writeString(dir.resolve("_SUCCESS"), "");
    assertThat(JobIO.tarballsToShare(conf, List.of(dir.toString()), 2)).isNull();
    assertThat(JobIO.tarballsToShare(conf, List.of(dir.resolve("missing").toString()), 2)).isNull();
  }
}
