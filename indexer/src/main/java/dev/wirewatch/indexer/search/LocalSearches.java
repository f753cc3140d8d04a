package dev.wirewatch.indexer.search;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;

/** Searches over the shards this instance holds, through their near-real-time searchers. */
public final class LocalSearches implements Searches {
  private final ReferenceManager<IndexSearcher> searchers;
  private final ArticleSearcher searcher = new ArticleSearcher();

  public LocalSearches(ReferenceManager<IndexSearcher> searchers) {
    this.searchers = searchers;
  }

  private interface Work<T> {
    T run(IndexSearcher s) throws IOException;
  }

  private <T> T with(Work<T> work) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return work.run(s);
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public SearchPage search(SearchRequest request, Highlight marks) throws IOException {
    return with(s -> searcher.search(s, request, marks));
  }

  @Override
  public SearchHit article(String id) throws IOException {
    return with(s -> searcher.article(s, id));
  }

  @Override
  public List<SearchHit> story(String storyId, int limit) throws IOException {
    return with(s -> searcher.story(s, storyId, limit));
  }

  @Override
  public Map<String, Long> storySizes(Collection<String> storyIds) throws IOException {
    return with(
        s -> {
          Map<String, Long> out = new LinkedHashMap<>();
          for (String id : storyIds) {
            long n = searcher.storySize(s, id);
            if (n > 0) {
              out.put(id, n);
            }
          }
          return out;
        });
  }

  @Override
  public Map<String, Long> articlesBySource() throws IOException {
    return with(searcher::articlesBySource);
  }
}
