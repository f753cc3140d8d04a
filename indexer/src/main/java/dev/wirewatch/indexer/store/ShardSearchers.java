package dev.wirewatch.indexer.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * One searcher over the current near-real-time readers of several shards, as Lucene's {@code
 * SearcherManager} is for one index: {@link #acquire()} and {@link #release} around each search,
 * and {@link #maybeRefresh()} after the shards refresh. A refresh that finds every shard's reader
 * unchanged keeps the searcher (and so whatever is cached per reader, such as facet ordinals);
 * otherwise a new {@link MultiReader} holds a reference to each shard's reader until the last
 * search on it is released.
 */
final class ShardSearchers extends ReferenceManager<IndexSearcher> {
  private final Supplier<List<ReferenceManager<IndexSearcher>>> shards;

  /** The shard readers of the current searcher, in order (touched only under the refresh lock). */
  private List<IndexReader> currentReaders = List.of();

  ShardSearchers(Supplier<List<ReferenceManager<IndexSearcher>>> shards) throws IOException {
    this.shards = shards;
    this.current = new IndexSearcher(new MultiReader());
  }

  @Override
  protected void decRef(IndexSearcher reference) throws IOException {
    reference.getIndexReader().decRef();
  }

  @Override
  protected IndexSearcher refreshIfNeeded(IndexSearcher referenceToRefresh) throws IOException {
    List<ReferenceManager<IndexSearcher>> managers = new ArrayList<>();
    List<IndexSearcher> acquired = new ArrayList<>();
    try {
      for (ReferenceManager<IndexSearcher> m : shards.get()) {
        try {
          acquired.add(m.acquire());
          managers.add(m);
        } catch (AlreadyClosedException closedMeanwhile) {
          // the shard's partition left this instance: it is no longer searched here
        }
      }
      List<IndexReader> readers = acquired.stream().map(IndexSearcher::getIndexReader).toList();
      if (sameReaders(readers, currentReaders)) {
        return null;
      }
      // MultiReader takes a reference to each reader (closeSubReaders = false) and gives it back
      // when it is closed, after the last search on it.
      IndexSearcher next =
          new IndexSearcher(new MultiReader(readers.toArray(IndexReader[]::new), false));
      currentReaders = readers;
      return next;
    } finally {
      for (int i = 0; i < acquired.size(); i++) {
        managers.get(i).release(acquired.get(i));
      }
    }
  }

  private static boolean sameReaders(List<IndexReader> a, List<IndexReader> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected boolean tryIncRef(IndexSearcher reference) {
    return reference.getIndexReader().tryIncRef();
  }

  @Override
  protected int getRefCount(IndexSearcher reference) {
    return reference.getIndexReader().getRefCount();
  }
}
