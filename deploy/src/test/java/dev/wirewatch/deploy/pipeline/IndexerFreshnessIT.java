package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wirewatch.indexer.IndexerMetrics;
import dev.wirewatch.indexer.IndexerService;
import dev.wirewatch.indexer.Membership;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.TestBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Near-real-time visibility: every article the indexer applies becomes searchable through its
 * searchers without waiting for more traffic, even when a commit comes before the next refresh (the
 * commit interval here is shorter than the refresh interval, which once left the last articles of a
 * burst invisible until the next one arrived).
 */
class IndexerFreshnessIT {
  @TempDir Path brokerDir;
  @TempDir Path indexDir;
  private TestBroker kafka;

  @BeforeEach
  void startBroker() {
    kafka = TestBroker.start(brokerDir, 0);
  }

  @AfterEach
  void stopBroker() {
    kafka.close();
  }

  private static Article article(String id) {
    Instant now = Instant.now();
    return Article.newBuilder()
        .setId(id)
        .setSourceId("wire")
        .setTitle("Title " + id)
        .setText("Text of " + id)
        .setLanguage("en")
        .setTopics(List.of())
        .setPlaces(List.of())
        .setIngestedAt(now)
        .setProcessedAt(now)
        .build();
  }

  @Test
  void theLastArticleOfABurstBecomesSearchableWithoutMoreTraffic() throws Exception {
    Topics topics = Topics.defaults();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, topics, (short) 1);
    }
    AvroSerde<Article> serde = AvroSerde.article();
    try (ShardedIndex index = ShardedIndex.open(indexDir);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG,
                    0),
                new StringSerializer(),
                new ByteArraySerializer())) {
      IndexerService indexer =
          new IndexerService(
              kafka.bootstrapServers(),
              topics,
              index,
              Membership.ALL_PARTITIONS,
              IndexerMetrics.none(),
              Clock.systemUTC(),
              10,
              Map.of());
      indexer.start();
      try {
        ReferenceManager<IndexSearcher> searchers = index.searchers();
        for (int round = 0; round < 5; round++) {
          // a burst: the first record triggers a refresh; the rest arrive inside the refresh
          // interval
          for (int i = 0; i < 3; i++) {
            String id = "r" + round + "-" + i;
            producer
                .send(new ProducerRecord<>(topics.articles().name(), id, serde.encode(article(id))))
                .get();
            Thread.sleep(20);
          }
          String last = "r" + round + "-2";
          // Nothing else arrives. The searchers are only ever refreshed by the indexer itself.
          await().atMost(Duration.ofSeconds(5)).until(() -> visible(searchers, last));
        }
        assertThat(indexer.failure()).isNull();
      } finally {
        indexer.close();
      }
    }
  }

  private static boolean visible(ReferenceManager<IndexSearcher> searchers, String id)
      throws Exception {
    IndexSearcher s = searchers.acquire();
    try {
      return s.count(new TermQuery(new Term(IndexFields.ID, id))) == 1;
    } finally {
      searchers.release(s);
    }
  }
}
