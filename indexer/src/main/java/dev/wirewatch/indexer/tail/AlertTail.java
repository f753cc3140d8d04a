package dev.wirewatch.indexer.tail;

import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Follows news.alerts for the web, starting some alerts back so a fresh page has something to show
 * (and the alert history its past), handing each alert on (to the live alerts panel's broadcaster
 * and the {@code AlertLog}).
 */
public final class AlertTail extends TopicTail {
  private final Consumer<Alert> sink;
  private final int replay;
  private final Deserializer<Alert> serde;

  /**
   * @param replay how many of the latest alerts of each partition to hand on first
   * @param sink takes each alert
   */
  public AlertTail(
      String bootstrapServers, TopicSpec<String, Alert> alerts, int replay, Consumer<Alert> sink) {
    super(bootstrapServers, alerts.name(), "wirewatch-alert-tail");
    this.sink = sink;
    this.replay = replay;
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
      consumer.seek(tp, Math.max(0, ends.get(tp) - replay));
    }
  }

  @Override
  void handle(ConsumerRecord<String, byte[]> r) {
    sink.accept(serde.deserialize(r.topic(), r.value()));
  }
}
