package dev.wirewatch.indexer.web.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.schemas.Alert;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What fired: the alert history's API and a watch's Atom feed, over real HTTP on loopback. */
class AlertHistoryTest {
  @TempDir static Path dir;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ArticleIndex index;
  private static WebServer server;

  private static Alert alert(String id, String watch, String at, String title) {
    return Alert.newBuilder()
        .setId(id)
        .setWatchId(watch)
        .setKind("new-story")
        .setStoryId("story-" + id)
        .setArticleId("article-" + id)
        .setTitle(title)
        .setTopics(List.of("kenya"))
        .setDetail("first article of a story matching " + watch)
        .setMatchedAt(Instant.parse(at))
        .build();
  }

  @BeforeAll
  static void start() throws Exception {
    AlertLog log = new AlertLog();
    log.add(alert("a1", "zanzibar", "2026-11-30T08:00:00Z", "First"));
    log.add(alert("a3", "zanzibar", "2026-11-30T10:00:00Z", "Third <script>x</script>"));
    log.add(alert("a2", "zanzibar", "2026-11-30T09:00:00Z", "Second"));
    log.add(alert("a2", "zanzibar", "2026-11-30T09:00:00Z", "Second")); // read twice: kept once
    log.add(alert("b1", "kenya-haiti", "2026-11-30T11:00:00Z", "Other watch"));
    index = ArticleIndex.open(dir);
    server =
        WebApp.builder(SearchScope.single(index.searcherManager()))
            .alertHistory(log)
            .build("127.0.0.1", 0)
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    index.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> ids(JsonNode body) {
    return body.path("alerts").findValuesAsText("id");
  }

  @Test
  void aWatchsAlertsNewestFirstAndLimited() throws Exception {
    HttpResponse<String> r = get("/api/alerts?watch=zanzibar&limit=2");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(ids(body)).containsExactly("a3", "a2");
    assertThat(body.path("alerts").get(0).path("title").asText())
        .isEqualTo("Third <script>x</script>");
    assertThat(ids(JSON.readTree(get("/api/alerts?watch=zanzibar").body())))
        .containsExactly("a3", "a2", "a1");
    assertThat(ids(JSON.readTree(get("/api/alerts").body())))
        .containsExactly("b1", "a3", "a2", "a1");
    assertThat(ids(JSON.readTree(get("/api/alerts?watch=nobody").body()))).isEmpty();
  }

  @Test
  void aBadLimitIsAOneLineError() throws Exception {
    for (String limit : List.of("0", "501", "ten", "99999999999")) {
      HttpResponse<String> r = get("/api/alerts?watch=zanzibar&limit=" + limit);
      assertThat(r.statusCode()).as(limit).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("error").asText()).contains("limit");
      assertThat(r.body()).doesNotContain("\tat ", "Exception");
    }
  }

  @Test
  void aWatchIsAnAtomFeed() throws Exception {
    HttpResponse<String> r = get("/feeds/watches/zanzibar.atom");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/atom+xml");
    SyndFeed feed = new SyndFeedInput().build(new StringReader(r.body()));
    assertThat(feed.getEntries())
        .extracting(SyndEntry::getUri)
        .containsExactly(
            "urn:wirewatch:alert:a3", "urn:wirewatch:alert:a2", "urn:wirewatch:alert:a1");
    assertThat(feed.getEntries().get(0).getTitle())
        .isEqualTo("Third <script>x</script> [new-story]");
    assertThat(feed.getEntries().get(0).getLink()).endsWith("/#/story/story-a3");
    assertThat(get("/feeds/watches/zanzibar.xml").statusCode()).isEqualTo(400);
  }
}
