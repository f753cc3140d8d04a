package dev.wirewatch.deploy.cli;

import dev.wirewatch.indexer.http.AlertBroadcaster;
import dev.wirewatch.indexer.http.AlertTail;
import dev.wirewatch.indexer.http.Catalog;
import dev.wirewatch.indexer.http.SearchServer;
import dev.wirewatch.indexer.http.SourceStatusTail;
import dev.wirewatch.indexer.store.ShardReaders;
import dev.wirewatch.processor.tag.TopicTagger;
import dev.wirewatch.processor.tag.TopicsConfig;
import dev.wirewatch.processor.tag.TopicsFileException;
import dev.wirewatch.processor.watch.Watches;
import dev.wirewatch.processor.watch.WatchesConfig;
import dev.wirewatch.processor.watch.WatchesFileException;
import dev.wirewatch.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirewatch serve}: the search API over the index of a data directory. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve the web UI and the search API (/api/search, /api/articles/{id}, /api/stories/{id}) over the index of a data directory.")
final class ServeCommand implements Callable<Integer> {
  @Mixin DataDirOption data;
  @Mixin WireFormatOption wire;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "Kafka to follow for the live alerts and the sources page (without it: search only).")
  String bootstrapServers;

  @Option(
      names = "--topics",
      paramLabel = "FILE",
      description =
          "Topics file listed on the topics page (default: the bundled config/topics.yaml).")
  Path topicsFile;

  @Option(
      names = "--watches",
      paramLabel = "FILE",
      description =
          "Watches file listed on the topics page (default: the bundled config/watches.yaml).")
  Path watchesFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    data.initLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ShardReaders searchers;
    try {
      IndexAccess.openReader(data).close(); // the checks, with the message that says what to do
      searchers = ShardReaders.open(data.indexDir());
    } catch (IllegalStateException e) {
      err.println("wirewatch serve: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    // Another process (the indexer) commits to the index: look for new commits every second.
    ScheduledExecutorService refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "wirewatch-serve-refresh");
              t.setDaemon(true);
              return t;
            });
    refresher.scheduleWithFixedDelay(
        () -> {
          try {
            searchers.refresh();
          } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(ServeCommand.class)
                .warn("index refresh failed: {}", e.toString());
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    Supplier<Catalog> catalog;
    try {
      TopicTagger topics =
          new TopicTagger(
              topicsFile == null ? TopicsConfig.bundled() : TopicsConfig.load(topicsFile));
      Watches watches =
          watchesFile == null ? WatchesConfig.bundled() : WatchesConfig.load(watchesFile);
      catalog = Catalogs.of(() -> topics, () -> watches);
    } catch (TopicsFileException | WatchesFileException e) {
      err.println("wirewatch serve: " + e.getMessage());
      refresher.shutdownNow();
      searchers.close();
      return Main.EXIT_USAGE;
    }
    AlertTail alertTail = null;
    SourceStatusTail statusTail = null;
    AlertBroadcaster alerts = null;
    if (bootstrapServers != null) {
      alerts = new AlertBroadcaster();
      Topics kafkaTopics = wire.topics();
      alertTail = new AlertTail(bootstrapServers, kafkaTopics.alerts(), alerts).start();
      statusTail = new SourceStatusTail(bootstrapServers, kafkaTopics.sourceStatus()).start();
    }
    SourceStatusTail statuses = statusTail;
    SearchServer server;
    try {
      server =
          new SearchServer(
                  searchers.searchers(),
                  new SearchServer.Extras(
                      alerts, catalog, statuses == null ? null : statuses::snapshot),
                  host,
                  port)
              .start();
    } catch (RuntimeException e) {
      err.println(
          "wirewatch serve: cannot serve on "
              + host
              + ":"
              + port
              + ": "
              + reason(e)
              + " (choose another with --port)");
      closeQuietly(alertTail, statusTail);
      refresher.shutdownNow();
      searchers.close();
      return Main.EXIT_FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AlertTail tail1 = alertTail;
    Thread hook =
        new Thread(
            () -> {
              server.close();
              closeQuietly(tail1, statuses);
              refresher.shutdownNow();
              stopped.countDown();
            },
            "wirewatch-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("Wirewatch UI: " + DemoCommand.uiUrl(host, server.port()) + "  (Ctrl-C to stop)");
    out.println("Search API: http://" + host + ":" + server.port() + "/api/search?q=kenya");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // stopped from inside the JVM (an embedding application, a test): close as the hook would
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
      searchers.close();
    }
    return 0;
  }

  private static void closeQuietly(AutoCloseable... all) {
    for (AutoCloseable c : all) {
      if (c != null) {
        try {
          c.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          org.slf4j.LoggerFactory.getLogger(ServeCommand.class)
              .warn("closing {}: {}", c, e.toString());
        }
      }
    }
  }

  /** The innermost message of a start failure ("Address already in use"). */
  static String reason(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
