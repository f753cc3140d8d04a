package dev.wirewatch.indexer.web.catalog;

import static dev.wirewatch.indexer.web.Responses.JSON;
import static dev.wirewatch.indexer.web.Responses.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.web.Handler;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * {@code GET /api/topics}: the topics and watches the pipeline uses (names, queries, delivery
 * without secrets). Registered only by servers that were given the topics and watches.
 */
public final class CatalogHandler implements Handler {
  private final Supplier<Catalog> catalog;

  /**
   * @param catalog the catalog in force (asked per request: the files may be reloaded)
   */
  public CatalogHandler(Supplier<Catalog> catalog) {
    this.catalog = catalog;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/topics", this::topics);
  }

  private void topics(Context ctx) throws Exception {
    Catalog c = catalog.get();
    ObjectNode out = JSON.createObjectNode();
    out.put("known", true);
    ArrayNode topics = out.putArray("topics");
    c.topics().forEach(t -> topics.addObject().put("name", t.name()).put("query", t.query()));
    ArrayNode watches = out.putArray("watches");
    c.watches()
        .forEach(
            w ->
                watches
                    .addObject()
                    .put("name", w.name())
                    .put("query", w.query())
                    .put("delivery", w.detail()));
    json(ctx, out);
  }
}
