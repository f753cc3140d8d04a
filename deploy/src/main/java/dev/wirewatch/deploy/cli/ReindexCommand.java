package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.command.ClusterOptions;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.Directories;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.indexer.IndexerMetrics;
import dev.wirewatch.indexer.IndexerService;
import dev.wirewatch.indexer.Membership;
import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.schemas.Topics;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch reindex}: rebuilds the index of a data directory from news.articles and
 * news.dlq, from the earliest offsets Kafka still has. The new index is built beside the old one
 * and replaces it only when it has caught up with the topics' ends, so the old index stays usable
 * until then and a failed rebuild changes nothing.
 */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild the index of a data directory from the news.articles and news.dlq topics.")
final class ReindexCommand extends DataDirCommand {
  /** How long a rebuild may take before it gives up (seconds). */
  static final long DEFAULT_TIMEOUT_SECONDS = 3600;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
      description =
          "Give up when the rebuild has not caught up after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    Path live = common.indexDir();
    Path rebuild = common.dataDir().resolve("index.rebuild");
    // Refuse while something writes the live index: it would go on writing the replaced copy.
    if (Files.isDirectory(live)) {
      try {
        ShardedIndex.requireUnused(live);
      } catch (UncheckedIOException e) {
        err.println(
            "wirewatch reindex: the index in "
                + common.dataDir()
                + " is in use (stop the indexer or demo using it first): "
                + e.getMessage());
        return ExitCodes.FAILURE;
      }
    }
    Directories.delete(rebuild);
    Topics topics = cluster.topics();
    Map<TopicPartition, Long> ends = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> probe = probe()) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String t : List.of(topics.articles().name(), topics.dlq().name())) {
        var infos = probe.partitionsFor(t, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
          err.println(
              "wirewatch reindex: topic " + t + " does not exist at " + cluster.bootstrapServers());
          return ExitCodes.FAILURE;
        }
        infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      }
      ends.putAll(probe.endOffsets(parts));
      probe
          .beginningOffsets(parts)
          .forEach(
              (tp, first) -> {
                if (first > 0) {
                  err.println(
                      "wirewatch reindex: warning: "
                          + tp
                          + " starts at offset "
                          + first
                          + ": what came before is past the topic's retention and cannot be restored");
                }
              });
    }
    ShardedIndex index = ShardedIndex.open(rebuild);
    IndexerService indexer =
        new IndexerService(
            cluster.bootstrapServers(),
            topics,
            index,
            Membership.ALL_PARTITIONS,
            IndexerMetrics.none(),
            Clock.systemUTC(),
            IndexerService.DEFAULT_COMMIT_INTERVAL_MS,
            Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "wirewatch-reindex"));
    indexer.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    try {
      while (!caughtUp(indexer.committedOffsets(), ends)) {
        if (indexer.failure() != null) {
          err.println(
              "wirewatch reindex: "
                  + indexer.failure().getMessage()
                  + "; the old index is unchanged");
          return ExitCodes.FAILURE;
        }
        if (System.nanoTime() > deadline) {
          err.println(
              "wirewatch reindex: not caught up after "
                  + timeoutSeconds
                  + " s; the old index is unchanged");
          return ExitCodes.FAILURE;
        }
        Thread.sleep(200);
      }
    } finally {
      indexer.close();
      index.close();
    }
    Path old = common.dataDir().resolve("index.old");
    Directories.delete(old);
    if (Files.isDirectory(live)) {
      Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(rebuild, live, StandardCopyOption.ATOMIC_MOVE);
    Directories.delete(old);
    long articles = indexer.indexed();
    out.printf(
        "Rebuilt %s from %s: %d articles, %d dead letters.%n",
        live.toAbsolutePath(), cluster.bootstrapServers(), articles, indexer.deadLetters());
    return 0;
  }

  private KafkaConsumer<byte[], byte[]> probe() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "wirewatch-reindex-probe");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Whether every partition's committed position has reached the end it had when the rebuild began.
   */
  static boolean caughtUp(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (committed.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
