package org.torspark.source;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.torspark.source.FileListing.SourceFile;

/** What one task reads: one archive, or several small plain files packed together. */
record DescriptorInputPartition(List<SourceFile> files) implements InputPartition {

  long bytes() {
    long n = 0;
    for (SourceFile f : files) {
      n += f.length();
    }
    return n;
  }
}
