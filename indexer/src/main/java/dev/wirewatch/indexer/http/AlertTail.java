package dev.wirewatch.indexer.http;

import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.AlertJson;
import dev.wirewatch.schemas.TopicSpec;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Follows news.alerts for the web, starting a few alerts back so a fresh page has something to
 * show, handing each alert to an {@link AlertBroadcaster} as JSON.
 */
public final class AlertTail extends TopicTail {
  private final AlertBroadcaster broadcaster;
  private final Deserializer<Alert> serde;

  public AlertTail(
      String bootstrapServers, TopicSpec<String, Alert> alerts, AlertBroadcaster broadcaster) {
    super(bootstrapServers, alerts.name(), "wirewatch-alert-tail");
    this.broadcaster = broadcaster;
    this.serde = alerts.valueSerde().deserializer();
  }

  public AlertTail start() {
    startThread();
    return this;
  }

  @Override
  void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      consumer.seek(tp, Math.max(0, ends.get(tp) - AlertBroadcaster.RECENT));
    }
  }

  @Override
  void handle(ConsumerRecord<String, byte[]> r) {
    broadcaster.publish(AlertJson.string(serde.deserialize(r.topic(), r.value())));
  }
}
