package dev.wirewatch.indexer.tail;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
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
 * Follows one topic for the web server on a thread of its own, without a consumer group: it commits
 * nothing, and every server keeps its own view. Subclasses say where to start and what to do with
 * each record; a record that cannot be decoded is logged and skipped.
 */
abstract class TopicTail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  TopicTail(String bootstrapServers, String topic, String threadName) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  /** Positions the consumer on its assigned partitions before the first poll. */
  abstract void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions);

  /** Handles one record; throws SerializationException when its value cannot be read. */
  abstract void handle(ConsumerRecord<String, byte[]> record);

  void startThread() {
    thread.start();
  }

  private void run() {
    try {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map((PartitionInfo i) -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(parts);
      seek(consumer, parts);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            handle(r);
          } catch (SerializationException e) {
            LOG.warn(
                "record at {}-{}@{} cannot be read, not shown: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                e.getMessage());
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
