package dev.wirewatch.indexer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.schemas.Article;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/export} over HTTP on loopback and a real index: every row of a search larger than its
 * pages, the search's filters and story collapse honoured, CSV that a spreadsheet reads safely, and
 * a bad parameter refused before a byte of rows is written.
 */
class ExportTest {
  private static final int ARTICLES = 620; // more than two of the export's pages of 250
  @TempDir static Path dir;
  private static ArticleIndex index;
  private static WebServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    index = ArticleIndex.open(dir);
    for (int i = 0; i < ARTICLES; i++) {
      index.upsert(
          Article.newBuilder()
              .setId("a" + i)
              .setSourceId(i % 2 == 0 ? "wire" : "blog")
              .setTitle(
                  i == 0 ? "=HYPERLINK(\"http://evil.example\") \"quoted\", title" : "Grain " + i)
              .setText("Grain markets moved in session " + i + ".\nA second line, with a comma.")
              .setLanguage("en")
              .setPublishedAt(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * i))
              .setTopics(List.of())
              .setPlaces(i % 3 == 0 ? List.of("HT", "KE") : List.of())
              .setStoryId("s" + (i / 4)) // stories of four
              .setIngestedAt(Instant.parse("2026-11-02T00:00:00Z"))
              .setProcessedAt(Instant.parse("2026-11-02T00:00:00Z"))
              .build());
    }
    index.commit(Map.of());
    index.refresh();
    server =
        WebApp.builder(SearchScope.single(index.searcherManager())).build("127.0.0.1", 0).start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    index.close();
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyRowOfTheSearchInItsOrder() throws Exception {
    HttpResponse<String> r = get("/api/export?format=jsonl&sort=newest&limit=10000&q=grain");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse(""))
        .startsWith("application/x-ndjson");
    assertThat(r.headers().firstValue("content-disposition").orElse(""))
        .contains("attachment")
        .contains("wirewatch-export.jsonl");
    List<String> lines = r.body().lines().toList();
    assertThat(lines).hasSize(ARTICLES); // every text says "grain": three pages of the search
    Set<String> ids = new HashSet<>();
    Instant last = Instant.MAX;
    for (String line : lines) {
      var o = JSON.readTree(line);
      assertThat(ids.add(o.path("id").asText())).as("no row twice").isTrue();
      Instant at = Instant.parse(o.path("publishedAt").asText());
      assertThat(at).isBeforeOrEqualTo(last);
      last = at;
      assertThat(o.path("text").asText()).contains("\n"); // text exactly as indexed
    }
  }

  @Test
  void theSearchsFiltersLimitAndCollapseHold() throws Exception {
    assertThat(get("/api/export?format=jsonl&place=HT&limit=10000").body().lines())
        .hasSize((ARTICLES + 2) / 3);
    assertThat(get("/api/export?format=jsonl&source=wire&limit=7").body().lines()).hasSize(7);
    assertThat(get("/api/export?format=jsonl").body().lines()).hasSize(ARTICLES); // under 1,000
    List<String> stories =
        get("/api/export?format=jsonl&collapse=story&limit=10000").body().lines().toList();
    assertThat(stories).hasSize(ARTICLES / 4);
    Set<String> storyIds = new HashSet<>();
    for (String line : stories) {
      assertThat(storyIds.add(JSON.readTree(line).path("storyId").asText())).isTrue();
    }
  }

  @Test
  void csvIsQuotedAndDefusesFormulas() throws Exception {
    HttpResponse<String> r = get("/api/export?format=csv&sort=newest&limit=10000");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    String body = r.body();
    assertThat(body)
        .startsWith("id,title,url,source,publishedAt,topics,places,storyId,copyOf,text\r\n");
    // the oldest is last: a0, whose title a spreadsheet would run
    assertThat(body)
        .contains("\"a0\",\"'=HYPERLINK(\"\"http://evil.example\"\") \"\"quoted\"\", title\"")
        .contains("\"HT;KE\"")
        .contains("\"Grain markets moved in session 3.\nA second line, with a comma.\"");
    assertThat(body.split("\r\n")).hasSize(ARTICLES + 1);
  }

  @Test
  void aBadParameterIsA400BeforeAnyRow() throws Exception {
    for (String q :
        List.of(
            "format=xlsx",
            "limit=0",
            "limit=10001",
            "q="
                + java.net.URLEncoder.encode(
                    "grain AND (", java.nio.charset.StandardCharsets.UTF_8),
            "from=yesterday",
            "sort=oldest")) {
      HttpResponse<String> r = get("/api/export?" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("error").asText()).as(q).isNotBlank();
      assertThat(r.body()).doesNotContain("Exception", "\"id\",");
    }
  }
}
