package dev.wirewatch.deploy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.command.Directories;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.WirewatchCommand;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.SearchRequest;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.StageException;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.RawArticle;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.search.IndexSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench heap}: does an index of N articles (1,000,000 by default) fit the heap
 * this JVM was given? Builds it from generated articles — processed once (a few thousand distinct
 * ones), then indexed N times under new ids, stories of three and a unique word each, as the
 * indexer would, committing and refreshing as it goes — then runs searches with facets and story
 * collapse over it, and reports the heap in use at its peak (sampled every 1,000 articles and after
 * each search: live data and garbage not yet collected, so an upper bound of what is needed), what
 * stays in use after a full GC, and the query times. Run it as {@code JAVA_OPTS=-Xmx1g
 * bin/wirewatch bench heap}.
 */
@Command(
    name = "heap",
    mixinStandardHelpOptions = true,
    description = {
      "Heap and query times for an index of N generated articles in this JVM's heap"
          + " (run with JAVA_OPTS=-Xmx1g to check the 1 GB figure)."
    })
final class HeapBenchCommand extends WirewatchCommand {
  /** Articles indexed when --articles is not given. */
  static final int DEFAULT_ARTICLES = 1_000_000;

  /** Most distinct processed articles the index is built from. */
  static final int DISTINCT = 2_000;

  static final int COMMIT_EVERY = 50_000;
  static final List<String> QUERIES =
      List.of("kenya police", "fuel deliveries", "\"central bank\"", "mission");

  @Option(
      names = "--articles",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_ARTICLES,
      description = "Articles to index (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Where the index lives (default: a temporary directory, deleted after).")
  Path workDir;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    if (articles < 1) {
      err.println("wirewatch bench heap: --articles must be at least 1, got " + articles);
      return ExitCodes.USAGE;
    }
    PrintWriter progress = json ? err : out;
    Path dir =
        workDir != null
            ? Files.createDirectories(workDir)
            : Files.createTempDirectory("wirewatch-heap");
    try {
      ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
      List<Article> base = new ArrayList<>();
      // a tenth of the articles, at most DISTINCT: a small run stays quick
      for (RawArticle r :
          new ArticleGenerator(5)
              .generate((int) Math.min(DISTINCT, Math.max(100, articles / 10)))) {
        try {
          base.add(processor.process(r));
        } catch (StageException e) {
          // a generated article that is a dead letter is simply not used
        }
      }
      Instant start = Instant.parse("2025-01-01T00:00:00Z");
      long t0 = System.nanoTime();
      Map<String, Double> medians = new java.util.LinkedHashMap<>();
      try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
        for (int n = 0; n < articles; n++) {
          Article b = base.get(n % base.size());
          index.upsert(
              Article.newBuilder(b)
                  .setId(b.getId() + "-" + n)
                  .setStoryId("s" + (n / 3))
                  .setText(b.getText() + " ref" + n)
                  .setPublishedAt(start.plusSeconds(n * 30L))
                  .build());
          if (n % 1000 == 0) {
            samplePeakMb();
          }
          if ((n + 1) % COMMIT_EVERY == 0 || n + 1 == articles) {
            index.commit(Map.of());
            index.refresh();
            progress.printf(
                Locale.ROOT,
                "%,d articles indexed, %.0f s, heap peak so far %d MB of %d MB%n",
                n + 1,
                (System.nanoTime() - t0) / 1e9,
                samplePeakMb(),
                maxHeapMb());
            progress.flush();
          }
        }
        var searchers = index.searcherManager();
        IndexSearcher s = searchers.acquire();
        try {
          ArticleSearcher searcher = new ArticleSearcher();
          for (boolean collapse : new boolean[] {false, true}) {
            for (SearchRequest.Order order : SearchRequest.Order.values()) {
              double[] ms = new double[QUERIES.size() * 3];
              int i = 0;
              for (int round = 0; round < 3; round++) {
                for (String q : QUERIES) {
                  long q0 = System.nanoTime();
                  searcher.search(
                      s,
                      new SearchRequest(
                          q,
                          List.of(),
                          List.of(),
                          List.of(),
                          List.of(),
                          null,
                          null,
                          order,
                          1,
                          10,
                          collapse,
                          SearchRequest.FACET_VALUES),
                      Highlight.HTML);
                  ms[i++] = (System.nanoTime() - q0) / 1e6;
                  samplePeakMb();
                }
              }
              Arrays.sort(ms);
              medians.put(
                  (collapse ? "collapsed_" : "")
                      + order.name().toLowerCase(Locale.ROOT)
                      + "_query_ms",
                  Math.round(ms[ms.length / 2] * 10) / 10.0);
            }
          }
        } finally {
          searchers.release(s);
        }
      }
      long indexMb;
      try (Stream<Path> files = Files.walk(dir.resolve("index"))) {
        indexMb =
            files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20;
      }
      System.gc();
      ObjectNode r =
          new ObjectMapper()
              .createObjectNode()
              .put("articles", articles)
              .put("max_heap_mb", maxHeapMb())
              .put("peak_heap_mb", samplePeakMb())
              .put("heap_after_gc_mb", usedHeapMb())
              .put("index_mb", indexMb)
              .put("index_seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
      medians.forEach(r::put);
      if (json) {
        out.println(r);
      } else {
        out.printf(
            Locale.ROOT,
            "%,d articles: index %d MB; heap in use at most %d MB of a %d MB maximum, %d MB after GC%n",
            articles,
            indexMb,
            samplePeakMb(),
            maxHeapMb(),
            usedHeapMb());
        medians.forEach(
            (k, v) ->
                out.printf(
                    Locale.ROOT, "  %-28s %8.1f ms (median of %d)%n", k, v, QUERIES.size() * 3));
      }
      out.flush();
      return 0;
    } finally {
      if (workDir == null) {
        Directories.deleteQuietly(dir);
      }
    }
  }

  private static long maxHeapMb() {
    return Runtime.getRuntime().maxMemory() >> 20;
  }

  private static long usedHeapMb() {
    return (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
  }

  private long peakUsedMb;

  /** Heap in use now (live and not yet collected); the peak over samples every 1,000 articles. */
  private long samplePeakMb() {
    peakUsedMb =
        Math.max(
            peakUsedMb, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
    return peakUsedMb;
  }
}
