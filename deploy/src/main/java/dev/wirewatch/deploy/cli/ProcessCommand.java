package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.command.AdminOptions;
import dev.wirewatch.deploy.command.ClusterOptions;
import dev.wirewatch.deploy.command.ConfigFileOptions;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.ServiceRun;
import dev.wirewatch.deploy.config.ConfigFiles;
import dev.wirewatch.deploy.store.WatchStore;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.ProcessorService;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.tag.TopicTagger;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch process}: the processor alone, as a long-running service — the Kafka Streams
 * application from news.raw to news.articles, news.alerts and news.dlq. Instances started against
 * the same cluster share the work by partition (Kafka Streams' group): start as many as news.raw
 * has partitions, each with its own data directory for its local state.
 */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    description =
        "Run the processor service: news.raw → cleaned, tagged, storied articles (news.articles), alerts and dead letters.")
final class ProcessCommand extends DataDirCommand {
  /** The admin port when --admin-port is not given. */
  static final int DEFAULT_ADMIN_PORT = 8082;

  @Mixin AdminOptions adminOptions;

  @Mixin ClusterOptions cluster;

  @Mixin ConfigFileOptions.TopicsFile topicsFile;

  @Mixin ConfigFileOptions.WatchesFile watchesFile;

  @Option(
      names = "--streams-config",
      paramLabel = "KEY=VALUE",
      description =
          "A Kafka Streams setting that replaces Wirewatch's own (repeat the option for more),"
              + " e.g. num.stream.threads=2. processing.guarantee stays exactly_once_v2 unless"
              + " --allow-at-least-once is given.")
  Map<String, String> streamsConfig = new LinkedHashMap<>();

  @Option(
      names = "--allow-at-least-once",
      description =
          "Accept processing.guarantee=at_least_once in --streams-config: after a crash, some"
              + " articles, dead letters and alerts are then written twice.")
  boolean allowAtLeastOnce;

  /** The fault suite's switch: it must see what exactly-once does without the repeat check. */
  @Option(names = "--no-repeat-check", hidden = true)
  boolean noRepeatCheck;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    ProcessorService.Options options;
    try {
      options =
          new ProcessorService.Options(
              new LinkedHashMap<String, Object>(streamsConfig), allowAtLeastOnce, !noRepeatCheck);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    Supplier<TopicTagger> topics = ConfigFiles.topics(topicsFile.file());
    Watches seed = ConfigFiles.watches(watchesFile.file()).get();
    Topics kafkaTopics = cluster.topics();
    try {
      TopicAdmin.ensureTopics(
          cluster.bootstrapServers(), kafkaTopics, TopicAdmin.BROKER_DEFAULT_REPLICATION);
    } catch (RuntimeException e) {
      return failure(
          "cannot reach Kafka at "
              + cluster.bootstrapServers()
              + " to check its topics: "
              + e.getMessage());
    }
    // The watches in force: news.watches (seeded from the file when empty), changed by the API
    WatchStore watches = WatchStore.open(cluster.bootstrapServers(), kafkaTopics.watches(), seed);
    Path state = common.dataDir().resolve("streams");
    ProcessorService service =
        new ProcessorService(
            cluster.bootstrapServers(),
            kafkaTopics,
            ArticleProcessor.standard(topics),
            watches,
            state,
            options);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    service.bindMetrics(metrics);
    Supplier<String> notReady =
        () ->
            service.failure() != null
                ? "the processor stopped: " + service.failure().getMessage()
                : service.state() == KafkaStreams.State.RUNNING
                    ? null
                    : "Kafka Streams is " + service.state();
    ServiceRun.Service run =
        ServiceRun.Service.of(
            () -> {
              service.start();
              out.println(
                  "Processor running against "
                      + cluster.bootstrapServers()
                      + " (state in "
                      + state.toAbsolutePath()
                      + "). Ctrl-C to stop.");
            },
            () -> {
              service.close();
              watches.close();
            },
            service::failure);
    return ServiceRun.untilStopped(
        "process", adminOptions.around(run, DEFAULT_ADMIN_PORT, metrics, notReady, out), err);
  }
}
