package dev.wirewatch.indexer.web.sources;

import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.Responses;
import dev.wirewatch.indexer.web.WriteToken;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code PUT /api/sources/{id}} (the source as JSON, in the shape of a sources file's entry) and
 * {@code DELETE /api/sources/{id}}: sources added to the running ingester; writes need the {@link
 * WriteToken}. {@code GET /api/sources} lists them with the others once polled.
 */
public final class SourceEditsHandler implements Handler {
  private final SourceRegistry sources;
  private final WriteToken token;

  public SourceEditsHandler(SourceRegistry sources, WriteToken token) {
    this.sources = sources;
    this.token = token;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.put("/api/sources/{id}", this::put);
    routes.delete("/api/sources/{id}", this::delete);
  }

  private void put(Context ctx) throws Exception {
    if (!token.admits(ctx)) {
      return;
    }
    try {
      Responses.json(ctx, sources.put(ctx.pathParam("id"), ctx.body()));
    } catch (SourceRegistry.InvalidSource e) {
      Responses.error(ctx, 400, e.getMessage());
    } catch (SourceRegistry.ReadOnlySource e) {
      Responses.error(ctx, 409, e.getMessage());
    }
  }

  private void delete(Context ctx) throws Exception {
    if (!token.admits(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    try {
      if (!sources.delete(id)) {
        Responses.error(ctx, 404, "no source '" + id + "' added through the API");
        return;
      }
    } catch (SourceRegistry.ReadOnlySource e) {
      Responses.error(ctx, 409, e.getMessage());
      return;
    }
    ctx.status(204);
  }
}
