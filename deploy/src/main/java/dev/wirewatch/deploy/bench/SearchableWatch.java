package dev.wirewatch.deploy.bench;

import dev.wirewatch.indexer.store.IndexFields;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjLongConsumer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.util.Bits;

/**
 * Notices when articles become searchable: each time the searchers show a new reader, reads the ids
 * of the documents in segments it has not seen yet (near-real-time refreshes add small ones), so
 * its cost follows what is new, not what is pending.
 */
public final class SearchableWatch implements AutoCloseable {
  private final Thread thread;

  /**
   * @param pending ids still awaited, each with its publish time ({@link System#nanoTime()}); an id
   *     is removed when first seen
   * @param seen told each id found and how long after its publication, in nanoseconds
   */
  public SearchableWatch(
      ReferenceManager<IndexSearcher> searchers,
      Map<String, Long> pending,
      ObjLongConsumer<String> seen) {
    this.thread = new Thread(() -> run(searchers, pending, seen), "wirewatch-bench-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run(
      ReferenceManager<IndexSearcher> searchers,
      Map<String, Long> pending,
      ObjLongConsumer<String> seen) {
    Set<Object> seenSegments = new HashSet<>();
    Object last = null;
    Set<String> only = Set.of(IndexFields.ID);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        IndexSearcher s = searchers.acquire();
        try {
          // The reader itself: a new one whenever any shard refreshed (a MultiReader over shards
          // has
          // no reader cache key).
          Object version = s.getIndexReader();
          if (version != last) {
            last = version;
            long now = System.nanoTime();
            Set<Object> current = new HashSet<>();
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
              Object key = leaf.reader().getCoreCacheHelper().getKey();
              current.add(key);
              if (seenSegments.contains(key)) {
                continue;
              }
              StoredFields stored = leaf.reader().storedFields();
              Bits live = leaf.reader().getLiveDocs();
              for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                  continue;
                }
                String id = stored.document(doc, only).get(IndexFields.ID);
                Long published = id == null ? null : pending.remove(id);
                if (published != null) {
                  seen.accept(id, now - published);
                }
              }
            }
            seenSegments.retainAll(current);
            seenSegments.addAll(current);
          }
        } finally {
          searchers.release(s);
        }
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      } catch (org.apache.lucene.store.AlreadyClosedException e) {
        return; // the pipeline is closing
      } catch (Exception e) {
        // e.g. no shard open yet: look again shortly
        org.slf4j.LoggerFactory.getLogger(SearchableWatch.class).debug("watch: {}", e.toString());
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
