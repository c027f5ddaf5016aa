package org.torspark.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}, with its {@code .crc} checksum files), except that
 * permissions are set through Java NIO. Without Hadoop's native library, which no Maven artifact
 * and no Spark distribution ships, {@link RawLocalFileSystem#setPermission} starts a {@code chmod}
 * process, and Hadoop sets the permission of every file it creates and every directory it makes:
 * writing one small table partitioned by date over a month (60 Parquet files) started about 190
 * processes, and the write tasks spent four fifths of their time waiting for them (strace and task
 * metrics of {@code scripts/torspark run sql}, docs/benchmarks.md).
 *
 * <p>Used for {@code file:} paths through {@code spark.hadoop.fs.file.impl}, which
 * {@code org.torspark.jobs.JobRunner#LOCAL_DEFAULTS} (local masters only) and
 * {@code conf/spark-defaults.conf} (one machine; not the cluster file) set.
 * The same permissions result: the mode bits Hadoop asks for, on the file or directory the path
 * names. A mode NIO cannot express (sticky bit) or a file system without POSIX attributes goes to
 * Hadoop's own code.
 */
public class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) file system underneath, with {@link #setPermission} through NIO. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Set<PosixFilePermission> mode = posix(permission);
      if (mode == null) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), mode);
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }

  /** The POSIX permissions of {@code permission}, or null when it has bits they cannot hold. */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    if (permission.getStickyBit()) {
      return null;
    }
    Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
    add(mode, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);
    add(mode, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_EXECUTE);
    add(mode, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_EXECUTE);
    return mode;
  }

  private static void add(Set<PosixFilePermission> mode, FsAction action, PosixFilePermission read,
      PosixFilePermission write, PosixFilePermission execute) {
    if (action.implies(FsAction.READ)) {
      mode.add(read);
    }
    if (action.implies(FsAction.WRITE)) {
      mode.add(write);
    }
    if (action.implies(FsAction.EXECUTE)) {
      mode.add(execute);
    }
  }
}
