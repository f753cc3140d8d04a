package dev.wirewatch.deploy.watches;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.config.ConfigFileException;
import dev.wirewatch.deploy.config.WatchesFile;
import dev.wirewatch.indexer.web.watches.WatchRegistry;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
 * The watches in force, kept in {@code news.watches} (compacted, keyed by watch id, the watch as
 * JSON; a tombstone deletes it) so that every process that follows the topic — each processor, the
 * notifier, each server — sees a change within seconds, and a restart keeps it.
 *
 * <p>The watches file is the <em>seed</em>: when the topic is empty at start, its watches are
 * written there; from then on the topic is what is in force, and the file gives the delivery
 * targets (whose secrets come from the environment, never through the API) and the burst rules. A
 * watch in the topic that names a target the file no longer has is left out, with a warning; a
 * record that cannot be read is skipped, with a warning.
 */
public final class WatchStore implements WatchRegistry, Supplier<Watches>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchStore.class);
  private static final Duration IN_FORCE = Duration.ofSeconds(15);

  private final Watches file;
  private final TopicSpec<String, String> topic;
  private final TopicPartition partition;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private final Object lock = new Object();

  /** The topic's watches, by id, as read (guarded by {@link #lock}). */
  private final Map<String, WatchDefinition> read = new LinkedHashMap<>();

  private volatile Watches current;

  /** The next offset to read (guarded by {@link #lock}). */
  private long position;

  private WatchStore(String bootstrapServers, TopicSpec<String, String> topic, Watches file) {
    this.file = file;
    this.topic = topic;
    this.partition = new TopicPartition(topic.name(), 0);
    Map<String, Object> p = new HashMap<>(KafkaRawArticleSink.safeDefaults(bootstrapServers));
    p.put("client.id", "wirewatch-watches");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    this.current = new Watches(List.of(), file.targets(), file.burst());
    this.thread = new Thread(this::follow, "wirewatch-watches");
    this.thread.setDaemon(true);
  }

  /**
   * Opens the store: seeds the topic from the file when it is empty, reads it to its end (so what
   * {@link #get} returns is what is in force), then follows it.
   *
   * @param file the watches file: targets, burst rules, and the seed
   */
  public static WatchStore open(
      String bootstrapServers, TopicSpec<String, String> topic, Watches file) {
    WatchStore store = new WatchStore(bootstrapServers, topic, file);
    try {
      store.consumer.assign(List.of(store.partition));
      store.consumer.seekToBeginning(List.of(store.partition));
      long end = store.consumer.endOffsets(List.of(store.partition)).get(store.partition);
      if (end == 0) {
        for (WatchDefinition w : file.all()) {
          store.producer.send(
              new ProducerRecord<>(topic.name(), w.id(), WatchesFile.json(w).toString()));
        }
        store.producer.flush();
        end = store.consumer.endOffsets(List.of(store.partition)).get(store.partition);
        LOG.info(
            "news.watches was empty: seeded with the {} watches of the file", file.all().size());
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
          LOG.warn("{}@{}: a watch without an id, skipped", topic.name(), r.offset());
        } else if (r.value() == null) {
          read.remove(r.key());
        } else {
          try {
            read.put(
                r.key(), WatchesFile.watch(r.key(), r.value(), topic.name() + "@" + r.offset()));
          } catch (ConfigFileException e) {
            LOG.warn("{}: {}, skipped", topic.name(), e.getMessage());
          }
        }
      }
      position = consumer.position(partition);
      if (!records.isEmpty()) {
        current = inForce(new ArrayList<>(read.values()));
      }
      lock.notifyAll();
    }
  }

  /** The watches whose targets the file has. */
  private Watches inForce(List<WatchDefinition> watches) {
    List<WatchDefinition> ok = new ArrayList<>();
    for (WatchDefinition w : watches) {
      List<String> missing =
          w.deliver().stream().filter(t -> !file.targets().containsKey(t)).toList();
      if (missing.isEmpty()) {
        ok.add(w);
      } else {
        LOG.warn("watch {} names targets the watches file lacks {}: not in force", w.id(), missing);
      }
    }
    return new Watches(ok, file.targets(), file.burst());
  }

  @Override
  public Watches get() {
    return current;
  }

  @Override
  public List<ObjectNode> list() {
    return current.all().stream().map(WatchesFile::json).toList();
  }

  @Override
  public ObjectNode put(String id, String body) {
    WatchDefinition w;
    try {
      w = WatchesFile.watch(id, body, "watch '" + id + "'");
    } catch (ConfigFileException e) {
      throw new InvalidWatch(e.getMessage());
    }
    for (int d = 0; d < w.deliver().size(); d++) {
      if (!file.targets().containsKey(w.deliver().get(d))) {
        throw new InvalidWatch(
            "watch '"
                + id
                + "': deliver["
                + d
                + "]: no target '"
                + w.deliver().get(d)
                + "' (targets of the watches file: "
                + file.targets().keySet()
                + ")");
      }
    }
    ObjectNode json = WatchesFile.json(w);
    write(id, json.toString());
    return json;
  }

  @Override
  public boolean delete(String id) {
    if (current.get(id) == null) {
      return false;
    }
    write(id, null);
    return true;
  }

  /** Writes the record and waits until this store has read it back, so it is in force here. */
  private void write(String id, String value) {
    RecordMetadata m;
    try {
      m =
          producer
              .send(new ProducerRecord<>(topic.name(), id, value))
              .get(IN_FORCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing the watch", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write the watch to " + topic.name() + ": " + e, e);
    }
    long deadline = System.nanoTime() + IN_FORCE.toNanos();
    synchronized (lock) {
      while (position <= m.offset()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "the watch was written but not read back within " + IN_FORCE.toSeconds() + " s");
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for the watch", e);
        }
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      consumer.close(Duration.ofSeconds(5));
    }
    producer.close(Duration.ofSeconds(5));
  }
}
