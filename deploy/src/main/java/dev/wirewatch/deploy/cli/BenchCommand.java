package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.bench.ArticleGenerator;
import dev.wirewatch.deploy.bench.EndToEndBenchmark;
import dev.wirewatch.deploy.bench.SearchableWatch;
import dev.wirewatch.deploy.broker.EmbeddedKafka;
import dev.wirewatch.deploy.pipeline.Pipeline;
import dev.wirewatch.indexer.http.SearchServer;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.clean.ArticleCleaner;
import dev.wirewatch.processor.lang.LanguageDetection;
import dev.wirewatch.processor.tag.ArticleTagger;
import dev.wirewatch.processor.watch.Watches;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wirewatch bench}: the latency figures, measured as benchmarks (never as timed tests).
 * Medians and percentiles of one run; run it more than once on a noisy machine.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "End to end: the same articles through the whole pipeline on an embedded broker and through the in-process limit"
          + " (cleaning, tagging, indexing in a thread pool, no Kafka), in one run: throughput of each, their ratio,"
          + " publish-to-searchable latency percentiles and peak RSS.",
      "Subcommands: search latency over an index, publish-to-searchable latency at a steady rate, and the JMH"
          + " microbenchmarks of each stage (micro), and the heap an index of 1,000,000 articles needs (heap)."
    },
    subcommands = {
      BenchCommand.Search.class,
      BenchCommand.Freshness.class,
      MicroBenchCommand.class,
      HeapBenchCommand.class
    })
final class BenchCommand implements Callable<Integer> {
  /**
   * The corpus used when present and no --input is given: the Reuters articles of the evaluation
   * set.
   */
  static final Path DEFAULT_CORPUS =
      Path.of("..", "shared", "eval", "tagging", "reuters21578-train.jsonl");

  /** Articles generated when there is no corpus and --articles is not given. */
  static final int DEFAULT_GENERATED = 10_000;

  @Option(
      names = "--json",
      description =
          "Print one JSON object (articles, offered_rate, pipeline_aps, limit_aps, ratio,"
              + " p50_ms, p95_ms, p99_ms, peak_rss_mb, …) instead of text.")
  boolean json;

  @Option(
      names = "--articles",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "How many articles (default: all of the corpus, or "
              + DEFAULT_GENERATED
              + " generated ones).")
  int articles;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "0",
      description =
          "Articles per second offered to the pipeline (default: 0, as fast as possible).")
  int rate;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description =
          "Articles to use (.jsonl, .txt, .html or a directory, as ingest --input reads them); repeatable."
              + " Default: ../shared/eval/tagging/reuters21578-train.jsonl when present, else generated articles.")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--generate",
      description = "Use generated articles even when the corpus is present.")
  boolean generate;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Seed of the generated articles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Where the broker and indexes live (default: a temporary directory, deleted after).")
  Path workDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (articles < 0 || rate < 0) {
      err.println("wirewatch bench: --articles and --rate must not be negative");
      return Main.EXIT_USAGE;
    }
    Path dir =
        workDir != null
            ? Files.createDirectories(workDir)
            : Files.createTempDirectory("wirewatch-bench");
    System.setProperty("wirewatch.log.dir", dir.toAbsolutePath().resolve("logs").toString());
    try {
      List<RawArticle> corpus;
      String name;
      if (generate && !inputs.isEmpty()) {
        err.println("wirewatch bench: --generate and --input exclude each other");
        return Main.EXIT_USAGE;
      }
      List<Path> from =
          !inputs.isEmpty()
              ? inputs
              : !generate && Files.isRegularFile(DEFAULT_CORPUS)
                  ? List.of(DEFAULT_CORPUS)
                  : List.of();
      if (!from.isEmpty()) {
        try {
          corpus = EndToEndBenchmark.load(from, articles);
        } catch (IllegalArgumentException e) {
          err.println("wirewatch bench: " + e.getMessage());
          return Main.EXIT_USAGE;
        }
        name =
            from.stream()
                .map(p -> p.getFileName().toString())
                .collect(java.util.stream.Collectors.joining(","));
      } else {
        corpus = new ArticleGenerator(seed).generate(articles > 0 ? articles : DEFAULT_GENERATED);
        name = "generated";
      }
      java.util.function.Consumer<String> progress =
          line -> {
            (json ? err : out).println(line);
            (json ? err : out).flush();
          };
      EndToEndBenchmark.Result r =
          new EndToEndBenchmark(
                  () ->
                      new ArticleProcessor(
                          new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS),
                          ArticleTagger.bundled(),
                          new LanguageDetection(),
                          Clock.systemUTC()),
                  dir,
                  progress)
              .run(corpus, rate, name);
      if (json) {
        out.println(r.json());
      } else {
        out.printf(
            Locale.ROOT,
            "%d articles (%s), offered %s, %d threads%n",
            r.articles(),
            r.corpus(),
            r.offeredRate() > 0 ? r.offeredRate() + "/s" : "as fast as possible",
            r.threads());
        out.printf(
            Locale.ROOT,
            "  pipeline  %8.1f articles/s  (first publish → last searchable)%n",
            r.pipelineAps());
        out.printf(
            Locale.ROOT,
            "  limit     %8.1f articles/s  (same work in a thread pool, no Kafka)%n",
            r.limitAps());
        out.printf(Locale.ROOT, "  ratio     %8.3f%n", r.ratio());
        out.printf(
            Locale.ROOT,
            "  publish → searchable: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
            r.p50Ms(),
            r.p95Ms(),
            r.p99Ms());
        out.printf(
            Locale.ROOT,
            "  peak RSS %d MB; %d dead letters%s%n",
            r.peakRssMb(),
            r.deadLetters(),
            r.missing() == 0 ? "" : "; " + r.missing() + " NEVER SEARCHABLE within 5 min");
      }
      out.flush();
      return r.missing() == 0 ? 0 : Main.EXIT_FAILURE;
    } finally {
      if (workDir == null) {
        deleteTree(dir);
      }
    }
  }

  /**
   * {@code bench search}: 1,000 mixed queries through the HTTP API over a data directory's index.
   */
  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description =
          "Search latency: mixed queries (words, AND/OR, phrases, prefixes, filters, newest, story collapse, paging)"
              + " through the HTTP API on loopback over the index of a data directory.")
  static final class Search implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Option(
        names = "--queries",
        defaultValue = "1000",
        description = "Timed queries (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(
        names = "--warmup",
        defaultValue = "300",
        description = "Untimed queries first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Seed of the query mix (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      data.initLogging();
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (queries < 1 || warmup < 0) {
        err.println("wirewatch bench search: --queries must be at least 1 and --warmup at least 0");
        return Main.EXIT_USAGE;
      }
      dev.wirewatch.indexer.store.ShardReaders shards;
      try {
        shards = dev.wirewatch.indexer.store.ShardReaders.open(data.indexDir());
      } catch (IllegalStateException e) {
        err.println("wirewatch bench search: " + e.getMessage());
        return Main.EXIT_FAILURE;
      }
      ReferenceManager<IndexSearcher> searchers = shards.searchers();
      IndexSearcher probe = searchers.acquire();
      IndexReader reader = probe.getIndexReader();
      searchers.release(probe);
      List<String> mix = queryMix(searchers, new Random(seed), warmup + queries);
      int articles = reader.numDocs();
      try (SearchServer server = new SearchServer(searchers, "127.0.0.1", 0).start()) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + server.port();
        long[] nanos = new long[queries];
        int errors = 0;
        for (int i = 0; i < warmup + queries; i++) {
          HttpRequest req = HttpRequest.newBuilder(URI.create(base + mix.get(i))).build();
          long t0 = System.nanoTime();
          HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
          long t = System.nanoTime() - t0;
          if (i >= warmup) {
            nanos[i - warmup] = t;
            if (r.statusCode() != 200) {
              errors++;
              if (errors <= 3) {
                err.println("  " + r.statusCode() + " for " + mix.get(i) + ": " + r.body());
              }
            }
          }
        }
        out.printf(
            Locale.ROOT,
            "search latency over %d articles, %d mixed queries after %d warm-up, one client, HTTP on loopback:%n",
            articles,
            queries,
            warmup);
        out.println(
            "  " + percentiles(nanos) + (errors == 0 ? "" : "; " + errors + " queries failed"));
        out.println(
            "  examples: "
                + String.join("  ", mix.subList(warmup, Math.min(warmup + 4, mix.size()))));
      } finally {
        shards.close();
      }
      return 0;
    }
  }

  /**
   * Queries built from the index's own titles (so they match something), in a fixed mix: single
   * words, two words, phrases, OR, prefixes, topic and place filters, newest first, story collapse,
   * later pages, and filter-only searches.
   */
  static List<String> queryMix(ReferenceManager<IndexSearcher> searchers, Random random, int n)
      throws java.io.IOException {
    List<String> words = new ArrayList<>();
    List<String[]> pairs = new ArrayList<>();
    Set<String> topics = new LinkedHashSet<>();
    Set<String> places = new LinkedHashSet<>();
    IndexSearcher s = searchers.acquire();
    try {
      StoredFields stored = s.storedFields();
      int docs = s.getIndexReader().maxDoc();
      for (int i = 0; i < Math.min(docs, 3000); i++) {
        int doc = random.nextInt(docs);
        var d = stored.document(doc);
        String title = d.get(IndexFields.TITLE);
        if (title == null) {
          continue;
        }
        String[] ws =
            Arrays.stream(title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 4 && !w.chars().allMatch(Character::isDigit))
                .toArray(String[]::new);
        words.addAll(Arrays.asList(ws));
        for (int k = 0; k + 1 < ws.length; k++) {
          pairs.add(new String[] {ws[k], ws[k + 1]});
        }
        topics.addAll(Arrays.asList(d.getValues(IndexFields.TOPIC)));
        places.addAll(Arrays.asList(d.getValues(IndexFields.PLACE)));
      }
    } finally {
      searchers.release(s);
    }
    if (words.isEmpty()) {
      throw new IllegalStateException("the index has no titled articles to build queries from");
    }
    List<String> topicList = new ArrayList<>(topics.isEmpty() ? List.of("none") : topics);
    List<String> placeList = new ArrayList<>(places.isEmpty() ? List.of("xx") : places);
    List<String> mix = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String w = words.get(random.nextInt(words.size()));
      String w2 = words.get(random.nextInt(words.size()));
      String[] p = pairs.isEmpty() ? new String[] {w, w2} : pairs.get(random.nextInt(pairs.size()));
      int kind = random.nextInt(100);
      String q;
      if (kind < 25) {
        q = "q=" + enc(w);
      } else if (kind < 40) {
        q = "q=" + enc(p[0] + " " + p[1]);
      } else if (kind < 50) {
        q = "q=" + enc("\"" + p[0] + " " + p[1] + "\"");
      } else if (kind < 58) {
        q = "q=" + enc(w + " OR " + w2);
      } else if (kind < 63) {
        q = "q=" + enc(w.substring(0, Math.min(w.length(), 4)) + "*");
      } else if (kind < 73) {
        q = "q=" + enc(w) + "&topic=" + enc(topicList.get(random.nextInt(topicList.size())));
      } else if (kind < 80) {
        q = "q=" + enc(w) + "&place=" + enc(placeList.get(random.nextInt(placeList.size())));
      } else if (kind < 88) {
        q = "q=" + enc(w) + "&sort=newest&collapse=story";
      } else if (kind < 94) {
        q = "q=" + enc(w) + "&page=" + (2 + random.nextInt(3));
      } else {
        q = "topic=" + enc(topicList.get(random.nextInt(topicList.size()))) + "&sort=newest";
      }
      mix.add("/api/search?" + q);
    }
    return mix;
  }

  /**
   * {@code bench freshness}: the whole pipeline on an embedded broker, articles published to
   * news.raw at a steady rate; for each, the time from its publication until a search finds it.
   */
  @Command(
      name = "freshness",
      mixinStandardHelpOptions = true,
      description =
          "Publish-to-searchable latency: the whole pipeline on an embedded broker in a fresh directory,"
              + " articles published at a steady rate, each timed until a search finds it.")
  static final class Freshness implements Callable<Integer> {
    @Option(
        names = "--rate",
        defaultValue = "200",
        description = "Articles per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        names = "--seconds",
        defaultValue = "60",
        description = "How long to publish (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
        names = "--warmup-seconds",
        defaultValue = "10",
        description = "Articles of the first seconds are not counted (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(
        names = "--work-dir",
        paramLabel = "DIR",
        description =
            "Where the broker and index live (default: a temporary directory, deleted after).")
    Path workDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (rate < 1 || seconds < 1 || warmupSeconds < 0 || warmupSeconds >= seconds) {
        err.println(
            "wirewatch bench freshness: --rate and --seconds must be at least 1, and --warmup-seconds below --seconds");
        return Main.EXIT_USAGE;
      }
      Path dir = workDir != null ? workDir : Files.createTempDirectory("wirewatch-bench");
      System.setProperty("wirewatch.log.dir", dir.toAbsolutePath().resolve("logs").toString());
      ArticleProcessor processor =
          new ArticleProcessor(
              new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS),
              ArticleTagger.bundled(),
              new LanguageDetection(),
              Clock.systemUTC());
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
            new SearchableWatch(
                searchers, pending, (id, nanos) -> latency[numberOf.get(id)] = nanos);
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
        out.println("  " + percentiles(counted));
        return missing == 0 ? 0 : Main.EXIT_FAILURE;
      } finally {
        if (workDir == null) {
          deleteTree(dir);
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

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Median, p95, p99 and max of durations in nanoseconds, in milliseconds. */
  static String percentiles(long[] nanos) {
    if (nanos.length == 0) {
      return "no samples";
    }
    long[] v = nanos.clone();
    Arrays.sort(v);
    return String.format(
        Locale.ROOT,
        "median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        at(v, 0.50),
        at(v, 0.95),
        at(v, 0.99),
        v[v.length - 1] / 1e6,
        v.length);
  }

  private static double at(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  static void deleteTree(Path dir) {
    try (var all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary directory: best effort
    }
  }
}
