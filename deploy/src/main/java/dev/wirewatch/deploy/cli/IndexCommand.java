package dev.wirewatch.deploy.cli;

import dev.wirewatch.indexer.IndexerMetrics;
import dev.wirewatch.indexer.IndexerService;
import dev.wirewatch.indexer.group.GroupDirectory;
import dev.wirewatch.indexer.http.SearchServer;
import dev.wirewatch.indexer.store.ShardedIndex;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
final class IndexCommand implements Callable<Integer> {
  @Mixin DataDirOption data;
  @Mixin WireFormatOption wire;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The Kafka cluster.")
  String bootstrapServers;

  @Option(
      names = "--commit-interval-ms",
      paramLabel = "MS",
      defaultValue = "1000",
      description =
          "How often consumed work is committed to the index (default: ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(
      names = "--group",
      paramLabel = "ID",
      defaultValue = "wirewatch-indexer",
      description =
          "Consumer group of the indexer instances that share the partitions (default: ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8081",
      description =
          "Port of this instance's search API and UI; 0 for any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
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
      defaultValue = "10000",
      description =
          "How long the group waits for an instance that stopped answering before its partitions move (default: ${DEFAULT-VALUE}).")
  int sessionTimeoutMs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    data.initLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (commitIntervalMs < 10) {
      err.println(
          "wirewatch index: --commit-interval-ms must be at least 10, got " + commitIntervalMs);
      return Main.EXIT_USAGE;
    }
    ShardedIndex index;
    try {
      index = ShardedIndex.open(data.indexDir());
    } catch (UncheckedIOException | IllegalStateException e) {
      err.println("wirewatch index: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    GroupDirectory directory = new GroupDirectory();
    String[] self = new String[1];
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IndexerMetrics indexerMetrics = new IndexerMetrics(metrics);
    indexerMetrics.watch(index, data.indexDir());
    IndexerService[] running = new IndexerService[1];
    SearchServer server;
    try {
      server =
          new SearchServer(
                  index.searchers(),
                  new SearchServer.Extras(null, null, null, () -> directory.peers(self[0]))
                      .with(
                          metrics,
                          () -> {
                            IndexerService i = running[0];
                            if (i == null) {
                              return "starting";
                            }
                            if (i.failure() != null) {
                              return "the indexer stopped: " + i.failure().getMessage();
                            }
                            return index.partitions().isEmpty()
                                ? "no partitions assigned yet"
                                : null;
                          }),
                  host,
                  port)
              .start();
    } catch (RuntimeException e) {
      err.println(
          "wirewatch index: cannot serve on "
              + host
              + ":"
              + port
              + ": "
              + e.getMessage()
              + " (choose another with --port)");
      index.close();
      return Main.EXIT_FAILURE;
    }
    self[0] = advertisedUrl != null ? advertisedUrl : "http://" + host + ":" + server.port();
    IndexerService indexer =
        new IndexerService(
            bootstrapServers,
            wire.topics(),
            index,
            IndexerService.Membership.group(group, self[0], directory),
            indexerMetrics,
            Clock.systemUTC(),
            commitIntervalMs,
            Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                sessionTimeoutMs,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Math.max(1000, sessionTimeoutMs / 3)));
    running[0] = indexer;
    return ServiceRun.untilStopped(
        "index",
        new ServiceRun.Service() {
          @Override
          public void start() throws Exception {
            indexer.start();
            out.println(
                "Indexer running: "
                    + data.indexDir().toAbsolutePath()
                    + " from "
                    + bootstrapServers
                    + " in group "
                    + group
                    + " (shards on disk at "
                    + ShardedIndex.committedOffsets(data.indexDir())
                    + "). Ctrl-C to stop.");
            out.println("Search API: " + self[0] + "/api/search?q=kenya");
            out.flush();
          }

          @Override
          public void close() {
            server.close();
            indexer.close();
            try {
              index.close();
            } catch (Exception e) {
              org.slf4j.LoggerFactory.getLogger(IndexCommand.class)
                  .warn("closing the index: {}", e.toString());
            }
          }

          @Override
          public Throwable failure() {
            return indexer.failure();
          }
        },
        err);
  }
}
