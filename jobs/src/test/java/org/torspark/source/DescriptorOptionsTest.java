package org.torspark.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.schema.Tables.Grain;
import org.torspark.source.DescriptorOptions.ReadMode;

class DescriptorOptionsTest {

  private static DescriptorOptions parse(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("path", "/data");
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return DescriptorOptions.parse(m);
  }

  @Test
  void defaults() {
    DescriptorOptions o = parse();
    assertThat(o.paths()).containsExactly("/data");
    assertThat(o.type()).isNull();
    assertThat(o.grain()).isEqualTo(Grain.ROW);
    assertThat(o.mode()).isEqualTo(ReadMode.PERMISSIVE);
    assertThat(o.corruptColumn()).isEqualTo("_corrupt_record");
    assertThat(o.maxPartitionBytes()).isEqualTo(128L << 20);
    assertThat(o.openCostBytes()).isEqualTo(4L << 20);
    assertThat(o.recursive()).isFalse();
    assertThat(o.pathGlobFilter()).isNull();
    assertThat(o.timePruning()).isTrue();
    assertThat(o.readAhead()).isTrue();
    assertThat(parse("readAhead", "false").readAhead()).isFalse();
    assertThat(o.parseThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(parse("parseThreads", " 1 ").parseThreads()).isEqualTo(1);
    assertThat(o.archiveSplits()).isEqualTo(1);
    assertThat(parse("archiveSplits", "4").archiveSplits()).isEqualTo(4);
    assertThat(parse("archiveSplits", "Auto").archiveSplits()).isEqualTo(DescriptorOptions.ARCHIVE_SPLITS_AUTO);
  }

  @Test
  void keysAreCaseInsensitiveAndValuesTrimmed() {
    DescriptorOptions o = parse("TYPE", " Network-Status-Consensus-3 ", "Mode", "failfast", "GRAIN", "Document",
        "recursivefilelookup", "TRUE", "maxpartitionbytes", "64m", "columnNameOfCorruptRecord", "bad");
    assertThat(o.type()).isEqualTo(DescriptorType.NETWORK_STATUS_CONSENSUS_3);
    assertThat(o.mode()).isEqualTo(ReadMode.FAILFAST);
    assertThat(o.grain()).isEqualTo(Grain.DOCUMENT);
    assertThat(o.recursive()).isTrue();
    assertThat(o.maxPartitionBytes()).isEqualTo(64L << 20);
    assertThat(o.corruptColumn()).isEqualTo("bad");
  }

  @Test
  void byteSizesAcceptUnits() {
    assertThat(parse("maxPartitionBytes", "1048576").maxPartitionBytes()).isEqualTo(1 << 20);
    assertThat(parse("maxPartitionBytes", "512k").maxPartitionBytes()).isEqualTo(512 << 10);
    assertThat(parse("maxPartitionBytes", "1g").maxPartitionBytes()).isEqualTo(1L << 30);
    assertThat(parse("maxPartitionBytes", "2MB").maxPartitionBytes()).isEqualTo(2L << 20);
    assertThat(parse("openCostInBytes", "0").openCostBytes()).isZero();
  }

  @Test
  void severalPathsComeAsJsonArray() {
    DescriptorOptions o = DescriptorOptions.parse(Map.of("paths", "[\"/a\",\"s3a://b/c\"]"));
    assertThat(o.paths()).containsExactly("/a", "s3a://b/c");
  }

  @Test
  void badValuesNameTheOptionAndTheValue() {
    assertThatThrownBy(() -> parse("type", "server-descriptors"))
        .hasMessageContaining("option type: 'server-descriptors'").hasMessageContaining("server-descriptor,");
    assertThatThrownBy(() -> parse("mode", "LENIENT"))
        .hasMessageContaining("option mode: 'LENIENT'").hasMessageContaining("PERMISSIVE, DROPMALFORMED, FAILFAST");
    assertThatThrownBy(() -> parse("grain", "entry")).hasMessageContaining("option grain: 'entry'");
    assertThatThrownBy(() -> parse("maxPartitionBytes", "lots"))
        .hasMessageContaining("option maxPartitionBytes: 'lots'").hasMessageContaining("128m");
    assertThatThrownBy(() -> parse("maxPartitionBytes", "0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> parse("maxPartitionBytes", "99999999999t")).hasMessageContaining("maxPartitionBytes");
    assertThatThrownBy(() -> parse("recursiveFileLookup", "yes")).hasMessageContaining("option recursiveFileLookup: 'yes'");
    assertThatThrownBy(() -> parse("fileNameTimePruning", "1")).hasMessageContaining("option fileNameTimePruning: '1'");
    assertThatThrownBy(() -> parse("readAhead", "off")).hasMessageContaining("option readAhead: 'off'");
    assertThatThrownBy(() -> parse("archiveSplits", "0")).hasMessageContaining("option archiveSplits: '0'")
        .hasMessageContaining("or auto");
    for (String threads : new String[] {"0", "-2", "two", "1.5", "5000"}) {
      assertThatThrownBy(() -> parse("parseThreads", threads)).hasMessageContaining("option parseThreads: '" + threads + "'")
          .hasMessageContaining("from 1 to 1024");
    }
    assertThatThrownBy(() -> parse("maxEntryBytes", "3g")).hasMessageContaining("option maxEntryBytes: '3g'");
    assertThatThrownBy(() -> DescriptorOptions.parse(Map.of("paths", "not json")))
        .hasMessageContaining("option paths: 'not json'");
  }

  @Test
  void missingPathSaysHowToGiveOne() {
    assertThatThrownBy(() -> DescriptorOptions.parse(Map.of("type", "microdescriptor")))
        .hasMessageContaining("option path is missing");
  }

  @Test
  void documentGrainOnlyForWholeFileDocuments() {
    assertThatThrownBy(() -> parse("type", "server-descriptor", "grain", "document"))
        .hasMessageContaining("option grain").hasMessageContaining("not to server-descriptor");
    assertThat(parse("type", "tordnsel", "grain", "document").grain()).isEqualTo(Grain.DOCUMENT);
  }
}
