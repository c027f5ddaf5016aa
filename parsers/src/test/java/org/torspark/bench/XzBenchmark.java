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
import org.tukaani.xz.XZInputStream;

/**
 * A {@code .tar.xz} parse against its floor, in one JVM: {@code parse} reads the archive through
 * the reader on one thread (decompression, tar, splitting, parsing, rows), {@code parseReadAhead}
 * the same with the reader's default read-ahead (decompression on a second thread), {@code xzOnly}
 * only decompresses it with XZ for Java. Target: parse time at most 1.3x xzOnly time. The defaults are the real
 * CollecTor tarballs in the fixtures (cropped by stem, compressed with xz -9e as CollecTor does);
 * {@code scripts/bench} measures the month-sized synthetic archives as whole processes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class XzBenchmark {
  private static final String XZ = "parsers/src/test/resources/testdata/collector-tarball/derived-xz/";

  @Param({
      XZ + "consensuses-2018-06-cropped.tar.xz",
      XZ + "microdescs-2019-05-cropped.tar.xz",
      XZ + "bridge-statuses-2019-05-cropped.tar.xz",
      XZ + "exit-list-2018-11-cropped.tar.xz",
  })
  public String file;

  byte[] bytes;

  @Setup(Level.Trial)
  public void load() throws IOException {
    bytes = Files.readAllBytes(Path.of(file));
  }

  @Benchmark
  public void parse(ParserBenchmark.Counts counts, Blackhole bh) {
    ParserBenchmark.parseAll(bytes, file, counts, bh);
  }

  @Benchmark
  public void parseReadAhead(ParserBenchmark.Counts counts, Blackhole bh) {
    ParserBenchmark.parseAll(bytes, file, true, counts, bh);
  }

  /** Read-ahead decompression and parsing on the shared pool, one thread per core (the CLI's default). */
  @Benchmark
  public void parsePool(ParserBenchmark.Counts counts, Blackhole bh) {
    ParserBenchmark.parseAll(bytes, file, org.torspark.descriptor.DescriptorReader.Options.lenient()
        .withParseThreads(Runtime.getRuntime().availableProcessors()), counts, bh);
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
