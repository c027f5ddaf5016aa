package org.torspark.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.torspark.source.FileListing.SourceFile;

/**
 * Groups files into input partitions. Archives and compressed files cannot be split or read from the
 * middle, so each is a partition of its own; plain files (recent/ hourly files, single descriptors)
 * are packed largest first up to a target size, as Spark's file sources do: the target is
 * {@code maxPartitionBytes}, lowered so that small inputs still spread over all cores, and each file
 * counts {@code openCostInBytes} extra so thousands of tiny files do not end up in one task.
 */
public final class PartitionPacker {
  private PartitionPacker() {}

  static List<DescriptorInputPartition> pack(List<SourceFile> files, long maxPartitionBytes, long openCost,
      int parallelism) {
    return pack(files, maxPartitionBytes, openCost, parallelism, 1);
  }

  /**
   * As above; each tarball is read by {@code archiveSplits} tasks, each decompressing all of it and
   * parsing every {@code archiveSplits}-th document (compressed single files are one task);
   * {@link DescriptorOptions#ARCHIVE_SPLITS_AUTO} picks {@link #autoSplits}.
   */
  static List<DescriptorInputPartition> pack(List<SourceFile> files, long maxPartitionBytes, long openCost,
      int parallelism, int archiveSplits) {
    if (archiveSplits == DescriptorOptions.ARCHIVE_SPLITS_AUTO) {
      List<DescriptorInputPartition> unsplit = pack(files, maxPartitionBytes, openCost, parallelism, 1);
      int splits = autoSplits(unsplit, parallelism);
      return splits == 1 ? unsplit : pack(files, maxPartitionBytes, openCost, parallelism, splits);
    }
    List<DescriptorInputPartition> out = new ArrayList<>();
    List<SourceFile> plain = new ArrayList<>();
    long plainBytes = 0;
    for (SourceFile f : files) {
      if (isArchive(f.name())) {
        int splits = isTarball(f.name()) ? archiveSplits : 1;
        for (int shard = 0; shard < splits; shard++) {
          out.add(new DescriptorInputPartition(List.of(f), shard, splits));
        }
      } else {
        plain.add(f);
        plainBytes += f.length() + openCost;
      }
    }
    long perCore = plainBytes / Math.max(1, parallelism);
    long target = Math.min(maxPartitionBytes, Math.max(openCost, perCore));
    plain.sort(Comparator.comparingLong(SourceFile::length).reversed().thenComparing(SourceFile::path));
    List<SourceFile> current = new ArrayList<>();
    long size = 0;
    for (SourceFile f : plain) {
      if (!current.isEmpty() && size + f.length() > target) {
        out.add(new DescriptorInputPartition(List.copyOf(current)));
        current.clear();
        size = 0;
      }
      current.add(f);
      size += f.length() + openCost;
    }
    if (!current.isEmpty()) {
      out.add(new DescriptorInputPartition(List.copyOf(current)));
    }
    return out;
  }

  /**
   * Splits per tarball for {@code archiveSplits=auto}: 1 when the unsplit partitions already give
   * every core a task (a year of monthly archives, or many plain files), else enough for the
   * tarballs alone to cover the cores (one month's archive on 2 cores: 2). Every split decompresses
   * the whole tarball, so it never splits more than that.
   */
  static int autoSplits(List<DescriptorInputPartition> unsplit, int parallelism) {
    if (unsplit.size() >= parallelism) {
      return 1;
    }
    long tarballs = unsplit.stream().filter(p -> p.files().size() == 1 && isArchive(p.files().get(0).name())
        && isTarball(p.files().get(0).name())).count();
    if (tarballs == 0) {
      return 1;
    }
    return (int) Math.min(1024, (parallelism + tarballs - 1) / tarballs);
  }

  /** A tar archive, compressed or not, told by name. */
  public static boolean isTarball(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains(".tar") || n.endsWith(".tgz") || n.endsWith(".tbz2") || n.endsWith(".tbz");
  }

  /** Tarballs and compressed files, told by name: one task each. */
  static boolean isArchive(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".tar") || n.endsWith(".xz") || n.endsWith(".gz") || n.endsWith(".bz2")
        || n.endsWith(".tgz") || n.endsWith(".tbz2") || n.endsWith(".tbz");
  }
}
