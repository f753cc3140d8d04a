package dev.wirewatch.indexer.web.searches;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.Responses;
import dev.wirewatch.indexer.web.WriteToken;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/searches} (each with its {@code params}, its Atom {@code feed} and its page
 * {@code link}), {@code PUT /api/searches/{id}} and {@code DELETE /api/searches/{id}}; writes need
 * the {@link WriteToken}.
 */
public final class SavedSearchesHandler implements Handler {
  private final SavedSearches searches;
  private final WriteToken token;

  public SavedSearchesHandler(SavedSearches searches, WriteToken token) {
    this.searches = searches;
    this.token = token;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/searches", this::list);
    routes.put("/api/searches/{id}", this::put);
    routes.delete("/api/searches/{id}", this::delete);
  }

  private static ObjectNode described(SavedSearch s) {
    ObjectNode o = s.json();
    o.put("params", s.params());
    o.put("feed", "/feeds/search.atom?" + s.params());
    o.put("link", "/#/?" + s.params());
    return o;
  }

  private void list(Context ctx) throws Exception {
    ObjectNode out = Responses.JSON.createObjectNode();
    ArrayNode all = out.putArray("searches");
    searches.list().forEach(s -> all.add(described(s)));
    Responses.json(ctx, out);
  }

  private void put(Context ctx) throws Exception {
    if (!token.admits(ctx)) {
      return;
    }
    try {
      Responses.json(ctx, described(searches.put(ctx.pathParam("id"), ctx.body())));
    } catch (SavedSearch.Invalid e) {
      Responses.error(ctx, 400, e.getMessage());
    }
  }

  private void delete(Context ctx) throws Exception {
    if (!token.admits(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    if (!SavedSearch.ID.matcher(id).matches()) {
      Responses.error(ctx, 400, "id: 1 to 100 letters, digits, '.', '_' or '-'");
      return;
    }
    if (!searches.delete(id)) {
      Responses.error(ctx, 404, "no saved search '" + id + "'");
      return;
    }
    ctx.status(204);
  }
}
