package org.torspark.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.torspark.descriptor.DescriptorException;
import org.torspark.descriptor.DescriptorReader;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.ReadStats;
import org.torspark.descriptor.schema.Table;
import org.torspark.descriptor.schema.Tables;

/**
 * {@code torspark parse [--type T] [--format jsonl|summary] [--documents] [--strict] [--no-read-ahead] [--parse-threads N] PATH...}:
 * parses files, archives or folders (recursively, in name order) on this machine, without Spark.
 */
final class ParseCommand {
  static final String USAGE = "usage: torspark parse [--type TYPE] [--format jsonl|summary] [--documents]"
      + " [--strict] [--no-read-ahead] [--parse-threads N] PATH...";

  private DescriptorType type;
  private String format = "jsonl";
  private boolean documents;
  private boolean strict;
  private boolean readAhead = true;
  private int parseThreads = Runtime.getRuntime().availableProcessors();
  private final List<Path> paths = new ArrayList<>();

  private ParseCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    ParseCommand cmd = new ParseCommand();
    String problem = cmd.parseArgs(args);
    if (problem != null) {
      err.println("torspark parse: " + problem);
      err.println(USAGE);
      return 2;
    }
    return cmd.execute(out, err);
  }

  private String parseArgs(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--type":
          if (i + 1 >= args.size()) {
            return "option --type needs a value (one of " + DescriptorType.names() + ")";
          }
          String name = args.get(++i);
          type = DescriptorType.fromName(name).orElse(null);
          if (type == null) {
            return "option --type: unknown type '" + name + "'; use one of " + DescriptorType.names();
          }
          break;
        case "--format":
          if (i + 1 >= args.size()) {
            return "option --format needs a value: jsonl or summary";
          }
          format = args.get(++i).toLowerCase(Locale.ROOT);
          if (!format.equals("jsonl") && !format.equals("summary")) {
            return "option --format: unknown format '" + args.get(i) + "'; use jsonl or summary";
          }
          break;
        case "--documents":
          documents = true;
          break;
        case "--no-read-ahead":
          readAhead = false;
          break;
        case "--parse-threads":
          if (i + 1 >= args.size()) {
            return "option --parse-threads needs a value: a whole number from 1 (parse on the main thread) up";
          }
          try {
            parseThreads = Integer.parseInt(args.get(++i));
          } catch (NumberFormatException e) {
            parseThreads = 0;
          }
          if (parseThreads < 1 || parseThreads > 1024) {
            return "option --parse-threads: '" + args.get(i) + "' is not a whole number from 1 to 1024";
          }
          break;
        case "--strict":
          strict = true;
          break;
        default:
          if (a.startsWith("--")) {
            return "unknown option '" + a + "'";
          }
          Path p = Path.of(a);
          if (!Files.exists(p)) {
            return "no such file or directory: " + a;
          }
          paths.add(p);
      }
    }
    return paths.isEmpty() ? "no PATH given" : null;
  }

  private int execute(PrintStream out, PrintStream err) {
    List<Path> files = expand(paths);
    ReadStats total = new ReadStats();
    Map<String, long[]> perType = new TreeMap<>();
    long started = System.nanoTime();
    boolean jsonl = format.equals("jsonl");
    DescriptorReader.Options options = DescriptorReader.Options.lenient().withType(type).withStrict(strict)
        .withReadAhead(readAhead).withParseThreads(parseThreads);
    try (JsonGenerator g = jsonl ? json(out) : null) {
      for (Path file : files) {
        try (InputStream in = Files.newInputStream(file);
            DescriptorReader reader = DescriptorReader.open(in, file.toString(), options)) {
          while (reader.hasNext()) {
            ParsedDocument doc = reader.next();
            long[] counts = perType.computeIfAbsent(
                doc.type() == null ? "(unknown type)" : doc.type().typeName(), t -> new long[3]);
            if (doc.isError()) {
              counts[1]++;
              if (jsonl) {
                JsonRows.writeError(g, doc.error());
                g.flush();
              }
              continue;
            }
            Table<Object> table = table(doc.type());
            List<?> rows = table.rowsOf(doc.descriptor());
            counts[0]++;
            counts[2] += rows.size();
            if (jsonl) {
              for (Object row : rows) {
                JsonRows.writeRow(g, doc.type(), doc.source(), table, row);
              }
            }
          }
          total.add(reader.stats());
        }
      }
    } catch (DescriptorException e) {
      err.println("torspark parse: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("torspark parse: " + e.getMessage());
      return 1;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!jsonl) {
      printSummary(out, total, perType, seconds);
    }
    return total.errors() > 0 && strict ? 1 : 0;
  }

  @SuppressWarnings("unchecked")
  private Table<Object> table(DescriptorType t) {
    Tables.Grain grain = documents && Tables.hasDocumentGrain(t) ? Tables.Grain.DOCUMENT : Tables.Grain.ROW;
    return (Table<Object>) Tables.forType(t, grain);
  }

  private static JsonGenerator json(PrintStream out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator((OutputStream) out, JsonEncoding.UTF8);
    g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }

  private static void printSummary(PrintStream out, ReadStats total, Map<String, long[]> perType,
      double seconds) {
    out.printf(Locale.ROOT, "%-40s %12s %10s %12s%n", "type", "descriptors", "errors", "rows");
    for (Map.Entry<String, long[]> e : perType.entrySet()) {
      long[] c = e.getValue();
      out.printf(Locale.ROOT, "%-40s %12d %10d %12d%n", e.getKey(), c[0], c[1], c[2]);
    }
    out.printf(Locale.ROOT, "files %d, archive entries %d, documents %d (descriptors %d, errors %d, other types"
        + " skipped %d)%n", total.files(), total.entries(), total.documents(), total.descriptors(),
        total.errors(), total.skipped());
    double s = Math.max(seconds, 1e-9);
    out.printf(Locale.ROOT, "%.1f MB uncompressed in %.2f s: %.1f MB/s, %.0f descriptors/s%n",
        total.bytes() / 1e6, seconds, total.bytes() / 1e6 / s, total.descriptors() / s);
  }

  /**
   * Like Spark's file sources, names starting with '_' or '.' below a folder given by the user are
   * metadata (the mirror's {@code _manifest/}, {@code _staging/}, {@code .crc} files), not data.
   */
  static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String name = part.toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Files under the given paths, folders walked recursively, each folder's files in name order. */
  static List<Path> expand(List<Path> roots) {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isRegularFile).filter(p -> !hidden(root, p)).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("listing " + root, e);
        }
      } else {
        files.add(root);
      }
    }
    return files;
  }
}
