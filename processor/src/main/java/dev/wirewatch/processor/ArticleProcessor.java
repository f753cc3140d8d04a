package dev.wirewatch.processor;

import dev.wirewatch.processor.clean.ArticleCleaner;
import dev.wirewatch.processor.clean.CleanedArticle;
import dev.wirewatch.processor.clean.CleaningException;
import dev.wirewatch.processor.clean.furniture.SourceTemplates;
import dev.wirewatch.processor.lang.LanguageDetection;
import dev.wirewatch.processor.places.Gazetteer;
import dev.wirewatch.processor.places.PlaceTagger;
import dev.wirewatch.processor.tag.ArticleTagger;
import dev.wirewatch.processor.tag.TopicDefinition;
import dev.wirewatch.processor.tag.TopicTagger;
import dev.wirewatch.processor.text.TextNormalizer;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.RawArticle;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns one raw article into a clean, tagged article: the per-record work of the processor, free of
 * Kafka so it can be used by the CLI, tests and benchmarks alike.
 */
public final class ArticleProcessor {
  private final ArticleCleaner cleaner;
  private final ArticleTagger tagger;
  private final LanguageDetection languages;
  private final Clock clock;

  public ArticleProcessor(
      ArticleCleaner cleaner, ArticleTagger tagger, LanguageDetection languages, Clock clock) {
    this.cleaner = cleaner;
    this.tagger = tagger;
    this.languages = languages;
    this.clock = clock;
  }

  /**
   * The processor as the services run it: the default body limit, the bundled gazetteer, language
   * detection and the system clock.
   *
   * @param topics the topics in force; asked once per article, so it may change (reloads)
   */
  public static ArticleProcessor standard(Supplier<TopicTagger> topics) {
    return new ArticleProcessor(
        new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS),
        new ArticleTagger(topics, new PlaceTagger(Gazetteer.bundled())),
        new LanguageDetection(),
        Clock.systemUTC());
  }

  /** {@link #standard(Supplier)} with fixed topics. */
  public static ArticleProcessor standard(List<TopicDefinition> topics) {
    TopicTagger tagger = new TopicTagger(topics);
    return standard(() -> tagger);
  }

  /**
   * Cleans and tags the article.
   *
   * @throws StageException naming the stage and reason when the article cannot be processed
   */
  public Article process(RawArticle raw) {
    return process(raw, SourceTemplates.NONE);
  }

  /**
   * Cleans and tags the article, dropping the lines its source has shown to be template (and adding
   * this article's lines to what the source is learned from).
   *
   * @throws StageException naming the stage and reason when the article cannot be processed
   */
  public Article process(RawArticle raw, SourceTemplates templates) {
    CleanedArticle cleaned;
    try {
      cleaned = cleaner.clean(raw, templates);
    } catch (CleaningException e) {
      throw new StageException("clean", e.getMessage(), e);
    } catch (RuntimeException | StackOverflowError e) {
      throw new StageException("clean", "extraction failed: " + describe(e), e);
    }
    String text = cleaned.text();
    String title =
        raw.getTitle() != null && !raw.getTitle().isBlank()
            ? TextNormalizer.line(raw.getTitle())
            : cleaned.title();
    String language =
        languages.decide(
            cleaned.language(), title, cleaned.text(), raw.getMetadata().get("language"));
    ArticleTagger.Tags tags = tagger.tag(title, raw.getMetadata().get("dateline"), text, language);
    return Article.newBuilder()
        .setId(raw.getId())
        .setUrl(raw.getUrl())
        .setCanonicalUrl(cleaned.canonicalUrl())
        .setSourceId(raw.getSourceId())
        .setTitle(title)
        .setByline(cleaned.byline())
        .setPublishedAt(raw.getPublishedAt() != null ? raw.getPublishedAt() : cleaned.publishedAt())
        .setLanguage(language)
        .setText(text)
        .setTopics(tags.topics())
        .setPlaces(tags.places())
        .setIngestedAt(raw.getFetchedAt())
        .setProcessedAt(clock.instant())
        .build();
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
