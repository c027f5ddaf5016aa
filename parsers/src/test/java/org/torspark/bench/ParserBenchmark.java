package org.torspark.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * Single-thread parse throughput of each descriptor type on the real fixtures: the whole file
 * through {@link DescriptorReader} (type detection, splitting, parsing) with every row
 * materialised, as a user of the library gets it. Besides files/s, JMH reports the auxiliary
 * counters as rates: {@code bytes} (uncompressed bytes/s), {@code descriptors} (documents/s) and
 * {@code rows} (rows/s: consensus entries, bandwidth lines, ...). A broken document fails the
 * benchmark rather than being counted. {@code scripts/bench} runs it and turns the JSON into
 * MB/s and descriptors/s; the .tar.xz floor is {@link XzBenchmark}.
 *
 * <p>{@code file} is a path relative to the project root (or absolute); pass others with
 * {@code -p file=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParserBenchmark {
  private static final String DATA = "parsers/src/test/resources/testdata/";

  @Param({
      DATA + "server-descriptor/2020-02-29-10-05-00-server-descriptors",
      DATA + "server-descriptor/2014-12-08-server-descriptors",
      DATA + "extra-info/relay-2016-10-02-08-05-00-extra-infos",
      DATA + "microdescriptor/2019-12-15-cached-microdescs",
      DATA + "consensus/2020-02-29-10-00-00-consensus",
      DATA + "consensus-microdesc/2022-11-19-10-00-00-cached-microdesc-consensus",
      DATA + "vote/2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-60ADC6BEC262AE921A1037D54C8A3976367DBE87",
      DATA + "key-certificate/2022-cached-certs",
      DATA + "bandwidth-file/sbws-v1.4.0-2019-04-21",
      DATA + "exit-list/2016-09-20-13-02-00",
      DATA + "bridge-network-status/20160920-063816-1D8F3A91C37C5D1C4C19B1AD1D0CFBE8BF72D8E1",
      DATA + "bridge-server-descriptor/2017-07-17-17-09-00-server-descriptors",
      DATA + "bridge-extra-info/2017-07-17-17-09-00-extra-infos",
  })
  public String file;

  byte[] bytes;

  @Setup(Level.Trial)
  public void load() throws IOException {
    bytes = Files.readAllBytes(Path.of(file));
  }

  /** Per-iteration counters that JMH reports as rates next to the primary files/s score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counts {
    public long bytes;
    public long descriptors;
    public long rows;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      descriptors = 0;
      rows = 0;
    }
  }

  @Benchmark
  public void parse(Counts counts, Blackhole bh) {
    parseAll(bytes, file, counts, bh);
  }

  static void parseAll(byte[] bytes, String name, Counts counts, Blackhole bh) {
    parseAll(bytes, name, false, counts, bh);
  }

  /** readAhead false: everything on this thread (the per-core figure); true: the reader's default. */
  static void parseAll(byte[] bytes, String name, boolean readAhead, Counts counts, Blackhole bh) {
    parseAll(bytes, name, DescriptorReader.Options.lenient().withReadAhead(readAhead), counts, bh);
  }

  static void parseAll(byte[] bytes, String name, DescriptorReader.Options options, Counts counts, Blackhole bh) {
    try (DescriptorReader r = DescriptorReader.open(new ByteArrayInputStream(bytes), name, options)) {
      while (r.hasNext()) {
        ParsedDocument d = r.next();
        if (d.isError()) {
          throw new IllegalStateException(name + ": " + d.error().describe());
        }
        counts.rows += Tables.forType(d.type(), Tables.Grain.ROW).rowsOf(d.descriptor()).size();
        counts.descriptors++;
        bh.consume(d.descriptor());
      }
      counts.bytes += r.stats().bytes();
    }
  }
}
