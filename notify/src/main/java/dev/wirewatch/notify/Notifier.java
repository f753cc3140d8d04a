package dev.wirewatch.notify;

import dev.wirewatch.notify.email.EmailSender;
import dev.wirewatch.notify.webhook.WebhookSender;
import dev.wirewatch.processor.alert.DeliveryTarget;
import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts from news.alerts to the targets of their watches: webhooks, email and the log. A
 * consumer of its own (group {@value #GROUP}), apart from the processor, so a slow or failing
 * receiver never holds back processing or indexing. Offsets are committed once every delivery of a
 * batch has ended (delivered, or given up after its retries and logged), so a restart resends at
 * most the last batch — and receivers drop those repeats by their idempotency key.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  public static final String GROUP = "wirewatch-notifier";

  /** How long the group waits for a silent notifier before it gives its partitions away. */
  public static final int SESSION_TIMEOUT_MS = 15_000;

  private final KafkaConsumer<String, byte[]> consumer;

  /** Per partition, the position after the last alert this notifier delivered; its thread only. */
  private final Map<TopicPartition, Long> deliveredUpTo = new HashMap<>();

  private final AtomicLong refusedCommits = new AtomicLong();

  /** Whether {@link #deliveredUpTo} is ahead of what the group has committed. */
  private boolean aheadOfCommitted;

  private final Topics topics;
  private final Supplier<Watches> watches;
  private final WebhookSender webhooks;
  private final EmailSender emails;
  private final Deserializer<Alert> serde;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  public Notifier(
      String bootstrapServers,
      Topics topics,
      Supplier<Watches> watches,
      WebhookSender webhooks,
      Map<String, Object> overrides) {
    this(bootstrapServers, topics, watches, webhooks, EmailSender.defaults(), overrides);
  }

  public Notifier(
      String bootstrapServers,
      Topics topics,
      Supplier<Watches> watches,
      WebhookSender webhooks,
      EmailSender emails,
      Map<String, Object> overrides) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    // A batch may wait for a webhook's retries (about a minute): allow it between polls.
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
    // A notifier that died hands its partitions to another after 15 s, not the default 45 s
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
    p.putAll(overrides);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.serde = topics.alerts().valueSerde().deserializer();
    this.watches = watches;
    this.webhooks = webhooks;
    this.emails = emails;
    this.thread = new Thread(this::run, "wirewatch-notifier");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Deliveries that succeeded (one per alert and target). */
  public long delivered() {
    return delivered.get();
  }

  /** Commits the group refused because it had rebalanced without this notifier. */
  public long refusedCommits() {
    return refusedCommits.get();
  }

  /** Deliveries given up after their retries. */
  public long failed() {
    return failed.get();
  }

  /** The error that stopped the notifier, or null. */
  public Throwable failure() {
    return failure.get();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topics.alerts().name()), new ResumeWhereDelivered());
      while (running.get()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          if (aheadOfCommitted) {
            commit();
          }
          continue;
        }
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
          pending.addAll(deliver(r));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        for (TopicPartition tp : records.partitions()) {
          List<ConsumerRecord<String, byte[]>> of = records.records(tp);
          deliveredUpTo.put(tp, of.get(of.size() - 1).offset() + 1);
        }
        commit();
      }
    } catch (WakeupException e) {
      if (running.get()) {
        failure.compareAndSet(null, e);
      }
    } catch (RuntimeException e) {
      LOG.error("notifier stopped: {}", e.toString(), e);
      failure.compareAndSet(null, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Commits the positions delivered. A commit the group refuses — it rebalanced, typically because
   * this notifier was cut off from the broker for longer than its session timeout — does not stop
   * the notifier: what it delivered stays in {@link #deliveredUpTo}, and when the partitions come
   * back {@link ResumeWhereDelivered} resumes after it instead of sending the batch again.
   */
  private void commit() {
    try {
      consumer.commitSync();
      aheadOfCommitted = false;
    } catch (CommitFailedException | RebalanceInProgressException e) {
      LOG.warn(
          "alert positions not committed, the group rebalanced ({}); resuming after the alerts"
              + " already delivered",
          e.getClass().getSimpleName());
      aheadOfCommitted = true;
      refusedCommits.incrementAndGet();
    }
  }

  /**
   * On getting partitions back, starts after the alerts this notifier has already delivered when
   * the group's committed position is behind them (its commit was refused in a rebalance). Skipping
   * them loses nothing — this process delivered them — and a position another member has since
   * committed beyond them is kept.
   */
  private final class ResumeWhereDelivered implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Set<TopicPartition> known = new HashSet<>(partitions);
      known.retainAll(deliveredUpTo.keySet());
      if (known.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(known);
      for (TopicPartition tp : known) {
        OffsetAndMetadata c = committed.get(tp);
        long mine = deliveredUpTo.get(tp);
        if (c == null || c.offset() < mine) {
          consumer.seek(tp, mine);
          aheadOfCommitted = true;
        }
      }
    }
  }

  private List<CompletableFuture<?>> deliver(ConsumerRecord<String, byte[]> r) {
    Alert alert;
    try {
      alert = serde.deserialize(r.topic(), r.value());
    } catch (SerializationException e) {
      LOG.warn(
          "alert at {}-{}@{} cannot be read, skipped: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return List.of();
    }
    Watches ws = watches.get();
    WatchDefinition watch = ws.get(alert.getWatchId());
    if (watch == null) {
      LOG.warn(
          "alert {} is for watch '{}', which no longer exists: not delivered",
          alert.getId(),
          alert.getWatchId());
      return List.of();
    }
    List<CompletableFuture<?>> out = new ArrayList<>();
    for (String targetId : watch.deliver()) {
      DeliveryTarget t = ws.target(targetId);
      if (t == null) {
        continue;
      }
      switch (t.type()) {
        case LOG -> {
          LOG.info(
              "ALERT {} [{}] {} — {} {} ({})",
              alert.getWatchId(),
              alert.getKind(),
              alert.getTitle(),
              alert.getUrl() == null ? "" : alert.getUrl(),
              alert.getStoryId(),
              alert.getDetail());
          delivered.incrementAndGet();
        }
        case WEBHOOK ->
            out.add(
                webhooks
                    .send(t, alert)
                    .thenAccept(o -> counted(alert, t, o.delivered(), o.attempts(), o.problem())));
        case EMAIL ->
            out.add(
                emails
                    .send(t, alert)
                    .thenAccept(o -> counted(alert, t, o.delivered(), o.attempts(), o.problem())));
      }
    }
    return out;
  }

  /** Counts how a delivery ended; a failure, after its retries, is logged with its reason. */
  private void counted(Alert alert, DeliveryTarget t, boolean ok, int attempts, String problem) {
    if (ok) {
      delivered.incrementAndGet();
      return;
    }
    failed.incrementAndGet();
    LOG.warn(
        "alert {} not delivered to {} ({}) after {} attempts: {}",
        alert.getId(),
        t.id(),
        t.type(),
        attempts,
        problem);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(15_000);
    emails.close();
  }
}
