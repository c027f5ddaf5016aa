package org.torspark.source;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.source.FileListing.SourceFile;

/**
 * The {@code tordesc} source's division of files into tasks, for jobs that want whole parsed
 * documents rather than rows (bandwidth files, votes): the same listing (recursive; hidden and
 * {@code _} files skipped), the same packing of plain files, one task per archive (or
 * {@code archiveSplits} tasks per tarball).
 */
public final class FilePieces {
  private FilePieces() {}

  /** One task's worth: some plain files, or one archive (or one share of a tarball's documents). */
  public static final class Piece implements Serializable {
    private static final long serialVersionUID = 1L;
    private final DescriptorInputPartition partition;

    Piece(DescriptorInputPartition partition) {
      this.partition = partition;
    }

    public int files() {
      return partition.files().size();
    }

    public String path(int i) {
      return partition.files().get(i).path();
    }

    /**
     * A reader of file {@code i} that hands out this piece's share of its documents; closing the
     * reader closes the file.
     */
    public DescriptorReader open(int i, Configuration conf, DescriptorReader.Options options) throws IOException {
      SourceFile f = partition.files().get(i);
      return DescriptorReader.open(FileListing.open(f, conf), f.path(), options)
          .shard(partition.shard(), partition.shards());
    }

    @Override
    public String toString() {
      return partition.files() + (partition.shards() > 1 ? " share " + partition.shard() + "/" + partition.shards() : "");
    }
  }

  /**
   * Lists {@code paths} (files, folders read recursively, globs) and divides them for
   * {@code parallelism} cores, each tarball into {@code archiveSplits} tasks
   * ({@link DescriptorOptions#ARCHIVE_SPLITS_AUTO}: as many as fill the cores).
   *
   * @throws IllegalArgumentException when a path matches nothing
   */
  public static List<Piece> plan(List<String> paths, Configuration conf, int parallelism, int archiveSplits) {
    FileListing.checkExist(paths, conf);
    List<SourceFile> files = FileListing.list(paths, conf, true, null).files();
    return PartitionPacker.pack(files, DescriptorOptions.MAX_PARTITION_BYTES_DEFAULT,
        DescriptorOptions.OPEN_COST_BYTES_DEFAULT, parallelism, archiveSplits)
        .stream().map(Piece::new).toList();
  }
}
