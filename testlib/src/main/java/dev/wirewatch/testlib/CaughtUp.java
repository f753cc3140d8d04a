package dev.wirewatch.testlib;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The positive end condition of the fault tests: a consumer group has consumed everything, and no
 * transaction is open on the topics it writes. Only then is "no duplicate appeared" a statement
 * about the pipeline rather than about how long the test waited.
 *
 * <p>"Consumed" is exact, not a lag estimate: the records a read_committed consumer would still get
 * after the group's committed offsets are read and counted (transaction markers take offsets, so
 * committed and end offsets may differ by markers alone).
 */
public final class CaughtUp {
  private CaughtUp() {}

  /**
   * What is left for {@code group}: for each of {@code inputs}, the committed records after the
   * group's committed offsets (all of them where it committed none); and for each of {@code
   * outputs}, whether a transaction is open (its last stable offset short of its end).
   */
  public record State(Map<String, Long> unconsumed, Map<String, Boolean> openTransactions) {
    /** Nothing unconsumed, nothing open. */
    public boolean done() {
      return unconsumed.values().stream().allMatch(n -> n == 0)
          && openTransactions.values().stream().noneMatch(b -> b);
    }
  }

  /**
   * Waits until {@link #of} says {@link State#done()}: the positive end condition after which a
   * fault test may say that nothing more will appear.
   */
  public static void await(
      String what,
      Duration atMost,
      String bootstrapServers,
      String group,
      List<String> inputs,
      List<String> outputs) {
    Eventually.until(what, atMost, () -> of(bootstrapServers, group, inputs, outputs).done());
  }

  /** The group's state as of now. */
  public static State of(
      String bootstrapServers, String group, List<String> inputs, List<String> outputs) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> positions = new HashMap<>();
      committed.forEach((tp, o) -> positions.put(tp, o.offset()));
      Map<String, Long> unconsumed = new HashMap<>();
      for (String topic : inputs) {
        unconsumed.put(topic, remaining(bootstrapServers, topic, positions));
      }
      Map<String, Boolean> open = new HashMap<>();
      for (String topic : outputs) {
        open.put(topic, hasOpenTransaction(admin, topic));
      }
      return new State(unconsumed, open);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the state of group " + group, e.getCause());
    }
  }

  /**
   * Committed records of {@code topic} at or after the given positions (from the start of a
   * partition without one): what a consumer at those positions has yet to read — for a consumer
   * that keeps its positions elsewhere, as the indexer keeps them in its index.
   */
  public static long remaining(
      String bootstrapServers, String topic, Map<TopicPartition, Long> positions) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      c.assign(tps);
      for (TopicPartition tp : tps) {
        Long at = positions.get(tp);
        if (at == null) {
          c.seekToBeginning(List.of(tp));
        } else {
          c.seek(tp, at);
        }
      }
      Map<TopicPartition, Long> ends = c.endOffsets(tps);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + topic + " to its end in 30 s");
        }
        count += c.poll(Duration.ofMillis(200)).count();
      }
    }
    return count;
  }

  private static boolean hasOpenTransaction(Admin admin, String topic)
      throws InterruptedException, ExecutionException {
    List<TopicPartition> tps =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    ListOffsetsResult stable =
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
    ListOffsetsResult end =
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED));
    for (TopicPartition tp : tps) {
      if (stable.partitionResult(tp).get().offset() < end.partitionResult(tp).get().offset()) {
        return true;
      }
    }
    return false;
  }
}
