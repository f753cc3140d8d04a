package dev.wirewatch.indexer.web;

import static dev.wirewatch.indexer.web.Responses.JSON;
import static dev.wirewatch.indexer.web.Responses.json;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (503 with the reason
 * while the service cannot serve yet).
 */
public final class HealthHandler implements Handler {
  private final Supplier<String> notReady;

  /**
   * @param notReady why the service is not ready, or null when it is
   */
  public HealthHandler(Supplier<String> notReady) {
    this.notReady = notReady;
  }

  /** Ready whenever it serves. */
  public static HealthHandler alwaysReady() {
    return new HealthHandler(() -> null);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/health/live", ctx -> json(ctx, JSON.createObjectNode().put("status", "up")));
    routes.get("/health/ready", this::ready);
  }

  private void ready(Context ctx) throws Exception {
    String why = notReady.get();
    if (why != null) {
      ctx.status(503);
      json(ctx, JSON.createObjectNode().put("status", "not ready").put("reason", why));
      return;
    }
    json(ctx, JSON.createObjectNode().put("status", "ready"));
  }
}
