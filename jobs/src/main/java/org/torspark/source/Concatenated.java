package org.torspark.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * One file's iterator after another's, each file opened when the one before is used up (a task
 * holds one file open at a time). A file that cannot be opened fails the iteration with its name.
 */
public final class Concatenated<F, T> implements Iterator<T> {
  /** Opens one file's iterator. */
  @FunctionalInterface
  public interface Opener<F, T> {
    Iterator<T> open(F file) throws IOException;
  }

  private final Iterator<F> files;
  private final Function<? super F, String> name;
  private final Opener<F, T> open;
  private Iterator<T> current = Collections.emptyIterator();

  /** The files' iterators in turn; {@code name} names a file in the error when it cannot be opened. */
  public Concatenated(Iterator<F> files, Function<? super F, String> name, Opener<F, T> open) {
    this.files = files;
    this.name = name;
    this.open = open;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && files.hasNext()) {
      F f = files.next();
      try {
        current = open.open(f);
      } catch (IOException e) {
        throw new UncheckedIOException(name.apply(f) + ": cannot open: " + e.getMessage(), e);
      }
    }
    return current.hasNext();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
