package dev.wirewatch.deploy.cli;

import dev.wirewatch.indexer.IndexerService;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.schemas.Topics;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wirewatch index}: the indexer alone, as a long-running service against a Kafka cluster:
 * news.articles and news.dlq into the index of a data directory, exactly once (offsets in each
 * Lucene commit). Stops cleanly on SIGTERM or Ctrl-C (a last commit); a kill -9 loses only what
 * the next start reads again from Kafka.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = "Run the indexer service: news.articles and news.dlq into the index of a data directory, exactly once.")
final class IndexCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "The Kafka cluster.")
  String bootstrapServers;

  @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = "1000",
      description = "How often consumed work is committed to the index (default: ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    data.initLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (commitIntervalMs < 10) {
      err.println("wirewatch index: --commit-interval-ms must be at least 10, got " + commitIntervalMs);
      return Main.EXIT_USAGE;
    }
    ArticleIndex index;
    try {
      index = ArticleIndex.open(data.indexDir());
    } catch (UncheckedIOException e) {
      err.println("wirewatch index: " + e.getMessage() + " (is another indexer or demo using " + data.dataDir + "?)");
      return Main.EXIT_FAILURE;
    }
    IndexerService indexer =
        new IndexerService(bootstrapServers, Topics.defaults(), index, Clock.systemUTC(), commitIntervalMs, Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      indexer.close();
      try {
        index.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(IndexCommand.class).warn("closing the index: {}", e.toString());
      }
      stopped.countDown();
      org.apache.logging.log4j.LogManager.shutdown();
    }, "wirewatch-index-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    indexer.start();
    out.println("Indexer running: " + data.indexDir().toAbsolutePath() + " from " + bootstrapServers
        + " (resuming at " + index.committedOffsets() + "). Ctrl-C to stop.");
    out.flush();
    try {
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        Throwable failure = indexer.failure();
        if (failure != null) {
          err.println("wirewatch index: " + failure.getMessage());
          Runtime.getRuntime().removeShutdownHook(hook);
          hook.run();
          return Main.EXIT_FAILURE;
        }
      }
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
    }
    return 0;
  }
}
