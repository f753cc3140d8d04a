package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.TestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} after a small run: the indexer's counters match what went in (articles, the one
 * dead letter, a latency observation per article), the index gauges its documents, and the search
 * just made is timed; {@code /health/live} and {@code /health/ready} answer.
 */
class MetricsIT {
  private static final int ARTICLES = 25;

  @TempDir Path brokerDir;
  @TempDir Path data;
  @TempDir Path inputs;
  private TestBroker kafka;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startBroker() {
    kafka = TestBroker.start(brokerDir, 0);
  }

  @AfterEach
  void stopBroker() {
    kafka.close();
  }

  private HttpResponse<String> get(WebServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The sum of a metric's samples whose line contains every given fragment (label=value pairs). */
  private static double sample(String scrape, String name, String... fragments) {
    double sum = 0;
    boolean found = false;
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(scrape);
    while (m.find()) {
      String labels = m.group(1) == null ? "" : m.group(1);
      if (List.of(fragments).stream().allMatch(labels::contains)) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    assertThat(found).as(name + " " + List.of(fragments) + " in\n" + scrape).isTrue();
    return sum;
  }

  @Test
  void countersMatchWhatWentIn() throws Exception {
    for (int i = 0; i < ARTICLES; i++) {
      Files.writeString(
          inputs.resolve("report-" + i + ".txt"),
          "Report "
              + i
              + " on the mission\n\n"
              + "Officials said on day "
              + i
              + " that report "
              + i
              + " covered police funding and the mission's progress.");
    }
    Files.writeString(
        inputs.resolve("script-only.html"), "<html><body><script>app()</script></body></html>");
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            data,
            Topics.defaults(),
            processor,
            () -> Watches.NONE,
            (short) 1)) {
      pipeline.importPaths(List.of(inputs));
      pipeline.awaitDrained(Duration.ofMinutes(2), p -> {});
      try (WebServer server =
          WebApp.builder(SearchScope.single(pipeline.searcherManager()))
              .metrics(pipeline.metrics())
              .build("127.0.0.1", 0)
              .start()) {
        assertThat(get(server, "/api/search?q=mission").statusCode()).isEqualTo(200);
        HttpResponse<String> scraped = get(server, "/metrics");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("content-type").orElse(""))
            .startsWith("text/plain");
        String m = scraped.body();
        assertThat(sample(m, "wirewatch_indexer_articles_total")).isEqualTo(ARTICLES);
        assertThat(sample(m, "wirewatch_indexer_dead_letters_total")).isEqualTo(1);
        assertThat(sample(m, "wirewatch_indexer_publish_to_index_seconds_count"))
            .isEqualTo(ARTICLES);
        assertThat(sample(m, "wirewatch_index_documents")).isEqualTo(ARTICLES + 1);
        assertThat(sample(m, "wirewatch_index_size_bytes")).isPositive();
        assertThat(sample(m, "wirewatch_search_seconds_count", "scope=\"all\"")).isEqualTo(1);
        assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
      }
    }
  }
}
