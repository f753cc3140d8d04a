package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.command.Closeables;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.IndexAccess;
import dev.wirewatch.deploy.command.ServiceRun;
import dev.wirewatch.deploy.command.WebOptions;
import dev.wirewatch.deploy.command.WireFormatOption;
import dev.wirewatch.deploy.config.CatalogView;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.deploy.config.WatchesFile;
import dev.wirewatch.deploy.store.ApiToken;
import dev.wirewatch.deploy.store.SavedSearchStore;
import dev.wirewatch.deploy.store.WatchStore;
import dev.wirewatch.indexer.store.ShardReaders;
import dev.wirewatch.indexer.tail.AlertTail;
import dev.wirewatch.indexer.tail.SourceStatusTail;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.WriteToken;
import dev.wirewatch.indexer.web.alerts.AlertBroadcaster;
import dev.wirewatch.indexer.web.alerts.AlertLog;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.tag.TopicTagger;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirewatch serve}: the search API over the index of a data directory. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve the web UI and the search API (/api/search, /api/articles/{id}, /api/stories/{id}) over the index of a data directory.")
final class ServeCommand extends DataDirCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin WireFormatOption wire;

  @Mixin WebOptions listen;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "Kafka to follow for the live alerts, what fired, the watches API and the sources page (without it: search only).")
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

  @Option(
      names = "--api-token-file",
      paramLabel = "FILE",
      description =
          "With --bootstrap-servers: the token that changes through the API need (Authorization: Bearer TOKEN). Default: $"
              + ApiToken.ENV
              + ", else DATA_DIR/"
              + ApiToken.FILE
              + ", generated at first start.")
  Path apiTokenFile;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    TopicTagger topics =
        new TopicTagger(topicsFile == null ? TopicsFile.bundled() : TopicsFile.load(topicsFile));
    Watches watches = watchesFile == null ? WatchesFile.bundled() : WatchesFile.load(watchesFile);
    Supplier<Watches> inForce = () -> watches;
    ShardReaders searchers;
    try {
      IndexAccess.openReader(common).close(); // the checks, with the message that says what to do
      searchers = ShardReaders.open(common.indexDir());
    } catch (IllegalStateException e) {
      return failure(e.getMessage());
    }
    List<AutoCloseable> open = new ArrayList<>();
    ScheduledExecutorService refresher = refreshEverySecond(searchers);
    open.add(() -> stop(refresher));
    open.add(searchers);
    WebApp web = WebApp.builder(SearchScope.single(searchers.searchers()));
    if (bootstrapServers != null) {
      // The watches in force live in news.watches (the file seeds it); the API changes them
      TopicAdmin.ensureTopics(
          bootstrapServers, wire.topics(), TopicAdmin.BROKER_DEFAULT_REPLICATION);
      WatchStore store = WatchStore.open(bootstrapServers, wire.topics().watches(), watches);
      open.add(0, store);
      inForce = store;
      ApiToken token;
      try {
        token = ApiToken.resolve(System.getenv(ApiToken.ENV), apiTokenFile, common.dataDir());
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        Closeables.closeAll(open);
        return failure(e.getMessage());
      }
      web.watches(store, new WriteToken(token.token()));
      SavedSearchStore saved = SavedSearchStore.open(bootstrapServers, wire.topics().searches());
      open.add(0, saved);
      web.savedSearches(saved, new WriteToken(token.token()));
      out.println("Changes through the API need the API token: " + token.where());
      AlertBroadcaster alerts = new AlertBroadcaster();
      AlertLog history = new AlertLog();
      Topics kafkaTopics = wire.topics();
      AlertTail alertTail =
          new AlertTail(
                  bootstrapServers,
                  kafkaTopics.alerts(),
                  AlertLog.REPLAY,
                  a -> {
                    history.add(a);
                    alerts.publish(a);
                  })
              .start();
      SourceStatusTail statuses =
          new SourceStatusTail(bootstrapServers, kafkaTopics.sourceStatus()).start();
      open.add(0, alertTail);
      open.add(0, statuses);
      web.alerts(alerts).alertHistory(history).sourceStatus(statuses::snapshot);
    }
    web.catalog(CatalogView.of(() -> topics, inForce));
    WebServer server;
    try {
      server = web.build(listen.host(), listen.port()).start();
    } catch (RuntimeException e) {
      Closeables.closeAll(open);
      return failure(WebAddresses.cannotServe(listen.host(), listen.port(), e));
    }
    open.add(0, server);
    return ServiceRun.untilStopped(
        "serve",
        ServiceRun.Service.of(
            () -> {
              out.println(
                  "Wirewatch UI: "
                      + WebAddresses.uiUrl(listen.host(), server.port())
                      + "  (Ctrl-C to stop)");
              out.println(
                  "Search API: http://"
                      + listen.host()
                      + ":"
                      + server.port()
                      + "/api/search?q=kenya");
              out.flush();
            },
            () -> Closeables.closeAll(open),
            () -> null),
        err);
  }

  /**
   * Stops the refresher without interrupting a refresh under way: an interrupt during a read closes
   * the index files' channels under every searcher (Lucene's NIO directory), and logged a failed
   * refresh at each stop that met one.
   */
  private static void stop(ScheduledExecutorService refresher) throws InterruptedException {
    refresher.shutdown();
    if (!refresher.awaitTermination(10, TimeUnit.SECONDS)) {
      refresher.shutdownNow();
    }
  }

  /** Another process (the indexer) commits to the index: look for new commits every second. */
  private static ScheduledExecutorService refreshEverySecond(ShardReaders searchers) {
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
            LOG.warn("index refresh failed: {}", e.toString());
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    return refresher;
  }
}
