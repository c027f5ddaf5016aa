package org.torspark.collector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CollecTor-shaped HTTP server on 127.0.0.1 over a local directory tree ({@code index/},
 * {@code recent/}, {@code archive/}), built on the JDK's {@code com.sun.net.httpserver}. Serves
 * GET and HEAD with Content-Length, Last-Modified, single byte ranges ({@code Range: bytes=N-[M]},
 * honouring {@code If-Range}); never serves anything outside its root (no {@code ..}, no symlinks
 * out, no hidden files). Used by the quickstart to serve sample data offline
 * ({@code java ... LocalCollectorServer --root DIR [--port N] [--write-index]}) and by the tests,
 * which inject faults per request ({@link Faults}) and count requests per path.
 */
public final class LocalCollectorServer implements AutoCloseable {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  /** What to do with one request; {@code nth} counts requests for this path, from 1. */
  @FunctionalInterface
  public interface Faults {
    Fault on(String path, int nth);
  }

  /** One injected fault. */
  public record Fault(Kind kind, int status, long millis, long afterBytes) {
    public enum Kind { NONE, STATUS, DELAY_HEADERS, STALL_BODY, DROP_BODY, CORRUPT }

    public static final Fault NONE = new Fault(Kind.NONE, 0, 0, 0);

    /** Answer with this status and a short body. */
    public static Fault status(int code) {
      return new Fault(Kind.STATUS, code, 0, 0);
    }

    /** Wait this long before sending the headers. */
    public static Fault delayHeaders(long millis) {
      return new Fault(Kind.DELAY_HEADERS, 0, millis, 0);
    }

    /** Send the headers and this many body bytes, then go silent for this long. */
    public static Fault stallBody(long afterBytes, long millis) {
      return new Fault(Kind.STALL_BODY, 0, millis, afterBytes);
    }

    /** Send the headers and this many body bytes, then drop the connection. */
    public static Fault dropBody(long afterBytes) {
      return new Fault(Kind.DROP_BODY, 0, 0, afterBytes);
    }

    /** Send the right length with one byte flipped in the middle. */
    public static Fault corrupt() {
      return new Fault(Kind.CORRUPT, 0, 0, 0);
    }
  }

  /** One request as seen by the server, for assertions. */
  public record Request(String method, String path, String range, String userAgent) {}

  private final Path root;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile Faults faults = (p, n) -> Fault.NONE;
  private volatile long bytesPerSecondPerConnection;
  private final AtomicInteger activeBodies = new AtomicInteger();
  private final AtomicInteger maxActiveBodies = new AtomicInteger();

  private LocalCollectorServer(Path root, int port, int threads) throws IOException {
    this.root = root.toRealPath();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "local-collector-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Serves {@code root} on 127.0.0.1; port 0 picks a free one. */
  public static LocalCollectorServer start(Path root, int port) throws IOException {
    LocalCollectorServer s = new LocalCollectorServer(root, port, 32);
    s.server.start();
    return s;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}, to pass as {@code --collector}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public Path root() {
    return root;
  }

  public void setFaults(Faults faults) {
    this.faults = faults == null ? (p, n) -> Fault.NONE : faults;
  }

  /** Limits each response's body rate (0: unlimited), to imitate a distant server. */
  public void setBytesPerSecondPerConnection(long rate) {
    this.bytesPerSecondPerConnection = rate;
  }

  /** GET requests seen for a path (e.g. {@code /recent/exit-lists/2016-09-20-13-02-00}). */
  public int getCount(String path) {
    AtomicInteger c = counts.get(path);
    return c == null ? 0 : c.get();
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The most file bodies this server was sending at the same time since the last reset. */
  public int maxConcurrentDownloads() {
    return maxActiveBodies.get();
  }

  public void resetCounts() {
    counts.clear();
    requests.clear();
    maxActiveBodies.set(0);
  }

  private void handle(HttpExchange ex) {
    try {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      requests.add(new Request(method, path, ex.getRequestHeaders().getFirst("Range"),
          ex.getRequestHeaders().getFirst("User-Agent")));
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(ex, 405, "method not allowed\n");
        return;
      }
      Path file = resolve(path);
      if (file == null) {
        send(ex, 404, "not found\n");
        return;
      }
      int nth = method.equals("GET") ? counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet() : 0;
      Fault fault = method.equals("GET") ? faults.on(path, nth) : Fault.NONE;
      if (fault == null) {
        fault = Fault.NONE;
      }
      switch (fault.kind()) {
        case STATUS -> {
          if (fault.status() == 503) {
            ex.getResponseHeaders().set("Retry-After", "0");
          }
          send(ex, fault.status(), "injected " + fault.status() + "\n");
          return;
        }
        case DELAY_HEADERS -> sleep(fault.millis());
        default -> { }
      }
      serveFile(ex, file, method.equals("HEAD"), fault);
    } catch (IOException | RuntimeException e) {
      // client went away or the fault dropped the connection
    } finally {
      try {
        ex.close(); // with body bytes missing, this drops the connection
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }

  /** The file under root for a request path, or null: only plain, visible, regular files. */
  private Path resolve(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/") || rawPath.contains("%") || rawPath.contains("\\")) {
      return null;
    }
    String rel = rawPath.substring(1);
    if (rel.isEmpty() || SafePaths.checkPath(rel) != null) {
      return null;
    }
    Path p = root.resolve(rel).normalize();
    if (!p.startsWith(root) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      return p.toRealPath().startsWith(root) ? p : null; // no symlinked directory leads out
    } catch (IOException e) {
      return null;
    }
  }

  private void serveFile(HttpExchange ex, Path file, boolean head, Fault fault) throws IOException {
    long size = Files.size(file);
    Instant mtime = Files.getLastModifiedTime(file).toInstant();
    String lastModified = HTTP_DATE.format(mtime);
    long start = 0;
    long end = size - 1;
    boolean partial = false;
    String range = ex.getRequestHeaders().getFirst("Range");
    String ifRange = ex.getRequestHeaders().getFirst("If-Range");
    if (range != null && (ifRange == null || ifRange.equals(lastModified))) {
      long[] r = parseRange(range, size);
      if (r == null) {
        ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
        send(ex, 416, "range not satisfiable\n");
        return;
      }
      start = r[0];
      end = r[1];
      partial = true;
    }
    long length = size == 0 ? 0 : end - start + 1;
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.getResponseHeaders().set("Last-Modified", lastModified);
    ex.getResponseHeaders().set("Accept-Ranges", "bytes");
    if (partial) {
      ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    if (head) {
      ex.getResponseHeaders().set("Content-Length", String.valueOf(length));
      ex.sendResponseHeaders(partial ? 206 : 200, -1);
      return;
    }
    ex.sendResponseHeaders(partial ? 206 : 200, length == 0 ? -1 : length);
    if (length == 0) {
      return;
    }
    long corruptAt = fault.kind() == Fault.Kind.CORRUPT ? start + length / 2 : -1;
    long cutAfter = fault.kind() == Fault.Kind.DROP_BODY || fault.kind() == Fault.Kind.STALL_BODY
        ? fault.afterBytes() : Long.MAX_VALUE;
    OutputStream body = ex.getResponseBody();
    byte[] buf = new byte[1 << 16];
    long sent = 0;
    long rate = bytesPerSecondPerConnection;
    long t0 = System.nanoTime();
    maxActiveBodies.accumulateAndGet(activeBodies.incrementAndGet(), Math::max);
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(start);
      while (sent < length) {
        int want = (int) Math.min(buf.length, Math.min(length - sent, cutAfter - sent));
        if (rate > 0) {
          want = (int) Math.min(want, Math.max(1024, rate / 20));
        }
        if (want <= 0) {
          break;
        }
        int n = in.read(buf, 0, want);
        if (n < 0) {
          break;
        }
        if (corruptAt >= start + sent && corruptAt < start + sent + n) {
          buf[(int) (corruptAt - start - sent)] ^= 0x55;
        }
        body.write(buf, 0, n);
        sent += n;
        if (rate > 0) {
          long dueNanos = (long) (sent * 1e9 / rate);
          long ahead = dueNanos - (System.nanoTime() - t0);
          if (ahead > 0) {
            sleep(ahead / 1_000_000);
          }
        }
      }
    } finally {
      activeBodies.decrementAndGet();
    }
    if (sent < length) {
      body.flush();
      if (fault.kind() == Fault.Kind.STALL_BODY) {
        sleep(fault.millis());
      }
      // Closing with bytes missing makes the JDK server drop the connection: the client sees it cut off.
      throw new IOException("cut off after " + sent + " bytes");
    }
  }

  /** {@code bytes=N-}, {@code bytes=N-M} or {@code bytes=-K}; null when unsatisfiable or multiple. */
  static long[] parseRange(String header, long size) {
    String h = header.trim().toLowerCase(Locale.ROOT);
    if (!h.startsWith("bytes=") || h.contains(",")) {
      return null;
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      if (dash == 0) {
        long suffix = Long.parseLong(spec.substring(1));
        if (suffix <= 0 || size == 0) {
          return null;
        }
        return new long[] {Math.max(0, size - suffix), size - 1};
      }
      long first = Long.parseLong(spec.substring(0, dash));
      long last = dash == spec.length() - 1 ? size - 1 : Math.min(size - 1, Long.parseLong(spec.substring(dash + 1)));
      if (first >= size || last < first) {
        return null;
      }
      return new long[] {first, last};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void send(HttpExchange ex, int status, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * {@code --root DIR [--port N] [--write-index]}: serves DIR until killed; with
   * {@code --write-index} first (re)writes DIR/index/ from the tree.
   */
  public static void main(String[] args) throws Exception {
    Path root = null;
    int port = 0;
    boolean writeIndex = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--write-index" -> writeIndex = true;
        default -> {
          System.err.println("usage: LocalCollectorServer --root DIR [--port N] [--write-index]");
          System.exit(2);
        }
      }
    }
    if (root == null) {
      System.err.println("usage: LocalCollectorServer --root DIR [--port N] [--write-index]");
      System.exit(2);
    }
    PrintStream out = System.out;
    LocalCollectorServer s = new LocalCollectorServer(root, port, 32);
    if (writeIndex) {
      IndexWriter.Summary sum = IndexWriter.write(root, "http://127.0.0.1:" + s.server.getAddress().getPort());
      out.println("wrote " + root.resolve("index") + " (" + sum.files() + " files, " + sum.bytes() + " bytes)");
    }
    s.server.start();
    out.println("serving " + s.root + " at " + s.baseUri());
    Thread.currentThread().join();
  }
}
