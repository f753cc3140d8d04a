package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.broker.EmbeddedKafka;
import dev.wirewatch.deploy.pipeline.Ingester;
import dev.wirewatch.deploy.pipeline.Pipeline;
import dev.wirewatch.deploy.pipeline.Progress;
import dev.wirewatch.indexer.http.AlertBroadcaster;
import dev.wirewatch.indexer.http.AlertTail;
import dev.wirewatch.indexer.http.SearchServer;
import dev.wirewatch.indexer.http.SourceStatusTail;
import dev.wirewatch.ingest.file.ImportReport;
import dev.wirewatch.ingest.file.Problem;
import dev.wirewatch.ingest.poll.PollOutcome;
import dev.wirewatch.ingest.source.IngestSettings;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.Sources;
import dev.wirewatch.ingest.source.SourcesFile;
import dev.wirewatch.processor.ArticleProcessor;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wirewatch demo}: the whole pipeline in one process, on an embedded Kafka broker unless
 * {@code --bootstrap-servers} names a cluster.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline in one process: a Kafka broker inside the JVM, ingest, processor and indexer.",
      "Without --input, --feed or --sources it ingests the bundled samples. Ctrl-C stops everything cleanly."
    })
final class DemoCommand implements Callable<Integer> {
  /** Samples shipped in the distribution (the repository's samples/ folder). */
  static final List<String> BUNDLED_SAMPLES = List.of("seed-article-haiti-kenya.txt");

  @Mixin DataDirOption data;
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
          "A feed (RSS, Atom, JSON Feed) or news sitemap to poll once, following linked pages; repeatable.")
  List<String> feeds = new ArrayList<>();

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description = "A sources file (see config/sources.yaml) whose sources are polled once.")
  Path sourcesFile;

  @Option(
      names = "--allow-private-network",
      description = "Let the feeds given with --feed live on a loopback or private address.")
  boolean allowPrivateNetwork;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port of the search API while serving (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Address the search API listens on (default: ${DEFAULT-VALUE}).")
  String host;

  private volatile SearchServer server;
  private volatile AlertTail alertTail;
  private volatile SourceStatusTail statusTail;

  @Option(
      names = "--broker-only",
      description =
          "Run the embedded Kafka broker alone (with Wirewatch's topics) for services"
              + " started separately: ingest, process, index, serve, notify.")
  boolean brokerOnly;

  @Option(
      names = "--broker-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port of the embedded broker; 0 for any free port (default: ${DEFAULT-VALUE}).")
  int brokerPort;

  @Option(
      names = "--no-serve",
      description = "Exit once every ingested article is indexed or in the DLQ.")
  boolean noServe;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of the embedded broker.")
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

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "900",
      description =
          "With --no-serve: give up when the pipeline has not caught up after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Spec CommandSpec spec;

  private final AtomicBoolean closed = new AtomicBoolean();
  private EmbeddedKafka broker;
  private Pipeline pipeline;

  @Override
  public Integer call() throws Exception {
    data.initLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeoutSeconds < 1) {
      err.println("wirewatch demo: --timeout must be at least 1 second, got " + timeoutSeconds);
      return Main.EXIT_USAGE;
    }
    Supplier<TopicTagger> topics;
    Supplier<Watches> watches;
    try {
      topics = ConfigFiles.topics(topicsFile);
      watches = ConfigFiles.watches(watchesFile);
    } catch (TopicsFileException | WatchesFileException e) {
      err.println("wirewatch demo: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Files.createDirectories(data.dataDir);
    boolean tty = System.console() != null;
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              closeAll();
              stopped.countDown();
              // Log4j's own hook is off (log4j2.xml) so that shutting Kafka down can still log.
              org.apache.logging.log4j.LogManager.shutdown();
            },
            "wirewatch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      String bootstrap = bootstrapServers;
      if (bootstrap == null) {
        if (tty) {
          err.print("Starting the embedded Kafka broker…\r");
          err.flush();
        }
        broker = EmbeddedKafka.start(data.dataDir.resolve("kafka"), brokerPort);
        bootstrap = broker.bootstrapServers();
      }
      if (brokerOnly) {
        if (broker == null) {
          err.println(
              "wirewatch demo: --broker-only runs the embedded broker; it cannot be combined with --bootstrap-servers");
          return Main.EXIT_USAGE;
        }
        try (Admin admin =
            Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
          TopicAdmin.ensureTopics(admin, wire.topics(), (short) 1);
        }
        out.println(
            "Kafka broker: "
                + bootstrap
                + " (topics created). Start the services with"
                + " --bootstrap-servers "
                + bootstrap
                + "; Ctrl-C to stop.");
        out.flush();
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
          if (closed.get()) {
            break;
          }
        }
        return 0;
      }
      ArticleProcessor processor =
          new ArticleProcessor(
              new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS),
              new ArticleTagger(topics, new PlaceTagger(Gazetteer.bundled())),
              new LanguageDetection(),
              Clock.systemUTC());
      pipeline =
          Pipeline.start(
              bootstrap,
              data.dataDir,
              wire.topics(),
              processor,
              watches,
              broker != null ? (short) 1 : TopicAdmin.BROKER_DEFAULT_REPLICATION);

      List<Problem> problems = new ArrayList<>();
      Sources sources = sources();
      if (!sources.sources().isEmpty()) {
        try (Ingester ingester =
            Ingester.create(bootstrap, pipeline.topics(), pipeline.rawSink(), sources)) {
          List<PollOutcome> outcomes = ingester.pollOnce();
          for (int i = 0; i < outcomes.size(); i++) {
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
      }
      if (inputs.isEmpty() && sources.sources().isEmpty()) {
        for (String name : BUNDLED_SAMPLES) {
          problems.addAll(pipeline.importText(name, bundled(name)).problems());
        }
      } else if (!inputs.isEmpty()) {
        ImportReport report = pipeline.importPaths(inputs);
        problems.addAll(report.problems());
      }
      for (Problem p : problems) {
        err.println("wirewatch demo: skipped " + p);
      }
      err.flush();

      long started = System.nanoTime();
      ProgressLine line = new ProgressLine(err, tty);
      pipeline.awaitDrained(Duration.ofSeconds(timeoutSeconds), line::show);
      line.clear();
      Progress done = pipeline.progress();
      out.printf(
          Locale.ROOT,
          "Indexed %d article%s (%d to the DLQ, %d input%s skipped) in %.1f s.%n",
          done.indexed(),
          done.indexed() == 1 ? "" : "s",
          done.deadLetters(),
          problems.size(),
          problems.size() == 1 ? "" : "s",
          (System.nanoTime() - started) / 1e9);
      out.printf("Index: %s%n", data.indexDir().toAbsolutePath());
      out.printf("Search it: bin/wirewatch search --data-dir %s \"kenya haiti\"%n", data.dataDir);
      out.flush();
      if (noServe) {
        closeAll();
        return problems.isEmpty() ? 0 : Main.EXIT_FAILURE;
      }
      try {
        AlertBroadcaster alerts = new AlertBroadcaster();
        alertTail = new AlertTail(bootstrap, pipeline.topics().alerts(), alerts).start();
        statusTail = new SourceStatusTail(bootstrap, pipeline.topics().sourceStatus()).start();
        SourceStatusTail statuses = statusTail;
        server =
            new SearchServer(
                    pipeline.searcherManager(),
                    new SearchServer.Extras(
                            alerts, Catalogs.of(topics, watches), statuses::snapshot)
                        .with(pipeline.metrics(), () -> null),
                    host,
                    port)
                .start();
      } catch (RuntimeException e) {
        err.println(
            "wirewatch demo: cannot serve on "
                + host
                + ":"
                + port
                + ": "
                + ServeCommand.reason(e)
                + " (choose another with --port)");
        return Main.EXIT_FAILURE;
      }
      out.println("Wirewatch UI: " + uiUrl(host, server.port()));
      out.println("Search API: http://" + host + ":" + server.port() + "/api/search?q=kenya");
      out.println("Alerts, live: http://" + host + ":" + server.port() + "/api/alerts/stream");
      out.println(
          "Wirewatch is running"
              + (broker == null ? "" : " (Kafka at " + broker.bootstrapServers() + ")")
              + ". Press Ctrl-C to stop.");
      out.flush();
      while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
        if (closed.get()) {
          break; // Ctrl-C: the shutdown hook is closing everything
        }
        pipeline.checkHealthy();
      }
      return 0;
    } finally {
      closeAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it closes everything
      }
    }
  }

  /** The UI's address as a person would type it: localhost for the loopback address. */
  static String uiUrl(String host, int port) {
    String shown =
        host.equals("127.0.0.1") || host.equals("0.0.0.0") || host.equals("::1")
            ? "localhost"
            : host;
    return "http://" + shown + ":" + port + "/";
  }

  /** The sources to poll: those of --sources and one per --feed. */
  private Sources sources() {
    Sources fromFile =
        sourcesFile == null
            ? new Sources(IngestSettings.DEFAULTS, List.of())
            : SourcesFile.load(sourcesFile);
    List<SourceConfig> all = new ArrayList<>(fromFile.sources());
    for (String url : feeds) {
      all.add(SourceConfig.ofFeedUrl(url, allowPrivateNetwork));
    }
    return new Sources(fromFile.settings(), all);
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

  private void closeAll() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (server != null) {
      server.close();
    }
    for (AutoCloseable tail : new AutoCloseable[] {alertTail, statusTail}) {
      if (tail != null) {
        try {
          tail.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          org.slf4j.LoggerFactory.getLogger(DemoCommand.class)
              .warn("closing {}: {}", tail, e.toString());
        }
      }
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** A live progress line on a terminal; nothing when output is not a terminal. */
  private static final class ProgressLine {
    private final PrintWriter err;
    private final boolean enabled;
    private long lastShown;

    ProgressLine(PrintWriter err, boolean enabled) {
      this.err = err;
      this.enabled = enabled;
    }

    void show(Progress p) {
      long now = System.currentTimeMillis();
      if (!enabled || now - lastShown < 200) {
        return;
      }
      lastShown = now;
      err.printf(
          Locale.ROOT,
          "\ringested %d · processed %d · indexed %d · dlq %d · %.0f/s   ",
          p.ingested(),
          p.processed(),
          p.indexed(),
          p.deadLetters(),
          p.rate());
      err.flush();
    }

    void clear() {
      if (enabled) {
        err.print("\r\u001b[2K");
        err.flush();
      }
    }
  }
}
