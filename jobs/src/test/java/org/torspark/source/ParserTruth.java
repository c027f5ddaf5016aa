package org.torspark.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.schema.Tables;
import org.torspark.descriptor.schema.Tables.Grain;

/** What the bare parser finds in local files: the numbers a tordesc read must reproduce. */
public record ParserTruth(long descriptors, long errors, long rows, long skipped) {

  /** Reads every regular file under {@code paths} (recursively) as {@code type} at {@code grain}. */
  public static ParserTruth of(DescriptorType type, Grain grain, Path... paths) {
    long descriptors = 0;
    long errors = 0;
    long rows = 0;
    long skipped = 0;
    for (Path root : paths) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(root)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (Path f : files) {
        try (InputStream in = Files.newInputStream(f);
            DescriptorReader r = DescriptorReader.open(in, f.toString(), DescriptorReader.Options.lenient().withType(type))) {
          while (r.hasNext()) {
            ParsedDocument d = r.next();
            if (d.isError()) {
              errors++;
              rows++;
            } else {
              descriptors++;
              rows += Tables.forType(type, grain).rowsOf(d.descriptor()).size();
            }
          }
          skipped += r.stats().skipped();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new ParserTruth(descriptors, errors, rows, skipped);
  }
}
