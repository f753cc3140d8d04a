package dev.wirewatch.indexer.search;

import java.time.Instant;
import java.util.List;

/**
 * One search, as the API and the UI ask for it: a query (blank: every article), filters (each list
 * is OR-ed within itself, the lists AND-ed together), a time range on publication, a sort, a page,
 * whether to show one hit per story, and how many values of each facet to count. Validated on
 * construction: a bad value throws {@link InvalidQueryException} naming it.
 */
public record SearchRequest(
    String query,
    List<String> topics,
    List<String> places,
    List<String> sources,
    List<String> languages,
    Instant from,
    Instant to,
    Order order,
    int page,
    int size,
    boolean collapseStories,
    int facetValues) {
  /**
   * Largest page the API serves. The record itself allows pages up to {@link #MAX_DEPTH}: an
   * instance asked by another for its share of a page answers with its top page × size hits.
   */
  public static final int MAX_SIZE = 100;

  /** Deepest hit reachable by paging (page × size). */
  public static final int MAX_DEPTH = 10_000;

  /** Values of each facet dimension a page counts unless asked for more (the UI shows ten). */
  public static final int FACET_VALUES = 20;

  /** Most values of one facet dimension a page counts ("more…" in the UI). */
  public static final int MAX_FACET_VALUES = 1_000;

  /** Most values of one filter. */
  public static final int MAX_FILTER_VALUES = 50;

  public enum Order {
    RELEVANCE,
    NEWEST
  }

  public SearchRequest {
    query = query == null ? "" : query;
    topics = List.copyOf(topics);
    places = List.copyOf(places);
    sources = List.copyOf(sources);
    languages = List.copyOf(languages);
    if (size < 1 || size > MAX_DEPTH) {
      throw new InvalidQueryException(
          "size must be between 1 and " + MAX_SIZE + ", got " + size, null);
    }
    if (page < 1 || (long) page * size > MAX_DEPTH) {
      throw new InvalidQueryException(
          "page must be at least 1 and page × size at most " + MAX_DEPTH + ", got page " + page,
          null);
    }
    for (List<String> l : List.of(topics, places, sources, languages)) {
      if (l.size() > MAX_FILTER_VALUES) {
        throw new InvalidQueryException(
            "at most " + MAX_FILTER_VALUES + " values per filter, got " + l.size(), null);
      }
    }
    if (facetValues < 1 || facetValues > MAX_FACET_VALUES) {
      throw new InvalidQueryException(
          "facets must be between 1 and " + MAX_FACET_VALUES + ", got " + facetValues, null);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidQueryException("from (" + from + ") is after to (" + to + ")", null);
    }
  }

  /**
   * The first {@code page × size} hits of this search, as one page: an instance's share of a
   * fanned-out page.
   */
  public SearchRequest upToThisPage() {
    return new SearchRequest(
        query,
        topics,
        places,
        sources,
        languages,
        from,
        to,
        order,
        1,
        page * size,
        collapseStories,
        facetValues);
  }

  /**
   * A bound of a publication range as people write it: an instant ({@code 2026-11-28T09:00:00Z}),
   * or a date read in UTC — its start, or for the upper bound its last millisecond. The API, the
   * feed, the CLI and saved searches read {@code from} and {@code to} with this one rule.
   *
   * @param name the parameter, for the message
   * @return the instant, or null for a blank value
   * @throws InvalidQueryException naming the parameter and the value
   */
  public static Instant time(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return Instant.parse(v);
    } catch (java.time.format.DateTimeParseException notInstant) {
      try {
        java.time.LocalDate d = java.time.LocalDate.parse(v);
        return endOfDay
            ? d.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).minusMillis(1)
            : d.atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidQueryException(
            name
                + " must be a date (2026-11-28) or an instant (2026-11-28T09:00:00Z), got '"
                + (v.length() > 60 ? v.substring(0, 60) + "…" : v)
                + "'",
            null);
      }
    }
  }

  /** A plain query: first page of 10, by relevance, not collapsed. */
  public static SearchRequest of(String query) {
    return new SearchRequest(
        query,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        null,
        Order.RELEVANCE,
        1,
        10,
        false,
        FACET_VALUES);
  }
}
