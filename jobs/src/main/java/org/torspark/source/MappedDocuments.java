package org.torspark.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.torspark.descriptor.DescriptorReader;

/**
 * A file's mapped documents, parsed as they are consumed: a month's archive of bandwidth files is
 * millions of output records, which held all at once filled the heap. With several parse threads
 * documents are parsed and mapped on the executor's parse pool, a few ahead, and handed out in file
 * order ({@link DescriptorReader#map}). The reader is closed when the last document is read, on a
 * failure, or when the task ends first.
 */
public final class MappedDocuments<T> implements Iterator<T>, AutoCloseable {
  private final String file;
  private final InputStream in;
  private final DescriptorReader reader;
  private final Iterator<List<T>> mapped;
  private Iterator<T> current = Collections.emptyIterator();
  private boolean closed;

  /**
   * The documents of {@code in} (share {@code shard} of {@code shards} of them, see {@link
   * DescriptorReader#shard}), each mapped by {@code fn}. A checked exception of {@code fn} comes out
   * as an {@link IllegalStateException} that names the file.
   */
  public MappedDocuments(String file, InputStream in, DescriptorReader.Options options, int shard, int shards,
      DocumentFunction<T> fn) throws IOException {
    this.file = file;
    this.in = in;
    try {
      this.reader = DescriptorReader.open(in, file, options).shard(shard, shards);
      this.mapped = reader.map(doc -> {
        try {
          return fn.apply(file, doc);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
      });
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
    TaskContext task = TaskContext.get();
    if (task != null) {
      TaskCompletionListener onEnd = ctx -> close();
      task.addTaskCompletionListener(onEnd);
    }
  }

  @Override
  public boolean hasNext() {
    try {
      while (!current.hasNext()) {
        if (closed) {
          return false;
        }
        if (!mapped.hasNext()) {
          close();
          return false;
        }
        current = mapped.next().iterator();
      }
      return true;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (InputStream i = in; DescriptorReader r = reader) {
      // closed in reverse order by try-with-resources
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": closing failed", e);
    }
  }
}
