package dev.wirewatch.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Wirewatch's topics on a cluster when they are missing; existing topics are left as they
 * are.
 */
public final class TopicAdmin {
  /** Replication factor meaning "the cluster's default". */
  public static final short BROKER_DEFAULT_REPLICATION = -1;

  private TopicAdmin() {}

  /**
   * Connects to the cluster, creates each missing topic as {@link #ensureTopics(Admin, Topics,
   * short)} does, and disconnects.
   */
  public static void ensureTopics(String bootstrapServers, Topics topics, short replicationFactor) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      ensureTopics(admin, topics, replicationFactor);
    }
  }

  /**
   * Creates each missing topic with its spec's partitions and configs.
   *
   * @param replicationFactor replicas per partition: 1 on a single broker, or {@link
   *     #BROKER_DEFAULT_REPLICATION} for the cluster's {@code default.replication.factor}
   * @throws IllegalStateException when the cluster cannot be reached or refuses a topic
   */
  public static void ensureTopics(Admin admin, Topics topics, short replicationFactor) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec<?, ?> t : topics.all()) {
        if (!existing.contains(t.name())) {
          Optional<Short> rf =
              replicationFactor == BROKER_DEFAULT_REPLICATION
                  ? Optional.empty()
                  : Optional.of(replicationFactor);
          missing.add(new NewTopic(t.name(), Optional.of(t.partitions()), rf).configs(t.configs()));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot create topics: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within 30 s while creating topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Waits until every partition of new topics has a leader. A producer that writes to a partition
   * whose leader the broker has not taken up yet gets NOT_LEADER_OR_FOLLOWER, and its idempotent
   * retry can then meet OUT_OF_ORDER_SEQUENCE_NUMBER forever (seen on the embedded broker: the
   * producer stalled until its batches expired). The metadata naming a leader is not enough: the
   * broker takes the leadership up a moment later, so each leader must also answer a request that
   * only a serving leader answers (ListOffsets) before anyone produces.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      boolean ready = true;
      try {
        for (var d :
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
          for (var p : d.partitions()) {
            ready &= p.leader() != null && !p.leader().isEmpty();
          }
        }
      } catch (ExecutionException e) {
        if (!(e.getCause()
            instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
          throw e;
        }
        ready = false; // created but not yet in this broker's metadata
      }
      if (ready) {
        ready = leadersAnswer(admin, names);
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "partitions of " + names + " have no leader serving them after 30 s");
      }
      Thread.sleep(50);
    }
  }

  /** Whether every partition's leader answers ListOffsets: it has taken the leadership up. */
  private static boolean leadersAnswer(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
        specs = new java.util.HashMap<>();
    for (var d : admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
      for (var p : d.partitions()) {
        specs.put(
            new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
            org.apache.kafka.clients.admin.OffsetSpec.latest());
      }
    }
    try {
      admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) {
        return false; // not leader yet, leader not available, unknown partition: ask again
      }
      throw e;
    }
  }
}
