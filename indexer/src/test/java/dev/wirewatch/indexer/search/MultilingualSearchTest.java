package dev.wirewatch.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.schemas.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One query finds an article in any language: the neutral fields fold accents and elision, each
 * known language's fields stem as the language does; matches are highlighted in the stored text
 * whichever field found them.
 */
class MultilingualSearchTest {
  @TempDir static Path dir;
  private static IndexSearcher searcher;
  private final ArticleSearcher articles = new ArticleSearcher();

  private static Article article(String id, String lang, String title, String text) {
    return Article.newBuilder()
        .setId(id)
        .setSourceId("test")
        .setTitle(title)
        .setText(text)
        .setLanguage(lang)
        .setPublishedAt(Instant.parse("2026-11-02T10:00:00Z"))
        .setIngestedAt(Instant.parse("2026-11-02T10:00:01Z"))
        .setProcessedAt(Instant.parse("2026-11-02T10:00:02Z"))
        .build();
  }

  @BeforeAll
  static void index() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsert(
          article(
              "fr",
              "fr",
              "Des policiers kényans à Port-au-Prince",
              "Les policiers kényans sont arrivés en Haïti. L'armée les attendait."));
      index.upsert(
          article(
              "es",
              "es",
              "Llegan policías kenianos",
              "La policía de Kenia llegó a Haití el martes con ayuda de Estados Unidos."));
      index.upsert(
          article(
              "ht",
              "ht",
              "Polis kenyan yo rive",
              "Polis kenyan yo rive Pòtoprens pou ede Polis Nasyonal Ayiti."));
      index.upsert(
          article("en", "en", "Kenyans arrive", "The Kenyans arrived in the capital of Haiti."));
      index.upsert(article("und", "und", "Xyz", "Zorblat qwix haïtienne blorp, quux frobnicate."));
      index.commit(Map.of(new TopicPartition("news.articles", 0), 5L));
    }
    searcher = new IndexSearcher(DirectoryReader.open(FSDirectory.open(dir)));
  }

  private List<String> ids(String query) throws IOException {
    return articles.search(searcher, query, 10, Highlight.NONE).hits().stream()
        .map(SearchHit::id)
        .toList();
  }

  @Test
  void haitiFindsHaitiWhateverItsAccents() throws IOException {
    assertThat(ids("haiti")).containsExactlyInAnyOrder("fr", "es", "en");
    assertThat(ids("Haïti")).containsExactlyInAnyOrder("fr", "es", "en");
    assertThat(ids("ayiti")).containsExactly("ht");
  }

  @Test
  void aFrenchSingularFindsItsPluralAndElisionIsFolded() throws IOException {
    assertThat(ids("policier")).contains("fr");
    assertThat(ids("kényan")).contains("fr");
    assertThat(ids("armée")).containsExactly("fr");
    assertThat(ids("armee")).containsExactly("fr");
  }

  @Test
  void aSpanishQueryFindsTheSameArticleWithAccentsAndWithout() throws IOException {
    assertThat(ids("policía")).contains("es");
    assertThat(ids("policia")).isEqualTo(ids("policía"));
    assertThat(ids("\"estados unidos\"")).containsExactly("es");
  }

  @Test
  void englishStemsAndPluralsStillMatch() throws IOException {
    assertThat(ids("kenyans")).contains("en");
    assertThat(ids("arrive")).contains("en");
  }

  @Test
  void stopWordsOfAnArticlesLanguageDoNotStopAQuery() throws IOException {
    // The neutral fields of an English article hold no "the": the English reading drops it too
    assertThat(ids("the kenyans")).containsExactly("en");
    assertThat(ids("\"arrived in the capital\"")).containsExactly("en");
    // Creole "yo" and "pou" are function words, French "les" too
    assertThat(ids("polis yo pou ayiti")).containsExactly("ht");
    assertThat(ids("les policiers")).containsExactly("fr");
    // An article whose language is unknown keeps every word: a phrase of them finds it
    assertThat(ids("\"haïtienne blorp quux\"")).containsExactly("und");
  }

  @Test
  void creoleIsFoundByItsOwnWordsAndUndeterminedByTheNeutralFields() throws IOException {
    assertThat(ids("potoprens")).containsExactly("ht");
    assertThat(ids("Pòtoprens")).containsExactly("ht");
    assertThat(ids("zorblat")).containsExactly("und");
  }

  @Test
  void matchesAreHighlightedInEveryLanguage() throws IOException {
    // "policier" matches the French plural only through the French stem: still marked.
    SearchHit fr =
        articles.search(searcher, "policier", 10, Highlight.HTML).hits().stream()
            .filter(h -> h.id().equals("fr"))
            .findFirst()
            .orElseThrow();
    assertThat(fr.snippet()).contains("<mark>policiers</mark>");
    SearchHit es =
        articles.search(searcher, "policia", 10, Highlight.HTML).hits().stream()
            .filter(h -> h.id().equals("es"))
            .findFirst()
            .orElseThrow();
    assertThat(es.snippet()).contains("<mark>policía</mark>");
  }

  @Test
  void anIndexAnalysedTheOldWayIsRefusedWithTheWayOut(@TempDir Path old) throws IOException {
    try (Directory d = FSDirectory.open(old);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(new StringField(IndexFields.ID, "a", Field.Store.YES));
      doc.add(new TextField(IndexFields.TEXT, "Kenyan police", Field.Store.YES));
      w.addDocument(doc);
      w.commit(); // no analysis version: an index from before languages had fields
    }
    assertThatThrownBy(() -> ArticleIndex.open(old))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("older Wirewatch")
        .hasMessageContaining("bin/wirewatch reindex");
  }
}
