package dev.wirewatch.deploy.admin;

import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.HealthHandler;
import dev.wirewatch.indexer.web.MetricsHandler;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP port of a service that has no search API: {@code /health/live}, {@code /health/ready}
 * (503 with the reason while not ready) and {@code /metrics} (Prometheus) — the same handlers the
 * search server registers, without the UI.
 */
public final class AdminServer implements AutoCloseable {
  private final Javalin app;

  /**
   * @param notReady why the service is not ready, or null when it is
   */
  public AdminServer(
      String host, int port, PrometheusMeterRegistry metrics, Supplier<String> notReady) {
    List<Handler> handlers = List.of(new HealthHandler(notReady), new MetricsHandler(metrics));
    this.app =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              handlers.forEach(h -> h.register(config.routes));
            });
  }

  /** Starts serving; returns this. */
  public AdminServer start() {
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
