package org.torspark.collector;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of {@code torspark mirror}, parsed once. Each option is a constant with its
 * {@code _DEFAULT} beside it and a one-line description in {@link #SPECS}, which also renders
 * {@code --help} and is checked against {@code docs/mirror.md} by a test. Every bad value gives a
 * one-line error naming the option.
 */
public final class MirrorOptions {

  /** Base URL of the CollecTor instance to copy from (http or https). */
  public static final String COLLECTOR = "collector";
  public static final String COLLECTOR_DEFAULT = "https://collector.torproject.org";
  /** Destination directory, any Hadoop file system URI (file:, hdfs:, s3a:, or a path). */
  public static final String DEST = "dest";
  public static final String DEST_DEFAULT = null;
  /** Descriptor types to copy, comma separated ({@code @type} names); all when absent. */
  public static final String TYPES = "types";
  public static final String TYPES_DEFAULT = null;
  /** Keep files whose publication range ends at or after this UTC time. */
  public static final String START = "start";
  public static final String START_DEFAULT = null;
  /** Keep files whose publication range starts at or before this UTC time (a date means its end). */
  public static final String END = "end";
  public static final String END_DEFAULT = null;
  /** Top-level CollecTor trees to copy, comma separated. */
  public static final String TREES = "trees";
  public static final String TREES_DEFAULT = "recent,archive";
  /** Print what would be fetched, skipped and deleted, with bytes, and write nothing. */
  public static final String LIST = "list";
  public static final boolean LIST_DEFAULT = false;
  /** Delete files under the selected trees that the index no longer lists. */
  public static final String DELETE = "delete";
  public static final boolean DELETE_DEFAULT = false;
  /** Simultaneous connections to the CollecTor server, over all executors. */
  public static final String CONCURRENCY = "concurrency";
  public static final int CONCURRENCY_DEFAULT = 4;
  /** Retries of one file after the first attempt (5xx, timeouts, dropped connections, bad checksum). */
  public static final String RETRIES = "retries";
  public static final int RETRIES_DEFAULT = 3;
  /** First wait before a retry; doubles on each further retry. */
  public static final String BACKOFF = "backoff";
  public static final String BACKOFF_DEFAULT = "1s";
  /** Longest wait between two retries (also caps a server's Retry-After). */
  public static final String MAX_BACKOFF = "max-backoff";
  public static final String MAX_BACKOFF_DEFAULT = "60s";
  /** Time allowed to open a connection. */
  public static final String CONNECT_TIMEOUT = "connect-timeout";
  public static final String CONNECT_TIMEOUT_DEFAULT = "30s";
  /** Longest silence while waiting for response headers or body bytes. */
  public static final String READ_TIMEOUT = "read-timeout";
  public static final String READ_TIMEOUT_DEFAULT = "60s";
  /** User-Agent header sent with every request. */
  public static final String USER_AGENT = "user-agent";
  public static final String USER_AGENT_DEFAULT = "torspark-mirror/" + version()
      + " (CollecTor mirror; Java " + Runtime.version().feature() + ")";
  /** Index variants to try, most compact first; the next one is tried when one fails. */
  public static final String INDEX_VARIANTS = "index-variants";
  public static final String INDEX_VARIANTS_DEFAULT = "xz,bz2,gz,json";
  /** Largest index accepted, compressed and decompressed (guards against decompression bombs). */
  public static final String MAX_INDEX_BYTES = "max-index-bytes";
  public static final String MAX_INDEX_BYTES_DEFAULT = "256m";
  /** Largest file size an index entry may claim; larger entries are rejected as absurd. */
  public static final String MAX_FILE_SIZE = "max-file-size";
  public static final String MAX_FILE_SIZE_DEFAULT = "64g";
  /** Small files are packed into one Spark task up to this many bytes. */
  public static final String TASK_BYTES = "task-bytes";
  public static final String TASK_BYTES_DEFAULT = "64m";
  /** Spark master used when none is configured (spark-submit's --master wins). */
  public static final String MASTER = "master";
  public static final String MASTER_DEFAULT = "local[*]";
  /** How often the console progress line is printed; 0 turns it off. */
  public static final String PROGRESS_INTERVAL = "progress-interval";
  public static final String PROGRESS_INTERVAL_DEFAULT = "10s";
  /** Print one line per file (planned action and outcome). */
  public static final String VERBOSE = "verbose";
  public static final boolean VERBOSE_DEFAULT = false;
  /** Print the options and exit. */
  public static final String HELP = "help";

  /** One option's name, default, value placeholder (null for flags) and description. */
  public record Spec(String name, String defaultValue, String arg, String doc) {}

  public static final List<Spec> SPECS = List.of(
      new Spec(COLLECTOR, COLLECTOR_DEFAULT, "URL",
          "Base URL of the CollecTor instance to copy from (http or https)."),
      new Spec(DEST, "(required)", "URI",
          "Destination directory: a path or a file:, hdfs:, s3a: URI."),
      new Spec(TYPES, "all", "T1,T2",
          "Descriptor types to copy, as in @type annotations (server-descriptor, bridge-extra-info, ...)."),
      new Spec(START, "none", "TIME",
          "Keep files whose publication range ends at or after this UTC time (YYYY-MM-DD[ HH:MM[:SS]])."),
      new Spec(END, "none", "TIME",
          "Keep files whose publication range starts at or before this UTC time; a date means its last second."),
      new Spec(TREES, TREES_DEFAULT, "T1,T2", "Top-level CollecTor trees to copy: recent, archive or both."),
      new Spec(LIST, "false", null, "Dry run: print what would be fetched, skipped and deleted, with bytes."),
      new Spec(DELETE, "false", null,
          "Delete files under the selected trees that the index no longer lists."),
      new Spec(CONCURRENCY, String.valueOf(CONCURRENCY_DEFAULT), "N",
          "Simultaneous connections to the CollecTor server, over all executors (1-64)."),
      new Spec(RETRIES, String.valueOf(RETRIES_DEFAULT), "N",
          "Retries per file after the first attempt, on 5xx, timeouts, dropped connections, bad checksums."),
      new Spec(BACKOFF, BACKOFF_DEFAULT, "DURATION", "First wait before a retry; doubles with each further retry."),
      new Spec(MAX_BACKOFF, MAX_BACKOFF_DEFAULT, "DURATION",
          "Longest wait between retries (also caps a server's Retry-After)."),
      new Spec(CONNECT_TIMEOUT, CONNECT_TIMEOUT_DEFAULT, "DURATION", "Time allowed to open a connection."),
      new Spec(READ_TIMEOUT, READ_TIMEOUT_DEFAULT, "DURATION",
          "Longest silence while waiting for response headers or body bytes."),
      new Spec(USER_AGENT, "torspark-mirror/VERSION ...", "TEXT", "User-Agent header sent with every request."),
      new Spec(INDEX_VARIANTS, INDEX_VARIANTS_DEFAULT, "V1,V2",
          "Index variants to try in order (xz, bz2, gz, json); the next is tried when one fails."),
      new Spec(MAX_INDEX_BYTES, MAX_INDEX_BYTES_DEFAULT, "SIZE",
          "Largest index accepted, compressed and decompressed (decompression-bomb guard)."),
      new Spec(MAX_FILE_SIZE, MAX_FILE_SIZE_DEFAULT, "SIZE",
          "Largest size an index entry may claim; larger entries are rejected."),
      new Spec(TASK_BYTES, TASK_BYTES_DEFAULT, "SIZE", "Small files are packed into one Spark task up to this size."),
      new Spec(MASTER, MASTER_DEFAULT, "MASTER",
          "Spark master used when none is configured (spark-submit --master wins)."),
      new Spec(PROGRESS_INTERVAL, PROGRESS_INTERVAL_DEFAULT, "DURATION",
          "How often the console progress line is printed; 0 turns it off."),
      new Spec(VERBOSE, "false", null, "Print one line per file: planned action and outcome."),
      new Spec(HELP, "", null, "Print this list and exit."));

  /** A bad command line: the message is one line and names the option. */
  public static final class BadOption extends Exception {
    private static final long serialVersionUID = 1L;

    BadOption(String message) {
      super(message);
    }
  }

  private URI collector;
  private String dest;
  private List<String> types = List.of();
  private Instant start;
  private Instant end;
  private Set<String> trees;
  private boolean list;
  private boolean delete;
  private int concurrency = CONCURRENCY_DEFAULT;
  private int retries = RETRIES_DEFAULT;
  private Duration backoff;
  private Duration maxBackoff;
  private Duration connectTimeout;
  private Duration readTimeout;
  private String userAgent = USER_AGENT_DEFAULT;
  private List<IndexClient.Variant> indexVariants;
  private long maxIndexBytes;
  private long maxFileSize;
  private long taskBytes;
  private String master = MASTER_DEFAULT;
  private Duration progressInterval;
  private boolean verbose;
  private boolean help;

  private MirrorOptions() {}

  /** Parses {@code --name value}, {@code --name=value} and bare flags. */
  public static MirrorOptions parse(String... args) throws BadOption {
    MirrorOptions o = new MirrorOptions();
    o.setCollector(COLLECTOR_DEFAULT);
    o.setTrees(TREES_DEFAULT);
    o.backoff = duration(BACKOFF, BACKOFF_DEFAULT);
    o.maxBackoff = duration(MAX_BACKOFF, MAX_BACKOFF_DEFAULT);
    o.connectTimeout = duration(CONNECT_TIMEOUT, CONNECT_TIMEOUT_DEFAULT);
    o.readTimeout = duration(READ_TIMEOUT, READ_TIMEOUT_DEFAULT);
    o.indexVariants = variants(INDEX_VARIANTS_DEFAULT);
    o.maxIndexBytes = size(MAX_INDEX_BYTES, MAX_INDEX_BYTES_DEFAULT);
    o.maxFileSize = size(MAX_FILE_SIZE, MAX_FILE_SIZE_DEFAULT);
    o.taskBytes = size(TASK_BYTES, TASK_BYTES_DEFAULT);
    o.progressInterval = duration(PROGRESS_INTERVAL, PROGRESS_INTERVAL_DEFAULT);
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new BadOption("unexpected argument '" + arg + "' (options start with --; try --help)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      name = name.toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        throw new BadOption("--" + name + " is given twice");
      }
      if (isFlag(name)) {
        if (value != null) {
          throw new BadOption("--" + name + " takes no value, got '" + value + "'");
        }
        o.setFlag(name);
        continue;
      }
      if (spec(name) == null) {
        throw new BadOption("unknown option --" + name + " (try --help)");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new BadOption("--" + name + " needs a value");
        }
        value = args[++i];
      }
      o.set(name, value);
    }
    if (!o.help && o.dest == null && !o.list) {
      throw new BadOption("--" + DEST + " is required (or use --" + LIST + " for a dry run)");
    }
    if (o.start != null && o.end != null && o.start.isAfter(o.end)) {
      throw new BadOption("--" + START + " " + o.start + " is after --" + END + " " + o.end);
    }
    if (o.maxBackoff.compareTo(o.backoff) < 0) {
      throw new BadOption("--" + MAX_BACKOFF + " " + o.maxBackoff + " is shorter than --" + BACKOFF + " "
          + o.backoff);
    }
    return o;
  }

  private static boolean isFlag(String name) {
    return name.equals(LIST) || name.equals(DELETE) || name.equals(VERBOSE) || name.equals(HELP);
  }

  private static Spec spec(String name) {
    for (Spec s : SPECS) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private void setFlag(String name) {
    switch (name) {
      case LIST -> list = true;
      case DELETE -> delete = true;
      case VERBOSE -> verbose = true;
      default -> help = true;
    }
  }

  private void set(String name, String value) throws BadOption {
    switch (name) {
      case COLLECTOR -> setCollector(value);
      case DEST -> {
        if (value.isBlank()) {
          throw new BadOption("--" + DEST + " is empty");
        }
        dest = value.trim();
      }
      case TYPES -> types = typeList(value);
      case START -> start = time(START, value, false);
      case END -> end = time(END, value, true);
      case TREES -> setTrees(value);
      case CONCURRENCY -> concurrency = intIn(CONCURRENCY, value, 1, 64);
      case RETRIES -> retries = intIn(RETRIES, value, 0, 20);
      case BACKOFF -> backoff = duration(BACKOFF, value);
      case MAX_BACKOFF -> maxBackoff = duration(MAX_BACKOFF, value);
      case CONNECT_TIMEOUT -> connectTimeout = positive(CONNECT_TIMEOUT, duration(CONNECT_TIMEOUT, value));
      case READ_TIMEOUT -> readTimeout = positive(READ_TIMEOUT, duration(READ_TIMEOUT, value));
      case USER_AGENT -> {
        if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
          throw new BadOption("--" + USER_AGENT + " must be non-empty printable ASCII");
        }
        userAgent = value;
      }
      case INDEX_VARIANTS -> indexVariants = variants(value);
      case MAX_INDEX_BYTES -> maxIndexBytes = size(MAX_INDEX_BYTES, value);
      case MAX_FILE_SIZE -> maxFileSize = size(MAX_FILE_SIZE, value);
      case TASK_BYTES -> taskBytes = size(TASK_BYTES, value);
      case MASTER -> {
        if (value.isBlank()) {
          throw new BadOption("--" + MASTER + " is empty");
        }
        master = value.trim();
      }
      case PROGRESS_INTERVAL -> progressInterval = duration(PROGRESS_INTERVAL, value);
      default -> throw new BadOption("unknown option --" + name);
    }
  }

  private void setCollector(String value) throws BadOption {
    collector = collectorUri(value);
  }

  /** Only http and https with a host; no query or fragment. Userinfo is allowed but never printed. */
  static URI collectorUri(String value) throws BadOption {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new BadOption("--" + COLLECTOR + " is not a URL: " + Redact.text(value));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new BadOption("--" + COLLECTOR + " must be an http:// or https:// URL, got "
          + Redact.text(value));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new BadOption("--" + COLLECTOR + " has no host: " + Redact.text(value));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new BadOption("--" + COLLECTOR + " must not have a query or fragment: " + Redact.text(value));
    }
    String path = uri.normalize().getPath() == null ? "" : uri.normalize().getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.contains("..")) {
      throw new BadOption("--" + COLLECTOR + " must not contain '..': " + Redact.text(value));
    }
    try {
      return new URI(scheme, uri.getUserInfo(), uri.getHost(), uri.getPort(), path.isEmpty() ? null : path,
          null, null);
    } catch (URISyntaxException e) {
      throw new BadOption("--" + COLLECTOR + " is not a usable URL: " + Redact.text(value));
    }
  }

  private void setTrees(String value) throws BadOption {
    Set<String> t = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (!p.equals("recent") && !p.equals("archive")) {
        throw new BadOption("--" + TREES + " accepts recent and archive, got '" + part.trim() + "'");
      }
      t.add(p);
    }
    trees = Collections.unmodifiableSet(t);
  }

  private static List<String> typeList(String value) throws BadOption {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      int space = p.indexOf(' ');
      if (space > 0) {
        p = p.substring(0, space); // "server-descriptor 1.0" -> "server-descriptor"
      }
      if (p.isEmpty() || !p.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        throw new BadOption("--" + TYPES + " has a bad type name '" + part.trim() + "' (known: "
            + String.join(", ", CollectorLayout.knownTypes()) + ")");
      }
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or ISO-8601 with T and optional Z, always UTC. */
  static Instant time(String option, String value, boolean endOfDay) throws BadOption {
    String v = value.trim();
    try {
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        return endOfDay
            ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1)
            : d.atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      String iso = v.replace(' ', 'T');
      if (iso.endsWith("Z")) {
        iso = iso.substring(0, iso.length() - 1);
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new BadOption("--" + option + " is not a UTC time (YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS]): '"
          + v + "'");
    }
  }

  private static int intIn(String option, String value, int min, int max) throws BadOption {
    try {
      int n = Integer.parseInt(value.trim());
      if (n < min || n > max) {
        throw new BadOption("--" + option + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadOption("--" + option + " is not a whole number: '" + value + "'");
    }
  }

  /** 500ms, 30s, 2m, 1h; a bare number means seconds. */
  static Duration duration(String option, String value) throws BadOption {
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unitMs;
    String digits;
    if (v.endsWith("ms")) {
      unitMs = 1;
      digits = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      unitMs = 1000;
      digits = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      unitMs = 60_000;
      digits = v.substring(0, v.length() - 1);
    } else if (v.endsWith("h")) {
      unitMs = 3_600_000;
      digits = v.substring(0, v.length() - 1);
    } else {
      unitMs = 1000;
      digits = v;
    }
    try {
      long n = Long.parseLong(digits.trim());
      if (n < 0 || n > 7 * 24 * 3_600_000L / unitMs) {
        throw new BadOption("--" + option + " is out of range: '" + value + "'");
      }
      return Duration.ofMillis(n * unitMs);
    } catch (NumberFormatException e) {
      throw new BadOption("--" + option + " is not a duration like 500ms, 30s, 2m: '" + value + "'");
    }
  }

  private static Duration positive(String option, Duration d) throws BadOption {
    if (d.isZero()) {
      throw new BadOption("--" + option + " must be more than 0");
    }
    return d;
  }

  /** 1048576, 64k, 256m, 2g, 1t (binary units). */
  static long size(String option, String value) throws BadOption {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.endsWith("b")) {
      v = v.substring(0, v.length() - 1);
    }
    int shift = 0;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'k' -> shift = 10;
        case 'm' -> shift = 20;
        case 'g' -> shift = 30;
        case 't' -> shift = 40;
        default -> shift = -1;
      }
      if (shift >= 0) {
        v = v.substring(0, v.length() - 1);
      } else {
        shift = 0;
      }
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
        throw new BadOption("--" + option + " must be a positive size, got '" + value + "'");
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new BadOption("--" + option + " is not a size like 1048576, 64k, 256m, 2g: '" + value + "'");
    }
  }

  private static List<IndexClient.Variant> variants(String value) throws BadOption {
    List<IndexClient.Variant> out = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      IndexClient.Variant v = IndexClient.Variant.fromName(part.trim());
      if (v == null) {
        throw new BadOption("--" + INDEX_VARIANTS + " accepts xz, bz2, gz and json, got '" + part.trim() + "'");
      }
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  /** The option table as printed by {@code --help}. */
  public static String usage() {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: torspark mirror --dest URI [options]\n");
    sb.append("Copies CollecTor files (verified by size and SHA-256) to any Hadoop file system.\n\n");
    for (Spec s : SPECS) {
      String left = "  --" + s.name() + (s.arg() == null ? "" : " " + s.arg());
      sb.append(String.format(Locale.ROOT, "%-34s %s", left, s.doc()));
      if (!s.defaultValue().isEmpty()) {
        sb.append(" [").append(s.defaultValue()).append(']');
      }
      sb.append('\n');
    }
    sb.append("\nExit codes: 0 all selected files mirrored; 1 some files failed or index entries were "
        + "rejected; 2 bad options or no usable index.\n");
    return sb.toString();
  }

  private static String version() {
    String v = MirrorOptions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  public URI collector() {
    return collector;
  }

  public String dest() {
    return dest;
  }

  public List<String> types() {
    return types;
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  public Set<String> trees() {
    return trees;
  }

  public boolean list() {
    return list;
  }

  public boolean delete() {
    return delete;
  }

  public int concurrency() {
    return concurrency;
  }

  public int retries() {
    return retries;
  }

  public Duration backoff() {
    return backoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  public String userAgent() {
    return userAgent;
  }

  public List<IndexClient.Variant> indexVariants() {
    return indexVariants;
  }

  public long maxIndexBytes() {
    return maxIndexBytes;
  }

  public long maxFileSize() {
    return maxFileSize;
  }

  public long taskBytes() {
    return taskBytes;
  }

  public String master() {
    return master;
  }

  public Duration progressInterval() {
    return progressInterval;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean help() {
    return help;
  }

  /** The settings a download task needs, serializable for shipping to executors. */
  HttpFetcher.Settings fetchSettings() {
    return new HttpFetcher.Settings(userAgent, (int) connectTimeout.toMillis(), (int) readTimeout.toMillis(),
        retries, backoff.toMillis(), maxBackoff.toMillis(), concurrency);
  }
}
