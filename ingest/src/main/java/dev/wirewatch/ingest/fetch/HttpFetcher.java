package dev.wirewatch.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Fetches documents over HTTP(S) within limits no server can push it past: connect and total
 * timeouts, a maximum body size enforced while streaming and counted after gzip/deflate decoding (a
 * compression bomb is cut, not inflated), at most {@link Limits#maxRedirects()} redirects, each hop
 * checked by the {@link AddressPolicy}. Supports conditional GET.
 */
public final class HttpFetcher implements AutoCloseable {
  /**
   * @param connectTimeout to open a connection
   * @param totalTimeout for the whole exchange, body included
   * @param maxBodyBytes largest body accepted, after decoding
   * @param maxRedirects redirects followed before giving up
   */
  public record Limits(
      Duration connectTimeout, Duration totalTimeout, long maxBodyBytes, int maxRedirects) {
    /** 10 s to connect, 30 s in all, 5 MB, 5 redirects. */
    public static final Limits DEFAULTS =
        new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 5L * 1024 * 1024, 5);

    public Limits {
      if (maxBodyBytes < 1 || maxRedirects < 0) {
        throw new IllegalArgumentException(
            "invalid limits: maxBodyBytes=" + maxBodyBytes + ", maxRedirects=" + maxRedirects);
      }
    }
  }

  /** The User-Agent sent when none is configured: names the project so operators can find us. */
  public static final String DEFAULT_USER_AGENT =
      "Wirewatch/0.1 (news monitoring; +https://github.com/wirewatch/wirewatch)";

  private final HttpClient client;
  private final String userAgent;
  private final Limits limits;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "wirewatch-fetch-watchdog");
            t.setDaemon(true);
            return t;
          });

  public HttpFetcher(String userAgent, Limits limits) {
    this.userAgent = userAgent;
    this.limits = limits;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            // No cleartext HTTP/2 upgrade dance: feeds and pages are small, and servers handle it
            // badly.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(limits.connectTimeout())
            .build();
  }

  /** The limits in force. */
  public Limits limits() {
    return limits;
  }

  /**
   * Fetches a document.
   *
   * @param etag validator from the previous fetch, or null
   * @param lastModified validator from the previous fetch, or null
   * @param privateAllowedFor the one host ({@link #hostKey}) that may be on a private or loopback
   *     address, or null for none: every other host, redirects included, must be public
   * @param maxBodyBytes the body limit for this fetch (at most the configured one)
   */
  public FetchResult fetch(
      String url, String etag, String lastModified, String privateAllowedFor, long maxBodyBytes)
      throws FetchException {
    long limit = Math.min(maxBodyBytes, limits.maxBodyBytes());
    URI uri = parse(url);
    for (int hop = 0; ; hop++) {
      AddressPolicy.check(uri.getHost(), hostKey(uri).equals(privateAllowedFor));
      HttpRequest.Builder req =
          HttpRequest.newBuilder(uri)
              .timeout(limits.totalTimeout())
              .header("User-Agent", userAgent)
              .header("Accept-Encoding", "gzip, deflate")
              .GET();
      if (etag != null) {
        req.header("If-None-Match", etag);
      }
      if (lastModified != null) {
        req.header("If-Modified-Since", lastModified);
      }
      HttpResponse<InputStream> resp = send(req.build(), uri);
      int status = resp.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        drainQuietly(resp.body());
        Optional<String> location = resp.headers().firstValue("Location");
        if (location.isEmpty()) {
          throw new FetchException(
              "HTTP " + status + " without a Location from " + uri, false, null, status, null);
        }
        if (hop >= limits.maxRedirects()) {
          throw new FetchException(
              "more than " + limits.maxRedirects() + " redirects from " + url,
              false,
              null,
              status,
              null);
        }
        uri = parse(uri.resolve(location.get().strip()).toString());
        continue;
      }
      String contentTypeHeader = resp.headers().firstValue("Content-Type").orElse(null);
      String newEtag = resp.headers().firstValue("ETag").orElse(etag);
      String newLastModified = resp.headers().firstValue("Last-Modified").orElse(lastModified);
      if (status == 304) {
        drainQuietly(resp.body());
        return new FetchResult(
            304,
            uri.toString(),
            new byte[0],
            mediaType(contentTypeHeader),
            null,
            newEtag,
            newLastModified);
      }
      if (status != 200) {
        drainQuietly(resp.body());
        Duration retryAfter = retryAfter(resp.headers().firstValue("Retry-After").orElse(null));
        boolean retryable = status == 429 || status == 408 || status >= 500;
        throw new FetchException(
            "HTTP " + status + " from " + uri, retryable, retryAfter, status, null);
      }
      byte[] body = readBody(resp, uri, limit);
      return new FetchResult(
          200,
          uri.toString(),
          body,
          mediaType(contentTypeHeader),
          charset(contentTypeHeader),
          newEtag,
          newLastModified);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest req, URI uri) throws FetchException {
    try {
      return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new FetchException("timed out fetching " + uri, true, null, 0, e);
    } catch (IOException e) {
      throw new FetchException(
          "cannot fetch "
              + uri
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          true,
          null,
          0,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted fetching " + uri, true);
    }
  }

  private byte[] readBody(HttpResponse<InputStream> resp, URI uri, long limit)
      throws FetchException {
    InputStream raw = resp.body();
    // The total timeout also bounds a server that trickles its body: close the stream at the
    // deadline.
    java.util.concurrent.atomic.AtomicBoolean timedOut =
        new java.util.concurrent.atomic.AtomicBoolean();
    ScheduledFuture<?> deadline =
        watchdog.schedule(
            () -> {
              timedOut.set(true); // before closing: the reader must know why its stream closed
              drainQuietly(raw);
            },
            limits.totalTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    String encoding =
        resp.headers()
            .firstValue("Content-Encoding")
            .orElse("identity")
            .strip()
            .toLowerCase(Locale.ROOT);
    try (InputStream in = decoded(raw, encoding)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      for (int n; (n = in.read(buf)) != -1; ) {
        total += n;
        if (total > limit) {
          throw new FetchException(
              "body of "
                  + uri
                  + " exceeds the limit of "
                  + limit
                  + " bytes"
                  + (encoding.equals("identity") ? "" : " after " + encoding + " decoding")
                  + "; cut",
              false);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      if (timedOut.get()) {
        throw new FetchException(
            "timed out reading " + uri + " after " + limits.totalTimeout().toSeconds() + " s",
            true,
            null,
            200,
            e);
      }
      throw new FetchException("cannot read " + uri + ": " + e.getMessage(), true, null, 200, e);
    } finally {
      deadline.cancel(false);
    }
  }

  private static InputStream decoded(InputStream raw, String encoding) throws IOException {
    switch (encoding) {
      case "gzip", "x-gzip" -> {
        return new GZIPInputStream(raw, 16 * 1024);
      }
      case "deflate" -> {
        // "deflate" is zlib-wrapped by the standard and raw by some servers: look at the header.
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        int b0 = in.read();
        int b1 = in.read();
        if (b1 != -1) {
          in.unread(b1);
        }
        if (b0 != -1) {
          in.unread(b0);
        }
        boolean zlib = b0 != -1 && b1 != -1 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
        return new InflaterInputStream(in, new Inflater(!zlib), 16 * 1024);
      }
      case "identity", "" -> {
        return raw;
      }
      default -> throw new IOException("unsupported Content-Encoding " + encoding);
    }
  }

  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d =
            Duration.between(
                Instant.now(),
                ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    String t =
        (semi >= 0 ? contentType.substring(0, semi) : contentType).strip().toLowerCase(Locale.ROOT);
    return t.isEmpty() ? null : t;
  }

  private static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        return p.substring(8).replace("\"", "").strip();
      }
    }
    return null;
  }

  /** Scheme, host and port of a URL, lower-case: {@code http://127.0.0.1:8080}. */
  public static String hostKey(URI uri) {
    int port = uri.getPort();
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (port == -1) {
      port = scheme.equals("https") ? 443 : 80;
    }
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** {@link #hostKey(URI)} of a URL string, or null when it is not a URL with a host. */
  public static String hostKey(String url) {
    try {
      URI u = new URI(url.strip());
      return u.getScheme() == null || u.getHost() == null ? null : hostKey(u);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static URI parse(String url) throws FetchException {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw new FetchException("invalid URL '" + url + "': " + e.getReason(), false);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(
          "refused: only http and https URLs are fetched, not '" + url + "'", false);
    }
    if (uri.getHost() == null) {
      throw new FetchException("invalid URL '" + url + "': no host", false);
    }
    return uri;
  }

  private static void drainQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
