package dev.wirewatch.indexer.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.facet.FacetsConfig;

/**
 * Field names of the article index and how they are analysed: the schema of the index in one place.
 */
public final class IndexFields {
  /**
   * Keyword: article id for articles, {@code dlq:<partition>:<offset>} for dead letters. Unique.
   */
  public static final String ID = "id";

  /** Keyword: {@link #KIND_ARTICLE} or {@link #KIND_DEAD_LETTER}. */
  public static final String KIND = "kind";

  public static final String KIND_ARTICLE = "article";
  public static final String KIND_DEAD_LETTER = "dead-letter";

  /** Analysed (English) and stored. */
  public static final String TITLE = "title";

  /** Analysed (English) and stored: the article text. */
  public static final String TEXT = "text";

  /** Stored only. */
  public static final String URL = "url";

  public static final String CANONICAL_URL = "canonicalUrl";
  public static final String BYLINE = "byline";

  /** Keyword, stored. */
  public static final String SOURCE = "source";

  public static final String LANGUAGE = "language";
  public static final String STORY = "storyId";

  /** The earlier article an article copies (stored, searchable); absent for an original. */
  public static final String COPY_OF = "copyOf";

  /** Marks a copy ({@value #YES}): what a story's size leaves out. */
  public static final String IS_COPY = "isCopy";

  public static final String YES = "yes";

  /** Keyword, stored, multi-valued; also the facet dimension {@link #TOPIC}. */
  public static final String TOPIC = "topic";

  /** Keyword, stored, multi-valued: ISO 3166-1 alpha-2 codes. */
  public static final String PLACE = "place";

  /** Epoch millis: point for ranges, doc values for sorting, stored for display. */
  public static final String PUBLISHED_AT = "publishedAt";

  /** Facet dimension: the UTC day (yyyy-MM-dd) of publication, or of ingestion when unknown. */
  public static final String DAY = "day";

  public static final String INGESTED_AT = "ingestedAt";

  /** Dead letters: the article id (keyword, stored), stage and reason. */
  public static final String DLQ_ARTICLE_ID = "dlqArticleId";

  public static final String DLQ_STAGE = "dlqStage";
  public static final String DLQ_REASON = "dlqReason";
  public static final String DLQ_FAILED_AT = "dlqFailedAt";

  /** Commit user-data key prefix for consumed offsets: {@code offset:<topic>:<partition>}. */
  public static final String OFFSET_PREFIX = "offset:";

  private IndexFields() {}

  /** The analyzer of the text fields, at index and query time alike. */
  public static Analyzer analyzer() {
    return new EnglishAnalyzer();
  }

  /** Facet configuration: topics and places are multi-valued dimensions. */
  public static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    config.setMultiValued(TOPIC, true);
    config.setMultiValued(PLACE, true);
    return config;
  }
}
