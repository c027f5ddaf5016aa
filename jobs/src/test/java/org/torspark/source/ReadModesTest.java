package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Tables.Grain;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Malformed documents in each mode, and every kind of bad input: what the user sees. */
class ReadModesTest {
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static final String MALFORMED_MICRO = TestSpark.fixture("microdescriptor/malformed");

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> micro(String mode) {
    return spark.read().format("tordesc").option("type", "microdescriptor").option("mode", mode)
        .load(MALFORMED_MICRO, TestSpark.fixture("microdescriptor/2017-07-17-17-20-00-micro"));
  }

  private static ParserTruth microTruth() {
    return ParserTruth.of(DescriptorType.MICRODESCRIPTOR, Grain.ROW, Paths.get(MALFORMED_MICRO),
        Paths.get(TestSpark.fixture("microdescriptor/2017-07-17-17-20-00-micro")));
  }

  private static Path dir(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name));
  }

  private static Path copy(String fixture, Path dir, String as) throws IOException {
    return Files.copy(Paths.get(TestSpark.fixture(fixture)), dir.resolve(as));
  }

  @Test
  void permissiveGivesErrorRowsWithNullFieldsAndTheError() {
    ParserTruth truth = microTruth();
    List<Row> errors = micro("PERMISSIVE").where("_corrupt_record IS NOT NULL")
        .select("source_file", "source_entry", "source_offset", "source_line", "_corrupt_record", "digest",
            "ntor_onion_key").orderBy("source_file").collectAsList();
    assertThat(errors).hasSize((int) truth.errors()).isNotEmpty();
    for (Row r : errors) {
      assertThat(r.getString(0)).contains("/microdescriptor/malformed/");
      assertThat(r.isNullAt(1)).as("plain files have no entry").isTrue();
      assertThat(r.getString(4)).startsWith(r.getString(0)).contains("(microdescriptor)");
      assertThat(r.isNullAt(5)).isTrue();
      assertThat(r.isNullAt(6)).isTrue();
    }
    assertThat(micro("PERMISSIVE").count()).isEqualTo(truth.rows());
  }

  @Test
  void dropMalformedDropsButCounts() {
    ParserTruth truth = microTruth();
    Map<String, Long> m = ScanMetrics.count(micro("DROPMALFORMED"));
    assertThat(m.get("rows")).isEqualTo(truth.descriptors());
    assertThat(m.get(SourceMetrics.ERRORS)).isEqualTo(truth.errors()).isPositive();
    assertThat(micro("DROPMALFORMED").where("_corrupt_record IS NOT NULL").count()).isZero();
    assertThat(micro("DROPMALFORMED").select("digest").collectAsList()).hasSize((int) truth.descriptors());
  }

  @Test
  void failFastNamesFileOffsetAndLine() {
    assertThatThrownBy(() -> micro("FAILFAST").count())
        .hasStackTraceContaining("malformed document (mode FAILFAST): file:")
        .hasStackTraceContaining("/microdescriptor/malformed/")
        .hasStackTraceContaining(" offset ").hasStackTraceContaining(" line ")
        .hasStackTraceContaining("Set option mode to PERMISSIVE");
    assertThat(spark.read().format("tordesc").option("mode", "FAILFAST")
        .load(TestSpark.fixture("exit-list")).count()).isEqualTo(1118 + 44);
  }

  @Test
  void corruptRecordColumnCanBeRenamed() {
    Dataset<Row> df = spark.read().format("tordesc").option("type", "microdescriptor")
        .option("columnNameOfCorruptRecord", "parse_error").load(MALFORMED_MICRO);
    assertThat(df.columns()).contains("parse_error").doesNotContain("_corrupt_record");
    assertThat(df.where("parse_error IS NOT NULL").count()).isEqualTo(microTruth().errors());
  }

  @Test
  void truncatedArchiveGivesOneErrorRowForItsRestAndOtherArchivesAreRead() throws IOException {
    Path d = dir("truncated");
    byte[] xz = xzInChunks(Files.readAllBytes(Paths.get(TestSpark.fixture("collector-tarball/exit-list-2018-11-cropped.tar"))));
    Files.write(d.resolve("exit-list-2018-11.tar.xz"), Arrays.copyOf(xz, xz.length * 9 / 10));
    copy("collector-tarball/exit-list-2018-11-cropped.tar", d, "exit-list-2018-11-copy.tar");
    Dataset<Row> df = spark.read().format("tordesc").option("type", "tordnsel").load(d.toString());
    List<Row> errors = df.where("_corrupt_record IS NOT NULL").select("source_file", "_corrupt_record").collectAsList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getString(0)).endsWith("/exit-list-2018-11.tar.xz");
    assertThat(errors.get(0).getString(1)).contains("exit-list-2018-11.tar.xz").contains("unreadable tar.xz")
        .contains("the rest of this file was not read").contains("download it again");
    long fromCopy = df.where("source_file LIKE '%-copy.tar'").count();
    long fromTruncated = df.where("source_file LIKE '%.tar.xz' AND _corrupt_record IS NULL").count();
    assertThat(fromCopy).isEqualTo(spark.read().format("tordesc").option("type", "tordnsel")
        .load(TestSpark.fixture("collector-tarball/exit-list-2018-11-cropped.tar")).count());
    assertThat(fromTruncated).as("entries before the cut are read").isPositive().isLessThan(fromCopy);
    assertThat(df.count()).as("count(): the same rows, the error row too").isEqualTo(fromCopy + fromTruncated + 1);
  }

  /** xz with a flush every 64 KiB, as large archives are: a cut leaves the chunks before it readable. */
  private static byte[] xzInChunks(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(6))) {
      for (int off = 0; off < data.length; off += 1 << 16) {
        xz.write(data, off, Math.min(1 << 16, data.length - off));
        xz.flush();
      }
    }
    return out.toByteArray();
  }

  @Test
  void notAnArchiveThoughNamedLikeOne() throws IOException {
    Path d = dir("not-archive");
    byte[] junk = new byte[5000];
    new Random(7).nextBytes(junk);
    Files.write(d.resolve("microdescs-2019-05.tar.xz"), junk);
    List<Row> rows = spark.read().format("tordesc").option("type", "microdescriptor").load(d.toString())
        .select("_corrupt_record").collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(0)).contains("microdescs-2019-05.tar.xz")
        .contains("named like an archive but is not one");
  }

  @Test
  void emptyFileIsAnErrorRowNamingIt() throws IOException {
    Path d = dir("empty");
    Files.write(d.resolve("2019-05-01-00-02-00"), new byte[0]);
    List<Row> rows = spark.read().format("tordesc").option("type", "tordnsel").load(d.toString())
        .select("_corrupt_record").collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(0)).contains("2019-05-01-00-02-00").contains("empty file");
  }

  @Test
  void unknownTypeAnnotation() throws IOException {
    Path alone = dir("unknown-type-alone");
    Files.writeString(alone.resolve("2019-05-01-00-00-00-strange"), "@type strange-document 1.0\nfoo bar\n");
    assertThatThrownBy(() -> spark.read().format("tordesc").load(alone.toString()))
        .hasMessageContaining("2019-05-01-00-00-00-strange")
        .hasMessageContaining("unsupported descriptor type '@type strange-document 1.0'")
        .hasMessageContaining("Set option type");

    // with the type given, it is skipped and counted
    Path d = dir("unknown-type");
    Files.copy(alone.resolve("2019-05-01-00-00-00-strange"), d.resolve("2019-05-01-00-00-00-strange"));
    copy("exit-list/2017-07-17-17-02-00", d, "2017-07-17-17-02-00");
    Map<String, Long> m = ScanMetrics.count(spark.read().format("tordesc").option("type", "tordnsel").load(d.toString()));
    assertThat(m.get("rows")).isEqualTo(44);
    assertThat(m.get(SourceMetrics.SKIPPED)).isEqualTo(1);
  }

  @Test
  void mixedTypesNeedTheTypeOption() throws IOException {
    Path d = dir("mixed");
    copy("exit-list/2017-07-17-17-02-00", d, "2017-07-17-17-02-00");
    copy("bandwidth-file/sbws-v1.4.0-2019-04-21", d, "sbws-v1.4.0-2019-04-21");
    assertThatThrownBy(() -> spark.read().format("tordesc").load(d.toString()))
        .hasMessageContaining("several descriptor types").hasMessageContaining("tordnsel (e.g. file:")
        .hasMessageContaining("bandwidth-file (e.g. file:").hasMessageContaining("Set option type");
    assertThat(spark.read().format("tordesc").option("type", "bandwidth-file").load(d.toString()).count()).isEqualTo(58);
  }

  @Test
  void mixedTypesInsideAnArchiveFailTheReadWhenTheTypeWasDetected() {
    Dataset<Row> df = spark.read().format("tordesc")
        .load(TestSpark.fixture("collector-tarball/microdescs-2019-05-cropped.tar"));
    assertThatThrownBy(df::count).hasStackTraceContaining("microdescs-2019-05-cropped.tar holds")
        .hasStackTraceContaining("but the type was detected as").hasStackTraceContaining("Set option type");
  }

  @Test
  void missingPathAndBadOptionsFailAtLoad() {
    assertThatThrownBy(() -> spark.read().format("tordesc").option("type", "tordnsel").load(tmp + "/nowhere"))
        .hasMessageContaining("path does not exist: file:" + tmp + "/nowhere");
    assertThatThrownBy(() -> spark.read().format("tordesc").load(tmp + "/nowhere/*.tar.xz"))
        .hasMessageContaining("path does not exist");
    assertThatThrownBy(() -> spark.read().format("tordesc").option("type", "tordnsel").option("mode", "STRICT")
        .load(TestSpark.fixture("exit-list"))).hasMessageContaining("option mode: 'STRICT'");
    assertThatThrownBy(() -> spark.read().format("tordesc").option("type", "consensus")
        .load(TestSpark.fixture("exit-list"))).hasMessageContaining("option type: 'consensus'");
    assertThatThrownBy(() -> spark.read().format("tordesc").option("type", "tordnsel")
        .schema("x INT").load(TestSpark.fixture("exit-list")))
        .hasMessageContaining("does not support user-specified schema");
  }
}
