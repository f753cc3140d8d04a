package dev.wirewatch.deploy.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.deploy.pipeline.Pipeline;
import dev.wirewatch.ingest.file.FileImporter;
import dev.wirewatch.ingest.file.ImportReport;
import dev.wirewatch.ingest.publish.RawArticleSink;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The end-to-end benchmark behind {@code bin/wirewatch bench}: the same articles through the whole
 * pipeline on an embedded broker, and through the in-process limit ({@link InProcessLimit}: the
 * processor's own topology and the indexer's work, on as many threads as the pipeline, without
 * Kafka) in one run, so that their ratio is measured under the same machine conditions (the
 * absolute figures of a shared 2-core machine swing by a third).
 *
 * <p>The limit runs first, after an untimed warm-up, and tells which articles become searchable
 * (the rest are dead letters); the pipeline, once its processor is RUNNING, then times each of
 * those from its publication — at a rate, from its scheduled time — to the first searcher that sees
 * it, and each hop on the way.
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
      @JsonProperty("threads") int threads,
      @JsonProperty("threads_pipeline") int threadsPipeline,
      @JsonProperty("threads_limit") int threadsLimit,
      @JsonProperty("hops") Map<String, Hop> hops) {

    /** One hop of an article's way, over every article: its median and 99th percentile. */
    public record Hop(@JsonProperty("p50_ms") double p50Ms, @JsonProperty("p99_ms") double p99Ms) {}

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

  /** What is known of one article's way through the pipeline, in wall-clock nanoseconds. */
  private static final class Way {
    final long scheduled;
    volatile long sent;
    volatile long processed;
    volatile long applied;
    volatile long searchable;

    Way(long scheduled) {
      this.scheduled = scheduled;
    }
  }

  /** Runs the limit, then the pipeline, on the same articles. */
  public Result run(List<RawArticle> articles, int offeredRate, String corpus) throws Exception {
    ArticleProcessor processor = processors.get();
    InProcessLimit limit = new InProcessLimit(processor);
    // Warm-up: the JIT compiles the whole topology's work before either timed run.
    Path warmDir = Files.createDirectories(workDir.resolve("warm-up"));
    limit.run(articles.subList(0, Math.min(articles.size(), 1000)), warmDir);
    dev.wirewatch.deploy.command.Directories.deleteQuietly(warmDir);

    progress.accept(
        "limit: the processor's topology and the indexer's work on "
            + articles.size()
            + " articles, "
            + InProcessLimit.THREADS
            + " threads as the pipeline's, no Kafka…");
    InProcessLimit.Run limitRun =
        limit.run(articles, Files.createDirectories(workDir.resolve("limit")));
    Set<String> indexable = limitRun.indexed();
    double limitAps = indexable.size() / (limitRun.nanos() / 1e9);
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "limit: %.0f articles/s (%d indexed, %d dead letters)",
            limitAps,
            indexable.size(),
            limitRun.deadLetters()));

    Map<String, Long> pending = new ConcurrentHashMap<>();
    Map<String, Way> ways = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong lastSeen = new AtomicLong();
    // wall-clock nanoseconds, to set beside processedAt (wall-clock milliseconds)
    long wall = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
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
                  long now = System.nanoTime();
                  lastSeen.accumulateAndGet(now, Math::max);
                  Way w = ways.get(id);
                  if (w != null) {
                    w.searchable = now + wall;
                  }
                })) {
      pipeline.onApplied(
          a -> {
            Way w = ways.get(a.getId());
            if (w != null && w.applied == 0) {
              w.applied = System.nanoTime() + wall;
              w.processed = a.getProcessedAt().toEpochMilli() * 1_000_000L;
            }
          });
      // The clock starts when the processor runs: its start-up is not the pipeline's throughput.
      pipeline.awaitRunning(Duration.ofMinutes(2));
      progress.accept(
          "pipeline: publishing "
              + articles.size()
              + " articles "
              + (offeredRate > 0 ? "at " + offeredRate + "/s" : "as fast as possible")
              + " to the embedded broker…");
      // Every article the limit indexed is awaited; ids repeated in the input are awaited once.
      Map<String, RawArticle> unique = new LinkedHashMap<>();
      for (RawArticle a : articles) {
        unique.putIfAbsent(a.getId(), a);
      }
      firstPublish = System.nanoTime();
      long nextReport = firstPublish + 5_000_000_000L;
      int i = 0;
      for (RawArticle a : articles) {
        // At a rate, each article's clock starts at its scheduled time, not when a late publisher
        // got to it: a publisher that falls behind must not hide the queue (coordinated omission).
        long scheduled = offeredRate > 0 ? firstPublish + (long) (i * 1e9 / offeredRate) : 0;
        if (offeredRate > 0) {
          long wait = scheduled - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        long start = offeredRate > 0 ? scheduled : System.nanoTime();
        boolean awaited = indexable.contains(a.getId()) && unique.get(a.getId()) == a;
        Way way = null;
        if (awaited) {
          way = new Way(start + wall);
          ways.put(a.getId(), way);
          pending.put(a.getId(), start);
        }
        pipeline.rawSink().publish(a);
        if (way != null) {
          way.sent = System.nanoTime() + wall;
        }
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
        (int) limitRun.deadLetters(),
        missing,
        corpus,
        InProcessLimit.THREADS,
        InProcessLimit.THREADS,
        InProcessLimit.THREADS,
        hops(ways.values()));
  }

  /**
   * Where the time goes, hop by hop: {@code publish} (from the scheduled time until the producer
   * took it), {@code process} (until the processor had cleaned and tagged it: the raw topic, its
   * transaction, the processing), {@code stories_and_commits} (until the indexer applied it: the
   * repartition hop, the story step, two transactions and the indexer's poll), {@code refresh}
   * (until a searcher saw it).
   */
  private static Map<String, Result.Hop> hops(java.util.Collection<Way> ways) {
    List<Way> done = ways.stream().filter(w -> w.searchable != 0 && w.applied != 0).toList();
    Map<String, Result.Hop> out = new LinkedHashMap<>();
    out.put("publish", hop(done, w -> w.sent - w.scheduled));
    out.put("process", hop(done, w -> w.processed - w.sent));
    out.put("stories_and_commits", hop(done, w -> w.applied - w.processed));
    out.put("refresh", hop(done, w -> w.searchable - w.applied));
    return out;
  }

  private static Result.Hop hop(List<Way> ways, java.util.function.ToLongFunction<Way> span) {
    long[] sorted = ways.stream().mapToLong(span).map(v -> Math.max(0, v)).sorted().toArray();
    return new Result.Hop(round(at(sorted, 0.50)), round(at(sorted, 0.99)));
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
