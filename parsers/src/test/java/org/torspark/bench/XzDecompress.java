package org.torspark.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tukaani.xz.XZInputStream;

/**
 * The floor of a {@code .tar.xz} parse, as a whole process: decompresses each file with XZ for
 * Java (the library the reader uses) and throws the bytes away. {@code scripts/bench} times it
 * against {@code torspark parse} on the same archive.
 *
 * <p>usage: {@code java -cp ... org.torspark.bench.XzDecompress FILE...}; prints the
 * uncompressed byte count per file.
 */
public final class XzDecompress {
  private XzDecompress() {}

  public static void main(String[] args) throws IOException {
    byte[] buf = new byte[1 << 16];
    for (String arg : args) {
      long n = 0;
      long started = System.nanoTime();
      try (InputStream in = new XZInputStream(new BufferedInputStream(Files.newInputStream(Path.of(arg)), 1 << 16))) {
        int k;
        while ((k = in.read(buf)) > 0) {
          n += k;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "%s %d bytes in %.2f s: %.1f MB/s%n", arg, n, seconds, n / 1e6 / seconds);
    }
  }
}
