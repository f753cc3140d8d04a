package dev.wirewatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.InvalidQueryException;
import dev.wirewatch.indexer.search.SearchHit;
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
      index.upsert(
          article(
              "a", "Kenyan police in Haiti", "Kenyan police officers arrived.", "kenya", "haiti"));
      index.upsert(
          article(
              "a", "Kenyan police in Haiti", "Kenyan police officers arrived.", "kenya", "haiti"));
      index.upsert(article("b", "Cocoa", "Showers in Bahia."));
      index.commit(Map.of(tp, 3L));
      // Uncommitted work is dropped on close, and replayed from Kafka on the next start.
      index.upsert(article("c", "Lost", "Never committed."));
    }
    assertThat(ArticleIndex.committedOffsets(FSDirectory.open(dir)))
        .containsExactly(Map.entry(tp, 3L));
    var stats = searcher.stats(onDisk());
    assertThat(stats.articles()).isEqualTo(2);
    assertThat(stats.topics()).containsOnly(Map.entry("kenya", 1L), Map.entry("haiti", 1L));
    try (ArticleIndex reopened = ArticleIndex.open(dir)) {
      assertThat(reopened.committedOffsets()).containsExactly(Map.entry(tp, 3L));
    }
  }

  @Test
  void aStorysSizeCountsItsDistinctArticlesNotTheirCopies() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsert(
          Article.newBuilder(article("a", "Flood", "Rivers rise.")).setStoryId("a").build());
      index.upsert(
          Article.newBuilder(article("b", "Floods", "Families leave.")).setStoryId("a").build());
      index.upsert(
          Article.newBuilder(article("c", "Flood", "Rivers rise."))
              .setStoryId("a")
              .setCopyOf("a")
              .build());
      index.commit(Map.of());
    }
    IndexSearcher s = onDisk();
    assertThat(searcher.storySize(s, "a")).isEqualTo(2);
    assertThat(searcher.story(s, "a", 10))
        .extracting(SearchHit::id, SearchHit::copyOf)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", null),
            org.assertj.core.groups.Tuple.tuple("b", null),
            org.assertj.core.groups.Tuple.tuple("c", "a"));
  }

  @Test
  void aHitsStoryCountsItsArticlesWithoutCopiesAndEverySourceWithThem() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsert(
          Article.newBuilder(article("a", "Flood", "Rivers rise in the valley."))
              .setStoryId("s")
              .setSourceId("one")
              .build());
      index.upsert(
          Article.newBuilder(article("b", "Floods", "Families leave the valley."))
              .setStoryId("s")
              .setSourceId("one")
              .build());
      index.upsert(
          Article.newBuilder(article("c", "Flood", "Rivers rise in the valley."))
              .setStoryId("s")
              .setSourceId("two")
              .setCopyOf("a")
              .build());
      index.upsert(
          Article.newBuilder(article("d", "Dry", "A dry valley elsewhere."))
              .setSourceId("three")
              .build());
      index.commit(Map.of());
      // replaced, not added: the old version of b is deleted and must not be counted
      index.upsert(
          Article.newBuilder(article("b", "Floods", "Families leave the valley at night."))
              .setStoryId("s")
              .setSourceId("one")
              .build());
      index.commit(Map.of());
    }
    var page =
        searcher.search(
            onDisk(), dev.wirewatch.indexer.search.SearchRequest.of("valley"), Highlight.NONE);
    Map<String, long[]> counts = new java.util.HashMap<>();
    page.hits()
        .forEach(h -> counts.put(h.article().id(), new long[] {h.storySize(), h.storySources()}));
    assertThat(counts).containsOnlyKeys("a", "b", "c", "d");
    for (String member : List.of("a", "b", "c")) {
      assertThat(counts.get(member)).as(member).containsExactly(2, 2);
    }
    assertThat(counts.get("d")).containsExactly(1, 1);
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
    assertThat(snippet)
        .contains("<mark>Haiti</mark>", "&lt;script&gt;", "&amp;")
        .doesNotContain("<script>");
  }

  @Test
  void deadLettersAreCountedNotSearched() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsertDeadLetter(
          "dlq:news.dlq:0:0",
          DeadLetter.newBuilder()
              .setId("k")
              .setStage("clean")
              .setReason("haiti nothing left")
              .setFailedAt(Instant.EPOCH)
              .build());
      index.upsertDeadLetter(
          "dlq:news.dlq:0:0",
          DeadLetter.newBuilder()
              .setId("k")
              .setStage("clean")
              .setReason("haiti nothing left")
              .setFailedAt(Instant.EPOCH)
              .build());
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
      org.apache.lucene.index.SegmentInfos infos =
          org.apache.lucene.index.SegmentInfos.readLatestCommit(d);
      assertThat(infos.size()).isEqualTo(3);
      assertThat(infos.asList())
          .allSatisfy(si -> assertThat(si.info.getUseCompoundFile()).isFalse());
    }
  }

  @Test
  void storiesCollapseAcrossSegmentsByRelevanceAndByNewestWithPaging() throws IOException {
    // 40 articles in 10 stories, written over 8 segments so that each story spans several
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      for (int i = 0; i < 40; i++) {
        int story = i % 10;
        // "kenya" occurs more often in the later articles of a story: relevance differs within one
        String text =
            "Report " + i + " on story " + story + ". " + "kenya ".repeat(1 + i / 10) + "police";
        index.upsert(
            Article.newBuilder(article("a" + i, "Story " + story, text))
                .setStoryId("s" + story)
                .setPublishedAt(
                    Instant.parse("2024-03-01T00:00:00Z").plusSeconds(3600L * ((i * 7) % 40)))
                .build());
        if (i % 5 == 4) {
          index.commit(Map.of());
        }
      }
      index.commit(Map.of());
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      assertThat(reader.leaves().size()).isGreaterThan(1);
      IndexSearcher s = new IndexSearcher(reader);
      // Newest first: each story ranked by its newest article, which is the one shown
      var newest =
          searcher.search(
              s,
              new dev.wirewatch.indexer.search.SearchRequest(
                  "police",
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  null,
                  null,
                  dev.wirewatch.indexer.search.SearchRequest.Order.NEWEST,
                  1,
                  4,
                  true,
                  20),
              Highlight.NONE);
      assertThat(newest.total()).isEqualTo(10); // stories
      assertThat(newest.articles()).isEqualTo(40); // what the facets count
      assertThat(newest.facets().get("sources").values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(40);
      Map<String, Integer> newestOf = new java.util.HashMap<>();
      for (int i = 0; i < 40; i++) {
        newestOf.merge("s" + (i % 10), (i * 7) % 40, Math::max);
      }
      List<String> expectedStories =
          newestOf.entrySet().stream()
              .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
              .map(Map.Entry::getKey)
              .toList();
      List<String> shown = new java.util.ArrayList<>();
      for (int p = 1; p <= 3; p++) {
        var page =
            searcher.search(
                s,
                new dev.wirewatch.indexer.search.SearchRequest(
                    "police",
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    dev.wirewatch.indexer.search.SearchRequest.Order.NEWEST,
                    p,
                    4,
                    true,
                    20),
                Highlight.NONE);
        page.hits().forEach(h -> shown.add(h.article().storyId()));
        page.hits().forEach(h -> assertThat(h.storySize()).isEqualTo(4));
      }
      assertThat(shown).isEqualTo(expectedStories);
      // By relevance: the article with the most "kenya" of each story (the last one, ids a30..a39)
      var relevant =
          searcher.search(
              s,
              new dev.wirewatch.indexer.search.SearchRequest(
                  "kenya",
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  null,
                  null,
                  dev.wirewatch.indexer.search.SearchRequest.Order.RELEVANCE,
                  1,
                  10,
                  true,
                  20),
              Highlight.NONE);
      assertThat(relevant.total()).isEqualTo(10);
      assertThat(relevant.hits())
          .extracting(h -> h.article().id())
          .allMatch(id -> Integer.parseInt(id.substring(1)) >= 30);
      assertThat(relevant.hits())
          .extracting(h -> h.article().storyId())
          .doesNotHaveDuplicates()
          .hasSize(10);
      // A page past the end is empty, with the total still right
      var past =
          searcher.search(
              s,
              new dev.wirewatch.indexer.search.SearchRequest(
                  "police",
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  null,
                  null,
                  dev.wirewatch.indexer.search.SearchRequest.Order.NEWEST,
                  4,
                  4,
                  true,
                  20),
              Highlight.NONE);
      assertThat(past.hits()).isEmpty();
      assertThat(past.total()).isEqualTo(10);
    }
  }
}
