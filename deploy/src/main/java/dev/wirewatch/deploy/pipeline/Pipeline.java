package dev.wirewatch.deploy.pipeline;

import dev.wirewatch.indexer.IndexerMetrics;
import dev.wirewatch.indexer.IndexerService;
import dev.wirewatch.indexer.Membership;
import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.ingest.file.FileImporter;
import dev.wirewatch.ingest.file.ImportReport;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.notify.Notifier;
import dev.wirewatch.notify.webhook.WebhookSender;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.ProcessorService;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole pipeline in one process — importer, processor and indexer on one Kafka cluster — as
 * {@code demo} runs it. Each stage is the same class the separate services use.
 *
 * <p>Data directory layout: {@code index/} (Lucene, a shard per partition: {@code
 * index/news.articles-0}, …), {@code streams/} (Kafka Streams state).
 */
public final class Pipeline implements AutoCloseable {
  private final String bootstrapServers;
  private final Topics topics;
  private final Admin admin;
  private final ProcessorService processor;
  private final Path dataDir;
  private ShardedIndex index;
  private final PrometheusMeterRegistry metrics;
  private final IndexerMetrics indexerMetrics;
  private volatile IndexerService indexer;
  private final KafkaRawArticleSink sink;
  private final long startedAt;

  private final Notifier notifier;

  private Pipeline(
      String bootstrapServers,
      Path dataDir,
      Topics topics,
      Admin admin,
      ProcessorService processor,
      ShardedIndex index,
      IndexerService indexer,
      KafkaRawArticleSink sink,
      Notifier notifier,
      PrometheusMeterRegistry metrics,
      IndexerMetrics indexerMetrics) {
    this.metrics = metrics;
    this.indexerMetrics = indexerMetrics;
    this.notifier = notifier;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.topics = topics;
    this.admin = admin;
    this.processor = processor;
    this.index = index;
    this.indexer = indexer;
    this.sink = sink;
    this.startedAt = System.currentTimeMillis();
  }

  /**
   * Creates missing topics and starts the processor and indexer.
   *
   * @param replicationFactor of topics created; 1 on a single broker
   */
  public static Pipeline start(
      String bootstrapServers,
      Path dataDir,
      Topics topics,
      ArticleProcessor articleProcessor,
      short replicationFactor) {
    return start(
        bootstrapServers, dataDir, topics, articleProcessor, () -> Watches.NONE, replicationFactor);
  }

  /** Starts the pipeline with watches that raise alerts onto news.alerts. */
  public static Pipeline start(
      String bootstrapServers,
      Path dataDir,
      Topics topics,
      ArticleProcessor articleProcessor,
      Supplier<Watches> watches,
      short replicationFactor) {
    return start(
        bootstrapServers, dataDir, topics, articleProcessor, watches, replicationFactor, true);
  }

  /**
   * Starts the pipeline, with or without its own indexer: without, the index is another process's
   * ({@code bin/wirewatch index}), and {@link #awaitDrained} waits for the processor only.
   */
  public static Pipeline start(
      String bootstrapServers,
      Path dataDir,
      Topics topics,
      ArticleProcessor articleProcessor,
      Supplier<Watches> watches,
      short replicationFactor,
      boolean withIndexer) {
    Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
    ProcessorService processor = null;
    Notifier notifier = null;
    ShardedIndex index = null;
    IndexerService indexer = null;
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IndexerMetrics indexerMetrics = new IndexerMetrics(metrics);
    try {
      TopicAdmin.ensureTopics(admin, topics, replicationFactor);
      processor =
          new ProcessorService(
              bootstrapServers,
              topics,
              articleProcessor,
              watches,
              dataDir.resolve("streams"),
              Map.of());
      if (withIndexer) {
        index = ShardedIndex.open(dataDir.resolve("index"));
        indexerMetrics.watch(index, dataDir.resolve("index"));
        indexer = newIndexer(bootstrapServers, topics, index, indexerMetrics);
      }
      KafkaRawArticleSink sink = new KafkaRawArticleSink(bootstrapServers, topics, Map.of());
      processor.start();
      if (indexer != null) {
        indexer.start();
      }
      // Alerts are delivered apart from processing: a failing webhook never holds it back.
      if (!watches.get().all().isEmpty()) {
        notifier =
            new Notifier(bootstrapServers, topics, watches, WebhookSender.defaults(), Map.of());
        notifier.start();
      }
      return new Pipeline(
          bootstrapServers,
          dataDir,
          topics,
          admin,
          processor,
          index,
          indexer,
          sink,
          notifier,
          metrics,
          indexerMetrics);
    } catch (RuntimeException e) {
      closeQuietly(notifier);
      closeQuietly(indexer);
      closeQuietly(index);
      closeQuietly(processor);
      admin.close();
      throw e;
    }
  }

  /**
   * The pipeline's metrics, in Prometheus' format: the indexer's (articles, dead letters by stage,
   * publish-to-index latency, lag, index documents and size) and whatever the caller adds (search
   * latency, when it serves).
   */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  private static IndexerService newIndexer(
      String bootstrapServers, Topics topics, ShardedIndex index, IndexerMetrics metrics) {
    return new IndexerService(
        bootstrapServers,
        topics,
        index,
        Membership.ALL_PARTITIONS,
        metrics,
        Clock.systemUTC(),
        IndexerService.DEFAULT_COMMIT_INTERVAL_MS,
        Map.of());
  }

  /**
   * Stops the indexer and starts a new one on the same index, as a restart of the indexer service
   * would.
   *
   * @param crash stop without the final commit, as a crash would, so the new indexer replays
   *     everything consumed since the last commit
   */
  public synchronized void restartIndexer(boolean crash) throws java.io.IOException {
    if (crash) {
      indexer.halt();
    } else {
      indexer.close();
    }
    index.close();
    index = ShardedIndex.open(dataDir.resolve("index"));
    IndexerService next = newIndexer(bootstrapServers, topics, index, indexerMetrics);
    next.start();
    indexer = next;
  }

  /** Imports files and directories into news.raw. */
  public ImportReport importPaths(List<Path> paths) {
    return new FileImporter(sink, Clock.systemUTC(), FileImporter.DEFAULT_MAX_ARTICLE_BYTES)
        .importPaths(paths);
  }

  /** Imports one bundled text document. */
  public ImportReport importText(String name, String content) {
    return new FileImporter(sink, Clock.systemUTC(), FileImporter.DEFAULT_MAX_ARTICLE_BYTES)
        .importText(name, content);
  }

  /** The stages' counts now (the indexer's since its last start). */
  public Progress progress() {
    return new Progress(
        sink.published(),
        processor.processed(),
        indexer == null ? 0 : indexer.indexed(),
        indexer == null ? 0 : indexer.deadLetters(),
        System.currentTimeMillis() - startedAt);
  }

  /**
   * Waits until everything published so far has been processed and durably committed to the index
   * (as an article or a dead letter).
   *
   * @param onProgress called about every 200 ms while waiting
   * @throws IllegalStateException if a stage fails or the timeout passes
   */
  public void awaitDrained(Duration timeout, Consumer<Progress> onProgress)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> rawTargets = sink.nextOffsets();
    while (!Offsets.committedUpTo(admin, ProcessorService.DEFAULT_APPLICATION_ID, rawTargets)) {
      tick(deadline, timeout, onProgress, "processor");
    }
    // Then the processor's second hop (every article through the one task that assigns stories)
    // and the indexer. Their targets are ends read when no transaction is open there, and the
    // wait ends only when they are still the ends once everything has caught up to them.
    while (true) {
      Optional<Map<TopicPartition, Long>> storyTargets =
          Offsets.settledEnds(admin, Map.of(ProcessorService.STORIES_REPARTITION_TOPIC, 1));
      if (storyTargets.isEmpty()
          || !Offsets.committedUpTo(
              admin, ProcessorService.DEFAULT_APPLICATION_ID, storyTargets.get())) {
        tick(deadline, timeout, onProgress, "processor (stories)");
        continue;
      }
      Optional<Map<TopicPartition, Long>> outTargets = settledOutputEnds();
      if (outTargets.isEmpty() || (indexer != null && !indexedUpTo(outTargets.get()))) {
        tick(deadline, timeout, onProgress, "indexer");
        continue;
      }
      if (storyTargets.equals(
              Offsets.settledEnds(admin, Map.of(ProcessorService.STORIES_REPARTITION_TOPIC, 1)))
          && outTargets.equals(settledOutputEnds())) {
        break;
      }
      tick(deadline, timeout, onProgress, "processor (stories)");
    }
    onProgress.accept(progress());
  }

  private void tick(
      long deadline, Duration timeout, Consumer<Progress> onProgress, String waitingFor)
      throws InterruptedException {
    checkHealthy();
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "the "
              + waitingFor
              + " did not catch up within "
              + timeout.toSeconds()
              + " s; progress: "
              + progress());
    }
    onProgress.accept(progress());
    Thread.sleep(200);
  }

  /** Waits until the processor's Kafka Streams is RUNNING. */
  public void awaitRunning(Duration timeout) throws InterruptedException {
    processor.awaitRunning(timeout);
  }

  /** Tells each article as the indexer writes it (see {@link IndexerService#onApplied}). */
  public void onApplied(java.util.function.Consumer<dev.wirewatch.schemas.Article> listener) {
    if (indexer != null) {
      indexer.onApplied(listener);
    }
  }

  /** Throws if the processor or the indexer has stopped with an error. */
  public void checkHealthy() {
    if (processor.failure() != null) {
      throw new IllegalStateException(
          "the processor stopped: " + processor.failure().getMessage(), processor.failure());
    }
    if (processor.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR
        || processor.state() == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING) {
      throw new IllegalStateException(
          "the processor is not running (state " + processor.state() + ")");
    }
    if (indexer != null && indexer.failure() != null) {
      throw new IllegalStateException(
          "the indexer stopped: " + indexer.failure().getMessage(), indexer.failure());
    }
  }

  /** End offsets of news.articles and news.dlq when no transaction is open on them. */
  private Optional<Map<TopicPartition, Long>> settledOutputEnds() {
    return Offsets.settledEnds(
        admin,
        Map.of(
            topics.articles().name(),
            topics.articles().partitions(),
            topics.dlq().name(),
            topics.dlq().partitions()));
  }

  private boolean indexedUpTo(Map<TopicPartition, Long> targets) {
    Map<TopicPartition, Long> committed = indexer.committedOffsets();
    for (Map.Entry<TopicPartition, Long> t : targets.entrySet()) {
      if (t.getValue() > 0 && committed.getOrDefault(t.getKey(), 0L) < t.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The producer of news.raw that every importer and poller of this pipeline publishes through. */
  public KafkaRawArticleSink rawSink() {
    return sink;
  }

  /** The topics of this pipeline. */
  public Topics topics() {
    return topics;
  }

  /** Where the cluster is. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Searchers over the live index's shards (refreshed by the indexer as it consumes). */
  public org.apache.lucene.search.ReferenceManager<org.apache.lucene.search.IndexSearcher>
      searcherManager() {
    return index.searchers();
  }

  /** The alert notifier, or null when no watch is set. */
  public Notifier notifier() {
    return notifier;
  }

  /**
   * Stops the notifier, the indexer (committing what it consumed), the processor and the importer's
   * producer.
   */
  @Override
  public void close() {
    closeQuietly(notifier);
    closeQuietly(sink);
    closeQuietly(indexer);
    closeQuietly(index);
    closeQuietly(processor);
    admin.close(Duration.ofSeconds(5));
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(Pipeline.class)
          .warn("error while closing {}: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
