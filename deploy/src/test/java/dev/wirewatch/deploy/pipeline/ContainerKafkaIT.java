package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.SearchResult;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The pipeline against a real Kafka in a container ({@code apache/kafka}, the image of
 * docker-compose.yml) instead of the embedded broker. Runs where Docker runs; elsewhere JUnit
 * reports it skipped. Everything it checks is also checked on the embedded broker (PipelineIT,
 * CliIT): this only shows that nothing depends on the broker being in-process.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaIT {
  @Container
  static final KafkaContainer KAFKA =
      new KafkaContainer("apache/kafka:4.4.0")
          // one broker: internal topics cannot have more replicas than that
          .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
          .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
          .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");

  @TempDir Path data;

  @Test
  void theSeedArticleGoesThroughAContainerisedBroker() throws Exception {
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    String seed = Files.readString(Path.of("..", "samples", "seed-article-haiti-kenya.txt"));
    try (Pipeline pipeline =
        Pipeline.start(
            KAFKA.getBootstrapServers(),
            data,
            Topics.defaults(),
            processor,
            () -> Watches.NONE,
            (short) 1)) {
      pipeline.importText("seed.txt", seed);
      pipeline.awaitDrained(Duration.ofMinutes(3), p -> {});
      IndexSearcher s = pipeline.searcherManager().acquire();
      try {
        SearchResult r = new ArticleSearcher().search(s, "kenyan police haiti", 10, Highlight.NONE);
        assertThat(r.total()).isEqualTo(1);
        assertThat(r.hits().get(0).topics()).contains("haiti", "kenya", "us-aid");
        assertThat(r.hits().get(0).text()).doesNotContain("Post a Comment");
      } finally {
        pipeline.searcherManager().release(s);
      }
    }
  }
}
