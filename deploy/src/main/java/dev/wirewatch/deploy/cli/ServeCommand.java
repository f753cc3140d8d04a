package dev.wirewatch.deploy.cli;

import dev.wirewatch.indexer.http.SearchServer;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.SearcherManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirewatch serve}: the search API over the index of a data directory. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the search API (/api/search, /api/articles/{id}, /api/stories/{id}) over the index of a data directory.")
final class ServeCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    data.initLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DirectoryReader reader;
    try {
      reader = IndexAccess.openReader(data);
    } catch (IllegalStateException e) {
      err.println("wirewatch serve: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    SearcherManager searchers = new SearcherManager(reader, null);
    // Another process (the indexer) commits to the index: look for new commits every second.
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wirewatch-serve-refresh");
      t.setDaemon(true);
      return t;
    });
    refresher.scheduleWithFixedDelay(() -> {
      try {
        searchers.maybeRefresh();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(ServeCommand.class).warn("index refresh failed: {}", e.toString());
      }
    }, 1, 1, TimeUnit.SECONDS);
    SearchServer server;
    try {
      server = new SearchServer(searchers, host, port).start();
    } catch (RuntimeException e) {
      err.println("wirewatch serve: cannot serve on " + host + ":" + port + ": " + reason(e) + " (choose another with --port)");
      refresher.shutdownNow();
      searchers.close();
      return Main.EXIT_FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      refresher.shutdownNow();
      stopped.countDown();
    }, "wirewatch-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("Search API: http://" + host + ":" + server.port() + "/api/search?q=kenya  (Ctrl-C to stop)");
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

  /** The innermost message of a start failure ("Address already in use"). */
  static String reason(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
