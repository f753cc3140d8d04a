package dev.wirewatch.indexer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.schemas.Article;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedIndexTest {
  @TempDir Path dir;
  private final TopicPartition p0 = new TopicPartition("news.articles", 0);
  private final TopicPartition p1 = new TopicPartition("news.articles", 1);

  private static Article article(String id, String... topics) {
    Instant t = Instant.parse("2026-11-01T10:00:00Z");
    return Article.newBuilder()
        .setId(id)
        .setSourceId("wire")
        .setTitle("Police " + id)
        .setText("Police report " + id)
        .setTopics(List.of(topics))
        .setPublishedAt(t)
        .setIngestedAt(t)
        .setProcessedAt(t)
        .build();
  }

  private static long count(ReferenceManager<IndexSearcher> searchers, String query)
      throws Exception {
    IndexSearcher s = searchers.acquire();
    try {
      return new ArticleSearcher()
          .search(s, query, 10, dev.wirewatch.indexer.search.Highlight.NONE)
          .total();
    } finally {
      searchers.release(s);
    }
  }

  @Test
  void eachPartitionHasItsOwnShardAndOffsetAndOneSearcherSeesThemAll() throws Exception {
    Path index = dir.resolve("index");
    try (ShardedIndex shards = ShardedIndex.open(index)) {
      shards.shard(p0).upsert(article("a", "haiti"));
      shards.shard(p1).upsert(article("b", "kenya"));
      shards.shard(p1).upsert(article("c"));
      shards.refresh();
      assertThat(count(shards.searchers(), "police")).isEqualTo(3);
      // facets over several shards come from one reader (and are cached for it)
      IndexSearcher s = shards.searchers().acquire();
      try {
        assertThat(new ArticleSearcher().stats(s).topics())
            .containsEntry("haiti", 1L)
            .containsEntry("kenya", 1L);
      } finally {
        shards.searchers().release(s);
      }
      shards.commit(Map.of(p0, 1L, p1, 2L));
      assertThat(shards.committedOffsets())
          .containsExactlyInAnyOrderEntriesOf(Map.of(p0, 1L, p1, 2L));
      assertThat(shards.shardDir(p0)).isEqualTo(index.resolve("news.articles-0"));

      // a partition that leaves: committed at its position, closed, no longer searched; kept on
      // disk
      shards.shard(p1).upsert(article("d"));
      shards.closeShard(p1, 3L);
      assertThat(shards.partitions()).containsExactly(p0);
      assertThat(count(shards.searchers(), "police")).isEqualTo(1);
      assertThat(ShardedIndex.committedOffsets(index))
          .containsExactlyInAnyOrderEntriesOf(Map.of(p0, 1L, p1, 3L));
      // …and when it comes back, it resumes where it was
      assertThat(shards.shard(p1).committedOffsets()).containsExactly(Map.entry(p1, 3L));
      shards.refresh();
      assertThat(count(shards.searchers(), "police")).isEqualTo(4);
    }
    try (IndexReader all = ShardedIndex.openReader(index)) {
      assertThat(all.numDocs()).isEqualTo(4);
    }
    try (ShardReaders readers = ShardReaders.open(index)) {
      assertThat(count(readers.searchers(), "police")).isEqualTo(4);
    }
  }

  @Test
  void aWriterHoldsItsShardsAgainstASecondProcess() throws Exception {
    Path index = dir.resolve("index");
    try (ShardedIndex shards = ShardedIndex.open(index)) {
      shards.shard(p0).commit(Map.of(p0, 0L));
      assertThatThrownBy(() -> ShardedIndex.requireUnused(index))
          .isInstanceOf(UncheckedIOException.class);
    }
    ShardedIndex.requireUnused(index);
  }

  @Test
  void aShardOfAnOlderAnalysisIsRefusedButReindexMayReplaceIt() throws Exception {
    Path index = dir.resolve("index");
    Path shard = index.resolve("news.articles-0");
    try (Directory d = FSDirectory.open(shard);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      w.addDocument(new Document());
      w.commit(); // no analysis version: written before languages had fields of their own
    }
    assertThatThrownBy(() -> ShardedIndex.openReader(index))
        .hasMessageContaining("bin/wirewatch reindex");
    ShardedIndex.requireUnused(index); // not in use: reindex may replace it
    try (Directory d = FSDirectory.open(shard);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      assertThatThrownBy(() -> ShardedIndex.requireUnused(index))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("open for writing");
    }
  }

  @Test
  void anIndexOfTheLayoutBeforeShardsIsRefusedWithWhatToDo() throws Exception {
    Path index = dir.resolve("index");
    try (ArticleIndex old = ArticleIndex.open(index)) {
      old.upsert(article("a"));
      old.commit(Map.of(p0, 1L));
    }
    assertThatThrownBy(() -> ShardedIndex.open(index))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("older Wirewatch")
        .hasMessageContaining("bin/wirewatch reindex");
    assertThatThrownBy(() -> ShardedIndex.openReader(index))
        .hasMessageContaining("bin/wirewatch reindex");
    ShardedIndex.requireUnused(index); // not in use: reindex may replace it
    assertThat(Files.isDirectory(index)).isTrue();
    assertThatThrownBy(() -> ShardedIndex.openReader(dir.resolve("nothing")))
        .hasMessageContaining("no index");
  }
}
