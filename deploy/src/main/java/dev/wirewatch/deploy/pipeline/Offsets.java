package dev.wirewatch.deploy.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

  /**
   * The read-committed end offsets of the topics' partitions when no transaction is open on any of
   * them (the read-committed end equals the high watermark), else empty.
   *
   * <p>A transaction's markers reach its partitions one by one: the consumer offsets it commits can
   * be visible while its output partitions still stop at the transaction's first record. Ends read
   * in that moment would be targets short of what the transaction wrote, so a wait on them would
   * end early; an open transaction makes the caller look again.
   */
  static Optional<Map<TopicPartition, Long>> settledEnds(
      Admin admin, Map<String, Integer> partitionsByTopic) {
    Map<TopicPartition, Long> committed =
        ends(admin, partitionsByTopic, IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, Long> all = ends(admin, partitionsByTopic, IsolationLevel.READ_UNCOMMITTED);
    return committed.equals(all) ? Optional.of(committed) : Optional.empty();
  }

  /** The end offsets of the topics' partitions (topic name to partition count). */
  private static Map<TopicPartition, Long> ends(
      Admin admin, Map<String, Integer> partitionsByTopic, IsolationLevel isolation) {
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
          .listOffsets(request, new ListOffsetsOptions(isolation))
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
