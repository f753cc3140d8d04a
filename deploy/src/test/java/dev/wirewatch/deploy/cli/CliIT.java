package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.indexer.store.ShardReaders;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CommittedRecords;
import dev.wirewatch.testlib.TestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's commands, run as a user runs them (in-process), on the embedded broker. */
class CliIT {
  private static final Path SEED = Path.of("..", "samples", "seed-article-haiti-kenya.txt");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void demoTwiceThenSearchAndStats() throws Exception {
    String dir = data.toString();
    Run first = run("demo", "--no-serve", "--data-dir", dir, "--input", SEED.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("Indexed 1 article (0 to the DLQ, 0 inputs skipped)");

    Run search = run("search", "--data-dir", dir, "--json", "kenyan police haiti");
    assertThat(search.code()).as(search.err()).isZero();
    String[] lines = search.out().strip().split("\n");
    assertThat(lines).hasSize(1);
    JsonNode hit = JSON.readTree(lines[0]);
    assertThat(hit.get("title").asText()).isEqualTo("William Ruto and Joe Biden");
    assertThat(hit.get("topics"))
        .extracting(JsonNode::asText)
        .containsExactly("haiti", "kenya", "us-aid");
    assertThat(hit.get("snippet").asText()).contains("<mark>");
    assertThat(hit.get("score").asDouble()).isPositive();
    String text = hit.get("text").asText();
    assertThat(text).contains("Multinational Security Support Mission", "Ksh28.7 billion");
    assertThat(text).doesNotContain("Post a Comment", "Previous Post", "Adblocker", "bana.co.ke");

    Run again = run("demo", "--no-serve", "--data-dir", dir, "--input", SEED.toString());
    assertThat(again.code()).as(again.err()).isZero();
    Run stats = run("stats", "--data-dir", dir, "--json");
    assertThat(JSON.readTree(stats.out()))
        .isEqualTo(
            JSON.readTree(
                "{\"articles\":1,\"dlq\":0,\"topics\":{\"haiti\":1,\"kenya\":1,\"us-aid\":1}}"));

    // the API's filters and sort, from the command line
    Run filtered =
        run(
            "search",
            "--data-dir",
            dir,
            "--json",
            "--sort",
            "newest",
            "--topic",
            "haiti",
            "--place",
            "HT",
            "--collapse",
            "police");
    assertThat(filtered.code()).as(filtered.err()).isZero();
    assertThat(filtered.out().strip().split("\n")).hasSize(1);
    assertThat(JSON.readTree(filtered.out()).get("storySize").asLong()).isEqualTo(1);
    Run otherTopic = run("search", "--data-dir", dir, "--topic", "no-such-topic", "police");
    assertThat(otherTopic.code()).as(otherTopic.err()).isZero();
    assertThat(otherTopic.out().strip()).isEqualTo("0 of 0 matching articles");
    // the seed file carries no date: no date range holds it
    Run dated = run("search", "--data-dir", dir, "--from", "1990-01-01");
    assertThat(dated.out().strip()).isEqualTo("0 of 0 matching articles");
    Run all = run("search", "--data-dir", dir, "--collapse");
    assertThat(all.out().strip()).endsWith("1 of 1 story (1 matching article)");
    Run badDate = run("search", "--data-dir", dir, "--from", "last tuesday", "kenya");
    assertThat(badDate.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badDate.err()).contains("--from must be a date").doesNotContain("Exception");
    Run badSort = run("search", "--data-dir", dir, "--sort", "oldest", "kenya");
    assertThat(badSort.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badSort.err()).contains("--sort must be relevance or newest, got 'oldest'");

    Run bad = run("search", "--data-dir", dir, "kenya AND");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err().strip())
        .startsWith("wirewatch search: invalid query: nothing after 'AND' at the end")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  /**
   * The acceptance: the seed and another outlet's report of the same event, in other words,
   * are one story of two articles and raise one new-story alert for the shipped watch.
   */
  @Test
  void theSeedAndAnotherReportOfTheSameEventAreOneStoryWithOneAlert(@TempDir Path brokerDir)
      throws Exception {
    Path rewrite = Path.of("..", "samples", "kenya-haiti-us-troops.txt");
    try (TestBroker kafka = TestBroker.start(brokerDir)) {
      Run r =
          run(
              "demo",
              "--no-serve",
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--data-dir",
              data.toString(),
              "--input",
              SEED.toString(),
              "--input",
              rewrite.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("Indexed 2 articles (0 to the DLQ, 0 inputs skipped)");
      List<Alert> alerts =
          CommittedRecords.values(kafka.bootstrapServers(), Topics.ALERTS).stream()
              .map(v -> AvroSerde.alert().decode(v))
              .toList();
      assertThat(alerts)
          .extracting(Alert::getWatchId, Alert::getKind)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("kenya-haiti", "new-story"));
      String story = alerts.get(0).getStoryId();
      try (ShardReaders index = ShardReaders.open(data.resolve("index"));
          WebServer web =
              WebApp.builder(SearchScope.single(index.searchers())).build("127.0.0.1", 0).start()) {
        HttpResponse<String> page =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + web.port() + "/api/stories/" + story))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.get("size").asInt()).as(page.body()).isEqualTo(2);
        assertThat(body.get("articles"))
            .extracting(a -> a.get("title").asText())
            .containsExactly(
                "William Ruto and Joe Biden",
                "Washington rules out US troops for Haiti, presses for Kenyan police deployment");
      }
    }
  }

  @Test
  void unreadableInputIsReportedAndTheRestIndexed() throws Exception {
    Run r =
        run(
            "demo",
            "--no-serve",
            "--data-dir",
            data.toString(),
            "--input",
            SEED.toString(),
            "--input",
            data.resolve("missing.txt").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("skipped " + data.resolve("missing.txt") + ": no such file");
    assertThat(r.out()).contains("Indexed 1 article (0 to the DLQ, 1 input skipped)");
  }

  @Test
  void extractReadsPlainAndGzippedPagesAsTheProcessorDoes() throws Exception {
    String page =
        "<html lang=\"en\"><head><title>Kenyan police land in Haiti | Example</title></head><body>"
            + "<nav><a href=\"/\">Home</a></nav><article><p>"
            + "Kenyan officers arrived in Port-au-Prince on Tuesday, police said. ".repeat(5)
            + "</p></article><footer>Copyright Example</footer></body></html>";
    java.nio.file.Path plain = java.nio.file.Files.writeString(data.resolve("page.html"), page);
    java.nio.file.Path gz = data.resolve("page.html.gz");
    try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
      out.write(page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Run r =
        run(
            "extract",
            "--json",
            plain.toString(),
            gz.toString(),
            data.resolve("missing.html").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err().strip())
        .isEqualTo("wirewatch extract: " + data.resolve("missing.html") + ": no such file");
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode o = JSON.readTree(line);
      assertThat(o.get("title").asText()).isEqualTo("Kenyan police land in Haiti");
      assertThat(o.get("language").asText()).isEqualTo("en");
      assertThat(o.get("text").asText())
          .startsWith("Kenyan officers arrived")
          .doesNotContain("Home", "Copyright");
    }
  }

  @Test
  void searchWithoutAnIndexSaysWhatToDo() {
    Run r = run("search", "--data-dir", data.resolve("nothing").toString(), "kenya");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err().strip())
        .isEqualTo(
            "wirewatch search: no index in "
                + data.resolve("nothing")
                + ": run 'bin/wirewatch demo --data-dir "
                + data.resolve("nothing")
                + "' first");
  }

  @Test
  void tagPrintsTopicsAndPlacesPerLineAndNamesBadLines() throws Exception {
    Path file = data.resolve("articles.jsonl");
    java.nio.file.Files.write(
        file,
        java.util.List.of(
            "{\"id\": \"k1\", \"title\": \"KENYAN MINISTER FORECASTS EXPANSION\", \"dateline\": \"NAIROBI, April 1 -\","
                + " \"body\": \"Kenya's economy will grow, the finance minister said.\", \"topics\": [\"ignored\"]}",
            "{broken",
            "{\"id\": \"h1\", \"title\": \"Police mission\", \"body\": \"PORT-AU-PRINCE, Haiti (AP) - Haitian police met the mission on Tuesday.\"}",
            "{\"id\": \"f1\", \"title\": \"Des policiers kényans arrivent à Port-au-Prince\", \"body\": \"Le premier contingent kényan est arrivé en Haïti ; les États-Unis versent une aide de 300 millions de dollars à la mission.\"}"));
    Run r = run("tag", "--json", file.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("articles.jsonl:2: not valid JSON");
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(3);
    JsonNode k = JSON.readTree(lines[0]);
    assertThat(k.path("id").asText()).isEqualTo("k1");
    assertThat(k.path("language").asText()).isEqualTo("en");
    assertThat(k.path("topics").toString()).isEqualTo("[\"kenya\"]");
    assertThat(k.path("places").toString()).isEqualTo("[\"KE\"]");
    JsonNode h = JSON.readTree(lines[1]);
    assertThat(h.path("topics").toString()).isEqualTo("[\"haiti\"]");
    assertThat(h.path("places").toString()).isEqualTo("[\"HT\"]");
    // The French report: Kenya by its demonym and Port-au-Prince, US aid in French.
    JsonNode f = JSON.readTree(lines[2]);
    assertThat(f.path("language").asText()).isEqualTo("fr");
    assertThat(f.path("topics").toString()).isEqualTo("[\"haiti\",\"kenya\",\"us-aid\"]");
  }

  @Test
  void serveAnswersTheSearchApiOverADataDirectory() throws Exception {
    assertThat(
            run("demo", "--no-serve", "--data-dir", data.toString(), "--input", SEED.toString())
                .code())
        .isZero();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Thread serve =
        new Thread(
            () ->
                Main.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "serve",
                    "--data-dir",
                    data.toString(),
                    "--port",
                    "0"));
    serve.start();
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> out.toString().contains("Search API: http://"));
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(out.toString());
      assertThat(m.find()).as(out.toString()).isTrue();
      java.net.http.HttpResponse<String> r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://127.0.0.1:" + m.group(1) + "/api/search?q=kenya+haiti"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("total").asLong()).isEqualTo(1);
      assertThat(body.path("hits").get(0).path("topics").toString())
          .isEqualTo("[\"haiti\",\"kenya\",\"us-aid\"]");
      assertThat(body.path("facets").path("places").path("HT").asLong()).isEqualTo(1);
    } finally {
      serve.interrupt();
      serve.join(15_000);
    }
    assertThat(serve.isAlive()).isFalse();
    assertThat(run("serve", "--data-dir", data.resolve("empty").toString()).err())
        .contains("no index in");
  }
}
