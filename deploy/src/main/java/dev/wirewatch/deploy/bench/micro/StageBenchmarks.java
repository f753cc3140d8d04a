package dev.wirewatch.deploy.bench.micro;

import dev.wirewatch.deploy.bench.ArticleGenerator;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.clean.ArticleCleaner;
import dev.wirewatch.processor.clean.CleanedArticle;
import dev.wirewatch.processor.clean.PageCleaner;
import dev.wirewatch.processor.lang.LanguageDetection;
import dev.wirewatch.processor.story.MinHash;
import dev.wirewatch.processor.tag.ArticleTagger;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.RawArticle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The processor's stages one at a time, in articles per second per thread, on the benchmark's
 * generated articles (deterministic): extraction of web pages, topic and place tagging, the
 * near-duplicate signature, and the whole of cleaning and tagging for plain-text articles (the
 * "2,000 articles/s for plain text" figure is this one times the cores the processor gets). Each
 * call takes the next article of a fixed set, so the JIT sees varied input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StageBenchmarks {
  /** Articles in the rotating set: enough variety, small enough to stay in cache. */
  static final int SET = 300;

  private List<RawArticle> pages;
  private List<RawArticle> texts;
  private List<CleanedArticle> cleaned;
  private PageCleaner extractor;
  private ArticleTagger tagger;
  private ArticleProcessor processor;
  private LanguageDetection languages;
  private int next;

  @Setup
  public void setUp() {
    List<RawArticle> all = new ArticleGenerator(7).generate(3 * SET);
    pages = all.stream().filter(a -> a.getContentType().contains("html")).limit(SET).toList();
    texts = all.stream().filter(a -> !a.getContentType().contains("html")).limit(SET).toList();
    extractor = new PageCleaner();
    tagger = ArticleTagger.of(TopicsFile.bundled());
    languages = new LanguageDetection();
    processor =
        new ArticleProcessor(
            new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS),
            tagger,
            languages,
            Clock.systemUTC());
    cleaned = new ArrayList<>();
    for (RawArticle p : pages) {
      cleaned.add(extractor.clean(p.getBody(), p.getUrl()));
    }
  }

  private int next(int size) {
    int i = next;
    next = i + 1 == size ? 0 : i + 1;
    return i;
  }

  /** Main-text extraction of a web page with its furniture (jsoup parse included). */
  @Benchmark
  public CleanedArticle extract() {
    RawArticle page = pages.get(next(pages.size()));
    return extractor.clean(page.getBody(), page.getUrl());
  }

  /** Topics (Lucene queries over an in-memory index of the article) and places (gazetteer). */
  @Benchmark
  public ArticleTagger.Tags tag() {
    CleanedArticle a = cleaned.get(next(cleaned.size()));
    return tagger.tag(a.title(), null, a.text(), "en");
  }

  /** Language detection of an article's text (the processor asks when a page declares none). */
  @Benchmark
  public java.util.Optional<String> detectLanguage() {
    return languages.detect(cleaned.get(next(cleaned.size())).text());
  }

  /** The MinHash signature the story step computes for every article. */
  @Benchmark
  public int[] nearDuplicateSignature() {
    return MinHash.signature(cleaned.get(next(cleaned.size())).text());
  }

  /**
   * Cleaning, language detection and tagging of a plain-text article: the processor's work per
   * record.
   */
  @Benchmark
  public Article processPlainText() {
    return processor.process(texts.get(next(texts.size())));
  }

  /** The same for a web page. */
  @Benchmark
  public Article processWebPage() {
    return processor.process(pages.get(next(pages.size())));
  }
}
