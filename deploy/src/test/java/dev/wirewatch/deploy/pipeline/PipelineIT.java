package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.IndexStats;
import dev.wirewatch.indexer.search.SearchResult;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.ingest.file.ImportReport;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a real in-JVM Kafka broker and a real Lucene index on disk. */
class PipelineIT {
  private static final int WIRE_ARTICLES = 3000;

  @TempDir Path brokerDir;
  @TempDir Path data;
  @TempDir Path inputs;
  private TestBroker kafka;

  @BeforeEach
  void startBroker() {
    kafka = TestBroker.start(brokerDir, 0);
  }

  @AfterEach
  void stopBroker() {
    kafka.close();
  }

  private static ArticleProcessor processor() {
    return ArticleProcessor.standard(TopicsFile.bundled());
  }

  @Test
  void filesInSearchableArticlesOutAcrossAnIndexerCrash() throws Exception {
    // Given the seed article, a page, a page with no article, and a wire file with bad lines
    Files.copy(
        Path.of("..", "samples", "seed-article-haiti-kenya.txt"), inputs.resolve("seed.txt"));
    Files.writeString(
        inputs.resolve("page.html"),
        "<html><head><title>Nairobi court rules on deployment</title></head><body><article>"
            + "<p>A court in Nairobi ruled on the police deployment to Haiti on Friday.</p>"
            + "<p>The ruling can be appealed.</p></article></body></html>");
    Files.writeString(
        inputs.resolve("script-only.html"), "<html><body><script>app()</script></body></html>");
    List<String> lines = new ArrayList<>();
    Set<String> expectedIds = new HashSet<>();
    int kenyan = 0;
    for (int i = 0; i < WIRE_ARTICLES; i++) {
      boolean aboutKenya = i % 10 == 0;
      kenyan += aboutKenya ? 1 : 0;
      String body =
          aboutKenya
              ? "Kenya's parliament met in Nairobi to debate budget item " + i + "."
              : "Grain exports from the port rose by " + i + " tonnes this week.";
      lines.add(
          "{\"id\":\"w"
              + i
              + "\",\"source\":\"wire\",\"title\":\"Report "
              + i
              + "\",\"body\":\""
              + body
              + "\"}");
      expectedIds.add(ArticleIds.ofSourceKey("wire", "w" + i));
      if (i == 1000) {
        lines.add("{broken json");
      }
    }
    Files.write(inputs.resolve("wire.jsonl"), lines);

    try (Pipeline pipeline =
        Pipeline.start(kafka.bootstrapServers(), data, Topics.defaults(), processor(), (short) 1)) {
      // When everything is imported and the indexer crashes part-way through
      ImportReport report = pipeline.importPaths(List.of(inputs));
      assertThat(report.published()).isEqualTo(WIRE_ARTICLES + 3);
      assertThat(report.problems()).hasSize(1);
      assertThat(report.problems().get(0).where()).endsWith("wire.jsonl:1002");

      await().atMost(Duration.ofMinutes(2)).until(() -> pipeline.progress().indexed() >= 300);
      assertThat(pipeline.progress().indexed()).isLessThan(WIRE_ARTICLES);
      pipeline.restartIndexer(true);

      pipeline.awaitDrained(Duration.ofMinutes(3), p -> {});
    }

    // Then every article is in the index exactly once, and the page with no article and the broken
    // line are dead letters
    try (IndexReader reader =
        dev.wirewatch.indexer.store.ShardedIndex.openReader(data.resolve("index"))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      ArticleSearcher articles = new ArticleSearcher();
      IndexStats stats = articles.stats(searcher);
      assertThat(stats.articles()).isEqualTo(WIRE_ARTICLES + 2);
      assertThat(stats.deadLetters()).isEqualTo(2);
      for (String id : expectedIds) {
        assertThat(searcher.count(new TermQuery(new Term(IndexFields.ID, id)))).as(id).isEqualTo(1);
      }
      assertThat(idsOfAllArticles(searcher)).hasSize(WIRE_ARTICLES + 2).containsAll(expectedIds);
      assertThat(stats.topics().get("kenya")).isEqualTo(kenyan + 2); // wire + seed + page

      SearchResult seed = articles.search(searcher, "kenyan police haiti", 10, Highlight.HTML);
      assertThat(seed.total()).isEqualTo(1);
      assertThat(seed.hits().get(0).topics()).containsExactly("haiti", "kenya", "us-aid");
      assertThat(seed.hits().get(0).text())
          .contains("Ksh28.7 billion")
          .doesNotContain("Post a Comment");
    }
  }

  private static Set<String> idsOfAllArticles(IndexSearcher searcher) throws java.io.IOException {
    Set<String> ids = new HashSet<>();
    StoredFields stored = searcher.storedFields();
    ScoreDoc[] docs =
        searcher.search(
                new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)),
                Integer.MAX_VALUE)
            .scoreDocs;
    for (ScoreDoc d : docs) {
      ids.add(stored.document(d.doc).get(IndexFields.ID));
    }
    assertThat(ids).as("no id twice").hasSize(docs.length);
    return ids;
  }
}
