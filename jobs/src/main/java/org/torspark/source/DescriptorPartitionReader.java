package org.torspark.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.descriptor.DescriptorError;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.ReadStats;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;
import org.torspark.source.DescriptorOptions.ReadMode;
import org.torspark.source.FileListing.SourceFile;

/**
 * Reads the files of one partition in turn, each through a {@link DescriptorReader}, and hands out
 * one row per descriptor (or status entry), or per error depending on the mode. At most one file is
 * open at a time, and it is closed when it is done, when the task ends and when it fails.
 */
final class DescriptorPartitionReader implements PartitionReader<InternalRow> {
  private final List<SourceFile> files;
  private final int shard;
  private final int shards;
  private final Configuration conf;
  private final DescriptorType type;
  private final boolean typeDetected;
  private final ReadMode mode;
  private final DescriptorReader.Options readerOptions;
  private final Table<?> table;
  private final RowConverter rows;
  private final ReadStats finished = new ReadStats();

  private int fileIndex;
  private DescriptorReader reader;
  private TrackedInputStream stream;
  private UTF8String file;
  private ParsedDocument document;
  private List<?> documentRows = List.of();
  private int rowIndex;
  private UTF8String entry;
  private InternalRow current;

  DescriptorPartitionReader(DescriptorInputPartition partition, Configuration conf, DescriptorType type,
      boolean typeDetected, DescriptorOptions options, StructType required) {
    this.files = partition.files();
    this.shard = partition.shard();
    this.shards = partition.shards();
    this.conf = conf;
    this.type = type;
    this.typeDetected = typeDetected;
    this.mode = options.mode();
    this.readerOptions = readerOptions(type, typeDetected, options);
    this.table = Tables.forType(type, options.grain());
    this.rows = new RowConverter(table, required, options.corruptColumn());
  }

  /**
   * The reader's options for a read of {@code type}. A detected type is not imposed on the reader:
   * every document says its own type, so a file of another type fails the read (mixed types) and an
   * unknown @type becomes an error record.
   */
  static DescriptorReader.Options readerOptions(DescriptorType type, boolean typeDetected, DescriptorOptions options) {
    return new DescriptorReader.Options(typeDetected ? null : type, false, options.maxEntryBytes(),
        options.readAhead(), options.parseThreads());
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      if (rowIndex < documentRows.size()) {
        // count() and provenance-only queries need no row object (status entries are made on get)
        Object row = rows.readsFields() ? documentRows.get(rowIndex) : null;
        rowIndex++;
        current = rows.descriptorRow(row, file, entry, document.offset(), document.lineNumber());
        return true;
      }
      if (reader == null && !openNext()) {
        return false;
      }
      if (!reader.hasNext()) {
        closeCurrent();
        continue;
      }
      ParsedDocument d = reader.next();
      if (typeDetected && d.type() != null && d.type() != type) {
        throw mixed(d.type());
      }
      if (d.isError()) {
        if (onError(d.error())) {
          return true;
        }
        continue;
      }
      document = d;
      entry = d.source().entry() == null ? null : UTF8String.fromString(d.source().entry());
      try {
        documentRows = table.rowsOf(d.descriptor());
      } catch (RuntimeException e) {
        documentRows = List.of();
        DescriptorError internal = new DescriptorError(type, d.source(), d.offset(), d.lineNumber(), null,
            "internal error turning the descriptor into rows: " + e);
        if (onError(internal)) {
          return true;
        }
      }
      rowIndex = 0;
    }
  }

  /**
   * What {@link #next} would hand out, without the rows, for a query that needs no column: the
   * current document's rows not yet handed out, else the next document's rows or one error row;
   * 0 at the end of the partition.
   */
  int skipRows() throws IOException {
    int left = documentRows.size() - rowIndex;
    if (left <= 0) {
      if (!next()) {
        return 0;
      }
      // a document's first row (the rest follow) or an error row (nothing follows)
      left = 1 + Math.max(0, documentRows.size() - rowIndex);
    }
    rowIndex = Math.max(rowIndex, documentRows.size());
    return left;
  }

  /** Handles an error record per the mode; true if it became the current row. */
  private boolean onError(DescriptorError error) throws IOException {
    String message = errorMessage(error, stream, file.toString());
    switch (mode) {
      case FAILFAST:
        throw failFast(message);
      case DROPMALFORMED:
        return false;
      default:
        UTF8String e = error.source().entry() == null ? null : UTF8String.fromString(error.source().entry());
        current = rows.errorRow(error, message, file, e);
        return true;
    }
  }

  /**
   * The error record of {@code file}, read through {@code stream}, as the one line an error row or a
   * FAILFAST failure gives.
   *
   * @throws IOException when reading the file itself failed (the error record only reports it)
   */
  static String errorMessage(DescriptorError error, TrackedInputStream stream, String file) throws IOException {
    IOException io = stream == null ? null : stream.failure();
    if (io != null) {
      throw new IOException("reading " + error.source().file() + " failed: " + io.getMessage(), io);
    }
    String message = describe(error);
    if (stream != null && !stream.contentMatchesName(file)) {
      message += " (the file is named like an archive but is not one: replace it with a complete download,"
          + " or leave it out)";
    }
    return message;
  }

  /** Mode FAILFAST's failure on an error record. */
  static IllegalStateException failFast(String message) {
    return new IllegalStateException("malformed document (mode FAILFAST): " + message
        + ". Set option mode to PERMISSIVE to get error rows instead, or DROPMALFORMED to skip them.");
  }

  /** The error as one line, with a hint where the reader's message alone does not say what to do. */
  static String describe(DescriptorError error) {
    String d = error.describe();
    if (error.offset() < 0 && d.contains("the rest of this file was not read")) {
      return d + " (the file is truncated or not an archive: download it again, or leave it out)";
    }
    if (error.type() == null && d.contains("unsupported descriptor type")) {
      return d + " (set option type to read the documents of one type and skip, counting, the others)";
    }
    return d;
  }

  private IllegalStateException mixed(DescriptorType found) {
    return mixed(file.toString(), found, type);
  }

  /** A document of another type in a read whose type was detected. */
  static IllegalStateException mixed(String file, DescriptorType found, DescriptorType detected) {
    return new IllegalStateException(file + " holds " + found.typeName() + " documents, but the type was"
        + " detected as " + detected.typeName() + " from the files. Set option type to the type to read (documents"
        + " of other types are then skipped and counted), or narrow path / pathGlobFilter to files of one type.");
  }

  private boolean openNext() throws IOException {
    if (fileIndex >= files.size()) {
      return false;
    }
    SourceFile f = files.get(fileIndex++);
    file = UTF8String.fromString(f.path());
    stream = new TrackedInputStream(open(conf, f));
    reader = DescriptorReader.open(stream, f.path(), readerOptions).shard(shard, shards);
    return true;
  }

  /** Opens a listed file for one sequential read of all of it. */
  static InputStream open(Configuration conf, SourceFile f) throws IOException {
    Path path = new Path(f.path());
    FileSystem fs = path.getFileSystem(conf);
    if (fs instanceof LocalFileSystem local) {
      // The checksum layer copies every byte through 512-byte chunks even without .crc files
      // (measured: 1 ms per MB, a tenth of the parse time); only Hadoop-written files have them.
      fs = local.getRaw();
    }
    try {
      // Whole-file sequential reads: tells s3a to stream instead of issuing ranged GETs.
      return fs.openFile(path)
          .opt("fs.option.openfile.read.policy", "whole-file, sequential")
          .opt("fs.option.openfile.length", Long.toString(f.length()))
          .build().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException("opening " + f.path(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted opening " + f.path(), e);
    }
  }

  private void closeCurrent() {
    if (reader == null) {
      return;
    }
    try {
      finished.add(reader.stats());
      reader.close();
    } finally {
      reader = null;
      stream = null;
      documentRows = List.of();
    }
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    ReadStats now = new ReadStats();
    now.add(finished);
    if (reader != null) {
      now.add(reader.stats());
    }
    return SourceMetrics.task(now);
  }

  @Override
  public void close() {
    try {
      closeCurrent();
    } catch (UncheckedIOException e) {
      // the task's outcome is already decided; a failing close must not mask it
    }
  }
}
