package dev.wirewatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.InvalidQueryException;
import dev.wirewatch.indexer.search.SearchResult;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.DeadLetter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleIndexTest {
  @TempDir Path dir;
  private final ArticleSearcher searcher = new ArticleSearcher();

  static Article article(String id, String title, String text, String... topics) {
    return Article.newBuilder()
        .setId(id)
        .setSourceId("test")
        .setTitle(title)
        .setText(text)
        .setTopics(List.of(topics))
        .setPublishedAt(Instant.parse("2024-03-04T10:00:00Z"))
        .setIngestedAt(Instant.parse("2024-03-04T10:00:01Z"))
        .setProcessedAt(Instant.parse("2024-03-04T10:00:02Z"))
        .build();
  }

  private IndexSearcher onDisk() throws IOException {
    return new IndexSearcher(DirectoryReader.open(FSDirectory.open(dir)));
  }

  @Test
  void upsertByIdNeverDuplicatesAndOffsetsTravelWithTheCommit() throws IOException {
    TopicPartition tp = new TopicPartition("news.articles", 0);
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsert(article("a", "Kenyan police in Haiti", "Kenyan police officers arrived.", "kenya", "haiti"));
      index.upsert(article("a", "Kenyan police in Haiti", "Kenyan police officers arrived.", "kenya", "haiti"));
      index.upsert(article("b", "Cocoa", "Showers in Bahia."));
      index.commit(Map.of(tp, 3L));
      // Uncommitted work is dropped on close, and replayed from Kafka on the next start.
      index.upsert(article("c", "Lost", "Never committed."));
    }
    assertThat(ArticleIndex.committedOffsets(FSDirectory.open(dir))).containsExactly(Map.entry(tp, 3L));
    var stats = searcher.stats(onDisk());
    assertThat(stats.articles()).isEqualTo(2);
    assertThat(stats.topics()).containsOnly(Map.entry("kenya", 1L), Map.entry("haiti", 1L));
    try (ArticleIndex reopened = ArticleIndex.open(dir)) {
      assertThat(reopened.committedOffsets()).containsExactly(Map.entry(tp, 3L));
    }
  }

  @Test
  void snippetsEscapeArticleHtmlAndMarkOnlyMatches() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsert(article("x", "Haiti", "Aid for Haiti <script>alert('x')</script> & more aid."));
      index.commit(Map.of());
    }
    SearchResult r = searcher.search(onDisk(), "haiti aid", 10, Highlight.HTML);
    assertThat(r.total()).isEqualTo(1);
    String snippet = r.hits().get(0).snippet();
    assertThat(snippet).contains("<mark>Haiti</mark>", "&lt;script&gt;", "&amp;").doesNotContain("<script>");
  }

  @Test
  void deadLettersAreCountedNotSearched() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsertDeadLetter(
          "dlq:news.dlq:0:0",
          DeadLetter.newBuilder().setId("k").setStage("clean").setReason("haiti nothing left").setFailedAt(Instant.EPOCH).build());
      index.upsertDeadLetter(
          "dlq:news.dlq:0:0",
          DeadLetter.newBuilder().setId("k").setStage("clean").setReason("haiti nothing left").setFailedAt(Instant.EPOCH).build());
      index.commit(Map.of());
    }
    assertThat(searcher.stats(onDisk()).deadLetters()).isEqualTo(1);
    assertThat(searcher.search(onDisk(), "haiti", 10, Highlight.NONE).total()).isZero();
  }

  @Test
  void malformedQueriesGiveOneLineErrors() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.commit(Map.of());
    }
    IndexSearcher s = onDisk();
    for (String bad : List.of("kenya AND", "\"unclosed", "(a OR b", "*leading", "   ")) {
      assertThatThrownBy(() -> searcher.search(s, bad, 10, Highlight.NONE))
          .as(bad)
          .isInstanceOf(InvalidQueryException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    String huge = String.join(" OR ", java.util.Collections.nCopies(3000, "word"));
    assertThatThrownBy(() -> searcher.search(s, huge, 10, Highlight.NONE))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("too many clauses");
    assertThatThrownBy(() -> searcher.search(s, "kenya", 0, Highlight.NONE))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void flushedSegmentsAreNotPackedIntoCompoundFiles() throws IOException {
    // Near-real-time indexing flushes many small segments; packing each would copy it once more
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      for (int flush = 0; flush < 3; flush++) {
        index.upsert(article("a" + flush, "Title " + flush, "Kenya police text " + flush));
        index.refresh();
      }
      index.commit(Map.of());
    }
    try (FSDirectory d = FSDirectory.open(dir)) {
      org.apache.lucene.index.SegmentInfos infos = org.apache.lucene.index.SegmentInfos.readLatestCommit(d);
      assertThat(infos.size()).isEqualTo(3);
      assertThat(infos.asList()).allSatisfy(si -> assertThat(si.info.getUseCompoundFile()).isFalse());
    }
  }
}
