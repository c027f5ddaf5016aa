package org.torspark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.torspark.source.ParserTruth;

class ArchivesToParquetTest {
  @TempDir static Path tmp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
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
  void writesDatePartitionsAndReplacesOnlyThoseOnRerun() throws IOException {
    Path feb2020 = input("feb2020", "server-descriptor/2020-02-29-10-05-00-server-descriptors",
        "server-descriptor/malformed/bad-start1");
    Path dec2014 = input("dec2014", "server-descriptor/2014-12-08-server-descriptors");
    Path out = tmp.resolve("out");
    ParserTruth truth = ParserTruth.of(DescriptorType.SERVER_DESCRIPTOR, Grain.ROW, feb2020);

    ArchivesToParquet.Result first = ArchivesToParquet.run(spark, "server-descriptor", feb2020.toString(),
        out.toString(), Map.of());
    assertThat(first.rows()).isEqualTo(truth.rows());
    assertThat(first.errors()).isEqualTo(truth.errors()).isPositive();
    assertThat(parquetRows(out)).isEqualTo(truth.rows());
    List<Row> dates = spark.read().parquet(out.toString()).groupBy("date").count().orderBy("date").collectAsList();
    assertThat(dates.get(0).isNullAt(0)).as("error rows have no date").isTrue();
    assertThat(dates.get(0).getLong(1)).isEqualTo(truth.errors());
    assertThat(dates.subList(1, dates.size())).extracting(r -> r.get(0).toString()).contains("2020-02-29");
    assertThat(Files.exists(out.resolve("date=2020-02-29"))).isTrue();

    ArchivesToParquet.Result again = ArchivesToParquet.run(spark, "server-descriptor", feb2020.toString(),
        out.toString(), Map.of());
    assertThat(again).isEqualTo(first);
    assertThat(parquetRows(out)).as("a re-run replaces, never appends").isEqualTo(truth.rows());

    ArchivesToParquet.Result other = ArchivesToParquet.run(spark, "server-descriptor", dec2014.toString(),
        out.toString(), Map.of());
    assertThat(other.errors()).isZero();
    assertThat(parquetRows(out)).as("other dates are added, earlier ones (and the error rows) kept")
        .isEqualTo(truth.rows() + other.rows());
    assertThat(Files.exists(out.resolve("date=2014-12-08"))).isTrue();
  }

  @Test
  void unknownTypeIsRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArchivesToParquet.run(spark, "consensus",
        tmp.toString(), tmp.resolve("x").toString(), Map.of()))
        .hasMessageContaining("'consensus' is not a descriptor type");
  }
}
