package dev.wirewatch.ingest.poll;

import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.schemas.SourceStatus;
import dev.wirewatch.schemas.TopicSpec;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.LoggerFactory;

/** Publishes source statuses to news.source-status, keyed by source id. */
public final class KafkaStatusSink implements StatusSink, AutoCloseable {
  private final KafkaProducer<String, SourceStatus> producer;
  private final String topic;

  public KafkaStatusSink(String bootstrapServers, TopicSpec<String, SourceStatus> topic) {
    Map<String, Object> props = new HashMap<>(KafkaRawArticleSink.safeDefaults(bootstrapServers));
    props.put("client.id", "wirewatch-source-status");
    this.topic = topic.name();
    this.producer =
        new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  @Override
  public void publish(SourceStatus status) {
    producer.send(
        new ProducerRecord<>(topic, status.getSourceId(), status),
        (m, e) -> {
          if (e != null) {
            // A lost status is stale information, not lost data: log it and go on.
            LoggerFactory.getLogger(KafkaStatusSink.class)
                .warn("cannot publish status of {}: {}", status.getSourceId(), e.toString());
          }
        });
  }

  @Override
  public void close() {
    producer.close();
  }
}
