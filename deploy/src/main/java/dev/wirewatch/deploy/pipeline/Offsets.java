package dev.wirewatch.deploy.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Offsets the pipeline waits on: what a consumer group committed, and read-committed ends. */
final class Offsets {
  private Offsets() {}

  /**
   * Whether the consumer group has committed at least the target offset of every partition with a
   * target above 0 (a group that does not exist yet has not).
   */
  static boolean committedUpTo(Admin admin, String group, Map<TopicPartition, Long> targets) {
    if (targets.values().stream().allMatch(v -> v == 0)) {
      return true;
    }
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return false; // the group may not exist yet; try again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    for (Map.Entry<TopicPartition, Long> t : targets.entrySet()) {
      OffsetAndMetadata c = committed.get(t.getKey());
      if (t.getValue() > 0 && (c == null || c.offset() < t.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The read-committed end offsets of the topics' partitions (topic name to partition count). */
  static Map<TopicPartition, Long> committedEnds(
      Admin admin, Map<String, Integer> partitionsByTopic) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitionsByTopic.forEach(
        (topic, partitions) -> {
          for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
          }
        });
    try {
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot read the end offsets of the output topics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
