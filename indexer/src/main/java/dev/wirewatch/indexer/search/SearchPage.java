package dev.wirewatch.indexer.search;

import java.util.List;
import java.util.Map;

/**
 * A page of search results.
 *
 * @param total matching articles (or stories, when collapsed)
 * @param hits this page's hits, each with its story's size
 * @param facets per dimension (topics, places, sources, languages, days), value → matching articles
 * @param unavailable the other instances that did not answer (their partitions are missing from
 *     this page); empty when the page is complete
 */
public record SearchPage(
    long total, List<Hit> hits, Map<String, Map<String, Long>> facets, List<String> unavailable) {
  /** A page with every shard answering. */
  public SearchPage(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {
    this(total, hits, facets, List.of());
  }

  /** One hit; {@code storySize} counts the articles of its story in the index. */
  public record Hit(SearchHit article, long storySize) {}
}
