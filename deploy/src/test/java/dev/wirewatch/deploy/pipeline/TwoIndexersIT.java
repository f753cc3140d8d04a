package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.indexer.IndexerService;
import dev.wirewatch.indexer.Membership;
import dev.wirewatch.indexer.group.GroupDirectory;
import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.TestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two indexer instances in one consumer group on the embedded broker: each serves the shards of the
 * partitions Kafka gave it, learns the other's search URL from the group, and a search on either
 * returns the union — totals, pages, facets, story sizes and story timelines. When one leaves, the
 * other takes its partitions, rebuilds their shards from the topic, and still answers with
 * everything.
 */
class TwoIndexersIT {
  private static final int ARTICLES = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path brokerDir;
  @TempDir Path dirA;
  @TempDir Path dirB;
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

  /**
   * One instance: its shards, its search API (asking the group's other members too), its consumer.
   */
  private final class Instance implements AutoCloseable {
    final ShardedIndex index;
    final GroupDirectory directory = new GroupDirectory();
    final WebServer server;
    final String url;
    final IndexerService indexer;

    Instance(Path dir, Topics topics) {
      index = ShardedIndex.open(dir.resolve("index"));
      String[] self = new String[1];
      server =
          WebApp.builder(SearchScope.withPeers(index.searchers(), () -> directory.peers(self[0])))
              .build("127.0.0.1", 0)
              .start();
      url = "http://127.0.0.1:" + server.port();
      self[0] = url;
      indexer =
          new IndexerService(
              kafka.bootstrapServers(),
              topics,
              index,
              Membership.group("two-indexers", url, directory),
              dev.wirewatch.indexer.IndexerMetrics.none(),
              Clock.systemUTC(),
              100,
              Map.of(
                  ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                  6000,
                  ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                  1000));
      indexer.start();
    }

    Set<TopicPartition> owned() {
      return directory.members().stream()
          .filter(m -> m.endpoint().equals(url))
          .flatMap(m -> m.partitions().stream())
          .collect(java.util.stream.Collectors.toSet());
    }

    JsonNode get(String pathAndQuery) throws Exception {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url + pathAndQuery)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(pathAndQuery + " → " + r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
      server.close();
      indexer.close();
      index.close();
    }
  }

  private static Article article(int i) {
    Instant published = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * i);
    // every tenth article joins one story, whatever partition its id falls on
    String story = i % 10 == 0 ? "story-haiti" : null;
    return Article.newBuilder()
        .setId("a" + i)
        .setSourceId(i % 2 == 0 ? "wire-even" : "wire-odd")
        .setTitle("Mission report " + i)
        .setText("The police mission in Haiti, report number " + i + ".")
        .setLanguage("en")
        .setTopics(List.of(i % 3 == 0 ? "haiti" : "kenya"))
        .setPlaces(List.of())
        .setStoryId(story)
        .setPublishedAt(published)
        .setIngestedAt(published)
        .setProcessedAt(published)
        .build();
  }

  @Test
  void twoInstancesSplitThePartitionsAndEitherAnswersForAll() throws Exception {
    Topics topics = Topics.defaults();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, topics, (short) 1);
    }
    AvroSerde<Article> serde = AvroSerde.article();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < ARTICLES; i++) {
        producer.send(
            new ProducerRecord<>(topics.articles().name(), "a" + i, serde.encode(article(i))));
      }
      producer.flush();
    }
    Set<TopicPartition> all = new HashSet<>();
    for (int p = 0; p < topics.articles().partitions(); p++) {
      all.add(new TopicPartition(topics.articles().name(), p));
    }
    all.add(new TopicPartition(topics.dlq().name(), 0));

    Instance b;
    try (Instance a = new Instance(dirA, topics)) {
      b = new Instance(dirB, topics);
      try {
        // Kafka splits the partitions; each instance knows the whole map from the group.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    a.directory.members().size() == 2
                        && b.directory.members().size() == 2
                        && !a.owned().isEmpty()
                        && !b.owned().isEmpty()
                        && a.indexer.committedOffsets().keySet().equals(a.owned())
                        && b.indexer.committedOffsets().keySet().equals(b.owned()));
        assertThat(a.owned()).doesNotContainAnyElementsOf(b.owned());
        Set<TopicPartition> union = new HashSet<>(a.owned());
        union.addAll(b.owned());
        assertThat(union).isEqualTo(all);
        assertThat(b.directory.peers(b.url)).containsExactly(a.url);

        // Each holds only its own partitions' articles…
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    a.get("/api/search?q=police&local=true").path("total").asLong()
                            + b.get("/api/search?q=police&local=true").path("total").asLong()
                        == ARTICLES);
        long onA = a.get("/api/search?q=police&local=true").path("total").asLong();
        assertThat(onA).isBetween(1L, ARTICLES - 1L);

        // …and a search on either answers for both.
        for (Instance i : List.of(a, b)) {
          JsonNode r = i.get("/api/search?q=police&sort=newest&size=100&page=2");
          assertThat(r.path("total").asLong()).isEqualTo(ARTICLES);
          assertThat(r.has("partial")).isFalse();
          List<String> ids = new ArrayList<>();
          r.path("hits").forEach(h -> ids.add(h.path("id").asText()));
          // newest first across both instances: page 2 is articles 199 down to 100
          List<String> expected = new ArrayList<>();
          for (int n = ARTICLES - 101; n >= ARTICLES - 200; n--) {
            expected.add("a" + n);
          }
          assertThat(ids).isEqualTo(expected);
          JsonNode topicsFacet = r.path("facets").path("topics");
          assertThat(topicsFacet.path("haiti").asLong()).isEqualTo(100);
          assertThat(topicsFacet.path("kenya").asLong()).isEqualTo(200);
          assertThat(r.path("facets").path("sources").path("wire-even").asLong()).isEqualTo(150);
          // the story's articles lie on both instances: its size counts all of them
          JsonNode storied =
              i.get("/api/search?q=police&topic=haiti&sort=newest&size=10&collapse=story");
          JsonNode first = null;
          for (JsonNode h : storied.path("hits")) {
            if ("story-haiti".equals(h.path("storyId").asText())) {
              first = h;
            }
          }
          assertThat(first).isNotNull();
          assertThat(first.path("storySize").asLong()).isEqualTo(30);
          JsonNode story = i.get("/api/stories/story-haiti");
          assertThat(story.path("size").asInt()).isEqualTo(30);
          assertThat(story.path("articles").get(0).path("id").asText()).isEqualTo("a0");
          assertThat(story.path("articles").get(29).path("id").asText()).isEqualTo("a290");
        }
        // an article held by the other instance is found through this one
        String elsewhere = null;
        for (int n = 0; n < ARTICLES && elsewhere == null; n++) {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(a.url + "/api/articles/a" + n + "?local=true"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 404) {
            elsewhere = "a" + n;
          }
        }
        assertThat(elsewhere).isNotNull();
        assertThat(a.get("/api/articles/" + elsewhere).path("id").asText()).isEqualTo(elsewhere);
        assertThat(a.get("/api/sources").path("sources").toString()).contains("\"articles\":150");
      } finally {
        b.close();
      }
      // B left the group: A takes every partition, restores B's shards from the topic, answers
      // alone.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  a.owned().equals(all)
                      && a.get("/api/search?q=police&local=true").path("total").asLong()
                          == ARTICLES);
      assertThat(a.get("/api/search?q=police").path("total").asLong()).isEqualTo(ARTICLES);
      assertThat(a.indexer.failure()).isNull();
    }
  }
}
