package dev.wirewatch.deploy.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.deploy.pipeline.Pipeline;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.ingest.file.FileImporter;
import dev.wirewatch.ingest.file.ImportReport;
import dev.wirewatch.ingest.publish.RawArticleSink;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.StageException;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The end-to-end benchmark behind {@code bin/wirewatch bench}: the same articles through the whole
 * pipeline on an embedded broker, and through the in-process limit — the same cleaning, tagging and
 * indexing in a plain thread pool with no Kafka — in one run, so that their ratio is measured under
 * the same machine conditions (the absolute figures of a shared 2-core machine swing by a third).
 *
 * <p>The limit runs first, after an untimed warm-up of the processor, and tells which articles
 * become searchable (the rest are dead letters); the pipeline run then times each of those from its
 * publication to the first searcher that sees it.
 */
public final class EndToEndBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One run's figures; the JSON field names are the documented ones.
   *
   * @param offeredRate articles per second offered to the pipeline; 0 for as fast as possible
   * @param missing articles the limit indexed that the pipeline did not make searchable in time
   */
  public record Result(
      @JsonProperty("articles") int articles,
      @JsonProperty("offered_rate") int offeredRate,
      @JsonProperty("pipeline_aps") double pipelineAps,
      @JsonProperty("limit_aps") double limitAps,
      @JsonProperty("ratio") double ratio,
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p95_ms") double p95Ms,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("peak_rss_mb") long peakRssMb,
      @JsonProperty("dead_letters") int deadLetters,
      @JsonProperty("missing") int missing,
      @JsonProperty("corpus") String corpus,
      @JsonProperty("threads") int threads) {

    public String json() {
      try {
        return JSON.writeValueAsString(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final Supplier<ArticleProcessor> processors;
  private final Path workDir;
  private final Consumer<String> progress;

  /**
   * @param processors makes the processor (one is shared by the limit's threads, as the pipeline
   *     shares one across its stream threads)
   * @param workDir where the broker, the index and the limit's index live
   * @param progress told what is happening, for people watching
   */
  public EndToEndBenchmark(
      Supplier<ArticleProcessor> processors, Path workDir, Consumer<String> progress) {
    this.processors = processors;
    this.workDir = workDir;
    this.progress = progress;
  }

  /** Reads articles from files the way {@code ingest --input} does (.txt, .html, .jsonl, dirs). */
  public static List<RawArticle> load(List<Path> inputs, int limit) {
    List<RawArticle> out = new ArrayList<>();
    RawArticleSink capture =
        new RawArticleSink() {
          @Override
          public void publish(RawArticle article) {
            if (limit <= 0 || out.size() < limit) {
              out.add(article);
            }
          }

          @Override
          public void reject(dev.wirewatch.ingest.publish.Rejection rejection) {
            // reported below through the import's problems
          }

          @Override
          public void flush() {}
        };
    ImportReport report =
        new FileImporter(capture, Clock.systemUTC(), FileImporter.DEFAULT_MAX_ARTICLE_BYTES)
            .importPaths(inputs);
    if (report.published() == 0) {
      throw new IllegalArgumentException(
          "no articles in "
              + inputs
              + (report.problems().isEmpty() ? "" : ": " + report.problems().get(0)));
    }
    return out;
  }

  /** Runs the limit, then the pipeline, on the same articles. */
  public Result run(List<RawArticle> articles, int offeredRate, String corpus) throws Exception {
    ArticleProcessor processor = processors.get();
    int threads = Runtime.getRuntime().availableProcessors();
    // Warm-up: the JIT compiles extraction and tagging before either timed run.
    List<RawArticle> warm = articles.subList(0, Math.min(articles.size(), 1000));
    for (RawArticle a : warm) {
      try {
        processor.process(a);
      } catch (StageException e) {
        // a dead letter: counted below
      }
    }

    progress.accept(
        "limit: cleaning, tagging and indexing "
            + articles.size()
            + " articles on "
            + threads
            + " threads, no Kafka…");
    Set<String> indexable = ConcurrentHashMap.newKeySet();
    AtomicLong dead = new AtomicLong();
    long limitNanos;
    Path limitDir = Files.createDirectories(workDir.resolve("limit-index"));
    try (ArticleIndex index = ArticleIndex.open(limitDir)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long t0 = System.nanoTime();
      try {
        List<Future<?>> futures = new ArrayList<>();
        int chunk = Math.max(1, articles.size() / (threads * 8));
        for (int from = 0; from < articles.size(); from += chunk) {
          List<RawArticle> part = articles.subList(from, Math.min(articles.size(), from + chunk));
          futures.add(
              pool.submit(
                  () -> {
                    for (RawArticle raw : part) {
                      Article a;
                      try {
                        a = processor.process(raw);
                      } catch (StageException e) {
                        dead.incrementAndGet();
                        continue;
                      }
                      index.upsert(a);
                      indexable.add(a.getId());
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        index.commit(Map.of());
        index.refresh();
      } finally {
        pool.shutdownNow();
      }
      limitNanos = System.nanoTime() - t0;
    }
    double limitAps = indexable.size() / (limitNanos / 1e9);
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "limit: %.0f articles/s (%d indexed, %d dead letters)",
            limitAps,
            indexable.size(),
            dead.get()));

    progress.accept(
        "pipeline: publishing "
            + articles.size()
            + " articles "
            + (offeredRate > 0 ? "at " + offeredRate + "/s" : "as fast as possible")
            + " to the embedded broker…");
    Map<String, Long> pending = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong lastSeen = new AtomicLong();
    long firstPublish;
    int missing;
    try (EmbeddedKafka broker = EmbeddedKafka.start(workDir.resolve("kafka"), 0);
        Pipeline pipeline =
            Pipeline.start(
                broker.bootstrapServers(),
                workDir.resolve("pipeline"),
                Topics.defaults(),
                processor,
                () -> Watches.NONE,
                (short) 1);
        SearchableWatch watch =
            new SearchableWatch(
                pipeline.searcherManager(),
                pending,
                (id, nanos) -> {
                  latencies.add(nanos);
                  lastSeen.accumulateAndGet(System.nanoTime(), Math::max);
                })) {
      // Every article the limit indexed is awaited; ids repeated in the input are awaited once.
      Map<String, RawArticle> unique = new LinkedHashMap<>();
      for (RawArticle a : articles) {
        unique.putIfAbsent(a.getId(), a);
      }
      firstPublish = System.nanoTime();
      long nextReport = firstPublish + 5_000_000_000L;
      int i = 0;
      for (RawArticle a : articles) {
        if (offeredRate > 0) {
          long wait = firstPublish + (long) (i * 1e9 / offeredRate) - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        if (indexable.contains(a.getId()) && unique.get(a.getId()) == a) {
          pending.put(a.getId(), System.nanoTime());
        }
        pipeline.rawSink().publish(a);
        i++;
        if (System.nanoTime() > nextReport) {
          nextReport += 5_000_000_000L;
          report(pipeline, firstPublish);
        }
      }
      pipeline.rawSink().flush();
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        pipeline.checkHealthy();
        Thread.sleep(20);
        if (System.nanoTime() > nextReport) {
          nextReport += 5_000_000_000L;
          report(pipeline, firstPublish);
        }
      }
      missing = pending.size();
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    double pipelineSeconds = (lastSeen.get() - firstPublish) / 1e9;
    double pipelineAps = sorted.length / Math.max(pipelineSeconds, 1e-9);
    return new Result(
        articles.size(),
        offeredRate,
        round(pipelineAps),
        round(limitAps),
        Math.round(pipelineAps / limitAps * 1000) / 1000.0,
        round(at(sorted, 0.50)),
        round(at(sorted, 0.95)),
        round(at(sorted, 0.99)),
        peakRssMb(),
        (int) dead.get(),
        missing,
        corpus,
        threads);
  }

  private void report(Pipeline pipeline, long start) {
    var p = pipeline.progress();
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "  %3.0f s: published %d, processed %d, indexed %d",
            (System.nanoTime() - start) / 1e9,
            p.ingested(),
            p.processed(),
            p.indexed()));
  }

  private static double at(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
  }

  /** The process's peak resident set (VmHWM), in MB; -1 where /proc does not tell. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
