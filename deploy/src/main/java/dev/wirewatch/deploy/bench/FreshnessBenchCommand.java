package dev.wirewatch.deploy.bench;

import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.deploy.command.Directories;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.WirewatchCommand;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.deploy.pipeline.Pipeline;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench freshness}: the whole pipeline on an embedded broker, articles published to news.raw
 * at a steady rate; for each, the time from its publication until a search finds it.
 */
@Command(
    name = "freshness",
    mixinStandardHelpOptions = true,
    description =
        "Publish-to-searchable latency: the whole pipeline on an embedded broker in a fresh directory,"
            + " articles published at a steady rate, each timed until a search finds it.")
final class FreshnessBenchCommand extends WirewatchCommand {
  /** Articles per second published. */
  static final int DEFAULT_RATE = 200;

  /** How long to publish (seconds). */
  static final int DEFAULT_SECONDS = 60;

  /** Seconds of articles not counted at the start. */
  static final int DEFAULT_WARMUP_SECONDS = 10;

  @Option(
      names = "--rate",
      defaultValue = "" + DEFAULT_RATE,
      description = "Articles per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--seconds",
      defaultValue = "" + DEFAULT_SECONDS,
      description = "How long to publish (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "" + DEFAULT_WARMUP_SECONDS,
      description = "Articles of the first seconds are not counted (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Where the broker and index live (default: a temporary directory, deleted after).")
  Path workDir;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    if (rate < 1 || seconds < 1 || warmupSeconds < 0 || warmupSeconds >= seconds) {
      err.println(
          "wirewatch bench freshness: --rate and --seconds must be at least 1, and --warmup-seconds below --seconds");
      return ExitCodes.USAGE;
    }
    Path dir = workDir != null ? workDir : Files.createTempDirectory("wirewatch-bench");
    System.setProperty("wirewatch.log.dir", dir.toAbsolutePath().resolve("logs").toString());
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    int total = rate * seconds;
    Map<String, Long> pending = new ConcurrentHashMap<>();
    long[] latency = new long[total];
    Arrays.fill(latency, -1);
    Map<String, Integer> numberOf = new ConcurrentHashMap<>();
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Pipeline pipeline =
            Pipeline.start(
                broker.bootstrapServers(),
                dir,
                Topics.defaults(),
                processor,
                () -> Watches.NONE,
                (short) 1)) {
      ReferenceManager<IndexSearcher> searchers = pipeline.searcherManager();
      SearchableWatch watcher =
          new SearchableWatch(searchers, pending, (id, nanos) -> latency[numberOf.get(id)] = nanos);
      out.printf(Locale.ROOT, "publishing %d articles at %d/s…%n", total, rate);
      out.flush();
      long start = System.nanoTime();
      long nextReport = start + 5_000_000_000L;
      for (int i = 0; i < total; i++) {
        if (System.nanoTime() > nextReport) {
          nextReport += 5_000_000_000L;
          var p = pipeline.progress();
          out.printf(
              Locale.ROOT,
              "  %3.0f s: published %d, processed %d, indexed %d%n",
              (System.nanoTime() - start) / 1e9,
              p.ingested(),
              p.processed(),
              p.indexed());
          out.flush();
        }
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        String key = "b" + i;
        String id = ArticleIds.ofSourceKey("bench", key);
        numberOf.put(id, i);
        pending.put(id, System.nanoTime());
        pipeline
            .rawSink()
            .publish(
                RawArticle.newBuilder()
                    .setId(id)
                    .setSourceId("bench")
                    .setUrl("https://bench.example/" + key)
                    .setFetchedAt(Instant.now())
                    .setContentType("text/plain")
                    .setTitle("Bench report " + i + " on matter " + (i % 113))
                    .setBody(body(i))
                    .setPublishedAt(Instant.now())
                    .setMetadata(Map.of())
                    .build());
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        pipeline.checkHealthy();
        Thread.sleep(50);
      }
      watcher.close();
      int missing = pending.size();
      int from = rate * warmupSeconds;
      long[] counted = Arrays.stream(latency, from, total).filter(v -> v >= 0).toArray();
      out.printf(
          Locale.ROOT,
          "publish → searchable at %d articles/s for %d s (first %d s not counted), %d articles timed%s:%n",
          rate,
          seconds,
          warmupSeconds,
          counted.length,
          missing == 0 ? "" : ", " + missing + " NEVER FOUND within 2 min");
      out.println("  " + Percentiles.percentiles(counted));
      return missing == 0 ? 0 : ExitCodes.FAILURE;
    } finally {
      if (workDir == null) {
        Directories.deleteQuietly(dir);
      }
    }
  }

  private static String body(int i) {
    return "Officials said on day "
        + i
        + " that the talks on matter "
        + (i % 113)
        + " would go on for another week."
        + " The delegation from region "
        + (i % 37)
        + " asked for more time, and the chair agreed to meet again."
        + " A statement is expected after the next round, number "
        + i
        + ", the spokesperson said.";
  }
}
