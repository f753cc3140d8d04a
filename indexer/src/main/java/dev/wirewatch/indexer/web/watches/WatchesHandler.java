package dev.wirewatch.indexer.web.watches;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.Responses;
import dev.wirewatch.indexer.web.WriteToken;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/watches}, {@code PUT /api/watches/{id}} (the watch as JSON, in the shape of a
 * watches file's entry) and {@code DELETE /api/watches/{id}}; writes need the {@link WriteToken}.
 */
public final class WatchesHandler implements Handler {
  private static final int MAX_ID = 100;

  private final WatchRegistry watches;
  private final WriteToken token;

  public WatchesHandler(WatchRegistry watches, WriteToken token) {
    this.watches = watches;
    this.token = token;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/watches", this::list);
    routes.put("/api/watches/{id}", this::put);
    routes.delete("/api/watches/{id}", this::delete);
  }

  private void list(Context ctx) throws Exception {
    ObjectNode out = Responses.JSON.createObjectNode();
    watches.list().forEach(out.putArray("watches")::add);
    out.withArray("watches");
    Responses.json(ctx, out);
  }

  private void put(Context ctx) throws Exception {
    if (!token.admits(ctx)) {
      return;
    }
    String id = id(ctx);
    if (id == null) {
      return;
    }
    try {
      Responses.json(ctx, watches.put(id, ctx.body()));
    } catch (WatchRegistry.InvalidWatch e) {
      Responses.error(ctx, 400, e.getMessage());
    }
  }

  private void delete(Context ctx) throws Exception {
    if (!token.admits(ctx)) {
      return;
    }
    String id = id(ctx);
    if (id == null) {
      return;
    }
    if (!watches.delete(id)) {
      Responses.error(ctx, 404, "no watch '" + id + "'");
      return;
    }
    ctx.status(204);
  }

  /** The id of the address, or null when it is not one (answered 400). */
  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (id.isBlank() || id.length() > MAX_ID || !id.matches("[A-Za-z0-9._-]+")) {
      Responses.error(
          ctx,
          400,
          "id: a watch's id is 1 to "
              + MAX_ID
              + " letters, digits, '.', '_' or '-', got '"
              + (id.length() > MAX_ID ? id.substring(0, MAX_ID) + "…" : id)
              + "'");
      return null;
    }
    return id;
  }
}
