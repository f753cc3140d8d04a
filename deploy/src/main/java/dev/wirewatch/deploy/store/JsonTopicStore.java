package dev.wirewatch.deploy.store;

import dev.wirewatch.deploy.config.ConfigFileException;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.schemas.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings kept in a compacted topic of one partition — key an id, value JSON, a tombstone deletes
 * — read to its end at open and then followed on a thread of its own, so that every process that
 * opens one sees every change within seconds and a restart keeps them. A record that cannot be read
 * is skipped with a warning. A write returns once this store has read it back.
 *
 * @param <T> the validated value
 */
final class JsonTopicStore<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonTopicStore.class);
  static final Duration IN_FORCE = Duration.ofSeconds(15);

  /** Reads one record's value; a {@link ConfigFileException} says why it cannot be. */
  @FunctionalInterface
  interface Reader<T> {
    T read(String id, String json, String origin);
  }

  private final TopicSpec<String, String> topic;
  private final TopicPartition partition;
  private final Reader<T> reader;
  private final Consumer<Map<String, T>> onChange;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private final Object lock = new Object();

  /** The topic's values, by id, as read (guarded by {@link #lock}). */
  private final Map<String, T> read = new LinkedHashMap<>();

  /** The next offset to read (guarded by {@link #lock}). */
  private long position;

  private JsonTopicStore(
      String bootstrapServers,
      TopicSpec<String, String> topic,
      Reader<T> reader,
      Consumer<Map<String, T>> onChange) {
    this.topic = topic;
    this.partition = new TopicPartition(topic.name(), 0);
    this.reader = reader;
    this.onChange = onChange;
    Map<String, Object> p = new HashMap<>(KafkaRawArticleSink.safeDefaults(bootstrapServers));
    p.put("client.id", "wirewatch-" + topic.name());
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    this.thread = new Thread(this::follow, "wirewatch-" + topic.name());
    this.thread.setDaemon(true);
  }

  /**
   * Opens the store: writes {@code seed} (id to JSON) when the topic is empty, reads it to its end
   * (calling {@code onChange} with what is there), then follows it.
   */
  static <T> JsonTopicStore<T> open(
      String bootstrapServers,
      TopicSpec<String, String> topic,
      Reader<T> reader,
      Map<String, String> seed,
      Consumer<Map<String, T>> onChange) {
    JsonTopicStore<T> store = new JsonTopicStore<>(bootstrapServers, topic, reader, onChange);
    try {
      List<TopicPartition> one = List.of(store.partition);
      store.consumer.assign(one);
      store.consumer.seekToBeginning(one);
      long end = store.consumer.endOffsets(one).get(store.partition);
      if (end == 0 && !seed.isEmpty()) {
        seed.forEach(
            (id, json) -> store.producer.send(new ProducerRecord<>(topic.name(), id, json)));
        store.producer.flush();
        end = store.consumer.endOffsets(one).get(store.partition);
        LOG.info("{} was empty: seeded with {} entries", topic.name(), seed.size());
      }
      while (store.position() < end) {
        store.poll();
      }
      store.thread.start();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private long position() {
    synchronized (lock) {
      return position;
    }
  }

  private void follow() {
    try {
      while (running.get()) {
        poll();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("following {} stopped: {}", topic.name(), e.toString(), e);
    }
  }

  private void poll() {
    var records = consumer.poll(Duration.ofMillis(500));
    synchronized (lock) {
      for (ConsumerRecord<String, String> r : records) {
        if (r.key() == null) {
          LOG.warn("{}@{}: no id, skipped", topic.name(), r.offset());
        } else if (r.value() == null) {
          read.remove(r.key());
        } else {
          try {
            read.put(r.key(), reader.read(r.key(), r.value(), topic.name() + "@" + r.offset()));
          } catch (ConfigFileException | IllegalArgumentException e) {
            LOG.warn("{}: {}, skipped", topic.name(), e.getMessage());
          }
        }
      }
      position = consumer.position(partition);
      if (!records.isEmpty()) {
        onChange.accept(Map.copyOf(read));
      }
      lock.notifyAll();
    }
  }

  /** Writes the value (null: deletes it) and waits until this store has read it back. */
  void write(String id, String json) {
    RecordMetadata m;
    try {
      m =
          producer
              .send(new ProducerRecord<>(topic.name(), id, json))
              .get(IN_FORCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing to " + topic.name(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic.name() + ": " + e, e);
    }
    long deadline = System.nanoTime() + IN_FORCE.toNanos();
    synchronized (lock) {
      while (position <= m.offset()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "written to "
                  + topic.name()
                  + " but not read back within "
                  + IN_FORCE.toSeconds()
                  + " s");
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for " + topic.name(), e);
        }
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      if (thread.isAlive()) {
        thread.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      consumer.close(Duration.ofSeconds(5));
    }
    producer.close(Duration.ofSeconds(5));
  }
}
