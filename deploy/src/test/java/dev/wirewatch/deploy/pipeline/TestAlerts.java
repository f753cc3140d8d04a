package dev.wirewatch.deploy.pipeline;

import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Alerts put straight onto news.alerts, for the tests of delivery alone. */
final class TestAlerts {
  private TestAlerts() {}

  /**
   * Publishes {@code count} new-story alerts of the watch {@code desk} ({@code alert-0}, …) and
   * returns their ids.
   */
  static List<String> publish(String bootstrapServers, Topics topics, int count) {
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        Alert a =
            Alert.newBuilder()
                .setId("alert-" + i)
                .setWatchId("desk")
                .setKind("new-story")
                .setStoryId("story-" + i)
                .setArticleId("article-" + i)
                .setTitle("Report " + i)
                .setMatchedAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i))
                .build();
        ids.add(a.getId());
        producer.send(
            new ProducerRecord<>(
                Topics.ALERTS,
                a.getId(),
                topics.alerts().valueSerde().serializer().serialize(Topics.ALERTS, a)));
      }
      producer.flush();
    }
    return ids;
  }
}
