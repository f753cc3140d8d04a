package dev.wirewatch.language;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * {@code rememberWord}: keeps each token's text in its {@link WordAttribute}, so that {@code
 * dropUnchanged}, after a language's stemmer, can tell the stems that differ from their word.
 * Unlike {@code keywordRepeat} it copies characters, not the whole token state, and doubles no
 * token: the language's own field is analysed at a fraction of the cost.
 */
public final class RememberWordFilterFactory extends TokenFilterFactory {
  /** The factory's name in analysis chains. */
  public static final String NAME = "rememberWord";

  public RememberWordFilterFactory(Map<String, String> args) {
    super(args);
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(NAME + " takes no parameters, got " + args);
    }
  }

  /** For Lucene's service loader only. */
  public RememberWordFilterFactory() {
    throw defaultCtorException();
  }

  @Override
  public TokenStream create(TokenStream input) {
    return new RememberWordFilter(input);
  }

  private static final class RememberWordFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final WordAttribute word = addAttribute(WordAttribute.class);

    RememberWordFilter(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      word.remember(term.buffer(), term.length());
      return true;
    }
  }
}
