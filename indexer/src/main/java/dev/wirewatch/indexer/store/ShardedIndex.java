package dev.wirewatch.indexer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;

/**
 * The index as one Lucene shard per topic partition ({@code news.articles} and {@code news.dlq}),
 * each in a directory of its own ({@code <topic>-<partition>}) holding the offset it has consumed
 * to in its commit. A shard is the index's view of exactly one partition, so when Kafka moves a
 * partition to another indexer instance the shard goes with it: the new owner restores it from the
 * topic (from the start, or from the shard it already had) and the old one stops searching it.
 *
 * <p>Searches go through {@link #searchers()}, one searcher over every open shard, refreshed when
 * any shard is. Not thread-safe for writes: one indexer thread opens, writes and closes shards.
 */
public final class ShardedIndex implements AutoCloseable {
  private static final Pattern SHARD_NAME = Pattern.compile("(.+)-(\\d+)");

  private final Path dir;
  private final Map<TopicPartition, ArticleIndex> shards = new ConcurrentHashMap<>();
  private final ShardSearchers searchers;

  private ShardedIndex(Path dir) throws IOException {
    this.dir = dir;
    this.searchers = new ShardSearchers(this::openShards);
  }

  /**
   * Opens the index directory (creating it if needed). Shards are opened by {@link #shard}.
   *
   * @throws IllegalStateException when the directory holds an index of the layout before shards
   */
  public static ShardedIndex open(Path dir) {
    try {
      Files.createDirectories(dir);
      refuseUnsharded(dir);
      return new ShardedIndex(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index at " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void refuseUnsharded(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir)) {
      if (DirectoryReader.indexExists(d)) {
        throw new IllegalStateException(
            "the index at "
                + dir
                + " was built by an older Wirewatch (one index for all"
                + " partitions, not a shard per partition): rebuild it from the topic with 'bin/wirewatch reindex'");
      }
    }
  }

  /**
   * Throws {@link java.io.UncheckedIOException} when a process holds the write lock of the index
   * (of any shard, or of an index of the layout before shards).
   */
  public static void requireUnused(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    // The write lock alone: an index of an older analysis or layout cannot be opened, and is what
    // reindex, which asks this, is there to replace.
    try (Directory d = FSDirectory.open(dir)) {
      if (DirectoryReader.indexExists(d)) {
        requireUnlocked(d, dir);
        return;
      }
    }
    for (Path shard : shardDirs(dir)) {
      try (Directory d = FSDirectory.open(shard)) {
        requireUnlocked(d, shard);
      }
    }
  }

  private static void requireUnlocked(Directory d, Path dir) {
    try (Lock held = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      held.ensureValid();
    } catch (IOException e) {
      throw new UncheckedIOException("the index at " + dir + " is open for writing: " + e, e);
    }
  }

  /** The directory of a partition's shard. */
  public Path shardDir(TopicPartition tp) {
    return dir.resolve(tp.topic() + "-" + tp.partition());
  }

  /** The partition's shard, opened (and created, empty) if it is not open yet. */
  public ArticleIndex shard(TopicPartition tp) {
    return shards.computeIfAbsent(tp, p -> ArticleIndex.open(shardDir(p)));
  }

  /** The shard of a partition if it is open, else null. */
  public ArticleIndex openShard(TopicPartition tp) {
    return shards.get(tp);
  }

  /** The partitions whose shards are open here. */
  public List<TopicPartition> partitions() {
    return List.copyOf(shards.keySet());
  }

  /**
   * Commits a shard with the offset it has consumed to and closes it: its partition is no longer
   * this instance's. Its directory stays, so that if the partition comes back only what was
   * published since needs consuming.
   */
  public void closeShard(TopicPartition tp, Long position) throws IOException {
    ArticleIndex shard = shards.remove(tp);
    if (shard == null) {
      return;
    }
    try {
      if (position != null) {
        shard.commit(Map.of(tp, position));
      }
    } finally {
      shard.close();
      searchers.maybeRefreshBlocking();
    }
  }

  /** The offset each open shard's last commit stored (where consumption resumes). */
  public Map<TopicPartition, Long> committedOffsets() {
    Map<TopicPartition, Long> out = new HashMap<>();
    shards.forEach(
        (tp, shard) -> {
          Long offset = shard.committedOffsets().get(tp);
          if (offset != null) {
            out.put(tp, offset);
          }
        });
    return out;
  }

  /**
   * The offsets stored by every shard on disk under {@code dir}, open or not, without opening a
   * writer.
   */
  public static Map<TopicPartition, Long> committedOffsets(Path dir) throws IOException {
    Map<TopicPartition, Long> out = new HashMap<>();
    for (Path shard : shardDirs(dir)) {
      try (Directory d = FSDirectory.open(shard)) {
        out.putAll(ArticleIndex.committedOffsets(d));
      }
    }
    return out;
  }

  /** Commits each shard whose offset is given, with that offset. */
  public void commit(Map<TopicPartition, Long> positions) throws IOException {
    for (Map.Entry<TopicPartition, Long> e : positions.entrySet()) {
      ArticleIndex shard = shards.get(e.getKey());
      if (shard != null) {
        shard.commit(Map.of(e.getKey(), e.getValue()));
      }
    }
  }

  /** Makes writes so far visible to searches through {@link #searchers()}. */
  public void refresh() throws IOException {
    for (ArticleIndex shard : shards.values()) {
      shard.refresh();
    }
    searchers.maybeRefresh();
  }

  /**
   * {@link #refresh()}, but waiting for a refresh another thread has under way and then refreshing
   * again, so that every write before the call is visible when it returns.
   */
  public void refreshBlocking() throws IOException {
    for (ArticleIndex shard : shards.values()) {
      shard.searcherManager().maybeRefreshBlocking();
    }
    searchers.maybeRefreshBlocking();
  }

  /** Near-real-time searchers over every open shard. */
  public ReferenceManager<IndexSearcher> searchers() {
    return searchers;
  }

  private List<ReferenceManager<IndexSearcher>> openShards() {
    return shards.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
        .map(e -> (ReferenceManager<IndexSearcher>) e.getValue().searcherManager())
        .toList();
  }

  /**
   * Opens every shard on disk under {@code dir} for reading, as one reader (for tools that read an
   * index no indexer is writing, or a snapshot of one that is).
   *
   * @throws IllegalStateException when there is no index there, or one of the layout before shards
   */
  public static IndexReader openReader(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no index at " + dir);
    }
    refuseUnsharded(dir);
    List<IndexReader> readers = new ArrayList<>();
    try {
      for (Path shard : shardDirs(dir)) {
        Directory d = FSDirectory.open(shard);
        if (DirectoryReader.indexExists(d)) {
          try {
            ArticleIndex.requireCurrentAnalysis(d, dir);
          } catch (IllegalStateException e) {
            d.close();
            throw e;
          }
          readers.add(DirectoryReader.open(d));
        } else {
          d.close();
        }
      }
      if (readers.isEmpty()) {
        throw new IllegalStateException("no index at " + dir);
      }
      return new MultiReader(readers.toArray(IndexReader[]::new), true);
    } catch (IOException | RuntimeException e) {
      for (IndexReader r : readers) {
        r.close();
      }
      throw e;
    }
  }

  /** The shard directories under an index directory, in name order. */
  static List<Path> shardDirs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> SHARD_NAME.matcher(p.getFileName().toString()).matches())
          .sorted()
          .toList();
    }
  }

  /** The partition a shard directory holds, from its name. */
  static TopicPartition partitionOf(Path shardDir) {
    Matcher m = SHARD_NAME.matcher(shardDir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a shard directory: " + shardDir);
    }
    return new TopicPartition(m.group(1), Integer.parseInt(m.group(2)));
  }

  /**
   * Closes every shard without committing: what was not committed is consumed again on the next
   * start.
   */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (TopicPartition tp : List.copyOf(shards.keySet())) {
      ArticleIndex shard = shards.remove(tp);
      try {
        shard.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    searchers.close();
    if (first != null) {
      throw first;
    }
  }
}
