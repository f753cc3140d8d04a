package dev.wirewatch.deploy.cli;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * The HTTP port of a service that has no search API: {@code /health/live}, {@code /health/ready}
 * (503 with the reason while not ready) and {@code /metrics} (Prometheus).
 */
final class AdminServer implements AutoCloseable {
  private final Javalin app;

  /**
   * @param notReady why the service is not ready, or null when it is
   */
  AdminServer(String host, int port, PrometheusMeterRegistry metrics, Supplier<String> notReady) {
    this.app =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.routes.get("/health/live", ctx -> ctx.json(java.util.Map.of("status", "up")));
              config.routes.get(
                  "/health/ready",
                  ctx -> {
                    String why = notReady.get();
                    if (why == null) {
                      ctx.json(java.util.Map.of("status", "ready"));
                    } else {
                      ctx.status(503).json(java.util.Map.of("status", "not ready", "reason", why));
                    }
                  });
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
            });
  }

  AdminServer start() {
    app.start();
    return this;
  }

  int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
