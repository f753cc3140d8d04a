package dev.wirewatch.indexer.web.sources;

import static dev.wirewatch.indexer.web.Responses.JSON;
import static dev.wirewatch.indexer.web.Responses.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.schemas.SourceStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /api/sources}: every source with its article count in the index and, where the server
 * follows news.source-status, its latest poll. Sources known only to one side are listed too.
 */
public final class SourcesHandler implements Handler {
  private final SearchScope scope;
  private final Optional<Supplier<List<SourceStatus>>> statuses;

  private SourcesHandler(SearchScope scope, Optional<Supplier<List<SourceStatus>>> statuses) {
    this.scope = scope;
    this.statuses = statuses;
  }

  /** Article counts from the index only: the server does not follow the sources' polls. */
  public static SourcesHandler fromIndex(SearchScope scope) {
    return new SourcesHandler(scope, Optional.empty());
  }

  /** Article counts and each source's latest poll status. */
  public static SourcesHandler withStatus(
      SearchScope scope, Supplier<List<SourceStatus>> statuses) {
    return new SourcesHandler(scope, Optional.of(statuses));
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/sources", this::sources);
  }

  private void sources(Context ctx) throws IOException {
    Map<String, Long> counts = scope.of(ctx).articlesBySource();
    Map<String, ObjectNode> rows = new TreeMap<>();
    for (SourceStatus st : statuses.map(Supplier::get).orElse(List.of())) {
      rows.put(st.getSourceId().toString(), row(st));
    }
    counts.forEach(
        (source, n) ->
            rows.computeIfAbsent(source, id -> JSON.createObjectNode().put("source", id))
                .put("articles", n));
    ObjectNode out = JSON.createObjectNode();
    out.put("statusKnown", statuses.isPresent());
    ArrayNode list = out.putArray("sources");
    rows.values()
        .forEach(
            o -> {
              if (!o.has("articles")) {
                o.put("articles", 0);
              }
              list.add(o);
            });
    json(ctx, out);
  }

  private static ObjectNode row(SourceStatus st) {
    ObjectNode o = JSON.createObjectNode();
    o.put("source", st.getSourceId().toString());
    o.put("url", st.getUrl().toString());
    o.put("ok", st.getOk());
    o.put("polledAt", st.getPolledAt().toString());
    o.put("lastSuccessAt", st.getLastSuccessAt() == null ? null : st.getLastSuccessAt().toString());
    o.put("lastErrorAt", st.getLastErrorAt() == null ? null : st.getLastErrorAt().toString());
    o.put("lastError", st.getLastError() == null ? null : st.getLastError().toString());
    o.put("consecutiveFailures", st.getConsecutiveFailures());
    o.put("httpStatus", st.getHttpStatus());
    o.put("newItems", st.getNewItems());
    o.put("updatedItems", st.getUpdatedItems());
    o.put("unchangedItems", st.getUnchangedItems());
    o.put("nextPollAt", st.getNextPollAt().toString());
    return o;
  }
}
