package dev.wirewatch.indexer;

import dev.wirewatch.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Dead letters the indexer itself makes: records it cannot decode, and their index keys. */
final class DeadLetters {
  private DeadLetters() {}

  static String dlqKey(ConsumerRecord<String, byte[]> r) {
    return "dlq:" + r.topic() + ":" + r.partition() + ":" + r.offset();
  }

  static DeadLetter undecodable(
      ConsumerRecord<String, byte[]> r, SerializationException e, Clock clock) {
    return DeadLetter.newBuilder()
        .setId(r.key())
        .setStage("index")
        .setReason(e.getMessage())
        .setErrorClass(e.getClass().getName())
        .setSourceTopic(r.topic())
        .setSourcePartition(r.partition())
        .setSourceOffset(r.offset())
        .setPayload(ByteBuffer.wrap(r.value()))
        .setFailedAt(clock.instant())
        .build();
  }
}
