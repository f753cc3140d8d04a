package dev.wirewatch.processor.tag;

import dev.wirewatch.language.Language;
import dev.wirewatch.language.Languages;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/**
 * The analysis of topic and watch queries and of the article they run on, per language: title and
 * text by the language's tagging chain (its data file: plurals folded, accents folded, nothing
 * dropped — "US" must stay a word), places as the lower-case ISO codes they are.
 */
public final class TaggingAnalyzers {
  private final Languages languages;
  private final Map<String, Analyzer> byCode = new HashMap<>();

  public TaggingAnalyzers(Languages languages) {
    this.languages = languages;
    for (String code : languages.codes()) {
      Language l = languages.orNeutral(code);
      byCode.put(
          code, new PerFieldAnalyzerWrapper(l.tagging(), Map.of(TopicTagger.PLACE_FIELD, CODES)));
    }
  }

  /** The bundled languages' analyzers. */
  public static TaggingAnalyzers bundled() {
    return Holder.BUNDLED;
  }

  private static final class Holder {
    static final TaggingAnalyzers BUNDLED = new TaggingAnalyzers(Languages.bundled());
  }

  /** The languages they analyse. */
  public Languages languages() {
    return languages;
  }

  /** The analyzer of a language; the neutral one ({@code und}) for an unknown or null code. */
  public Analyzer of(String language) {
    return byCode.get(languages.orNeutral(language).code());
  }

  /** ISO codes: split on spaces, lower-cased, nothing else. */
  private static final Analyzer CODES =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          Tokenizer source = new WhitespaceTokenizer();
          return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
      };
}
