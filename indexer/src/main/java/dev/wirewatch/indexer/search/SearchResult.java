package dev.wirewatch.indexer.search;

import java.util.List;

/**
 * A page of search results.
 *
 * @param total how many articles match in all
 * @param hits the requested page, best first
 */
public record SearchResult(long total, List<SearchHit> hits) {}
