package dev.wirewatch.indexer.web;

import static dev.wirewatch.indexer.web.Responses.error;

import dev.wirewatch.indexer.search.InvalidQueryException;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI and the search API over HTTP, on Javalin: a thin server that serves the UI's static
 * files from the classpath, adds the security headers, maps errors to one-line JSON (400 for what
 * the client got wrong, 500 for the rest, never a stack trace) and registers the {@link Handler}s a
 * deployment has. {@code web.app.WebApp} assembles the usual set.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  /** Largest request line and headers accepted: room for the longest query, percent-encoded. */
  public static final int MAX_REQUEST_HEADER_BYTES = 128 * 1024;

  /**
   * Sent with every response. The UI renders article text as text; the policy is the second line of
   * defence: no inline script, no script or frame from elsewhere, no framing of the UI.
   */
  public static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
              + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer");

  private final Javalin app;

  /** A server on {@code host:port} (port 0: any free port) with these handlers' routes. */
  public WebServer(String host, int port, List<Handler> handlers) {
    this.app =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              // A long query (up to ArticleSearcher.MAX_QUERY_CHARS, URL-encoded) must reach the
              // parser and get its one-line 400, not Jetty's "431 Request Header Fields Too Large".
              config.jetty.modifyHttpConfiguration(
                  http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/web";
                    files.location = Location.CLASSPATH;
                    files.headers = SECURITY_HEADERS;
                  });
              handlers.forEach(h -> h.register(config.routes));
              config.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
              config.routes.exception(
                  BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
              config.routes.exception(
                  InvalidQueryException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
              config.routes.exception(
                  IllegalStateException.class,
                  (e, ctx) -> {
                    if (String.valueOf(e.getMessage()).contains("docvalues")) {
                      // An index written before stories were indexed for collapsing: rebuild it.
                      error(
                          ctx,
                          503,
                          "this index was built by an older Wirewatch and cannot collapse stories:"
                              + " rebuild it (delete the data directory's index/ and run the demo"
                              + " or the indexer again)");
                    } else {
                      failed(ctx, e);
                    }
                  });
              config.routes.exception(Exception.class, (e, ctx) -> failed(ctx, e));
            });
  }

  private static void failed(io.javalin.http.Context ctx, Exception e) {
    LOG.error("search API: {} {} failed", ctx.method(), ctx.path(), e);
    error(ctx, 500, "internal error: the search failed (see the server log)");
  }

  /** Starts serving; returns this. */
  public WebServer start() {
    app.start();
    return this;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
