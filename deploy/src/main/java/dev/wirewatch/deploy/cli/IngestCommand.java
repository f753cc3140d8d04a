package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.pipeline.Ingester;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.ingest.source.IngestSettings;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.Sources;
import dev.wirewatch.ingest.source.SourcesFile;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirewatch ingest}: polls sources continuously into news.raw on a Kafka cluster. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Poll feeds, sitemaps and pages continuously and publish their articles to news.raw.",
      "Each source is polled when due; failures back off; state survives restarts (news.ingest-state)."
    })
final class IngestCommand implements Callable<Integer> {
  @Mixin DataDirOption data;
  @Mixin WireFormatOption wire;

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description = "The sources file (default: ${DEFAULT-VALUE}).",
      defaultValue = "config/sources.yaml")
  Path sourcesFile;

  @Option(names = "--feed", paramLabel = "URL", description = "An extra feed to poll; repeatable.")
  List<String> feeds = new ArrayList<>();

  @Option(
      names = "--allow-private-network",
      description = "Let the feeds given with --feed live on a loopback or private address.")
  boolean allowPrivateNetwork;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      required = true,
      description = "The Kafka cluster.")
  String bootstrapServers;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description =
          "A .txt, .html or .jsonl file, or a directory of them, to publish once (then exit); repeatable.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--once", description = "Poll every source once, then exit.")
  boolean once;

  @Mixin AdminOptions adminOptions;

  /** The admin port when --admin-port is not given. */
  static final int DEFAULT_ADMIN_PORT = 8083;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    data.initLogging();
    PrintWriter out = spec.commandLine().getOut();
    if (!inputs.isEmpty()) {
      return importFiles(out);
    }
    Sources fromFile =
        feeds.isEmpty() || java.nio.file.Files.exists(sourcesFile)
            ? SourcesFile.load(sourcesFile)
            : new Sources(IngestSettings.DEFAULTS, List.of());
    List<SourceConfig> all = new ArrayList<>(fromFile.sources());
    feeds.forEach(f -> all.add(SourceConfig.ofFeedUrl(f, allowPrivateNetwork)));
    Sources sources = new Sources(fromFile.settings(), all);
    if (sources.sources().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("wirewatch ingest: no sources in " + sourcesFile + " and no --feed");
      return Main.EXIT_USAGE;
    }
    Topics topics = wire.topics();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicAdmin.ensureTopics(admin, topics, TopicAdmin.BROKER_DEFAULT_REPLICATION);
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AdminServer admin = null;
    try (KafkaRawArticleSink sink = new KafkaRawArticleSink(bootstrapServers, topics, Map.of());
        Ingester ingester = Ingester.create(bootstrapServers, topics, sink, sources, metrics)) {
      if (once) {
        var outcomes = ingester.pollOnce();
        sink.flush();
        int failed = 0;
        for (int i = 0; i < outcomes.size(); i++) {
          var o = outcomes.get(i);
          out.printf(
              "%-24s %s%n",
              sources.sources().get(i).id(),
              o.ok()
                  ? "ok: "
                      + o.newItems()
                      + " new, "
                      + o.updatedItems()
                      + " updated, "
                      + o.unchangedItems()
                      + " unchanged"
                  : "failed: " + o.error());
          failed += o.ok() ? 0 : 1;
        }
        out.flush();
        return failed == 0 ? 0 : Main.EXIT_FAILURE;
      }
      // On Ctrl-C the JVM waits for hooks, not for this thread: the hook waits until we have
      // closed.
      Thread hook =
          new Thread(
              () -> {
                stop.countDown();
                try {
                  closed.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "wirewatch-ingest-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      ingester.start();
      // Ready once the durable state is read and polling runs (create() has read it by now).
      admin = adminOptions.start(DEFAULT_ADMIN_PORT, metrics, () -> null);
      out.printf(
          "Polling %d sources into %s on %s. Ctrl-C stops.%n",
          sources.sources().size(), Topics.RAW, bootstrapServers);
      if (admin != null) {
        out.println(adminOptions.describe(admin));
      }
      out.flush();
      stop.await();
    } finally {
      if (admin != null) {
        admin.close();
      }
      closed.countDown();
    }
    return 0;
  }

  /** Publishes files to news.raw, as the demo's --input does, and reports what was skipped. */
  private int importFiles(PrintWriter out) {
    Topics topics = wire.topics();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicAdmin.ensureTopics(admin, topics, TopicAdmin.BROKER_DEFAULT_REPLICATION);
    }
    try (KafkaRawArticleSink sink = new KafkaRawArticleSink(bootstrapServers, topics, Map.of())) {
      dev.wirewatch.ingest.file.ImportReport report =
          new dev.wirewatch.ingest.file.FileImporter(
                  sink,
                  java.time.Clock.systemUTC(),
                  dev.wirewatch.ingest.file.FileImporter.DEFAULT_MAX_ARTICLE_BYTES)
              .importPaths(inputs);
      sink.flush();
      report
          .problems()
          .forEach(p -> spec.commandLine().getErr().println("wirewatch ingest: skipped " + p));
      out.printf(
          "Published %d articles to %s on %s (%d inputs skipped).%n",
          report.published(), Topics.RAW, bootstrapServers, report.problems().size());
      out.flush();
      return report.problems().isEmpty() ? 0 : Main.EXIT_FAILURE;
    }
  }
}
