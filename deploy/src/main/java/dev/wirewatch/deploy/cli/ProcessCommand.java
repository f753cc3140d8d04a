package dev.wirewatch.deploy.cli;

import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.ProcessorService;
import dev.wirewatch.processor.clean.ArticleCleaner;
import dev.wirewatch.processor.lang.LanguageDetection;
import dev.wirewatch.processor.places.Gazetteer;
import dev.wirewatch.processor.places.PlaceTagger;
import dev.wirewatch.processor.tag.ArticleTagger;
import dev.wirewatch.processor.tag.TopicTagger;
import dev.wirewatch.processor.tag.TopicsFileException;
import dev.wirewatch.processor.watch.Watches;
import dev.wirewatch.processor.watch.WatchesFileException;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
final class ProcessCommand implements Callable<Integer> {
  @Mixin DataDirOption data;
  @Mixin WireFormatOption wire;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The Kafka cluster.")
  String bootstrapServers;

  @Option(
      names = "--topics",
      paramLabel = "FILE",
      description =
          "Topics file (default: the bundled config/topics.yaml); reloaded when it changes.")
  Path topicsFile;

  @Option(
      names = "--watches",
      paramLabel = "FILE",
      description =
          "Watches file (default: the bundled config/watches.yaml); reloaded when it changes.")
  Path watchesFile;

  @Mixin AdminOptions adminOptions;

  /** The admin port when --admin-port is not given. */
  static final int DEFAULT_ADMIN_PORT = 8082;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    data.initLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Supplier<TopicTagger> topics;
    Supplier<Watches> watches;
    try {
      topics = ConfigFiles.topics(topicsFile);
      watches = ConfigFiles.watches(watchesFile);
    } catch (TopicsFileException | WatchesFileException e) {
      err.println("wirewatch process: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Topics kafkaTopics = wire.topics();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      TopicAdmin.ensureTopics(admin, kafkaTopics, TopicAdmin.BROKER_DEFAULT_REPLICATION);
    } catch (RuntimeException e) {
      err.println(
          "wirewatch process: cannot reach Kafka at "
              + bootstrapServers
              + " to check its topics: "
              + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    ArticleProcessor processor =
        new ArticleProcessor(
            new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS),
            new ArticleTagger(topics, new PlaceTagger(Gazetteer.bundled())),
            new LanguageDetection(),
            Clock.systemUTC());
    ProcessorService service =
        new ProcessorService(
            bootstrapServers,
            kafkaTopics,
            processor,
            watches,
            data.dataDir.resolve("streams"),
            Map.of());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    service.bindMetrics(metrics);
    AdminServer[] admin = new AdminServer[1];
    return ServiceRun.untilStopped(
        "process",
        new ServiceRun.Service() {
          @Override
          public void start() {
            admin[0] =
                adminOptions.start(
                    DEFAULT_ADMIN_PORT,
                    metrics,
                    () ->
                        service.failure() != null
                            ? "the processor stopped: " + service.failure().getMessage()
                            : service.state() == KafkaStreams.State.RUNNING
                                ? null
                                : "Kafka Streams is " + service.state());
            service.start();
            out.println(
                "Processor running against "
                    + bootstrapServers
                    + " (state in "
                    + data.dataDir.resolve("streams").toAbsolutePath()
                    + "). Ctrl-C to stop.");
            if (admin[0] != null) {
              out.println(adminOptions.describe(admin[0]));
            }
            out.flush();
          }

          @Override
          public void close() {
            if (admin[0] != null) {
              admin[0].close();
            }
            service.close();
          }

          @Override
          public Throwable failure() {
            return service.failure();
          }
        },
        err);
  }
}
