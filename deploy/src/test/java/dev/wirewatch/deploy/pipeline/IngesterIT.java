package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.ingest.poll.PollOutcome;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.ingest.source.IngestSettings;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.Sources;
import dev.wirewatch.schemas.SourceStatus;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.TestBroker;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingester's Kafka side on a real broker: each poll's status lands on news.source-status, and a
 * new ingester (a restart) reads the seen-set back from news.ingest-state and publishes nothing
 * twice — against a server that never answers 304.
 */
class IngesterIT {
  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  @TempDir Path brokerDir;

  @Test
  void statusesAreOnTheirTopicAndARestartedIngesterPublishesNothingTwice() throws Exception {
    String feed =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>One</title><link>https://news.example/one</link><description><![CDATA[<p>"
            + "Kenyan police patrolled Port-au-Prince on Tuesday, officials said. ".repeat(10)
            + "</p>]]></description></item>"
            + "<item><title>Two</title><link>https://news.example/two</link><description><![CDATA[<p>"
            + "Aid from Washington reached the mission on Wednesday, officials said. ".repeat(10)
            + "</p>]]></description></item>"
            + "</channel></rss>";
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body =
              ex.getRequestURI().getPath().equals("/feed.xml")
                  ? feed.getBytes(StandardCharsets.UTF_8)
                  : new byte[0];
          ex.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
    Topics topics = Topics.defaults();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
    Sources sources =
        new Sources(
            new IngestSettings(
                IngestSettings.DEFAULTS.userAgent(),
                Duration.ZERO,
                IngestSettings.DEFAULTS.maxPageBytes(),
                10),
            // The feed's own content is the article here: no linked pages.
            List.of(
                new SourceConfig(
                    "local",
                    url,
                    dev.wirewatch.ingest.source.SourceKind.FEED,
                    SourceConfig.DEFAULT_POLL_INTERVAL,
                    List.of(),
                    "en",
                    false,
                    true)));
    try (TestBroker kafka = TestBroker.start(brokerDir, 0)) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        TopicAdmin.ensureTopics(admin, topics, (short) 1);
      }
      List<PollOutcome> first;
      List<PollOutcome> second;
      io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      try (KafkaRawArticleSink sink =
          new KafkaRawArticleSink(kafka.bootstrapServers(), topics, Map.of())) {
        try (Ingester ingester =
            Ingester.create(kafka.bootstrapServers(), topics, sink, sources, metrics)) {
          first = ingester.pollOnce();
        }
        // A new ingester, as after a restart: its state comes back from news.ingest-state.
        try (Ingester ingester =
            Ingester.create(kafka.bootstrapServers(), topics, sink, sources, metrics)) {
          second = ingester.pollOnce();
        }
        assertThat(sink.published()).isEqualTo(2);
      } finally {
        server.stop(0);
      }
      assertThat(first).containsExactly(new PollOutcome(true, 2, 0, 0, 0, null));
      assertThat(second).containsExactly(new PollOutcome(true, 0, 0, 2, 0, null));
      // The per-source meters behind the ingest service's /metrics agree with the polls.
      String source = sources.sources().get(0).id();
      assertThat(
              metrics
                  .get("wirewatch.ingest.fetches")
                  .tags("source", source, "outcome", "ok")
                  .counter()
                  .count())
          .isEqualTo(2);
      assertThat(
              metrics
                  .get("wirewatch.ingest.fetches")
                  .tags("source", source, "outcome", "error")
                  .counter()
                  .count())
          .isZero();
      assertThat(
              metrics
                  .get("wirewatch.ingest.items")
                  .tags("source", source, "kind", "new")
                  .counter()
                  .count())
          .isEqualTo(2);
      assertThat(
              metrics
                  .get("wirewatch.ingest.items")
                  .tags("source", source, "kind", "unchanged")
                  .counter()
                  .count())
          .isEqualTo(2);
      assertThat(
              metrics
                  .get("wirewatch.ingest.consecutive.failures")
                  .tags("source", source)
                  .gauge()
                  .value())
          .isZero();

      List<SourceStatus> statuses = readAll(kafka.bootstrapServers(), topics);
      assertThat(statuses).hasSize(2);
      assertThat(statuses)
          .allSatisfy(
              s -> {
                assertThat(s.getSourceId()).isEqualTo(sources.sources().get(0).id());
                assertThat(s.getOk()).isTrue();
                assertThat(s.getHttpStatus()).isEqualTo(200);
                assertThat(s.getConsecutiveFailures()).isZero();
              });
      assertThat(statuses.get(0).getNewItems()).isEqualTo(2);
      assertThat(statuses.get(1).getUnchangedItems()).isEqualTo(2);

      // The sources page's view: the newest status per source
      try (dev.wirewatch.indexer.tail.SourceStatusTail tail =
          new dev.wirewatch.indexer.tail.SourceStatusTail(
                  kafka.bootstrapServers(), topics.sourceStatus())
              .start()) {
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(20))
            .until(
                () ->
                    tail.snapshot().size() == 1 && tail.snapshot().get(0).getUnchangedItems() == 2);
        assertThat(tail.snapshot().get(0).getSourceId()).isEqualTo(sources.sources().get(0).id());
      }
    }
  }

  private static List<SourceStatus> readAll(String bootstrap, Topics topics) {
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    List<SourceStatus> out = new ArrayList<>();
    try (KafkaConsumer<String, SourceStatus> consumer =
        new KafkaConsumer<>(
            props,
            topics.sourceStatus().keySerde().deserializer(),
            topics.sourceStatus().valueSerde().deserializer())) {
      TopicPartition tp = new TopicPartition(topics.sourceStatus().name(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }
}
