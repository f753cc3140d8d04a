package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.deploy.config.WatchesFile;
import dev.wirewatch.indexer.tail.AlertTail;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.alerts.AlertBroadcaster;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.notify.webhook.Signatures;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CaughtUp;
import dev.wirewatch.testlib.TestBroker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts end to end on a real broker: articles in, a signed webhook call out to a receiver on
 * 127.0.0.1 — once per new story, after retries when the receiver fails at first.
 */
class AlertDeliveryIT {
  private static final String SECRET = "test-secret-9f2c";

  @TempDir Path brokerDir;
  @TempDir Path data;
  private TestBroker kafka;
  private HttpServer receiver;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  record Delivery(int status, byte[] body, String signature, String idempotencyKey) {}

  @BeforeEach
  void start() throws Exception {
    kafka = TestBroker.start(brokerDir, 0);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = failFirst.getAndDecrement() > 0 ? 503 : 200;
          deliveries.add(
              new Delivery(
                  status,
                  body,
                  exchange.getRequestHeaders().getFirst(Signatures.HEADER),
                  exchange.getRequestHeaders().getFirst("Idempotency-Key")));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    kafka.close();
  }

  private Watches watches() {
    return WatchesFile.parse(
        """
        targets:
          - {id: receiver, type: webhook, url: 'http://127.0.0.1:%d/hook', secretEnv: HOOK_SECRET}
        watches:
          - {id: kenya-haiti, query: 'kenya AND haiti', alerts: [new-story], deliver: [receiver]}
        """
            .formatted(receiver.getAddress().getPort()),
        "test",
        name -> name.equals("HOOK_SECRET") ? SECRET : null);
  }

  private static ArticleProcessor processor() {
    return ArticleProcessor.standard(TopicsFile.bundled());
  }

  private List<Delivery> succeeded() {
    return deliveries.stream().filter(d -> d.status() == 200).toList();
  }

  @Test
  void oneSignedAlertPerNewStoryEvenWhenTheReceiverFailsAtFirst() throws Exception {
    failFirst.set(2); // the receiver answers 503 twice, then 200
    String seed = Files.readString(Path.of("..", "samples", "seed-article-haiti-kenya.txt"));
    Watches watches = watches();
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            data,
            Topics.defaults(),
            processor(),
            () -> watches,
            (short) 1)) {
      pipeline.importText("seed.txt", seed);
      // The same story from another site: other furniture, the same text.
      pipeline.importText(
          "copy.txt",
          "Kenya and the US on the Haiti mission\n\nShare this story\n\n"
              + seed.substring(seed.indexOf('\n') + 1).replace("Post a Comment", "Leave a reply")
              + "\n\nRelated stories\n");
      pipeline.importText(
          "other.txt",
          "Grain exports rise\n\nGrain exports from the port rose by 200 tonnes this week, traders said.");
      pipeline.awaitDrained(Duration.ofMinutes(2), p -> {});
      await().atMost(Duration.ofSeconds(30)).until(() -> !succeeded().isEmpty());
      // The end condition: the notifier consumed every alert (it delivers before it commits) and
      // no transaction is open on news.alerts — a wrong second alert would have been delivered.
      CaughtUp.await(
          "the notifier consumed every alert",
          Duration.ofMinutes(1),
          kafka.bootstrapServers(),
          dev.wirewatch.notify.Notifier.GROUP,
          List.of(Topics.ALERTS),
          List.of(Topics.ALERTS));
      assertThat(pipeline.notifier().failed()).isZero();
    }
    assertThat(deliveries).extracting(Delivery::status).containsExactly(503, 503, 200);
    Delivery d = succeeded().get(0);
    assertThat(Signatures.verify(SECRET, d.body(), d.signature())).isTrue();
    assertThat(Signatures.verify("another-secret", d.body(), d.signature())).isFalse();
    JsonNode alert = new ObjectMapper().readTree(d.body());
    assertThat(alert.path("watchId").asText()).isEqualTo("kenya-haiti");
    assertThat(alert.path("kind").asText()).isEqualTo("new-story");
    assertThat(alert.path("id").asText()).isEqualTo(d.idempotencyKey());
    // The retries carried the same alert: a receiver drops repeats by the key.
    assertThat(deliveries).extracting(Delivery::idempotencyKey).containsOnly(d.idempotencyKey());
  }

  @Test
  void alertsArriveLiveOnTheServerSentEventStream() throws Exception {
    String seed = Files.readString(Path.of("..", "samples", "seed-article-haiti-kenya.txt"));
    Watches watches =
        WatchesFile.parse(
            """
        targets: [{id: log, type: log}]
        watches: [{id: kenya-haiti, query: 'kenya AND haiti', deliver: [log]}]
        """,
            "test",
            name -> null);
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            data,
            Topics.defaults(),
            processor(),
            () -> watches,
            (short) 1)) {
      AlertBroadcaster broadcaster = new AlertBroadcaster();
      try (AlertTail tail =
              new AlertTail(
                      kafka.bootstrapServers(),
                      Topics.defaults().alerts(),
                      AlertBroadcaster.RECENT,
                      broadcaster::publish)
                  .start();
          WebServer server =
              WebApp.builder(SearchScope.single(pipeline.searcherManager()))
                  .alerts(broadcaster)
                  .build("127.0.0.1", 0)
                  .start()) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream =
            http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + server.port() + "/api/alerts/stream"))
                    .header("Accept", "text/event-stream")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/event-stream");
        java.util.concurrent.CompletableFuture<String> firstAlert =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> stream.body().filter(l -> l.startsWith("data:")).findFirst().orElse(""));
        await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.clients() == 1);
        pipeline.importText("seed.txt", seed);
        String data = firstAlert.get(60, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode alert = new ObjectMapper().readTree(data.substring("data:".length()).strip());
        assertThat(alert.path("watchId").asText()).isEqualTo("kenya-haiti");
        assertThat(alert.path("kind").asText()).isEqualTo("new-story");
        assertThat(alert.path("title").asText()).isEqualTo("William Ruto and Joe Biden");
      }
    }
  }
}
