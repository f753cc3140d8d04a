package dev.wirewatch.indexer.http;

import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.AlertJson;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Follows news.alerts for the web: a consumer without a group (it commits nothing; every server
 * sees every alert), starting a few alerts back so a fresh page has something to show, handing each
 * alert to an {@link AlertBroadcaster} as JSON.
 */
public final class AlertTail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTail.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final AlertBroadcaster broadcaster;
  private final AvroSerde<Alert> serde = AvroSerde.alert();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  public AlertTail(String bootstrapServers, TopicSpec<String, Alert> alerts, AlertBroadcaster broadcaster) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.topic = alerts.name();
    this.broadcaster = broadcaster;
    this.thread = new Thread(this::run, "wirewatch-alert-tail");
    this.thread.setDaemon(true);
  }

  public AlertTail start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map((PartitionInfo i) -> new TopicPartition(topic, i.partition()))
          .toList();
      consumer.assign(parts);
      Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
      for (TopicPartition tp : parts) {
        consumer.seek(tp, Math.max(0, ends.get(tp) - AlertBroadcaster.RECENT));
      }
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            broadcaster.publish(AlertJson.string(serde.decode(r.value())));
          } catch (SerializationException e) {
            LOG.warn("alert at {}-{}@{} cannot be read, not shown: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
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
