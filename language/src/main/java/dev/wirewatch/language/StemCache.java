package dev.wirewatch.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A language's stemmer in front of a cache of what it made of each word: the stem when it differs
 * from the word, else nothing (the neutral field holds the word). News text repeats its words
 * (Zipf), so most tokens are a lookup instead of a stemmer's run — KStem, for one, looks a word up
 * in its dictionary several times. Stemmers are word-by-word (a data file's {@code stem} must be),
 * so the cache gives what the chain would. Bounded: emptied when it reaches {@value #MAX_WORDS}
 * words. Shared by every thread that indexes.
 */
final class StemCache implements UnaryOperator<TokenStream> {
  static final int MAX_WORDS = 100_000;

  private final UnaryOperator<TokenStream> stemmer;
  private final ConcurrentHashMap<String, String> stems = new ConcurrentHashMap<>();

  /**
   * @param stemmer the language's {@code stem} filters alone
   */
  StemCache(UnaryOperator<TokenStream> stemmer) {
    this.stemmer = stemmer;
  }

  @Override
  public TokenStream apply(TokenStream words) {
    return new Filter(words);
  }

  /** The stems that differ from their words; the other words are left out, places kept. */
  private final class Filter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc =
        addAttribute(PositionIncrementAttribute.class);
    private OneWord one;
    private TokenStream chain;
    private CharTermAttribute chainTerm;

    Filter(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      int skipped = 0;
      while (input.incrementToken()) {
        String word = term.toString();
        String stem = stems.get(word);
        if (stem == null) {
          stem = stem(word);
          if (stems.size() >= MAX_WORDS) {
            stems.clear();
          }
          stems.put(word, stem);
        }
        if (!stem.isEmpty()) {
          term.setEmpty().append(stem);
          posInc.setPositionIncrement(skipped + posInc.getPositionIncrement());
          return true;
        }
        skipped += posInc.getPositionIncrement();
      }
      return false;
    }

    /** The word's stem when it differs, else "". */
    private String stem(String word) {
      if (chain == null) {
        one = new OneWord();
        chain = stemmer.apply(one);
        chainTerm = chain.addAttribute(CharTermAttribute.class);
      }
      try {
        one.word = word;
        chain.reset();
        String out = chain.incrementToken() ? chainTerm.toString() : "";
        chain.end();
        return out.equals(word) ? "" : out;
      } catch (IOException e) {
        throw new UncheckedIOException(e); // no I/O: the word is in memory
      }
    }
  }

  /** One word as a token stream, for the stemmer. */
  private static final class OneWord extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    String word;
    private boolean done;

    @Override
    public boolean incrementToken() {
      if (done) {
        return false;
      }
      clearAttributes();
      term.append(word);
      done = true;
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      done = false;
    }
  }
}
