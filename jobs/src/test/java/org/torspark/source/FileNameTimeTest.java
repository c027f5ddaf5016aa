package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.torspark.descriptor.DescriptorType.BANDWIDTH_FILE;
import static org.torspark.descriptor.DescriptorType.BRIDGE_NETWORK_STATUS;
import static org.torspark.descriptor.DescriptorType.MICRODESCRIPTOR;
import static org.torspark.descriptor.DescriptorType.NETWORK_STATUS_CONSENSUS_3;
import static org.torspark.descriptor.DescriptorType.NETWORK_STATUS_VOTE_3;
import static org.torspark.descriptor.DescriptorType.SERVER_DESCRIPTOR;
import static org.torspark.descriptor.DescriptorType.TORDNSEL;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.torspark.source.TimeRanges.Range;

class FileNameTimeTest {

  private static long t(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000L;
  }

  @Test
  void recentConsensusIsNamedByItsValidAfter() {
    Range r = FileNameTime.of("s3a://b/recent/relay-descriptors/consensuses/2019-05-01-13-00-00-consensus",
        NETWORK_STATUS_CONSENSUS_3);
    assertThat(r).isEqualTo(new Range(t("2019-05-01T13:00:00Z"), t("2019-05-01T13:00:00Z")));
  }

  @Test
  void voteNamesCarryTheAuthorityAfterTheTime() {
    Range r = FileNameTime.of("/v/2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-"
        + "60ADC6BEC262AE921A1037D54C8A3976367DBE87", NETWORK_STATUS_VOTE_3);
    assertThat(r.lo()).isEqualTo(t("2016-09-20T13:00:00Z"));
  }

  @Test
  void bridgeStatusIsNamedByItsPublishedTime() {
    Range r = FileNameTime.of("/s/20160920-063816-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1", BRIDGE_NETWORK_STATUS);
    assertThat(r).isEqualTo(new Range(t("2016-09-20T06:38:16Z"), t("2016-09-20T06:38:16Z")));
  }

  @Test
  void descriptorBatchOnlyBoundsPublishedFromAbove() {
    Range r = FileNameTime.of("/r/2017-07-17-17-20-00-server-descriptors", SERVER_DESCRIPTOR);
    assertThat(r.lo()).isEqualTo(Long.MIN_VALUE);
    assertThat(r.hi()).isEqualTo(t("2017-07-18T17:20:00Z"));
    Range prefixed = FileNameTime.of("/r/relay-2016-10-02-16-05-00-server-descriptors", SERVER_DESCRIPTOR);
    assertThat(prefixed.hi()).isEqualTo(t("2016-10-03T16:05:00Z"));
  }

  @Test
  void exitListsAndBandwidthFilesGetMargins() {
    Range exit = FileNameTime.of("/e/2016-09-20-13-02-00", TORDNSEL);
    assertThat(exit).isEqualTo(new Range(t("2016-09-20T12:02:00Z"), t("2016-09-20T14:02:00Z")));
    Range bw = FileNameTime.of("/b/2019-05-14-11-43-39-bandwidth-1997D0509203B29E02FE5CAB27C07CBD8365C5751135264D3AC70BA3E1638B41",
        BANDWIDTH_FILE);
    assertThat(bw).isEqualTo(new Range(t("2019-05-07T11:43:39Z"), t("2019-05-14T12:43:39Z")));
  }

  @Test
  void monthArchivesCoverTheirMonthWithADayEachSide() {
    Range r = FileNameTime.of("hdfs:///a/consensuses-2018-06.tar.xz", NETWORK_STATUS_CONSENSUS_3);
    assertThat(r).isEqualTo(new Range(t("2018-05-31T00:00:00Z"), t("2018-07-02T00:00:00Z") - 1));
    assertThat(FileNameTime.of("/a/server-descriptors-2005-12.tar", SERVER_DESCRIPTOR).hi())
        .isEqualTo(t("2006-01-02T00:00:00Z") - 1);
  }

  @Test
  void extractedArchiveDirectoriesNameTheMonth() {
    Range r = FileNameTime.of("/x/server-descriptors-2014-11/8/8/88827c73d5fd35e9638f820c44187ccdf8403b0f",
        SERVER_DESCRIPTOR);
    assertThat(r).isEqualTo(new Range(t("2014-10-31T00:00:00Z"), t("2014-12-02T00:00:00Z") - 1));
  }

  @Test
  void namesThatProveNothingKeepEverything() {
    assertThat(FileNameTime.of("/c/cached-consensus", NETWORK_STATUS_CONSENSUS_3)).isEqualTo(Range.ALL);
    assertThat(FileNameTime.of("/c/server-descriptors-2005-12-cropped.tar", SERVER_DESCRIPTOR)).isEqualTo(Range.ALL);
    assertThat(FileNameTime.of("/c/2019-12-15-cached-microdescs", MICRODESCRIPTOR)).isEqualTo(Range.ALL);
    assertThat(FileNameTime.of("/c/2019-99-99-99-99-99-consensus", NETWORK_STATUS_CONSENSUS_3)).isEqualTo(Range.ALL);
  }
}
