package org.torspark.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.schema.Tables;
import org.tukaani.xz.XZInputStream;

/**
 * Single-thread parse throughput per file: {@code parse} reads the whole file through
 * {@link DescriptorReader} (archive, splitting, parsing, every row materialised); {@code xzOnly}
 * only decompresses it with XZ for Java, the floor a {@code .tar.xz} parse is compared against.
 * scripts/bench-parsers turns ops/s into MB/s, descriptors/s and ratios.
 *
 * <p>{@code file} is a path relative to the project root (or absolute).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParserBenchmark {

  @Param({"parsers/src/test/resources/testdata/server-descriptor/2020-02-29-10-05-00-server-descriptors"})
  public String file;

  private byte[] bytes;

  @Setup(Level.Trial)
  public void load() throws IOException {
    bytes = Files.readAllBytes(Path.of(file));
  }

  @Benchmark
  public long parse(Blackhole bh) {
    long rows = 0;
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(bytes), file,
        DescriptorReader.Options.lenient())) {
      while (r.hasNext()) {
        ParsedDocument d = r.next();
        if (d.isError()) {
          throw new IllegalStateException(d.error().describe());
        }
        rows += Tables.forType(d.type(), Tables.Grain.ROW).rowsOf(d.descriptor()).size();
        bh.consume(d.descriptor());
      }
    }
    return rows;
  }

  @Benchmark
  public long xzOnly() throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = new XZInputStream(new ByteArrayInputStream(bytes))) {
      int k;
      while ((k = in.read(buf)) > 0) {
        n += k;
      }
    }
    return n;
  }
}
