package dev.wirewatch.deploy.cli;

import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.deploy.command.Closeables;
import dev.wirewatch.deploy.command.ConfigFileOptions;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.UsageException;
import dev.wirewatch.deploy.command.WebOptions;
import dev.wirewatch.deploy.command.WireFormatOption;
import dev.wirewatch.deploy.config.CatalogView;
import dev.wirewatch.deploy.config.ConfigFiles;
import dev.wirewatch.deploy.config.SourcesFile;
import dev.wirewatch.deploy.pipeline.Ingester;
import dev.wirewatch.deploy.pipeline.Pipeline;
import dev.wirewatch.deploy.pipeline.Progress;
import dev.wirewatch.deploy.store.ApiToken;
import dev.wirewatch.deploy.store.SavedSearchStore;
import dev.wirewatch.deploy.store.SourceStore;
import dev.wirewatch.deploy.store.WatchStore;
import dev.wirewatch.indexer.tail.AlertTail;
import dev.wirewatch.indexer.tail.SourceStatusTail;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.WriteToken;
import dev.wirewatch.indexer.web.alerts.AlertBroadcaster;
import dev.wirewatch.indexer.web.alerts.AlertLog;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.indexer.web.catalog.Catalog;
import dev.wirewatch.ingest.file.Problem;
import dev.wirewatch.ingest.poll.PollOutcome;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.Sources;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.tag.TopicTagger;
import dev.wirewatch.schemas.TopicAdmin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch demo}: the whole pipeline in one process — a Kafka broker inside the JVM (or a
 * given cluster), ingest, processor, indexer — then the web UI over the live index until Ctrl-C,
 * polling its sources on their intervals all the while: the named ones, else the shipped
 * config/sources.yaml (the bundled samples are imported too, so there is something to look at
 * without a network).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline in one process: a Kafka broker inside the JVM, ingest, processor and indexer,",
      "then serve the web UI and keep polling the sources on their intervals until Ctrl-C.",
      "The sources: those of --sources and --feed; with none of --input, --feed or --sources, the shipped",
      "config/sources.yaml (real public feeds on the running example), and the bundled samples are imported.",
      "With --no-serve: poll the named sources once, import the inputs (or the samples), wait until all is",
      "indexed, and exit."
    })
final class DemoCommand extends DataDirCommand {
  /**
   * Samples shipped in the distribution (the repository's samples/ folder): the seed, and another
   * outlet's report of the same event in other words (one story of two articles).
   */
  static final List<String> BUNDLED_SAMPLES =
      List.of("seed-article-haiti-kenya.txt", "kenya-haiti-us-troops.txt");

  static final int DEFAULT_BROKER_PORT = 0;
  static final long DEFAULT_TIMEOUT_SECONDS = 900;

  @Mixin WireFormatOption wire;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "A .txt, .html or .jsonl file, or a directory of them; repeatable.")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--feed",
      paramLabel = "URL",
      description =
          "A feed (RSS, Atom, JSON Feed) or news sitemap to poll (every 15 minutes while serving), following linked pages; repeatable.")
  List<String> feeds = new ArrayList<>();

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description =
          "A sources file (see config/sources.yaml) whose sources are polled, on their intervals while serving.")
  Path sourcesFile;

  @Option(
      names = "--allow-private-network",
      description = "Let the feeds given with --feed live on a loopback or private address.")
  boolean allowPrivateNetwork;

  @Mixin WebOptions listen;

  @Option(
      names = "--broker-only",
      description =
          "Run the embedded Kafka broker alone (with Wirewatch's topics) for services"
              + " started separately: ingest, process, index, serve, notify.")
  boolean brokerOnly;

  @Option(
      names = "--broker-port",
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_BROKER_PORT,
      description = "Port of the embedded broker; 0 for any free port (default: ${DEFAULT-VALUE}).")
  int brokerPort;

  @Option(
      names = "--broker-host",
      paramLabel = "ADDRESS",
      defaultValue = EmbeddedKafka.LOOPBACK,
      description =
          "Address the embedded broker listens on and gives its clients (default: ${DEFAULT-VALUE})."
              + " The broker has no authentication: use an address only trusted peers reach.")
  String brokerHost;

  @Option(
      names = "--no-serve",
      description = "Exit once every ingested article is indexed or in the DLQ.")
  boolean noServe;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of the embedded broker.")
  String bootstrapServers;

  @Mixin ConfigFileOptions.TopicsFile topicsFile;

  @Mixin ConfigFileOptions.WatchesFile watchesFile;

  @Option(
      names = "--api-token-file",
      paramLabel = "FILE",
      description =
          "The token that writes through the API need (Authorization: Bearer TOKEN). Default: $"
              + ApiToken.ENV
              + ", else DATA_DIR/"
              + ApiToken.FILE
              + ", generated at first start.")
  Path apiTokenFile;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
      description =
          "With --no-serve: give up when the pipeline has not caught up after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** What runs, in the order it is closed; the shutdown hook reads it from another thread. */
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    UsageException.require(
        timeoutSeconds >= 1, "--timeout must be at least 1 second, got " + timeoutSeconds);
    UsageException.require(
        !(brokerOnly && bootstrapServers != null),
        "--broker-only runs the embedded broker; it cannot be combined with --bootstrap-servers");
    UsageException.require(
        bootstrapServers == null || EmbeddedKafka.LOOPBACK.equals(brokerHost),
        "--broker-host is where the embedded broker listens; it cannot be combined with"
            + " --bootstrap-servers");
    UsageException.require(
        EmbeddedKafka.isListenerHost(brokerHost),
        "--broker-host must be a host name or an IPv4 address without a port, got '"
            + brokerHost
            + "'");
    Supplier<TopicTagger> topics = ConfigFiles.topics(topicsFile.file());
    Supplier<Watches> watches = ConfigFiles.watches(watchesFile.file());
    Files.createDirectories(common.dataDir());
    Thread hook =
        new Thread(
            () -> {
              closeAll();
              stopped.countDown();
              // Log4j's own hook is off (log4j2.xml) so that shutting Kafka down can still log.
              LogManager.shutdown();
            },
            "wirewatch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      String bootstrap = bootstrapServers != null ? bootstrapServers : startBroker(err);
      if (brokerOnly) {
        TopicAdmin.ensureTopics(bootstrap, wire.topics(), (short) 1);
        out.println(
            "Kafka broker: "
                + bootstrap
                + " (topics created). Start the services with --bootstrap-servers "
                + bootstrap
                + "; Ctrl-C to stop.");
        out.flush();
        waitUntilStopped(null);
        return ExitCodes.OK;
      }
      short replication =
          bootstrapServers == null ? (short) 1 : TopicAdmin.BROKER_DEFAULT_REPLICATION;
      // The watches in force live in news.watches (the file seeds it): the API changes them
      TopicAdmin.ensureTopics(bootstrap, wire.topics(), replication);
      WatchStore inForce = WatchStore.open(bootstrap, wire.topics().watches(), watches.get());
      open.add(0, inForce);
      Pipeline pipeline =
          Pipeline.start(
              bootstrap,
              common.dataDir(),
              wire.topics(),
              ArticleProcessor.standard(topics),
              inForce,
              replication);
      open.add(0, pipeline);
      boolean named = !inputs.isEmpty() || !feeds.isEmpty() || sourcesFile != null;
      Sources namedSources =
          SourcesFile.plusFeeds(
              sourcesFile == null ? SourcesFile.NONE : SourcesFile.load(sourcesFile),
              feeds,
              allowPrivateNetwork);
      // What is polled: the named sources, else (serving) the shipped ones, never waited for.
      Sources polled = named ? namedSources : noServe ? SourcesFile.NONE : SourcesFile.bundled();
      // Serving, the sources added through the API are polled too (news.sources keeps them)
      SourceStore sourceStore = null;
      if (!noServe) {
        sourceStore =
            SourceStore.open(
                bootstrap, wire.topics().sources(), polled.sources(), allowPrivateNetwork);
        open.add(0, sourceStore);
      }
      Ingester ingester = null;
      if (sourceStore != null || !polled.sources().isEmpty()) {
        ingester =
            Ingester.create(
                bootstrap,
                pipeline.topics(),
                pipeline.rawSink(),
                polled,
                sourceStore != null ? sourceStore : polled::sources,
                pipeline.metrics(),
                new SourceLines(err, !noServe && System.console() != null));
        open.add(0, ingester);
      }
      List<Problem> problems = ingest(pipeline, named ? ingester : null, namedSources, err);
      indexAll(pipeline, problems.size(), out, err);
      if (noServe) {
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
      }
      return serve(
          bootstrap,
          pipeline,
          CatalogView.of(topics, inForce),
          inForce,
          sourceStore,
          ingester,
          polled,
          out);
    } finally {
      closeAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it closes everything
      }
    }
  }

  private String startBroker(PrintWriter err) {
    if (System.console() != null) {
      err.print("Starting the embedded Kafka broker…\r");
      err.flush();
    }
    EmbeddedKafka broker =
        EmbeddedKafka.start(common.dataDir().resolve("kafka"), brokerHost, brokerPort);
    open.add(broker);
    return broker.bootstrapServers();
  }

  /**
   * Polls the named sources once (when {@code ingester} is given) and imports the inputs (or, when
   * nothing is named, the bundled samples); returns what failed.
   */
  private List<Problem> ingest(
      Pipeline pipeline, Ingester ingester, Sources sources, PrintWriter err)
      throws IOException, InterruptedException {
    List<Problem> problems = new ArrayList<>();
    if (ingester != null) {
      List<PollOutcome> outcomes = ingester.pollOnce();
      // the named sources come first (those added through the API after them)
      for (int i = 0; i < sources.sources().size(); i++) {
        PollOutcome o = outcomes.get(i);
        SourceConfig s = sources.sources().get(i);
        if (!o.ok()) {
          problems.add(new Problem(s.url(), o.error()));
        } else if (o.pageErrors() > 0) {
          err.printf(
              "wirewatch demo: %s: %d linked page%s could not be fetched; the feed's own content was used%n",
              s.url(), o.pageErrors(), o.pageErrors() == 1 ? "" : "s");
        }
      }
    }
    if (inputs.isEmpty() && sources.sources().isEmpty()) {
      // Nothing named: the samples, so that there is something to look at without a network
      for (String name : BUNDLED_SAMPLES) {
        problems.addAll(pipeline.importText(name, bundled(name)).problems());
      }
    } else if (!inputs.isEmpty()) {
      problems.addAll(pipeline.importPaths(inputs).problems());
    }
    for (Problem p : problems) {
      err.println("wirewatch demo: skipped " + p);
    }
    err.flush();
    return problems;
  }

  /** Waits until everything ingested is indexed or a dead letter, and says how it went. */
  private void indexAll(Pipeline pipeline, int skipped, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    long started = System.nanoTime();
    ProgressLine line = new ProgressLine(err, System.console() != null);
    pipeline.awaitDrained(Duration.ofSeconds(timeoutSeconds), line::show);
    line.clear();
    Progress done = pipeline.progress();
    out.printf(
        Locale.ROOT,
        "Indexed %d article%s (%d to the DLQ, %d input%s skipped) in %.1f s.%n",
        done.indexed(),
        done.indexed() == 1 ? "" : "s",
        done.deadLetters(),
        skipped,
        skipped == 1 ? "" : "s",
        (System.nanoTime() - started) / 1e9);
    out.printf("Index: %s%n", common.indexDir().toAbsolutePath());
    out.printf("Search it: bin/wirewatch search --data-dir %s \"kenya haiti\"%n", common.dataDir());
    out.flush();
  }

  /**
   * Serves the UI over the live index, with live alerts and source status, polling the sources
   * whenever they are due, until stopped.
   */
  private int serve(
      String bootstrap,
      Pipeline pipeline,
      Supplier<Catalog> catalog,
      WatchStore watches,
      SourceStore sources,
      Ingester ingester,
      Sources polled,
      PrintWriter out)
      throws InterruptedException {
    WebServer server;
    ApiToken token;
    try {
      token = ApiToken.resolve(System.getenv(ApiToken.ENV), apiTokenFile, common.dataDir());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      return failure(e.getMessage());
    }
    try {
      AlertBroadcaster alerts = new AlertBroadcaster();
      AlertLog history = new AlertLog();
      open.add(
          0,
          new AlertTail(
                  bootstrap,
                  pipeline.topics().alerts(),
                  AlertLog.REPLAY,
                  a -> {
                    history.add(a);
                    alerts.publish(a);
                  })
              .start());
      SourceStatusTail statuses =
          new SourceStatusTail(bootstrap, pipeline.topics().sourceStatus()).start();
      open.add(0, statuses);
      SavedSearchStore saved = SavedSearchStore.open(bootstrap, pipeline.topics().searches());
      open.add(0, saved);
      server =
          WebApp.builder(SearchScope.single(pipeline.searcherManager()))
              .alerts(alerts)
              .alertHistory(history)
              .watches(watches, new WriteToken(token.token()))
              .sourceEdits(sources, new WriteToken(token.token()))
              .savedSearches(saved, new WriteToken(token.token()))
              .catalog(catalog)
              .sourceStatus(statuses::snapshot)
              .metrics(pipeline.metrics())
              .build(listen.host(), listen.port())
              .start();
    } catch (RuntimeException e) {
      return failure(WebAddresses.cannotServe(listen.host(), listen.port(), e));
    }
    open.add(0, server);
    out.println("Wirewatch UI: " + WebAddresses.uiUrl(listen.host(), server.port()));
    out.println(
        "Search API: http://" + listen.host() + ":" + server.port() + "/api/search?q=kenya");
    out.println(
        "Alerts, live: http://" + listen.host() + ":" + server.port() + "/api/alerts/stream");
    out.println(
        "Watches: http://"
            + listen.host()
            + ":"
            + server.port()
            + "/api/watches (changes need the API token: "
            + token.where()
            + ")");
    if (ingester != null) {
      ingester.start();
      int watching = sources.get().size();
      out.println(
          "Watching "
              + watching
              + " source"
              + (watching == 1 ? "" : "s")
              + (sourcesFile == null && feeds.isEmpty() && inputs.isEmpty()
                  ? " (config/sources.yaml)"
                  : "")
              + ", each on its poll interval; how each is doing: "
              + WebAddresses.uiUrl(listen.host(), server.port())
              + "#/sources");
    }
    out.println(
        "Wirewatch is running"
            + (bootstrapServers == null ? " (Kafka at " + bootstrap + ")" : "")
            + ". Press Ctrl-C to stop.");
    out.flush();
    waitUntilStopped(pipeline);
    return ExitCodes.OK;
  }

  /** Until Ctrl-C (the shutdown hook closes everything), checking the pipeline stays healthy. */
  private void waitUntilStopped(Pipeline pipeline) throws InterruptedException {
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      if (closed.get()) {
        break;
      }
      if (pipeline != null) {
        pipeline.checkHealthy();
      }
    }
  }

  private static String bundled(String name) throws IOException {
    try (InputStream in =
        DemoCommand.class.getClassLoader().getResourceAsStream("dev/wirewatch/samples/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "bundled sample " + name + " is missing from the distribution");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Closes the server, the tails, the pipeline and the broker, in that order, once. */
  private void closeAll() {
    if (closed.compareAndSet(false, true)) {
      Closeables.closeAll(open);
    }
  }
}
