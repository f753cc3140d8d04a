package dev.wirewatch.ingest.publish;

import dev.wirewatch.schemas.DeadLetter;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes raw articles to news.raw with an idempotent producer ({@code acks=all}), keyed by
 * article id so every version of an article lands on the same partition, in order.
 *
 * <p>Rejections go to news.dlq through the same producer, as dead letters of stage {@value #STAGE},
 * keyed by where the input came from.
 *
 * <p>It remembers the highest offset written per partition so a caller can wait for downstream
 * stages to have consumed everything it published.
 */
public final class KafkaRawArticleSink implements RawArticleSink, AutoCloseable {
  /** The stage named in the dead letters of rejected inputs. */
  public static final String STAGE = "ingest";

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final String dlqTopic;
  private final Serializer<String> keys;
  private final Serializer<RawArticle> values;
  private final Serializer<DeadLetter> deadLetters;
  private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  /**
   * @param bootstrapServers Kafka to publish to
   * @param overrides producer settings that replace the safe defaults (used deliberately, e.g. in
   *     benchmarks)
   */
  public KafkaRawArticleSink(
      String bootstrapServers, Topics topics, Map<String, Object> overrides) {
    this.topic = topics.raw().name();
    this.dlqTopic = topics.dlq().name();
    Map<String, Object> props = new HashMap<>(safeDefaults(bootstrapServers));
    props.putAll(overrides);
    this.keys = topics.raw().keySerde().serializer();
    this.values = topics.raw().valueSerde().serializer();
    this.deadLetters = topics.dlq().valueSerde().serializer();
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
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
    send(
        new ProducerRecord<>(
            topic, keys.serialize(topic, article.getId()), values.serialize(topic, article)));
  }

  @Override
  public void reject(Rejection r) {
    DeadLetter d =
        DeadLetter.newBuilder()
            .setStage(STAGE)
            .setReason(r.where() + ": " + r.reason())
            .setPayload(r.sample().length == 0 ? null : ByteBuffer.wrap(r.sample()))
            .setFailedAt(Instant.now())
            .build();
    send(
        new ProducerRecord<>(
            dlqTopic, keys.serialize(dlqTopic, r.where()), deadLetters.serialize(dlqTopic, d)));
  }

  private void send(ProducerRecord<byte[], byte[]> record) {
    boolean article = record.topic().equals(topic);
    producer.send(
        record,
        (meta, error) -> {
          if (error != null) {
            firstFailure.compareAndSet(null, error);
          } else if (article) {
            published.incrementAndGet();
            nextOffsets.merge(
                new TopicPartition(meta.topic(), meta.partition()), meta.offset() + 1, Math::max);
          } else {
            rejected.incrementAndGet();
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

  /** Rejections acknowledged by the broker so far (dead letters on news.dlq). */
  public long rejected() {
    return rejected.get();
  }

  /**
   * For each partition of news.raw written to, the offset after the last record this sink wrote.
   */
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
