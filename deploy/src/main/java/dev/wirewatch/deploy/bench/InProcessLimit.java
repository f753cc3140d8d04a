package dev.wirewatch.deploy.bench;

import dev.wirewatch.indexer.IndexerService;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.ProcessorTopology;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.story.StoryRules;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The in-process limit of {@code bin/wirewatch bench}: exactly the pipeline's work on each article,
 * without Kafka. The processor's own topology — the repeat check, cleaning with learned templates,
 * language, topics, places, then copies, stories and alerts after the repartition — is run by Kafka
 * Streams' {@link TopologyTestDriver} with its real state stores, on one thread as the pipeline's
 * one stream thread runs it; its articles are indexed on a second thread, as the indexer's, and
 * refreshed and committed on a third with the indexer's cadence (a refresh when something was
 * written, at most every {@value IndexerService#DEFAULT_REFRESH_INTERVAL_MS} ms; a commit every
 * {@value IndexerService#DEFAULT_COMMIT_INTERVAL_MS} ms, and at the end). What the pipeline adds on
 * top is Kafka itself: serialising, transactions, the hops between the threads.
 */
final class InProcessLimit {
  /**
   * Processing threads of the limit, as of the pipeline: one stream thread and one indexer (each
   * side also refreshes and commits the index on a thread of its own).
   */
  static final int THREADS = 2;

  private static final List<Article> END = List.of();

  /**
   * What a run of the limit found.
   *
   * @param indexed ids that became searchable
   * @param deadLetters records that went to the DLQ
   * @param nanos from the first record in to the last article searchable
   */
  record Run(Set<String> indexed, long deadLetters, long nanos) {}

  private final ArticleProcessor processor;

  InProcessLimit(ArticleProcessor processor) {
    this.processor = processor;
  }

  /** Runs the articles through the topology and into an index under {@code dir}. */
  Run run(List<RawArticle> articles, Path dir) throws Exception {
    Topics topics = Topics.defaults();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wirewatch-bench-limit");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:0");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(dir.resolve("streams")).toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // The driver commits after every record, so cached stores would be flushed once per record —
    // more work than either write-through or the pipeline's once-per-commit flushes. Without the
    // cache every change is written through once, as the pipeline did before its stores were
    // cached: the limit may do more store writes than the pipeline, never fewer, so it is not
    // understated (with the cache it measured about a quarter slower).
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    ProcessorTopology topology =
        new ProcessorTopology(
            topics,
            processor,
            () -> Watches.NONE,
            StoryRules.DEFAULT,
            Clock.systemUTC(),
            new AtomicLong(),
            new SimpleMeterRegistry());
    Set<String> indexed = ConcurrentHashMap.newKeySet();
    AtomicReference<Throwable> indexFailure = new AtomicReference<>();
    BlockingQueue<List<Article>> toIndex = new ArrayBlockingQueue<>(256);
    long deadLetters = 0;
    long nanos;
    try (ArticleIndex index = ArticleIndex.open(Files.createDirectories(dir.resolve("index")));
        TopologyTestDriver driver = new TopologyTestDriver(topology.build(), props)) {
      TestInputTopic<String, byte[]> in =
          driver.createInputTopic(
              topics.raw().name(), new StringSerializer(), new ByteArraySerializer());
      TestOutputTopic<String, Article> out =
          driver.createOutputTopic(
              topics.articles().name(),
              new StringDeserializer(),
              topics.articles().valueSerde().deserializer());
      TestOutputTopic<String, byte[]> dlq =
          driver.createOutputTopic(
              topics.dlq().name(),
              new StringDeserializer(),
              new org.apache.kafka.common.serialization.ByteArrayDeserializer());
      Serializer<RawArticle> raw = topics.raw().valueSerde().serializer();
      java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicBoolean indexing =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread indexer =
          new Thread(
              () -> {
                try {
                  for (List<Article> batch = toIndex.take(); batch != END; batch = toIndex.take()) {
                    for (Article a : batch) {
                      index.upsert(a);
                      indexed.add(a.getId());
                    }
                    writes.incrementAndGet();
                  }
                } catch (Throwable e) {
                  indexFailure.set(e);
                }
              },
              "wirewatch-bench-limit-indexer");
      // As the indexer's publishing thread: a refresh when something was written, at most one per
      // refresh interval, and a commit every commit interval.
      Thread publisher =
          new Thread(
              () -> {
                try {
                  long refreshed = 0;
                  long lastCommit = System.nanoTime();
                  while (indexing.get()) {
                    long began = System.nanoTime();
                    long pending = writes.get();
                    if (pending != refreshed) {
                      index.refresh();
                      refreshed = pending;
                    }
                    if (began - lastCommit
                        >= IndexerService.DEFAULT_COMMIT_INTERVAL_MS * 1_000_000) {
                      index.commit(Map.of());
                      lastCommit = began;
                    }
                    long next = began + IndexerService.DEFAULT_REFRESH_INTERVAL_MS * 1_000_000;
                    while (indexing.get() && System.nanoTime() < next) {
                      java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    }
                  }
                } catch (Throwable e) {
                  indexFailure.set(e);
                }
              },
              "wirewatch-bench-limit-publish");
      long t0 = System.nanoTime();
      indexer.start();
      publisher.start();
      List<Article> batch = new ArrayList<>();
      for (RawArticle a : articles) {
        in.pipeInput(a.getId(), raw.serialize(topics.raw().name(), a));
        // as the indexer polls: what the processor produced, in batches
        if (!out.isEmpty()) {
          batch.addAll(out.readValuesToList());
          if (batch.size() >= 50) {
            toIndex.put(batch);
            batch = new ArrayList<>();
          }
        }
        if (!dlq.isEmpty()) {
          deadLetters += dlq.readValuesToList().size();
        }
      }
      batch.addAll(out.readValuesToList());
      deadLetters += dlq.readValuesToList().size();
      if (!batch.isEmpty()) {
        toIndex.put(batch);
      }
      toIndex.put(END);
      indexer.join();
      indexing.set(false);
      java.util.concurrent.locks.LockSupport.unpark(publisher); // not interrupt: NIO would close
      publisher.join();
      index.refresh();
      index.commit(Map.of());
      nanos = System.nanoTime() - t0; // closing the stores and the index is not the work
    }
    if (indexFailure.get() != null) {
      throw new IllegalStateException("the limit's indexer failed", indexFailure.get());
    }
    return new Run(indexed, deadLetters, nanos);
  }
}
