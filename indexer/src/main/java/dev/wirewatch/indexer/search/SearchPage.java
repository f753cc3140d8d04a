package dev.wirewatch.indexer.search;

import java.util.List;
import java.util.Map;

/**
 * A page of search results.
 *
 * @param total what the page's hits are counted in: matching stories when collapsed, else matching
 *     articles (the pager's unit)
 * @param articles matching articles (equal to {@code total} unless collapsed); what every facet
 *     counts
 * @param undated matching articles without a publication date: in no day of the {@code days} facet,
 *     and never in a date filter's results
 * @param hits this page's hits, each with its story's size
 * @param facets per dimension (topics, places, sources, languages, days), value → matching
 *     articles; days ({@code yyyy-MM-dd}, UTC) by publication, every dated day, oldest first
 * @param unavailable the other instances that did not answer (their partitions are missing from
 *     this page); empty when the page is complete
 */
public record SearchPage(
    long total,
    long articles,
    long undated,
    List<Hit> hits,
    Map<String, Map<String, Long>> facets,
    List<String> unavailable) {
  /**
   * One hit; {@code storySize} counts the articles of its story in the index (copies not counted),
   * {@code storySources} the sources that reported it (copies' included, as the story page counts
   * them).
   */
  public record Hit(SearchHit article, long storySize, long storySources) {}
}
