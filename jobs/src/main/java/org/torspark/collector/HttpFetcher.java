package org.torspark.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Downloads one URL into a {@link Sink}, verifying size and SHA-256 on the fly, with retries.
 *
 * <p>Retried, with exponential backoff (equal jitter, capped, honouring {@code Retry-After}): 5xx,
 * 408 and 429 responses, connect and read timeouts, connections dropped mid-body, and content whose
 * size or digest does not match the index. Not retried: other 4xx (404 means the file is gone) and
 * redirects to another host. A body cut off mid-way is resumed with a {@code Range} request when the
 * server supports it and the response had a validator ({@code If-Range}), else restarted; a digest
 * mismatch always restarts. The digest is computed over exactly the bytes handed to the sink, so
 * the caller can publish the sink's content when {@link Outcome#ok()}.
 *
 * <p>Connections per host are capped JVM-wide ({@link Settings#maxConnectionsPerHost}); the mirror
 * additionally caps them across executors by how many download tasks it runs at once.
 */
final class HttpFetcher {
  private static final int BUFFER = 1 << 16;
  private static final int MAX_REDIRECTS = 5;
  private static final ConcurrentHashMap<String, Semaphore> HOST_PERMITS = new ConcurrentHashMap<>();

  /** What a fetch needs; serializable so tasks carry it to executors. */
  record Settings(String userAgent, int connectTimeoutMs, int readTimeoutMs, int retries, long backoffMs,
      long maxBackoffMs, int maxConnectionsPerHost) implements Serializable {}

  /** Where the bytes go. {@link #restart()} discards everything written so far. */
  interface Sink {
    void write(byte[] b, int off, int len) throws IOException;

    void restart() throws IOException;
  }

  /** Progress callbacks; {@code bytes} may be negative when a restart discards bytes. */
  interface Listener {
    Listener NONE = new Listener() {};

    default void bytes(long delta) {}

    default void retrying(String reason, int attempt, long waitMs) {}
  }

  /**
   * The result: on success the content's size and digest; on failure the last reason. Attempts count
   * requests that reached the body or failed (redirects are not attempts).
   */
  record Outcome(boolean ok, long size, byte[] sha256, int attempts, long bytesTransferred, String error) {
    int retries() {
      return Math.max(0, attempts - 1);
    }

    String sha256Base64() {
      return sha256 == null ? null : Base64.getEncoder().encodeToString(sha256);
    }
  }

  private final Settings settings;

  HttpFetcher(Settings settings) {
    this.settings = settings;
  }

  /**
   * Fetches {@code url} into {@code sink}. {@code expectedSize} is -1 when unknown; then at most
   * {@code maxBytes} are accepted. {@code expectedSha256} may be null (old indexes): only the size
   * is checked then.
   */
  Outcome fetch(URI url, long expectedSize, byte[] expectedSha256, long maxBytes, Sink sink, Listener listener) {
    MessageDigest digest = sha256();
    long offset = 0;
    long transferred = 0;
    String validator = null;
    int attempt = 0;
    String lastError;
    while (true) {
      attempt++;
      Attempt a = new Attempt(url, offset, validator, expectedSize, maxBytes, digest, sink, listener);
      try {
        try {
          a.run();
        } catch (RuntimeException e) {
          throw new Failure("unexpected error: " + Redact.message(e), false, false, -1);
        }
        transferred += a.received;
        byte[] got = digest.digest();
        long size = a.offset;
        if (expectedSha256 != null && !MessageDigest.isEqual(got, expectedSha256)) {
          throw new Failure("sha256 mismatch: index says " + b64(expectedSha256) + ", got " + b64(got)
              + " (" + size + " bytes)", true, false, -1);
        }
        return new Outcome(true, size, got, attempt, transferred, null);
      } catch (Failure f) {
        transferred += a.received;
        lastError = f.getMessage();
        if (!f.retryable || attempt > settings.retries()) {
          return new Outcome(false, a.offset, null, attempt, transferred, lastError
              + (attempt > 1 ? " (after " + attempt + " attempts)" : ""));
        }
        boolean resume = f.resumable && a.offset > 0 && a.acceptRanges && a.validator != null;
        try {
          if (resume) {
            offset = a.offset;
            validator = a.validator;
          } else {
            if (a.offset > 0) {
              listener.bytes(-a.offset);
            }
            offset = 0;
            validator = null;
            digest.reset();
            sink.restart();
          }
        } catch (IOException e) {
          return new Outcome(false, a.offset, null, attempt, transferred,
              "cannot restart the destination: " + Redact.message(e));
        }
        long wait = backoff(attempt, f.retryAfterMs);
        listener.retrying(lastError, attempt, wait);
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Outcome(false, a.offset, null, attempt, transferred, "interrupted while waiting to retry");
        }
      }
    }
  }

  long backoff(int retryNo, long retryAfterMs) {
    long base = settings.backoffMs() << Math.min(20, retryNo - 1);
    long capped = Math.min(settings.maxBackoffMs(), Math.max(0, base));
    long jittered = capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0);
    if (retryAfterMs > 0) {
      jittered = Math.max(jittered, Math.min(retryAfterMs, settings.maxBackoffMs()));
    }
    return jittered;
  }

  /** One request (following same-host redirects) and its body. */
  private final class Attempt {
    final long expectedSize;
    final long maxBytes;
    final MessageDigest digest;
    final Sink sink;
    final Listener listener;
    final long startOffset;
    final String sendValidator;
    URI url;
    long offset;
    long received;
    boolean acceptRanges;
    String validator;

    Attempt(URI url, long offset, String validator, long expectedSize, long maxBytes, MessageDigest digest,
        Sink sink, Listener listener) {
      this.url = url;
      this.offset = offset;
      this.startOffset = offset;
      this.sendValidator = validator;
      this.expectedSize = expectedSize;
      this.maxBytes = maxBytes;
      this.digest = digest;
      this.sink = sink;
      this.listener = listener;
    }

    void run() throws Failure {
      int cap = Math.max(1, settings.maxConnectionsPerHost());
      Semaphore permits = HOST_PERMITS.computeIfAbsent(hostKey(url) + "#" + cap, k -> new Semaphore(cap, true));
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failure("interrupted", false, false, -1);
      }
      try {
        for (int redirects = 0; ; redirects++) {
          HttpURLConnection c = open(url);
          boolean done = false;
          try {
            int code = c.getResponseCode();
            if (code >= 300 && code < 400 && code != 304) {
              url = redirectTarget(c, redirects);
              continue;
            }
            handle(c, code);
            done = true;
            return;
          } finally {
            if (!done) {
              c.disconnect(); // a clean, fully read response keeps its connection for reuse
            }
          }
        }
      } catch (SocketTimeoutException e) {
        throw new Failure((received > 0 ? "read timed out after " + offset + " bytes" : "timed out")
            + " (" + Redact.message(e) + ")", true, received > 0, -1);
      } catch (InterruptedIOException e) {
        throw new Failure("interrupted", false, false, -1);
      } catch (IOException e) {
        throw new Failure(received > 0 || offset > startOffset
            ? "connection broken after " + offset + " bytes: " + Redact.message(e)
            : "connection failed: " + Redact.message(e), true, true, -1);
      } finally {
        permits.release();
      }
    }

    private HttpURLConnection open(URI target) throws IOException {
      URI plain;
      try {
        plain = new URI(target.getScheme(), null, target.getHost(), target.getPort(), target.getPath(),
            target.getQuery(), null);
      } catch (URISyntaxException e) {
        throw new IOException("bad URL " + Redact.uri(target));
      }
      HttpURLConnection c = (HttpURLConnection) plain.toURL().openConnection();
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setConnectTimeout(settings.connectTimeoutMs());
      c.setReadTimeout(settings.readTimeoutMs());
      c.setRequestProperty("User-Agent", settings.userAgent());
      c.setRequestProperty("Accept-Encoding", "identity");
      if (target.getRawUserInfo() != null) {
        String userInfo = target.getUserInfo();
        c.setRequestProperty("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
      }
      if (offset > 0) {
        c.setRequestProperty("Range", "bytes=" + offset + "-");
        if (sendValidator != null) {
          c.setRequestProperty("If-Range", sendValidator);
        }
      }
      return c;
    }

    private URI redirectTarget(HttpURLConnection c, int redirects) throws Failure {
      String location = c.getHeaderField("Location");
      if (location == null || redirects >= MAX_REDIRECTS) {
        throw new Failure("HTTP " + c.getHeaderField(0) + " without a usable redirect", false, false, -1);
      }
      URI next;
      try {
        next = url.resolve(new URI(location));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new Failure("redirect to a malformed URL refused", false, false, -1);
      }
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null
          || !next.getHost().equalsIgnoreCase(url.getHost())) {
        throw new Failure("redirect to another host or scheme refused: " + Redact.uri(next), false, false, -1);
      }
      if (url.getRawUserInfo() != null && next.getRawUserInfo() == null) {
        try {
          next = new URI(next.getScheme(), url.getUserInfo(), next.getHost(), next.getPort(), next.getPath(),
              next.getQuery(), null);
        } catch (URISyntaxException e) {
          throw new Failure("redirect to a malformed URL refused", false, false, -1);
        }
      }
      return next;
    }

    private void handle(HttpURLConnection c, int code) throws IOException, Failure {
      if (code == 200 && offset > 0) {
        // The server ignored the range (or the file changed): start over.
        listener.bytes(-offset);
        offset = 0;
        digest.reset();
        sink.restart();
      } else if (code == 206) {
        long start = contentRangeStart(c.getHeaderField("Content-Range"));
        if (offset == 0 || start != offset) {
          throw new Failure("unexpected partial response (Content-Range "
              + c.getHeaderField("Content-Range") + ")", true, false, -1);
        }
      } else if (code != 200) {
        drainError(c);
        String status = "HTTP " + code + (c.getResponseMessage() == null ? "" : " " + c.getResponseMessage());
        boolean retry = code >= 500 || code == 408 || code == 429;
        throw new Failure(status, retry, false, retry ? retryAfterMs(c) : -1);
      }
      acceptRanges = "bytes".equalsIgnoreCase(trim(c.getHeaderField("Accept-Ranges")));
      validator = c.getHeaderField("ETag") != null ? c.getHeaderField("ETag") : c.getHeaderField("Last-Modified");
      long length = c.getContentLengthLong();
      if (length >= 0 && expectedSize >= 0 && offset + length != expectedSize) {
        throw new Failure("server sends " + (offset + length) + " bytes but the index lists " + expectedSize
            + " (changed since the index was built?)", true, false, -1);
      }
      long limit = expectedSize >= 0 ? expectedSize : maxBytes;
      byte[] buf = new byte[BUFFER];
      try (InputStream in = c.getInputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          if (offset + n > limit) {
            throw new Failure(expectedSize >= 0
                ? "server sent more than the " + expectedSize + " bytes the index lists"
                : "response larger than the " + maxBytes + "-byte limit", expectedSize >= 0, false, -1);
          }
          digest.update(buf, 0, n);
          sink.write(buf, 0, n);
          offset += n;
          received += n;
          listener.bytes(n);
        }
      }
      if (length >= 0 && offset - startOffsetOf(code) < length) {
        throw new IOException("connection closed after " + offset + " of " + (startOffsetOf(code) + length)
            + " bytes");
      }
      if (expectedSize >= 0 && offset != expectedSize) {
        throw new Failure("size mismatch: got " + offset + " bytes, the index lists " + expectedSize, true,
            false, -1);
      }
    }

    private long startOffsetOf(int code) {
      return code == 206 ? startOffset : 0;
    }
  }

  private static void drainError(HttpURLConnection c) {
    try (InputStream err = c.getErrorStream()) {
      if (err != null) {
        err.skip(1 << 16);
      }
    } catch (IOException ignored) {
      // the status is what matters
    }
  }

  static long contentRangeStart(String header) {
    if (header == null) {
      return -1;
    }
    String h = header.trim().toLowerCase(Locale.ROOT);
    if (!h.startsWith("bytes ")) {
      return -1;
    }
    int dash = h.indexOf('-', 6);
    if (dash < 0) {
      return -1;
    }
    try {
      return Long.parseLong(h.substring(6, dash).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long retryAfterMs(HttpURLConnection c) {
    String v = trim(c.getHeaderField("Retry-After"));
    if (v == null) {
      return -1;
    }
    try {
      return Math.min(3_600_000L, Long.parseLong(v) * 1000);
    } catch (NumberFormatException e) {
      return -1; // an HTTP date: ignore, our own backoff applies
    }
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  private static String hostKey(URI url) {
    return url.getScheme() + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + url.getPort();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /** Why an attempt failed and whether another attempt may help. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean retryable;
    final boolean resumable;
    final long retryAfterMs;

    Failure(String message, boolean retryable, boolean resumable, long retryAfterMs) {
      super(message, null, false, false);
      this.retryable = retryable;
      this.resumable = resumable;
      this.retryAfterMs = retryAfterMs;
    }
  }

}
