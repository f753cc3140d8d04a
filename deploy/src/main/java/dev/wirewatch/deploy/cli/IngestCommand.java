package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.command.AdminOptions;
import dev.wirewatch.deploy.command.ClusterOptions;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.ServiceRun;
import dev.wirewatch.deploy.config.SourcesFile;
import dev.wirewatch.deploy.pipeline.Ingester;
import dev.wirewatch.ingest.file.FileImporter;
import dev.wirewatch.ingest.file.ImportReport;
import dev.wirewatch.ingest.poll.PollOutcome;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.ingest.source.Sources;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirewatch ingest}: poll sources continuously, or publish files once, into news.raw. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Poll feeds, sitemaps and pages continuously and publish their articles to news.raw.",
      "Each source is polled when due; failures back off; state survives restarts (news.ingest-state)."
    })
final class IngestCommand extends DataDirCommand {
  /** The admin port when --admin-port is not given. */
  static final int DEFAULT_ADMIN_PORT = 8083;

  /** The sources file when --sources is not given. */
  static final String DEFAULT_SOURCES = "config/sources.yaml";

  @Mixin AdminOptions adminOptions;

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description = "The sources file (default: ${DEFAULT-VALUE}).",
      defaultValue = DEFAULT_SOURCES)
  Path sourcesFile;

  @Option(names = "--feed", paramLabel = "URL", description = "An extra feed to poll; repeatable.")
  List<String> feeds = new ArrayList<>();

  @Option(
      names = "--allow-private-network",
      description = "Let the feeds given with --feed live on a loopback or private address.")
  boolean allowPrivateNetwork;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description =
          "A .txt, .html or .jsonl file, or a directory of them, to publish once (then exit); repeatable.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--once", description = "Poll every source once, then exit.")
  boolean once;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    if (!inputs.isEmpty()) {
      return importFiles(out, err);
    }
    Sources fromFile =
        feeds.isEmpty() || Files.exists(sourcesFile)
            ? SourcesFile.load(sourcesFile)
            : SourcesFile.NONE;
    Sources sources = SourcesFile.plusFeeds(fromFile, feeds, allowPrivateNetwork);
    if (sources.sources().isEmpty()) {
      return usage("no sources in " + sourcesFile + " and no --feed");
    }
    Topics topics = cluster.topics();
    TopicAdmin.ensureTopics(
        cluster.bootstrapServers(), topics, TopicAdmin.BROKER_DEFAULT_REPLICATION);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KafkaRawArticleSink sink =
        new KafkaRawArticleSink(cluster.bootstrapServers(), topics, Map.of());
    Ingester ingester;
    try {
      ingester = Ingester.create(cluster.bootstrapServers(), topics, sink, sources, metrics);
    } catch (RuntimeException e) {
      sink.close();
      throw e;
    }
    if (once) {
      try (sink;
          ingester) {
        return pollOnce(ingester, sink, sources, out);
      }
    }
    ServiceRun.Service polling =
        ServiceRun.Service.of(
            () -> {
              ingester.start();
              out.printf(
                  "Polling %d sources into %s on %s. Ctrl-C stops.%n",
                  sources.sources().size(), Topics.RAW, cluster.bootstrapServers());
            },
            () -> {
              ingester.close();
              sink.close();
            },
            () -> null);
    // Ready once the durable state is read and polling runs (create() has read it by now).
    return ServiceRun.untilStopped(
        "ingest", adminOptions.around(polling, DEFAULT_ADMIN_PORT, metrics, () -> null, out), err);
  }

  private static int pollOnce(
      Ingester ingester, KafkaRawArticleSink sink, Sources sources, PrintWriter out)
      throws InterruptedException {
    List<PollOutcome> outcomes = ingester.pollOnce();
    sink.flush();
    int failed = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      PollOutcome o = outcomes.get(i);
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
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** Publishes files to news.raw, as the demo's --input does, and reports what was skipped. */
  private int importFiles(PrintWriter out, PrintWriter err) {
    Topics topics = cluster.topics();
    TopicAdmin.ensureTopics(
        cluster.bootstrapServers(), topics, TopicAdmin.BROKER_DEFAULT_REPLICATION);
    try (KafkaRawArticleSink sink =
        new KafkaRawArticleSink(cluster.bootstrapServers(), topics, Map.of())) {
      ImportReport report =
          new FileImporter(sink, Clock.systemUTC(), FileImporter.DEFAULT_MAX_ARTICLE_BYTES)
              .importPaths(inputs);
      sink.flush();
      report.problems().forEach(p -> err.println("wirewatch ingest: skipped " + p));
      out.printf(
          "Published %d articles to %s on %s (%d inputs skipped).%n",
          report.published(), Topics.RAW, cluster.bootstrapServers(), report.problems().size());
      return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
