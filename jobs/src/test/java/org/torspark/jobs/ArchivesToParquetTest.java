package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Tables.Grain;
import org.torspark.jobs.testing.TestData;
import org.torspark.source.ParserTruth;

class ArchivesToParquetTest {
  @TempDir static Path tmp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestData.sparkBuilder("archives-to-parquet test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Path fixture(String rel) {
    String p = System.getProperty("torspark.testdata", "../parsers/src/test/resources/testdata");
    return Paths.get(p, rel);
  }

  private static Path input(String name, String... fixtures) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String f : fixtures) {
      Files.copy(fixture(f), dir.resolve(fixture(f).getFileName()));
    }
    return dir;
  }

  private static long parquetRows(Path out) {
    return spark.read().parquet(out.toString()).count();
  }

  @Test
  void aTarballReadAloneIsEncodedByEveryCoreIntoTheSameRows() throws IOException {
    Path in = input("one-tarball", "collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz");
    Path shared = tmp.resolve("shared");
    Path whole = tmp.resolve("whole");
    ArchivesToParquet.Result a = ArchivesToParquet.run(spark, "network-status-consensus-3", List.of(in.toString()),
        shared.toString(), Map.of());
    ArchivesToParquet.Result b = ArchivesToParquet.run(spark, "network-status-consensus-3", List.of(in.toString()),
        whole.toString(), Map.of("ArchiveSplits", "1"));
    assertThat(a.rows()).isGreaterThan(100).isEqualTo(b.rows());
    List<Row> x = spark.read().parquet(shared.toString()).collectAsList();
    assertThat(x).containsExactlyInAnyOrderElementsOf(spark.read().parquet(whole.toString()).collectAsList());
    // archiveSplits=auto: the one tarball was read by both cores, each writing its share of a date
    try (var files = Files.walk(shared); var one = Files.walk(whole)) {
      long sharedFiles = files.filter(f -> f.toString().endsWith(".parquet")).count();
      long wholeFiles = one.filter(f -> f.toString().endsWith(".parquet")).count();
      assertThat(sharedFiles).isEqualTo(2 * wholeFiles);
    }
  }

  @Test
  void writesDatePartitionsAndReplacesOnlyThoseOnRerun() throws IOException {
    Path sep2016 = input("sep2016", "exit-list/2016-09-20-13-02-00");
    Files.writeString(sep2016.resolve("2016-09-20-14-02-00"), ""); // an empty download: one error row
    Path jul2017 = input("jul2017", "exit-list/2017-07-17-17-02-00");
    Path out = tmp.resolve("out");
    ParserTruth truth = ParserTruth.of(DescriptorType.TORDNSEL, Grain.ROW, sep2016);

    ArchivesToParquet.Result first = ArchivesToParquet.run(spark, "tordnsel", List.of(sep2016.toString()),
        out.toString(), Map.of());
    assertThat(first.rows()).isEqualTo(truth.rows()).isEqualTo(1118 + 1);
    assertThat(first.errors()).isEqualTo(truth.errors()).isEqualTo(1);
    assertThat(parquetRows(out)).isEqualTo(truth.rows());
    List<Row> dates = spark.read().parquet(out.toString()).groupBy("date").count().orderBy("date").collectAsList();
    assertThat(dates).extracting(r -> r.isNullAt(0) ? null : r.get(0).toString(), r -> r.getLong(1))
        .containsExactly(tuple(null, 1L), tuple("2016-09-20", 1118L));

    ArchivesToParquet.Result again = ArchivesToParquet.run(spark, "tordnsel", List.of(sep2016.toString()),
        out.toString(), Map.of());
    assertThat(again).isEqualTo(first);
    assertThat(parquetRows(out)).as("a re-run replaces, never appends").isEqualTo(truth.rows());

    ArchivesToParquet.Result other = ArchivesToParquet.run(spark, "tordnsel", List.of(jul2017.toString()),
        out.toString(), Map.of());
    assertThat(other.rows()).isEqualTo(44);
    assertThat(other.errors()).isZero();
    assertThat(parquetRows(out)).as("other dates are added, earlier ones (and the error rows) kept")
        .isEqualTo(truth.rows() + other.rows());
    assertThat(Files.exists(out.resolve("date=2017-07-17"))).isTrue();
  }

  @Test
  void commandLineOptionsAreChecked() {
    ArchivesToParquet job = new ArchivesToParquet();
    assertThatThrownBy(() -> job.run(spark, JobArgs.parse(List.of("--type", "consensus", "--in", "x",
        "--out", "y"), job.options()))).hasMessageContaining("option --type: 'consensus'");
    assertThatThrownBy(() -> job.run(spark, JobArgs.parse(List.of("--type", "tordnsel", "--out", "y"),
        job.options()))).hasMessageContaining("option --in is required");
    assertThatThrownBy(() -> job.run(spark, JobArgs.parse(List.of("--type", "tordnsel", "--in", "x",
        "--out", "y", "--option", "mode"), job.options()))).hasMessageContaining("option --option: 'mode'");
    assertThat(Jobs.byName("archives-to-parquet")).isPresent();
  }

  @Test
  void unknownTypeIsRefusedByName() {
    assertThatThrownBy(() -> ArchivesToParquet.run(spark, "consensus",
        List.of(tmp.toString()), tmp.resolve("x").toString(), Map.of()))
        .hasMessageContaining("'consensus' is not a descriptor type");
  }
}
