package dev.wirewatch.language;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * {@code dropUnchanged}: after {@code rememberWord} and a stemmer, keeps only the stems that differ
 * from the word they came from — a language's own index field then holds what the language-neutral
 * field does not already hold at that place ("policiers" gives {@code polici}; "kenya" gives
 * nothing). Positions are kept, with gaps where words were left out.
 */
public final class DropUnchangedFilterFactory extends TokenFilterFactory {
  /** The factory's name in analysis chains. */
  public static final String NAME = "dropUnchanged";

  public DropUnchangedFilterFactory(Map<String, String> args) {
    super(args);
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(NAME + " takes no parameters, got " + args);
    }
  }

  /** For Lucene's service loader only. */
  public DropUnchangedFilterFactory() {
    throw defaultCtorException();
  }

  @Override
  public TokenStream create(TokenStream input) {
    return new DropUnchangedFilter(input);
  }

  private static final class DropUnchangedFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final WordAttribute word = addAttribute(WordAttribute.class);
    private final PositionIncrementAttribute posInc =
        addAttribute(PositionIncrementAttribute.class);

    DropUnchangedFilter(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      int skipped = 0;
      while (input.incrementToken()) {
        if (!word.is(term.buffer(), term.length())) {
          posInc.setPositionIncrement(skipped + posInc.getPositionIncrement());
          return true;
        }
        skipped += posInc.getPositionIncrement(); // the neutral field has this word already
      }
      return false;
    }
  }
}
