package org.torspark.source;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.torspark.source.FileListing.SourceFile;

/**
 * What one task reads: one archive, or several small plain files packed together, or share
 * {@code shard} of {@code shards} of one tarball's documents (option {@code archiveSplits}).
 */
record DescriptorInputPartition(List<SourceFile> files, int shard, int shards) implements InputPartition {

  DescriptorInputPartition(List<SourceFile> files) {
    this(files, 0, 1);
  }

  long bytes() {
    long n = 0;
    for (SourceFile f : files) {
      n += f.length();
    }
    return n;
  }
}
