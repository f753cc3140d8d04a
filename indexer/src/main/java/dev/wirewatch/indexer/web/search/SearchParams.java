package dev.wirewatch.indexer.web.search;

import static dev.wirewatch.indexer.web.Responses.clip;
import static dev.wirewatch.indexer.web.Responses.integer;
import static dev.wirewatch.indexer.web.Responses.values;

import dev.wirewatch.indexer.search.SearchRequest;
import dev.wirewatch.indexer.web.BadRequest;
import dev.wirewatch.indexer.web.SearchScope;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads a search from the query parameters shared by {@code /api/search} and the Atom feed: {@code
 * q, topic, place, source, lang, from, to, sort, page, size, collapse, facets}. A bad value is a
 * {@link BadRequest} naming it.
 */
final class SearchParams {
  private SearchParams() {}

  /**
   * The request's search.
   *
   * @param order the fixed order (the feed: newest), or null to read {@code sort} and {@code page}
   * @param defaultSize the page size when {@code size} is absent
   */
  static SearchRequest read(Context ctx, SearchRequest.Order order, int defaultSize) {
    int size = integer(ctx, "size", defaultSize);
    if (!SearchScope.isLocal(ctx) && (size < 1 || size > SearchRequest.MAX_SIZE)) {
      throw new BadRequest(
          "size must be between 1 and " + SearchRequest.MAX_SIZE + ", got " + size);
    }
    return new SearchRequest(
        ctx.queryParam("q"),
        values(ctx, "topic"),
        values(ctx, "place"),
        values(ctx, "source"),
        values(ctx, "lang"),
        time(ctx, "from", false),
        time(ctx, "to", true),
        order == null ? order(ctx.queryParam("sort")) : order,
        order == null ? integer(ctx, "page", 1) : 1,
        size,
        collapse(ctx.queryParam("collapse")),
        integer(ctx, "facets", SearchRequest.FACET_VALUES));
  }

  private static SearchRequest.Order order(String v) {
    if (v == null || v.isBlank()) {
      return SearchRequest.Order.RELEVANCE;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "relevance" -> SearchRequest.Order.RELEVANCE;
      case "newest" -> SearchRequest.Order.NEWEST;
      default -> throw new BadRequest("sort must be relevance or newest, got '" + clip(v) + "'");
    };
  }

  private static boolean collapse(String v) {
    if (v == null || v.isBlank()) {
      return false;
    }
    if (v.strip().equals("story")) {
      return true;
    }
    throw new BadRequest("collapse can only be 'story', got '" + clip(v) + "'");
  }

  /** An ISO instant, or a date (its start; for {@code to}, its end): a 400 naming it otherwise. */
  private static Instant time(Context ctx, String name, boolean endOfDay) {
    return SearchRequest.time(name, ctx.queryParam(name), endOfDay);
  }
}
