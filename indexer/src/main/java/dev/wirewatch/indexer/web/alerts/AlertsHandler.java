package dev.wirewatch.indexer.web.alerts;

import dev.wirewatch.indexer.web.Handler;
import io.javalin.config.RoutesConfig;

/**
 * {@code GET /api/alerts/stream}: alerts as they are raised, as server-sent events named {@code
 * alert} (JSON data), the most recent first. Registered only where something follows news.alerts.
 */
public final class AlertsHandler implements Handler {
  private final AlertBroadcaster alerts;

  public AlertsHandler(AlertBroadcaster alerts) {
    this.alerts = alerts;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.sse("/api/alerts/stream", alerts::add);
  }
}
