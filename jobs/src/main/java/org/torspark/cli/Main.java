package org.torspark.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.torspark.collector.LocalCollectorServer;
import org.torspark.collector.MirrorCommand;
import org.torspark.jobs.JobRunner;

/** The torspark command line: {@code parse}, {@code mirror}, {@code run JOB}. */
public final class Main {
  static final String USAGE = String.join("\n",
      "usage: torspark COMMAND [OPTIONS]",
      "  parse [--type T] [--format jsonl|summary] [--documents] [--strict] PATH...",
      "                 parse descriptor files, archives or folders on this machine (no Spark)",
      "  mirror --dest URI [--collector URL] [--types T,...] [--start D] [--end D] [--list] ...",
      "                 mirror CollecTor files to a local, hdfs:// or s3a:// destination (mirror --help)",
      "  serve --root DIR [--port N] [--write-index]",
      "                 serve a CollecTor-shaped folder over HTTP on 127.0.0.1 (for tests and the quickstart)",
      "  run JOB [--master M] [--conf k=v]... [JOB OPTIONS]",
      "                 run a Spark job (torspark run --help lists them)");

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    switch (args[0]) {
      case "parse":
        return ParseCommand.run(rest, out, err);
      case "mirror":
        return MirrorCommand.run(rest.toArray(new String[0]), out, err);
      case "serve":
        try {
          LocalCollectorServer.main(rest.toArray(new String[0]));
          return 0;
        } catch (Exception e) {
          err.println("torspark serve: " + e.getMessage());
          return 1;
        }
      case "run":
        return JobRunner.run(rest, out, err);
      default:
        err.println("torspark: unknown command '" + args[0] + "'");
        err.println(USAGE);
        return 2;
    }
  }
}
