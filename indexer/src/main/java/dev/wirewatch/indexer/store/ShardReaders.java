package dev.wirewatch.indexer.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Read-only searchers over the shards an indexer in another process writes ({@code wirewatch
 * serve}): {@link #refresh()} reopens the shards with new commits and opens shards that appeared.
 */
public final class ShardReaders implements AutoCloseable {
  private final Path dir;
  private final Map<TopicPartition, SearcherManager> shards = new ConcurrentHashMap<>();
  private final List<Directory> directories = new ArrayList<>();
  private final ShardSearchers searchers;

  private ShardReaders(Path dir) throws IOException {
    this.dir = dir;
    this.searchers =
        new ShardSearchers(
            () ->
                shards.entrySet().stream()
                    .sorted(
                        Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                    .map(e -> (ReferenceManager<IndexSearcher>) e.getValue())
                    .toList());
  }

  /**
   * Opens every committed shard under {@code dir}.
   *
   * @throws IllegalStateException when there is none, or the index has the layout before shards
   */
  public static ShardReaders open(Path dir) throws IOException {
    ShardedIndex.openReader(dir).close(); // the same checks and messages as every reader
    ShardReaders r = new ShardReaders(dir);
    r.refresh();
    return r;
  }

  /** Picks up new commits and new shards. Called by one thread at a time. */
  public synchronized void refresh() throws IOException {
    for (Path shard : ShardedIndex.shardDirs(dir)) {
      TopicPartition tp = ShardedIndex.partitionOf(shard);
      if (!shards.containsKey(tp)) {
        Directory d = FSDirectory.open(shard);
        if (DirectoryReader.indexExists(d)) {
          shards.put(tp, new SearcherManager(d, null));
          directories.add(d);
        } else {
          d.close();
        }
      }
    }
    for (SearcherManager m : shards.values()) {
      m.maybeRefresh();
    }
    searchers.maybeRefresh();
  }

  public ReferenceManager<IndexSearcher> searchers() {
    return searchers;
  }

  @Override
  public synchronized void close() throws IOException {
    searchers.close();
    for (SearcherManager m : shards.values()) {
      m.close();
    }
    for (Directory d : directories) {
      d.close();
    }
  }
}
