package dev.wirewatch.indexer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.schemas.Article;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search API over HTTP on loopback, over a real Lucene index on disk. */
class WebServerTest {
  @TempDir static Path dir;
  private static ArticleIndex index;
  private static WebServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Article article(
      String id,
      String story,
      String title,
      String text,
      String source,
      String lang,
      String published,
      List<String> topics,
      List<String> places) {
    return Article.newBuilder()
        .setId(id)
        .setSourceId(source)
        .setTitle(title)
        .setText(text)
        .setLanguage(lang)
        .setPublishedAt(Instant.parse(published))
        .setTopics(topics)
        .setPlaces(places)
        .setStoryId(story)
        .setIngestedAt(Instant.parse(published))
        .setProcessedAt(Instant.parse(published))
        .build();
  }

  @BeforeAll
  static void start() throws Exception {
    index = ArticleIndex.open(dir);
    List<Article> all = new ArrayList<>();
    all.add(
        article(
            "k1",
            "s1",
            "Kenyan police land in Haiti",
            "The Kenyan police mission arrived in Port-au-Prince.",
            "wire",
            "en",
            "2026-11-01T10:00:00Z",
            List.of("haiti", "kenya"),
            List.of("HT", "KE")));
    all.add(
        article(
            "k2",
            "s1",
            "Kenyan police arrive in Haiti",
            "The Kenyan police mission arrived in Port-au-Prince on Monday.",
            "blog",
            "en",
            "2026-11-01T12:00:00Z",
            List.of("haiti", "kenya"),
            List.of("HT", "KE")));
    all.add(
        article(
            "k3",
            "s2",
            "Kenya budget",
            "Kenya's parliament passed the budget; police funding rose.",
            "wire",
            "en",
            "2026-11-03T09:00:00Z",
            List.of("kenya"),
            List.of("KE")));
    all.add(
        article(
            "f1",
            "s3",
            "La police kényane en Haïti",
            "La police du Kenya est arrivée en Haïti.",
            "presse",
            "fr",
            "2026-11-02T08:00:00Z",
            List.of("haiti", "kenya"),
            List.of("HT", "KE")));
    all.add(
        article(
            "x1",
            "s4",
            "Hostile <b>title</b>",
            "Kenya <script>alert('x')</script> & <img src=x onerror=alert(1)> police.",
            "wire",
            "en",
            "2026-10-30T08:00:00Z",
            List.of("kenya"),
            List.of("KE")));
    for (Article a : all) {
      index.upsert(a);
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

  record Response(int status, JsonNode body) {}

  private static Response get(String pathAndQuery) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), JSON.readTree(r.body()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void searchReturnsTotalsHitsAndFacets() throws Exception {
    Response r = get("/api/search?q=kenyan+police+haiti");
    assertThat(r.status()).isEqualTo(200);
    // The French "La police kényane en Haïti" too: kényane and kenyan share their French stem,
    // Haïti is haiti in every field. (Read in English, kenyan is Kenya's stem.)
    assertThat(r.body().path("total").asLong()).isEqualTo(3);
    assertThat(r.body().path("hits"))
        .extracting(h -> h.path("id").asText())
        .containsExactlyInAnyOrder("k1", "k2", "f1");
    JsonNode hit = r.body().path("hits").get(0);
    for (JsonNode h : r.body().path("hits")) {
      if (h.path("id").asText().equals("k1")) {
        hit = h;
      }
    }
    assertThat(hit.path("storyId").asText()).isEqualTo("s1");
    assertThat(hit.path("storySize").asLong()).isEqualTo(2);
    assertThat(hit.path("snippet").asText()).contains("<mark>");
    JsonNode facets = r.body().path("facets");
    assertThat(facets.path("topics").path("kenya").asLong()).isEqualTo(3);
    assertThat(facets.path("languages").path("fr").asLong()).isEqualTo(1);
    assertThat(facets.path("sources").path("wire").asLong()).isEqualTo(1);
    assertThat(facets.path("days").path("2026-11-01").asLong()).isEqualTo(2);
  }

  @Test
  void filtersNarrowAndCombine() throws Exception {
    assertThat(get("/api/search?q=police&topic=haiti").body().path("total").asLong()).isEqualTo(3);
    assertThat(get("/api/search?q=police&topic=haiti&lang=fr").body().path("total").asLong())
        .isEqualTo(1);
    assertThat(get("/api/search?q=police&source=wire&source=presse").body().path("total").asLong())
        .isEqualTo(4);
    assertThat(get("/api/search?q=police&place=KE&from=2026-11-02").body().path("total").asLong())
        .isEqualTo(2);
    assertThat(get("/api/search?q=police&to=2026-11-01").body().path("total").asLong())
        .isEqualTo(3);
    // No query: every article, newest first.
    Response all = get("/api/search");
    assertThat(all.body().path("total").asLong()).isEqualTo(5);
    assertThat(all.body().path("hits").get(0).path("id").asText()).isEqualTo("k3");
  }

  @Test
  void sortPagingAndStoryCollapse() throws Exception {
    Response newest = get("/api/search?q=police&sort=newest&size=2");
    assertThat(newest.body().path("hits"))
        .extracting(h -> h.path("id").asText())
        .containsExactly("k3", "f1");
    Response page2 = get("/api/search?q=police&sort=newest&size=2&page=2");
    assertThat(page2.body().path("hits"))
        .extracting(h -> h.path("id").asText())
        .containsExactly("k2", "k1");
    Response collapsed = get("/api/search?q=police&sort=newest&collapse=story&size=10");
    assertThat(collapsed.body().path("total").asLong()).isEqualTo(4); // stories s1..s4
    assertThat(collapsed.body().path("hits"))
        .extracting(h -> h.path("storyId").asText())
        .containsExactly("s2", "s3", "s1", "s4");
    assertThat(collapsed.body().path("hits").get(2).path("id").asText())
        .isEqualTo("k2"); // s1's newest
  }

  @Test
  void articlesAndStories() throws Exception {
    Response a = get("/api/articles/k1");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().path("text").asText()).contains("Port-au-Prince");
    assertThat(get("/api/articles/nope").status()).isEqualTo(404);
    Response s = get("/api/stories/s1");
    assertThat(s.body().path("size").asInt()).isEqualTo(2);
    assertThat(s.body().path("articles"))
        .extracting(h -> h.path("id").asText())
        .containsExactly("k1", "k2");
    assertThat(get("/api/stories/none").status()).isEqualTo(404);
  }

  @Test
  void aQueryOfTenThousandClausesIsAOneLine400NotAHeaderError() throws Exception {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      q.append(i == 0 ? "" : " OR ").append("t").append(i);
    }
    Response r = get("/api/search?q=" + enc(q.toString()));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("error").asText())
        .isEqualTo("query has too many clauses (the limit is 1024)");
  }

  @Test
  void badQueriesAndParametersAre400sWithAMessage() throws Exception {
    Map<String, String> cases =
        Map.of(
            "/api/search?q=" + enc("kenya AND ("),
            "invalid query",
            "/api/search?q=kenya&size=1000",
            "size must be between 1 and 100",
            "/api/search?q=kenya&page=0",
            "page must be at least 1",
            "/api/search?q=kenya&page=9999&size=100",
            "page × size at most 10000",
            "/api/search?q=kenya&sort=oldest",
            "sort must be relevance or newest",
            "/api/search?q=kenya&from=yesterday",
            "from must be a date",
            "/api/search?q=kenya&size=ten",
            "size must be a whole number",
            "/api/search?q=kenya&collapse=source",
            "collapse can only be 'story'",
            "/api/search?q=kenya&from=2026-11-03&to=2026-11-01",
            "is after to");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Response r = get(c.getKey());
      assertThat(r.status()).as(c.getKey()).isEqualTo(400);
      assertThat(r.body().path("error").asText()).as(c.getKey()).contains(c.getValue());
    }
  }

  @Test
  void articleHtmlIsEscapedInSnippetsOnlyMarksAreMarkup() throws Exception {
    JsonNode hit = get("/api/search?q=alert").body().path("hits").get(0);
    String snippet = hit.path("snippet").asText();
    assertThat(snippet)
        .contains("&lt;script&gt;", "<mark>alert</mark>", "&amp;")
        .doesNotContain("<script", "<img");
    assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<");
  }

  @Test
  void aSavedSearchIsAnAtomFeedOfTheNewestMatches() throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + server.port()
                            + "/feeds/search.atom?q=police&topic=kenya&size=3"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/atom+xml");
    com.rometools.rome.feed.synd.SyndFeed feed =
        new com.rometools.rome.io.SyndFeedInput()
            .build(
                new java.io.InputStreamReader(
                    new java.io.ByteArrayInputStream(r.body()), StandardCharsets.UTF_8));
    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getTitle()).isEqualTo("Wirewatch: police");
    assertThat(feed.getEntries())
        .extracting(e -> e.getUri())
        .containsExactly(
            "urn:wirewatch:article:k3", "urn:wirewatch:article:f1", "urn:wirewatch:article:k2");
    // An article without a URL links to its page here, not to JSON; each entry names its source
    assertThat(feed.getEntries().get(0).getLink()).endsWith("/#/article/k3");
    assertThat(feed.getEntries())
        .extracting(e -> e.getAuthor())
        .containsExactly("wire", "presse", "blog");
    // A title with markup stays text: escaped in the XML, read back as written.
    HttpResponse<String> hostile =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/feeds/search.atom?q=alert"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(hostile.body())
        .contains("Hostile &lt;b&gt;title&lt;/b&gt;")
        .doesNotContain("<script");
    assertThat(get("/feeds/search.atom?q=" + enc("kenya AND (")).status()).isEqualTo(400);
  }

  @Test
  void aSearchFeedCollapsedByStoryHasOneEntryPerStory() throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + server.port()
                            + "/feeds/search.atom?q=police&topic=kenya&size=10&collapse=story"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    com.rometools.rome.feed.synd.SyndFeed feed =
        new com.rometools.rome.io.SyndFeedInput()
            .build(
                new java.io.InputStreamReader(
                    new java.io.ByteArrayInputStream(r.body()), StandardCharsets.UTF_8));
    // k1 and k2 are one story: it shows once, by its newest article, and says how big it is.
    assertThat(feed.getEntries())
        .extracting(e -> e.getUri())
        .containsExactly(
            "urn:wirewatch:story:s2",
            "urn:wirewatch:story:s3",
            "urn:wirewatch:story:s1",
            "urn:wirewatch:story:s4");
    com.rometools.rome.feed.synd.SyndEntry s1 = feed.getEntries().get(2);
    assertThat(s1.getTitle()).isEqualTo("Kenyan police arrive in Haiti");
    assertThat(s1.getLink()).endsWith("/#/story/s1");
    assertThat(s1.getDescription().getValue()).startsWith("2 articles");
    assertThat(feed.getEntries().get(0).getDescription().getValue()).startsWith("1 article");
    assertThat(get("/feeds/search.atom?q=police&collapse=site").status()).isEqualTo(400);
  }
}
