package dev.wirewatch.indexer.tail;

import dev.wirewatch.schemas.SourceStatus;
import dev.wirewatch.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Each source's latest status, for the sources page: reads the compacted news.source-status topic
 * from the beginning and keeps the newest record per source (a tombstone removes it).
 */
public final class SourceStatusTail extends TopicTail {
  private final Deserializer<SourceStatus> serde;
  private final Map<String, SourceStatus> latest = new ConcurrentHashMap<>();

  public SourceStatusTail(String bootstrapServers, TopicSpec<String, SourceStatus> statuses) {
    super(bootstrapServers, statuses.name(), "wirewatch-source-status-tail");
    this.serde = statuses.valueSerde().deserializer();
  }

  public SourceStatusTail start() {
    startThread();
    return this;
  }

  /** The latest status of every source seen so far, by source id. */
  public List<SourceStatus> snapshot() {
    List<SourceStatus> out = new ArrayList<>(latest.values());
    out.sort(Comparator.comparing(s -> s.getSourceId().toString()));
    return out;
  }

  @Override
  void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    consumer.seekToBeginning(partitions);
  }

  @Override
  void handle(ConsumerRecord<String, byte[]> r) {
    if (r.key() == null) {
      return;
    }
    if (r.value() == null) {
      latest.remove(r.key());
    } else {
      latest.put(r.key(), serde.deserialize(r.topic(), r.value()));
    }
  }
}
