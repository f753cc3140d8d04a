package dev.wirewatch.indexer.web.search;

import static dev.wirewatch.indexer.web.Responses.JSON;
import static dev.wirewatch.indexer.web.Responses.json;
import static dev.wirewatch.indexer.web.Responses.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.SearchPage;
import dev.wirewatch.indexer.search.SearchRequest;
import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.language.Languages;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET
 * /api/search?q=&topic=&place=&source=&lang=&from=&to=&sort=relevance|newest&page=&size=&collapse=story}:
 * a page of hits with highlighted snippets (the article's text HTML-escaped, {@code <mark>} around
 * matches as the only markup) and the facets of every match, with labels for language and place
 * codes.
 */
public final class SearchHandler implements Handler {
  private final SearchScope scope;
  private final MeterRegistry meters;

  /**
   * @param meters where the latency of each search goes ({@code wirewatch.search}, by scope)
   */
  public SearchHandler(SearchScope scope, MeterRegistry meters) {
    this.scope = scope;
    this.meters = meters;
  }

  /** A search handler whose latency is not recorded. */
  public SearchHandler(SearchScope scope) {
    this(scope, new CompositeMeterRegistry());
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/search", this::search);
  }

  private void search(Context ctx) throws IOException {
    SearchRequest r = SearchParams.read(ctx, null, 10);
    long started = System.nanoTime();
    SearchPage page = scope.of(ctx).search(r, Highlight.HTML);
    Timer.builder("wirewatch.search")
        .description("Searches answered by /api/search (local: asked by another instance)")
        .tag("scope", SearchScope.isLocal(ctx) ? "local" : "all")
        .publishPercentileHistogram()
        .register(meters)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    ObjectNode out = JSON.createObjectNode();
    out.put("total", page.total());
    // what total counts, and the articles every facet counts: "923 stories, 964 articles"
    out.put("counts", r.collapseStories() ? "stories" : "articles");
    out.put("articles", page.articles());
    out.put("undated", page.undated());
    out.put("page", r.page());
    out.put("size", r.size());
    if (!page.unavailable().isEmpty()) {
      // some partitions did not answer: say so rather than pass a partial page off as whole
      out.put("partial", true);
      page.unavailable().forEach(out.putArray("unavailable")::add);
    }
    // another instance exporting a search asks for each hit's text
    boolean withText = SearchScope.isLocal(ctx) && "true".equals(ctx.queryParam("text"));
    ArrayNode hits = out.putArray("hits");
    for (SearchPage.Hit h : page.hits()) {
      ObjectNode o = summary(h.article());
      o.put("storySize", h.storySize());
      o.put("storySources", h.storySources());
      o.put("score", h.article().score());
      o.put("snippet", h.article().snippet());
      if (withText) {
        o.put("text", h.article().text());
      }
      hits.add(o);
    }
    ObjectNode facets = out.putObject("facets");
    for (Map.Entry<String, Map<String, Long>> f : page.facets().entrySet()) {
      ObjectNode dim = facets.putObject(f.getKey());
      f.getValue().forEach(dim::put);
    }
    // What people read for a language code: "Français (fr)".
    ObjectNode labels = out.putObject("labels");
    ObjectNode languageLabels = labels.putObject("languages");
    page.facets()
        .getOrDefault("languages", Map.of())
        .keySet()
        .forEach(code -> languageLabels.put(code, Languages.bundled().label(code)));
    // and for a country code: "Haiti (HT)"
    ObjectNode placeLabels = labels.putObject("places");
    page.facets()
        .getOrDefault("places", Map.of())
        .keySet()
        .forEach(code -> placeLabels.put(code, PlaceNames.label(code)));
    for (String code : r.places()) {
      placeLabels.put(code, PlaceNames.label(code));
    }
    json(ctx, out);
  }
}
