package dev.wirewatch.indexer.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the search API asks of an index, whether it is this instance's shards ({@link
 * LocalSearches}) or every instance's (the HTTP layer's fan-out).
 */
public interface Searches {
  /** A page of results, with facets. */
  SearchPage search(SearchRequest request, Highlight marks) throws IOException;

  /** One article by id, or null. */
  SearchHit article(String id) throws IOException;

  /** Every article of a story, oldest first, at most {@code limit}. */
  List<SearchHit> story(String storyId, int limit) throws IOException;

  /** Articles per story, for the given stories (absent: none). */
  Map<String, Long> storySizes(Collection<String> storyIds) throws IOException;

  /** Articles per source, every source. */
  Map<String, Long> articlesBySource() throws IOException;
}
