package org.torspark.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class ConsensusesTest {
  private static final Timestamp TEN = Timestamp.valueOf("2020-02-29 10:00:00");
  private static final Timestamp ELEVEN = Timestamp.valueOf("2020-02-29 11:00:00");

  @Test
  void everyConsensusOnceNeedsNoChoice() {
    assertThat(Consensuses.chosen(List.of())).isNull();
    assertThat(Consensuses.chosen(List.of(RowFactory.create(TEN, "archive/c.tar.xz", "10"),
        RowFactory.create(ELEVEN, "archive/c.tar.xz", "11")))).isNull();
  }

  @Test
  void aConsensusReadTwiceKeepsItsLeastSourceAsSparkOrdersStructs() {
    List<Row> chosen = Consensuses.chosen(List.of(
        RowFactory.create(TEN, "recent/10-consensus", null),
        RowFactory.create(ELEVEN, "archive/c.tar.xz", "11"),
        RowFactory.create(TEN, "archive/c.tar.xz", "10"),
        RowFactory.create(TEN, "archive/c.tar.xz", null)));
    assertThat(chosen).containsExactly(RowFactory.create(TEN, "archive/c.tar.xz", null),
        RowFactory.create(ELEVEN, "archive/c.tar.xz", "11"));
    // a file name that is null sorts first too
    assertThat(Consensuses.chosen(List.of(RowFactory.create(TEN, "a", "1"), RowFactory.create(TEN, null, "2"))))
        .containsExactly(RowFactory.create(TEN, null, "2"));
  }
}
