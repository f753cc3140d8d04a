package dev.wirewatch.indexer.http;

import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.SourceStatus;
import dev.wirewatch.schemas.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each source's latest status, for the sources page: reads the compacted news.source-status topic
 * from the beginning and keeps the newest record per source, without a consumer group (it commits
 * nothing; every server keeps its own view).
 */
public final class SourceStatusTail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SourceStatusTail.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final AvroSerde<SourceStatus> serde = AvroSerde.sourceStatus();
  private final Map<String, SourceStatus> latest = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  public SourceStatusTail(String bootstrapServers, TopicSpec<String, SourceStatus> statuses) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.topic = statuses.name();
    this.thread = new Thread(this::run, "wirewatch-source-status-tail");
    this.thread.setDaemon(true);
  }

  public SourceStatusTail start() {
    thread.start();
    return this;
  }

  /** The latest status of every source seen so far, by source id. */
  public List<SourceStatus> snapshot() {
    List<SourceStatus> out = new ArrayList<>(latest.values());
    out.sort(Comparator.comparing(s -> s.getSourceId().toString()));
    return out;
  }

  private void run() {
    try {
      List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map((PartitionInfo i) -> new TopicPartition(topic, i.partition()))
          .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() == null) {
            continue;
          }
          if (r.value() == null) {
            latest.remove(r.key()); // a tombstone: the source was removed
            continue;
          }
          try {
            latest.put(r.key(), serde.decode(r.value()));
          } catch (SerializationException e) {
            LOG.warn("source status at {}-{}@{} cannot be read, not shown: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("following {} stopped: {}", topic, e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(10_000);
  }
}
