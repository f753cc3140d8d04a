package dev.wirewatch.indexer.store;

import dev.wirewatch.language.Language;
import dev.wirewatch.language.Languages;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexOptions;

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

  /**
   * Stored, and analysed language-neutrally (lower case, accents and elision folded): every
   * article's title, whatever its language. Its language's own analysis is in {@link
   * #titleIn(String)}.
   */
  public static final String TITLE = "title";

  /** Stored, and analysed language-neutrally: the article text. See {@link #textIn(String)}. */
  public static final String TEXT = "text";

  /**
   * Commit user-data key of the index's analysis version: an index analysed otherwise must be
   * rebuilt ({@code bin/wirewatch reindex}), not searched with the wrong analysis.
   */
  public static final String ANALYSIS_KEY = "wirewatch.analysis";

  /**
   * 3: a language-neutral title and text (without the stop words of an article's language), plus a
   * title and text per language with a stemmer holding its stems the neutral analysis does not
   * give. (2, never released: every word in the neutral fields, the language's fields analysed
   * separately.) 4: as 3, with each token's offsets in the postings of every text field, so a
   * snippet is cut from the positions the index already holds instead of analysing each hit's text
   * again at every search; and the source and copy-of of each article as doc values too, so a hit's
   * story is counted without reading its members' stored fields.
   */
  public static final String ANALYSIS_VERSION = "4";

  /**
   * A text field whose postings hold offsets as well as positions: the highlighter reads where each
   * match is from the index (the text of a hit is not analysed again per search; with it analysed
   * again, highlighting was a third of a search's time on 13,000 articles). Costs about a tenth
   * more index.
   */
  public static FieldType textType(boolean stored) {
    return stored ? Holder.TEXT_STORED : Holder.TEXT_NOT_STORED;
  }

  private static FieldType withOffsets(FieldType base) {
    FieldType t = new FieldType(base);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.freeze();
    return t;
  }

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

  public static final String INGESTED_AT = "ingestedAt";

  /** Dead letters: the article id (keyword, stored), stage and reason. */
  public static final String DLQ_ARTICLE_ID = "dlqArticleId";

  public static final String DLQ_STAGE = "dlqStage";
  public static final String DLQ_REASON = "dlqReason";
  public static final String DLQ_FAILED_AT = "dlqFailedAt";

  /**
   * Stored: where in Kafka a document was read from, {@code topic-partition@offset} — which record
   * of news.articles or news.dlq the document is, for tracing a document back to its record (and
   * for the fault suite, which checks every document against the record it came from).
   */
  public static final String KAFKA_POSITION = "kafkaPosition";

  /** Commit user-data key prefix for consumed offsets: {@code offset:<topic>:<partition>}. */
  public static final String OFFSET_PREFIX = "offset:";

  private IndexFields() {}

  /**
   * The title analysed as its language is ({@code title.fr}): indexed, not stored (the stored title
   * is {@link #TITLE}'s).
   */
  public static String titleIn(String language) {
    return TITLE + "." + language;
  }

  /** The text analysed as its language is ({@code text.fr}): indexed, not stored. */
  public static String textIn(String language) {
    return TEXT + "." + language;
  }

  /**
   * The analyzer of every text field as highlighting re-analyses it: the language-neutral one for
   * {@link #TITLE} and {@link #TEXT}; for each language's fields, its stems that the neutral
   * analysis does not give (so a stemmer's changes are indexed twice, not every word). An article
   * of a known language is indexed by {@code LanguageFields} (its stop words left out of the
   * neutral fields); queries are read by each language's query analysis ({@code UserQueries}).
   */
  public static Analyzer analyzer() {
    return Holder.ANALYZER;
  }

  /** The languages with fields of their own: those with a stemmer. */
  public static List<String> languages() {
    return Holder.LANGUAGES;
  }

  private static final class Holder {
    static final FieldType TEXT_STORED = withOffsets(TextField.TYPE_STORED);
    static final FieldType TEXT_NOT_STORED = withOffsets(TextField.TYPE_NOT_STORED);
    static final List<String> LANGUAGES =
        Languages.bundled().specific().stream()
            .filter(l -> l.stems().isPresent())
            .map(Language::code)
            .toList();
    static final Analyzer ANALYZER = build();

    private static Analyzer build() {
      Languages languages = Languages.bundled();
      Map<String, Analyzer> perField = new HashMap<>();
      for (Language l : languages.specific()) {
        l.stems()
            .ifPresent(
                stems -> {
                  perField.put(titleIn(l.code()), stems.analyzer());
                  perField.put(textIn(l.code()), stems.analyzer());
                });
      }
      return new PerFieldAnalyzerWrapper(languages.neutral().index(), perField);
    }
  }

  /** Facet configuration: topics and places are multi-valued dimensions. */
  public static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    config.setMultiValued(TOPIC, true);
    config.setMultiValued(PLACE, true);
    return config;
  }
}
