package dev.wirewatch.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic: its name, the serdes of its keys and values, and the settings it is created
 * with.
 *
 * @param name topic name
 * @param partitions partition count used when the topic is created
 * @param configs topic-level configs used when the topic is created (e.g. {@code cleanup.policy})
 * @param keySerde serde of record keys
 * @param valueSerde serde of record values
 * @param valueSchema the Avro schema values are written with, or null when values are not Avro
 *     records (then nothing is registered for the topic)
 * @param <K> key type
 * @param <V> value type
 */
public record TopicSpec<K, V>(
    String name,
    int partitions,
    Map<String, String> configs,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    Schema valueSchema) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "partitions of topic " + name + " must be at least 1, got " + partitions);
    }
    configs = Map.copyOf(configs);
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }
}
