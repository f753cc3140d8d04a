package dev.wirewatch.deploy.bench.micro;

import dev.wirewatch.deploy.bench.ArticleGenerator;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.RawArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Indexing, in articles per second: {@link ArticleIndex#upsert} of processed articles (fields,
 * facets, story doc values) into an index on disk, each under a new id, with a commit every {@value
 * #COMMIT_EVERY} articles as the indexer's commit interval would give at speed.
 *
 * <p>{@code fields}: {@code own} indexes the articles as processed (English): the neutral fields
 * without English stop words, plus the English field of the stems that differ from their words;
 * {@code neutral} marks them undetermined, so their text goes to the neutral fields only, every
 * word kept — one analysis, the floor of what indexing a text can cost. The ratio of the two, in
 * one run, is what a language's own field costs (DESIGN.md, "Languages").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IndexingBenchmark {
  static final int COMMIT_EVERY = 2_000;

  @Param({"own", "neutral"})
  public String fields;

  private List<Article> articles;
  private Path dir;
  private ArticleIndex index;
  private long n;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    articles = new ArrayList<>();
    for (RawArticle raw : new ArticleGenerator(11).generate(StageBenchmarks.SET)) {
      Article a = processor.process(raw);
      Article.Builder b = Article.newBuilder(a).setStoryId(a.getId());
      if (fields.equals("neutral")) {
        b.setLanguage("und");
      }
      articles.add(b.build());
    }
    dir = Files.createTempDirectory("wirewatch-jmh-index");
    index = ArticleIndex.open(dir);
  }

  @Benchmark
  public void upsert() throws IOException {
    Article a = articles.get((int) (n % articles.size()));
    // A new id each time: the index grows as it does under a stream of new articles
    index.upsert(Article.newBuilder(a).setId(a.getId() + "-" + n).build());
    if (++n % COMMIT_EVERY == 0) {
      index.commit(Map.of());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    index.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
