package dev.wirewatch.ingest.publish;

import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.TopicSpec;
import dev.wirewatch.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes raw articles to news.raw with an idempotent producer ({@code acks=all}), keyed by
 * article id so every version of an article lands on the same partition, in order.
 *
 * <p>It remembers the highest offset written per partition so a caller can wait for downstream
 * stages to have consumed everything it published.
 */
public final class KafkaRawArticleSink implements RawArticleSink, AutoCloseable {
  private final Producer<String, RawArticle> producer;
  private final String topic;
  private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final AtomicLong published = new AtomicLong();

  /**
   * @param bootstrapServers Kafka to publish to
   * @param overrides producer settings that replace the safe defaults (used deliberately, e.g. in
   *     benchmarks)
   */
  public KafkaRawArticleSink(
      String bootstrapServers, TopicSpec<String, RawArticle> topic, Map<String, Object> overrides) {
    this.topic = topic.name();
    Map<String, Object> props = new HashMap<>(safeDefaults(bootstrapServers));
    props.putAll(overrides);
    Serializer<String> keys = topic.keySerde().serializer();
    Serializer<RawArticle> values = topic.valueSerde().serializer();
    this.producer = new KafkaProducer<>(props, keys, values);
  }

  /** Settings no caller should have to remember: durable, idempotent, sized for whole pages. */
  public static Map<String, Object> safeDefaults(String bootstrapServers) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "wirewatch-ingest");
    return p;
  }

  @Override
  public void publish(RawArticle article) {
    producer.send(
        new ProducerRecord<>(topic, article.getId(), article),
        (meta, error) -> {
          if (error != null) {
            firstFailure.compareAndSet(null, error);
          } else {
            published.incrementAndGet();
            nextOffsets.merge(
                new TopicPartition(meta.topic(), meta.partition()), meta.offset() + 1, Math::max);
          }
        });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException(
          "could not publish to " + topic + ": " + failure.getMessage(), failure);
    }
  }

  /** For each partition written to, the offset after the last record this sink wrote. */
  public Map<TopicPartition, Long> nextOffsets() {
    return Map.copyOf(nextOffsets);
  }

  /** Records acknowledged by the broker so far. */
  public long published() {
    return published.get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
