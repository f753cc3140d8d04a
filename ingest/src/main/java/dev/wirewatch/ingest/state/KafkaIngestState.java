package dev.wirewatch.ingest.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.schemas.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest state kept on a compacted Kafka topic ({@code news.ingest-state}): read whole at start,
 * written through as it changes. Keys are {@code poll:<sourceId>} and {@code seen:<entryKey>};
 * values are small JSON documents.
 *
 * <p>The seen-set is bounded: beyond {@code maxSeen} entries the oldest is forgotten and a
 * tombstone lets compaction drop it from the topic too. A forgotten entry that reappears in a feed
 * is published again, which downstream upserts absorb.
 */
public final class KafkaIngestState implements IngestState {
  /** Entries remembered by default: months of a few hundred busy feeds. */
  public static final int DEFAULT_MAX_SEEN = 500_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topic;
  private final KafkaProducer<String, String> producer;
  private final int maxSeen;
  private final Map<String, PollState> polls = new HashMap<>();
  private final LinkedHashMap<String, String> seen = new LinkedHashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  record Seen(String h) {}

  public KafkaIngestState(String bootstrapServers, TopicSpec<String, String> topic, int maxSeen) {
    if (maxSeen < 1) {
      throw new IllegalArgumentException("maxSeen must be positive, got " + maxSeen);
    }
    this.topic = topic.name();
    this.maxSeen = maxSeen;
    load(bootstrapServers);
    Map<String, Object> props = new HashMap<>(KafkaRawArticleSink.safeDefaults(bootstrapServers));
    props.put("client.id", "wirewatch-ingest-state");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private void load(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          apply(r.key(), r.value());
        }
      }
    }
  }

  private void apply(String key, String value) {
    if (key == null) {
      return;
    }
    try {
      if (key.startsWith("poll:")) {
        String id = key.substring(5);
        if (value == null) {
          polls.remove(id);
        } else {
          polls.put(id, JSON.readValue(value, PollState.class));
        }
      } else if (key.startsWith("seen:")) {
        String entry = key.substring(5);
        seen.remove(entry);
        if (value != null) {
          seen.put(entry, JSON.readValue(value, Seen.class).h());
        }
      }
    } catch (JsonProcessingException e) {
      // A record this version cannot read is state we do without: at worst an entry is republished.
    }
    trim(false);
  }

  @Override
  public synchronized PollState pollState(String sourceId) {
    return polls.getOrDefault(sourceId, PollState.NEW);
  }

  @Override
  public synchronized void savePollState(String sourceId, PollState state) {
    polls.put(sourceId, state);
    send("poll:" + sourceId, json(state));
  }

  @Override
  public synchronized Optional<String> publishedHash(String entryKey) {
    return Optional.ofNullable(seen.get(entryKey));
  }

  @Override
  public synchronized void markPublished(String entryKey, String contentHash) {
    seen.remove(entryKey); // re-insert: most recently published last
    seen.put(entryKey, contentHash);
    send("seen:" + entryKey, json(new Seen(contentHash)));
    trim(true);
  }

  private void trim(boolean tombstones) {
    while (seen.size() > maxSeen) {
      String eldest = seen.keySet().iterator().next();
      seen.remove(eldest);
      if (tombstones) {
        send("seen:" + eldest, null);
      }
    }
  }

  private void send(String key, String value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (m, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write ingest state", e);
    }
  }

  @Override
  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException(
          "cannot write ingest state to " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
