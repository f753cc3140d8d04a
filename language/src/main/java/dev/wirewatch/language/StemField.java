package dev.wirewatch.language;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;

/**
 * What a language's own index field holds of a text: the stems its stemmer gives that differ from
 * the neutral words they came from ("policiers" gives {@code polici}; "kenya" gives nothing) — the
 * neutral field holds the rest.
 *
 * @param analyzer the text to those stems, from the start (to find where a stem's word is, for
 *     highlighting)
 * @param fromIndex the same, applied to the tokens of the language's {@link Language#index()}
 *     analysis, so that an article's text is tokenised once for both its fields
 */
public record StemField(Analyzer analyzer, UnaryOperator<TokenStream> fromIndex) {
  public StemField {
    Objects.requireNonNull(analyzer, "analyzer");
    Objects.requireNonNull(fromIndex, "fromIndex");
  }
}
