package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.testlib.CaughtUp;
import dev.wirewatch.testlib.Eventually;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wirewatch as separate services: {@code demo --broker-only} runs the broker in one JVM, two {@code
 * process} instances (sharing news.raw's partitions), a {@code notify} and an {@code index}
 * instance run in JVMs of their own, and {@code ingest --input} publishes the articles. The index
 * ends with every article exactly once, and searches give the same results as the all-in-one {@code
 * demo} over the same input. Every service stops cleanly on SIGTERM.
 */
class ServicesIT {
  private static final Path SEED = Path.of("..", "samples", "seed-article-haiti-kenya.txt");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GENERATED = 240;

  @TempDir Path work;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Process p : children) {
      p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Process start(String name, String... args) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wirewatch.deploy.cli.Main"));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".log").toFile())
            .start();
    children.add(p);
    return p;
  }

  private String waitForLine(String name, Pattern pattern, Process p) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String log =
          Files.exists(work.resolve(name + ".log"))
              ? Files.readString(work.resolve(name + ".log"))
              : "";
      Matcher m = pattern.matcher(log);
      if (m.find()) {
        return m.group(1);
      }
      assertThat(p.isAlive()).as(name + " is running: " + log).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError(name + " never printed " + pattern);
  }

  private static long articles(Path dataDir) throws Exception {
    Run stats = run("stats", "--data-dir", dataDir.toString(), "--json");
    if (stats.code() != 0) {
      return -1;
    }
    return JSON.readTree(stats.out()).path("articles").asLong();
  }

  /** The ids a search finds, and its total. */
  private static TreeSet<String> ids(Path dataDir, String query) throws Exception {
    Run r = run("search", "--data-dir", dataDir.toString(), "--json", "--limit", "250", query);
    assertThat(r.code()).as(r.err()).isZero();
    TreeSet<String> ids = new TreeSet<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        JsonNode hit = JSON.readTree(line);
        ids.add(hit.path("id").asText() + " " + hit.path("topics"));
      }
    }
    return ids;
  }

  @Test
  void separateServicesGiveWhatTheDemoGives() throws Exception {
    // the input: the seed, and generated wire copy
    Path input = work.resolve("wire.jsonl");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < GENERATED; i++) {
      String place = i % 3 == 0 ? "Haiti" : i % 3 == 1 ? "Kenya" : "Brazil";
      jsonl
          .append(
              JSON.writeValueAsString(
                  java.util.Map.of(
                      "id", "wire-" + i,
                      "title", "Report " + i + " from " + place,
                      "body",
                          "Police and officials in "
                              + place
                              + " said on day "
                              + i
                              + " that the mission would continue."
                              + " The report number "
                              + i
                              + " gave details of funding, security and the local response in "
                              + place
                              + ".")))
          .append('\n');
    }
    Files.writeString(input, jsonl, StandardCharsets.UTF_8);

    // a webhook receiver for the notify service
    List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
    com.sun.net.httpserver.HttpServer receiver =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          delivered.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    Path watches = work.resolve("watches.yaml");
    Files.writeString(
        watches,
        """
        targets:
          - {id: receiver, type: webhook, url: 'http://127.0.0.1:%d/hook', secret: test-secret}
        watches:
          - {id: kenya-haiti, query: 'kenya AND haiti', alerts: [new-story], deliver: [receiver]}
        """
            .formatted(receiver.getAddress().getPort()));

    Path brokerDir = work.resolve("broker");
    Process broker = start("broker", "demo", "--broker-only", "--data-dir", brokerDir.toString());
    String bootstrap = waitForLine("broker", Pattern.compile("Kafka broker: (\\S+)"), broker);

    Path indexDir = work.resolve("indexer");
    Process p1 =
        start(
            "process-1",
            "process",
            "--bootstrap-servers",
            bootstrap,
            "--data-dir",
            work.resolve("p1").toString(),
            "--watches",
            watches.toString(),
            "--admin-port",
            "0");
    Process p2 =
        start(
            "process-2",
            "process",
            "--bootstrap-servers",
            bootstrap,
            "--data-dir",
            work.resolve("p2").toString(),
            "--watches",
            watches.toString(),
            "--admin-port",
            "0");
    Process notify =
        start(
            "notify",
            "notify",
            "--bootstrap-servers",
            bootstrap,
            "--data-dir",
            work.resolve("n").toString(),
            "--watches",
            watches.toString(),
            "--admin-port",
            "0");
    String notifyAdmin =
        waitForLine("notify", Pattern.compile("Admin: (\\S+)/health/ready"), notify);
    Process indexer =
        start(
            "index",
            "index",
            "--bootstrap-servers",
            bootstrap,
            "--data-dir",
            indexDir.toString(),
            "--port",
            "0");
    String admin1 = waitForLine("process-1", Pattern.compile("Admin: (\\S+)/health/ready"), p1);
    String admin2 = waitForLine("process-2", Pattern.compile("Admin: (\\S+)/health/ready"), p2);
    String api = waitForLine("index", Pattern.compile("Search API: (\\S+)/api/search"), indexer);

    Run ingest =
        run(
            "ingest",
            "--bootstrap-servers",
            bootstrap,
            "--data-dir",
            work.resolve("ingest").toString(),
            "--input",
            SEED.toString(),
            "--input",
            input.toString());
    assertThat(ingest.code()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("Published " + (GENERATED + 1) + " articles");

    long expected = GENERATED + 1;
    Eventually.until(
        "every article indexed",
        Duration.ofSeconds(120),
        () -> {
          assertThat(p1.isAlive() && p2.isAlive() && indexer.isAlive())
              .as("the services are running")
              .isTrue();
          return articles(indexDir) >= expected;
        });
    // The end condition: both processors consumed news.raw and the story hop to the end with no
    // transaction open, and the indexer's committed positions are at the end of what they wrote —
    // anything extra (a duplicate) would be in the index now.
    Eventually.until(
        "the processors and the indexer consumed everything",
        Duration.ofSeconds(120),
        () -> {
          boolean processed =
              CaughtUp.of(
                      bootstrap,
                      dev.wirewatch.processor.ProcessorService.DEFAULT_APPLICATION_ID,
                      java.util.List.of(
                          dev.wirewatch.schemas.Topics.RAW,
                          dev.wirewatch.processor.ProcessorService.STORIES_REPARTITION_TOPIC),
                      java.util.List.of(
                          dev.wirewatch.schemas.Topics.ARTICLES, dev.wirewatch.schemas.Topics.DLQ))
                  .done();
          var indexed =
              dev.wirewatch.indexer.store.ShardedIndex.committedOffsets(indexDir.resolve("index"));
          return processed
              && CaughtUp.remaining(bootstrap, dev.wirewatch.schemas.Topics.ARTICLES, indexed) == 0
              && CaughtUp.remaining(bootstrap, dev.wirewatch.schemas.Topics.DLQ, indexed) == 0;
        });
    assertThat(articles(indexDir)).isEqualTo(expected);
    assertThat(run("stats", "--data-dir", indexDir.toString(), "--json").out())
        .contains("\"dlq\":0");
    // both processors took part: Kafka Streams gave each some of news.raw's partitions
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            java.util.Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap))) {
      var group =
          admin
              .describeConsumerGroups(
                  List.of(dev.wirewatch.processor.ProcessorService.DEFAULT_APPLICATION_ID))
              .all()
              .get()
              .get(dev.wirewatch.processor.ProcessorService.DEFAULT_APPLICATION_ID);
      assertThat(group.members()).hasSize(2);
      assertThat(group.members())
          .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
    }
    assertThat(
            Files.readString(work.resolve("process-1.log"))
                + Files.readString(work.resolve("process-2.log")))
        .doesNotContain("ERROR");
    JsonNode live =
        JSON.readTree(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(api + "/api/search?q=kenya&sort=newest"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(live.path("total").asLong()).isGreaterThan(GENERATED / 3);
    // the processors' health and metrics: both ready, Kafka Streams' metrics exported, every record
    // counted
    var adminClient = java.net.http.HttpClient.newHttpClient();
    double handled = 0;
    double timedTotal = 0;
    for (String admin : List.of(admin1, admin2)) {
      assertThat(
              adminClient
                  .send(
                      java.net.http.HttpRequest.newBuilder(
                              java.net.URI.create(admin + "/health/ready"))
                          .build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      String scrape =
          adminClient
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(scrape).contains("kafka_stream_");
      Matcher m =
          Pattern.compile("(?m)^wirewatch_processor_records_total(?:\\{[^}]*\\})? (\\S+)$")
              .matcher(scrape);
      assertThat(m.find()).as(scrape).isTrue();
      handled += Double.parseDouble(m.group(1));
      Matcher timed =
          Pattern.compile("(?m)^wirewatch_processor_process_seconds_count(?:\\{[^}]*\\})? (\\S+)$")
              .matcher(scrape);
      assertThat(timed.find()).as(scrape).isTrue();
      timedTotal += Double.parseDouble(timed.group(1));
      assertThat(scrape).contains("wirewatch_processor_process_seconds_bucket");
    }
    assertThat(handled).isGreaterThanOrEqualTo(expected);
    assertThat(timedTotal).as("processing-latency observations").isGreaterThanOrEqualTo(expected);
    // the indexer service's own health and metrics
    var client = java.net.http.HttpClient.newHttpClient();
    assertThat(
            client
                .send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/health/ready"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    String metrics =
        client
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .containsPattern(
            "(?m)^wirewatch_indexer_articles_total(\\{[^}]*\\})? " + expected + "\\.0$");

    // the seed is a new story for the watch: one alert, delivered once by the notify service
    Eventually.until("the alert delivered", Duration.ofSeconds(30), () -> !delivered.isEmpty());
    // The end condition: the notify service consumed every alert (it delivers before it commits)
    CaughtUp.await(
        "the notify service consumed every alert",
        Duration.ofSeconds(60),
        bootstrap,
        dev.wirewatch.notify.Notifier.GROUP,
        java.util.List.of(dev.wirewatch.schemas.Topics.ALERTS),
        java.util.List.of(dev.wirewatch.schemas.Topics.ALERTS));
    receiver.stop(0);
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0)).contains("kenya-haiti").contains("new-story");
    // and the notify service's own admin port says so
    var notifyHttp = java.net.http.HttpClient.newHttpClient();
    assertThat(
            notifyHttp
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(notifyAdmin + "/health/ready"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    assertThat(
            notifyHttp
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(notifyAdmin + "/metrics"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body())
        .containsPattern(
            "(?m)^wirewatch_notifier_deliveries_total\\{outcome=\"delivered\"\\} 1\\.0$");

    // the same input through the all-in-one demo
    Path demoDir = work.resolve("demo");
    Run demo =
        run(
            "demo",
            "--no-serve",
            "--data-dir",
            demoDir.toString(),
            "--input",
            SEED.toString(),
            "--input",
            input.toString());
    assertThat(demo.code()).as(demo.err()).isZero();
    // every input indexed (said first, so that a shortfall below reads as the demo's, not search's)
    assertThat(demo.out()).as(demo.err()).contains("Indexed " + (GENERATED + 1) + " articles");
    for (String q :
        List.of("kenya", "haiti police", "\"mission would continue\"", "funding AND brazil")) {
      TreeSet<String> services = ids(indexDir, q);
      assertThat(services).as(q).isNotEmpty().isEqualTo(ids(demoDir, q));
    }
    assertThat(live.path("total").asLong()).isEqualTo(ids(demoDir, "kenya").size());

    // every service stops cleanly on SIGTERM
    for (Process p : List.of(p1, p2, notify, indexer, broker)) {
      p.destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isIn(0, 143);
    }
  }
}
