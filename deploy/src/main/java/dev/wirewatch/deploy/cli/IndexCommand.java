package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.command.ClusterOptions;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.ServiceRun;
import dev.wirewatch.deploy.command.UsageException;
import dev.wirewatch.indexer.IndexerMetrics;
import dev.wirewatch.indexer.IndexerService;
import dev.wirewatch.indexer.Membership;
import dev.wirewatch.indexer.group.GroupDirectory;
import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.app.WebApp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch index}: an indexer instance, as a long-running service against a Kafka cluster:
 * news.articles and news.dlq into a shard per partition in a data directory, exactly once (offsets
 * in each shard's Lucene commit), with the search API and UI over every instance's shards. Several
 * instances with the same {@code --group} split the partitions (Kafka's consumer group assigns them
 * and tells each instance the others' search URLs). Stops cleanly on SIGTERM or Ctrl-C (a last
 * commit); a kill -9 loses only what the next start reads again from Kafka.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description =
        "Run the indexer service: news.articles and news.dlq into the index of a data directory, exactly once.")
final class IndexCommand extends DataDirCommand {
  /**
   * The settings of an indexer instance, checked.
   *
   * @param commitIntervalMs how often consumed work is committed to the index (at least 10 ms)
   * @param group the consumer group of the instances that share the partitions
   * @param port of this instance's search API and UI; 0 for any free port
   * @param advertisedUrl where other instances reach this one, or null for http://HOST:PORT
   * @param sessionTimeoutMs how long the group waits for a silent instance
   */
  record Settings(
      String bootstrapServers,
      long commitIntervalMs,
      String group,
      int port,
      String host,
      String advertisedUrl,
      int sessionTimeoutMs) {
    static final long DEFAULT_COMMIT_INTERVAL_MS = IndexerService.DEFAULT_COMMIT_INTERVAL_MS;
    static final String DEFAULT_GROUP = "wirewatch-indexer";
    static final int DEFAULT_PORT = 8081;
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;

    Settings {
      UsageException.require(
          commitIntervalMs >= 10,
          "--commit-interval-ms must be at least 10, got " + commitIntervalMs);
    }
  }

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--commit-interval-ms",
      paramLabel = "MS",
      defaultValue = "" + Settings.DEFAULT_COMMIT_INTERVAL_MS,
      description =
          "How often consumed work is committed to the index (default: ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(
      names = "--group",
      paramLabel = "ID",
      defaultValue = Settings.DEFAULT_GROUP,
      description =
          "Consumer group of the indexer instances that share the partitions (default: ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + Settings.DEFAULT_PORT,
      description =
          "Port of this instance's search API and UI; 0 for any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = Settings.DEFAULT_HOST,
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--advertised-url",
      paramLabel = "URL",
      description =
          "The URL other instances reach this one's search API at (default: http://HOST:PORT).")
  String advertisedUrl;

  @Option(
      names = "--session-timeout-ms",
      paramLabel = "MS",
      defaultValue = "" + Settings.DEFAULT_SESSION_TIMEOUT_MS,
      description =
          "How long the group waits for an instance that stopped answering before its partitions move (default: ${DEFAULT-VALUE}).")
  int sessionTimeoutMs;

  /** The fault suite's deliberately broken indexer: it reads every partition from its start. */
  @Option(names = "--ignore-stored-offsets", hidden = true)
  boolean ignoreStoredOffsets;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    Settings s =
        new Settings(
            cluster.bootstrapServers(),
            commitIntervalMs,
            group,
            port,
            host,
            advertisedUrl,
            sessionTimeoutMs);
    ShardedIndex index;
    try {
      index = ShardedIndex.open(common.indexDir());
    } catch (UncheckedIOException | IllegalStateException e) {
      return failure(e.getMessage());
    }
    GroupDirectory directory = new GroupDirectory();
    AtomicReference<String> self = new AtomicReference<>();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IndexerMetrics indexerMetrics = new IndexerMetrics(metrics);
    indexerMetrics.watch(index, common.indexDir());
    AtomicReference<IndexerService> running = new AtomicReference<>();
    WebServer server;
    try {
      server =
          WebApp.builder(
                  SearchScope.withPeers(index.searchers(), () -> directory.peers(self.get())))
              .metrics(metrics)
              .readiness(() -> notReady(running.get(), index))
              .build(s.host(), s.port())
              .start();
    } catch (RuntimeException e) {
      index.close();
      return failure(WebAddresses.cannotServe(s.host(), s.port(), e));
    }
    self.set(
        s.advertisedUrl() != null ? s.advertisedUrl() : "http://" + s.host() + ":" + server.port());
    IndexerService indexer =
        new IndexerService(
            s.bootstrapServers(),
            cluster.topics(),
            index,
            Membership.group(s.group(), self.get(), directory),
            indexerMetrics,
            Clock.systemUTC(),
            s.commitIntervalMs(),
            Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                s.sessionTimeoutMs(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Math.max(1000, s.sessionTimeoutMs() / 3)),
            ignoreStoredOffsets);
    running.set(indexer);
    return ServiceRun.untilStopped(
        "index",
        ServiceRun.Service.of(
            () -> {
              indexer.start();
              out.println(
                  "Indexer running: "
                      + common.indexDir().toAbsolutePath()
                      + " from "
                      + s.bootstrapServers()
                      + " in group "
                      + s.group()
                      + " (shards on disk at "
                      + ShardedIndex.committedOffsets(common.indexDir())
                      + "). Ctrl-C to stop.");
              out.println("Search API: " + self.get() + "/api/search?q=kenya");
              out.flush();
            },
            () -> {
              server.close();
              indexer.close();
              // What this run applied, per partition: after a crash, only what was not committed
              indexer
                  .appliedSinceStart()
                  .forEach(
                      (tp, a) ->
                          out.println(
                              "Applied since start: "
                                  + tp
                                  + " from offset "
                                  + a.firstOffset()
                                  + ", "
                                  + a.records()
                                  + " records"));
              out.flush();
              try {
                index.close();
              } catch (Exception e) {
                LoggerFactory.getLogger(IndexCommand.class)
                    .warn("closing the index: {}", e.toString());
              }
            },
            indexer::failure),
        err);
  }

  private static String notReady(IndexerService indexer, ShardedIndex index) {
    if (indexer == null) {
      return "starting";
    }
    if (indexer.failure() != null) {
      return "the indexer stopped: " + indexer.failure().getMessage();
    }
    return index.partitions().isEmpty() ? "no partitions assigned yet" : null;
  }
}
