package dev.wirewatch.indexer;

import dev.wirewatch.indexer.group.PeerAssignor;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.DeadLetter;
import dev.wirewatch.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes news.articles and news.dlq into a {@link ShardedIndex} (a Lucene shard per partition),
 * exactly once.
 *
 * <p>Either alone ({@link Membership#ALL_PARTITIONS}: every partition, as the demo and a rebuild
 * run it) or as a member of a consumer group ({@link Membership#group}): several instances then
 * split the partitions between them, Kafka moves partitions when one comes or goes, and each
 * instance learns from the group which other instances serve which partitions (for searches that
 * must ask them all).
 *
 * <p>Offsets are not committed to Kafka: they live in each shard's Lucene commit, and when a
 * partition is assigned the consumer seeks to its shard's offset (a shard this instance never had
 * starts empty, from the beginning of the partition), so a shard and its position can never
 * disagree. A partition taken away is committed with its position and its shard closed. Only
 * committed transactions are read ({@code read_committed}). A record that cannot be decoded is
 * recorded in the index as a dead letter of stage {@code index} and consumption goes on; an index
 * write that fails stops the service at once (replay from the last commit recovers it).
 *
 * <p>Three threads: one consumes and writes to the shards; one ("…-publish") makes what was written
 * searchable (a refresh as soon as something was written, at most one per {@value
 * #DEFAULT_REFRESH_INTERVAL_MS} ms); one ("…-commit") makes it durable (a commit of the shards with
 * their positions, by default every {@value #DEFAULT_COMMIT_INTERVAL_MS} ms). Lucene lets a writer
 * take documents while it flushes and commits, and open a near-real-time reader while a commit
 * syncs, so neither a refresh (tens of milliseconds) nor a commit (hundreds: it syncs files) holds
 * up the others: on one thread they took most of an article's time between Kafka and the search. A
 * commit is given the positions read before a refresh that covers them: everything before them is
 * in the commit and searchable; it may also hold later writes, which a restart writes again (by id,
 * so the same documents).
 */
public final class IndexerService implements AutoCloseable {
  /** How often consumed work is committed to the index, in ms: the durability lag. */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 1000;

  /**
   * Least time between the starts of two refreshes, in ms: new writes become searchable as soon as
   * the refresh before has ended and this much time has passed since it began.
   */
  public static final long DEFAULT_REFRESH_INTERVAL_MS = 50;

  private static final Logger LOG = LoggerFactory.getLogger(IndexerService.class);

  private final ShardedIndex index;
  private final Membership membership;
  private final IndexerMetrics metrics;
  private final Topics topics;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<Article> articleSerde;
  private final Deserializer<DeadLetter> deadLetterSerde;
  private final Clock clock;
  private final long commitIntervalMs;
  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Map<TopicPartition, Long> committed;
  private volatile java.util.function.Consumer<Article> onApplied = a -> {};

  /**
   * Each assigned partition's position as of the last poll (touched by the consuming thread only).
   */
  private final Map<TopicPartition, Long> positions = new HashMap<>();

  /** Per partition: the first offset applied since start, and the records applied. */
  private final Map<TopicPartition, long[]> applied =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Whether the offsets committed with the index are ignored, every partition read from its start —
   * a deliberately broken indexer, the fault suite's negative test.
   */
  private final boolean ignoreStoredOffsets;

  /**
   * Read-held while the shards are refreshed or committed (the publishing and committing threads),
   * write-held while partitions come and go (the consuming thread, in its rebalance callbacks).
   */
  private final ReentrantReadWriteLock shardsLock = new ReentrantReadWriteLock();

  /** The positions up to which every record was written, as the consuming thread last told. */
  private volatile Map<TopicPartition, Long> written = Map.of();

  /** Counts the consuming thread's reports of writes, so the publisher knows when to refresh. */
  private final AtomicLong writes = new AtomicLong();

  private volatile boolean publishing = true;
  private volatile Thread publisher;
  private volatile Thread committer;

  private volatile boolean running = true;
  private volatile boolean commitOnStop = true;
  private Thread thread;

  /**
   * @param overrides consumer settings that replace the defaults
   */
  public IndexerService(
      String bootstrapServers,
      Topics topics,
      ShardedIndex index,
      Membership membership,
      IndexerMetrics metrics,
      Clock clock,
      long commitIntervalMs,
      Map<String, Object> overrides) {
    this(
        bootstrapServers,
        topics,
        index,
        membership,
        metrics,
        clock,
        commitIntervalMs,
        overrides,
        false);
  }

  /**
   * @param overrides consumer settings that replace the defaults
   * @param ignoreStoredOffsets true only for the fault suite's negative test: read every partition
   *     from its start, as a broken indexer would, whatever the index committed
   */
  public IndexerService(
      String bootstrapServers,
      Topics topics,
      ShardedIndex index,
      Membership membership,
      IndexerMetrics metrics,
      Clock clock,
      long commitIntervalMs,
      Map<String, Object> overrides,
      boolean ignoreStoredOffsets) {
    this.ignoreStoredOffsets = ignoreStoredOffsets;
    this.index = index;
    this.membership = membership;
    this.metrics = metrics;
    this.topics = topics;
    this.articleSerde = topics.articles().valueSerde().deserializer();
    this.deadLetterSerde = topics.dlq().valueSerde().deserializer();
    this.clock = clock;
    this.commitIntervalMs = commitIntervalMs;
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Positions come from the index; a position Kafka no longer has must be an error, not a jump.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wirewatch-indexer");
    if (membership.inGroup()) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, membership.groupId());
      props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, PeerAssignor.class.getName());
      props.put(PeerAssignor.ENDPOINT_CONFIG, membership.endpoint());
      props.put(PeerAssignor.DIRECTORY_CONFIG, membership.directory());
    }
    props.putAll(overrides);
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.committed = Map.of();
  }

  /**
   * Told each article as it is written to its shard (before the refresh that makes it searchable),
   * on the consuming thread: for a benchmark that times each hop. Keep it cheap.
   */
  public void onApplied(java.util.function.Consumer<Article> listener) {
    this.onApplied = listener;
  }

  /** Starts consuming on a thread of its own. */
  public synchronized void start() {
    thread = new Thread(this::run, "wirewatch-indexer");
    publisher = new Thread(this::publish, "wirewatch-indexer-publish");
    publisher.setDaemon(true);
    committer = new Thread(this::commitEvery, "wirewatch-indexer-commit");
    committer.setDaemon(true);
    thread.start();
  }

  /**
   * The records of one partition this indexer applied since it started: the offset of the first,
   * and how many. After a restart the first is at or past the position the index committed, and the
   * count is what lies past it: what a crash made it apply again is only what the crashed indexer
   * had not committed.
   */
  public record Applied(long firstOffset, long records) {}

  /** What was applied since start, per partition (read on any thread; written by the consumer). */
  public Map<TopicPartition, Applied> appliedSinceStart() {
    Map<TopicPartition, Applied> out =
        new java.util.TreeMap<>(
            java.util.Comparator.comparing(TopicPartition::topic)
                .thenComparing(TopicPartition::partition));
    applied.forEach((tp, a) -> out.put(tp, new Applied(a[0], a[1])));
    return out;
  }

  /** Articles written to the index since start (replays count again). */
  public long indexed() {
    return indexed.get();
  }

  /** Dead letters recorded since start. */
  public long deadLetters() {
    return deadLetters.get();
  }

  /**
   * Offsets durably committed with the index: everything before them is on disk and searchable by
   * this process's searchers (the searchers are refreshed before each commit).
   */
  public Map<TopicPartition, Long> committedOffsets() {
    return committed;
  }

  /** The error that stopped the indexer, or null while it runs. */
  public Throwable failure() {
    return failure.get();
  }

  private void run() {
    try {
      if (membership.inGroup()) {
        consumer.subscribe(List.of(topics.articles().name(), topics.dlq().name()), new Rebalance());
        LOG.info("indexer joining group {} as {}", membership.groupId(), membership.endpoint());
      } else {
        List<TopicPartition> partitions = new ArrayList<>();
        partitions.addAll(partitionsOf(topics.articles().name()));
        partitions.addAll(partitionsOf(topics.dlq().name()));
        consumer.assign(partitions);
        openShards(partitions);
        LOG.info(
            "indexer consuming {} partitions from {}", partitions.size(), index.committedOffsets());
      }
      publisher.start();
      committer.start();
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<String, byte[]> r : records) {
          apply(r);
        }
        boolean moved = !records.isEmpty();
        long behind = 0;
        for (TopicPartition tp : consumer.assignment()) {
          behind += consumer.currentLag(tp).orElse(0);
          long pos = consumer.position(tp);
          Long before = positions.put(tp, pos);
          if (before == null || before != pos) {
            moved = true; // includes positions moved past transaction markers
          }
        }
        metrics.lag(behind);
        if (moved) {
          tellWritten();
        }
      }
      stopPublishing();
      if (commitOnStop && failure.get() == null) {
        shardsLock.writeLock().lock();
        try {
          index.refresh();
          commit(positions);
        } finally {
          shardsLock.writeLock().unlock();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure.compareAndSet(null, e);
      }
    } catch (OffsetOutOfRangeException e) {
      String msg =
          "the index's stored offsets "
              + e.offsetOutOfRangePartitions()
              + " are no longer in Kafka (past the topic's retention): rebuild the index from the"
              + " topic with 'bin/wirewatch reindex'";
      LOG.error(msg);
      failure.compareAndSet(null, new IllegalStateException(msg, e));
    } catch (IOException | RuntimeException e) {
      LOG.error("indexer stopped: {}", e.toString(), e);
      failure.compareAndSet(null, e);
    } finally {
      stopPublishing();
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  /** Tells the publishing thread how far every record was written (consuming thread). */
  private void tellWritten() {
    written = Map.copyOf(positions);
    writes.incrementAndGet();
    Thread p = publisher;
    if (p != null) {
      LockSupport.unpark(p);
    }
  }

  /**
   * The publishing thread: a refresh whenever something was written, at most one per {@value
   * #DEFAULT_REFRESH_INTERVAL_MS} ms. A failure stops the service as a failed write would.
   */
  private void publish() {
    long refreshedWrites = 0;
    try {
      while (publishing) {
        long pending = writes.get();
        if (pending == refreshedWrites) {
          LockSupport.parkNanos(100_000_000L);
          continue;
        }
        long began = System.nanoTime();
        shardsLock.readLock().lock();
        try {
          if (!publishing) {
            break;
          }
          index.refresh();
          refreshedWrites = pending;
        } finally {
          shardsLock.readLock().unlock();
        }
        long next = began + DEFAULT_REFRESH_INTERVAL_MS * 1_000_000L;
        while (publishing && System.nanoTime() < next) {
          LockSupport.parkNanos(next - System.nanoTime());
        }
      }
    } catch (IOException | RuntimeException e) {
      fail("cannot refresh the index", e);
    }
  }

  /**
   * The committing thread: every {@code commitIntervalMs}, when a position moved, the shards are
   * committed with the positions read before a refresh that covers them (so what is committed is
   * searchable here). Apart from the publishing thread, so that refreshes go on while a commit
   * syncs its files.
   */
  private void commitEvery() {
    try {
      while (publishing) {
        long next = System.nanoTime() + commitIntervalMs * 1_000_000L;
        while (publishing && System.nanoTime() < next) {
          LockSupport.parkNanos(next - System.nanoTime());
        }
        if (!publishing || moved(written).isEmpty()) {
          continue;
        }
        shardsLock.readLock().lock();
        try {
          if (!publishing) {
            break;
          }
          // Read before the refresh: the refresh and the commit hold every record before these.
          Map<TopicPartition, Long> upTo = written;
          index.refreshBlocking();
          commit(upTo);
        } finally {
          shardsLock.readLock().unlock();
        }
      }
    } catch (IOException | RuntimeException e) {
      fail("cannot commit the index", e);
    }
  }

  private void fail(String what, Exception e) {
    LOG.error("indexer stopped: {}: {}", what, e.toString(), e);
    failure.compareAndSet(null, e);
    running = false;
    consumer.wakeup();
  }

  /**
   * Stops the publishing and committing threads and waits for them (a refresh or commit under way
   * completes).
   */
  private void stopPublishing() {
    publishing = false;
    for (Thread p : new Thread[] {publisher, committer}) {
      if (p == null || p == Thread.currentThread() || !p.isAlive()) {
        continue;
      }
      LockSupport.unpark(p);
      try {
        p.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The positions that differ from what is committed. */
  private Map<TopicPartition, Long> moved(Map<TopicPartition, Long> positions) {
    Map<TopicPartition, Long> moved = new HashMap<>();
    Map<TopicPartition, Long> done = committed;
    positions.forEach(
        (tp, pos) -> {
          if (!pos.equals(done.get(tp))) {
            moved.put(tp, pos);
          }
        });
    return moved;
  }

  /**
   * Commits the shards whose positions moved since their last commit, with the shards' lock held
   * (the positions are of partitions served now: a rebalance tells new ones under the same lock).
   */
  private void commit(Map<TopicPartition, Long> positions) throws IOException {
    Map<TopicPartition, Long> moved = moved(positions);
    if (!moved.isEmpty()) {
      index.commit(moved);
    }
    committed = index.committedOffsets();
  }

  /**
   * Opens the partitions' shards and seeks each to its shard's offset (the start for a new shard).
   */
  private void openShards(Collection<TopicPartition> partitions) throws IOException {
    shardsLock.writeLock().lock();
    try {
      openShardsLocked(partitions);
    } finally {
      shardsLock.writeLock().unlock();
    }
  }

  private void openShardsLocked(Collection<TopicPartition> partitions) throws IOException {
    for (TopicPartition tp : partitions) {
      Long offset = ignoreStoredOffsets ? null : index.shard(tp).committedOffsets().get(tp);
      if (offset == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, offset);
        positions.put(tp, offset);
      }
    }
    committed = index.committedOffsets();
    index.refresh();
    tellWritten();
  }

  /**
   * Follows the group's assignments (called on the consuming thread, inside poll). Records polled
   * before a revocation were all applied, so a revoked partition's position is exactly what its
   * shard holds.
   */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      shardsLock.writeLock().lock();
      try {
        // A halt (a crash, as tests stage it) commits nothing, even as the consumer closes.
        boolean commit = running || commitOnStop;
        for (TopicPartition tp : partitions) {
          index.closeShard(tp, commit ? consumer.position(tp) : null);
          positions.remove(tp);
        }
        committed = index.committedOffsets();
        tellWritten();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot commit the shards of revoked partitions " + partitions, e);
      } finally {
        shardsLock.writeLock().unlock();
      }
      LOG.info("indexer gave up partitions {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // another member may own them already: nothing of ours to commit
      shardsLock.writeLock().lock();
      try {
        for (TopicPartition tp : partitions) {
          index.closeShard(tp, null);
          positions.remove(tp);
        }
        committed = index.committedOffsets();
        tellWritten();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot close the shards of lost partitions " + partitions, e);
      } finally {
        shardsLock.writeLock().unlock();
      }
      LOG.warn("indexer lost partitions {}", partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      try {
        openShards(partitions);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the shards of partitions " + partitions, e);
      }
      LOG.info(
          "indexer serves partitions {} (resuming at {})", partitions, index.committedOffsets());
    }
  }

  private List<TopicPartition> partitionsOf(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException(
          "topic " + topic + " does not exist: start the pipeline first");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private void apply(ConsumerRecord<String, byte[]> r) throws IOException {
    applied
        .computeIfAbsent(
            new TopicPartition(r.topic(), r.partition()), tp -> new long[] {r.offset(), 0})[1]++;
    String position = r.topic() + "-" + r.partition() + "@" + r.offset();
    if (r.value() == null) {
      return; // compaction tombstone: nothing to index
    }
    if (r.topic().equals(topics.dlq().name())) {
      DeadLetter d;
      try {
        d = deadLetterSerde.deserialize(r.topic(), r.value());
      } catch (SerializationException e) {
        d = DeadLetters.undecodable(r, e, clock);
      }
      shardOf(r).upsertDeadLetter(DeadLetters.dlqKey(r), d, position);
      deadLetters.incrementAndGet();
      metrics.deadLetter(d);
      return;
    }
    try {
      Article a = articleSerde.deserialize(r.topic(), r.value());
      shardOf(r).upsert(a, position);
      indexed.incrementAndGet();
      metrics.article(a, clock.instant());
      onApplied.accept(a);
    } catch (SerializationException e) {
      LOG.warn(
          "cannot decode article key={} {}-{}@{}: {}",
          r.key(),
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      DeadLetter d = DeadLetters.undecodable(r, e, clock);
      shardOf(r).upsertDeadLetter(DeadLetters.dlqKey(r), d, position);
      deadLetters.incrementAndGet();
      metrics.deadLetter(d);
    }
  }

  private ArticleIndex shardOf(ConsumerRecord<String, byte[]> r) {
    return index.shard(new TopicPartition(r.topic(), r.partition()));
  }

  /**
   * Stops at once without committing, as a crash would: whatever was consumed since the last commit
   * is lost from the index and consumed again by the next indexer on the same index.
   */
  public void halt() {
    commitOnStop = false;
    close();
  }

  /** Stops consuming, commits what was consumed and waits for the thread to end. */
  @Override
  public void close() {
    running = false;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    try {
      stopped.await();
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
