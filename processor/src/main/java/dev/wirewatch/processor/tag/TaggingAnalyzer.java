package dev.wirewatch.processor.tag;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.classic.ClassicFilter;
import org.apache.lucene.analysis.classic.ClassicTokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * The analysis chain topic queries are written against: acronyms keep their letters ("U.S." is the
 * term {@code us}, not {@code u.}), possessives are dropped ("Kenya's" is {@code kenya}), accents
 * folded, plurals reduced, and no stop words removed — "US" must stay searchable.
 */
public final class TaggingAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new ClassicTokenizer();
    TokenStream ts = new ClassicFilter(source);
    ts = new LowerCaseFilter(ts);
    ts = new ASCIIFoldingFilter(ts);
    ts = new EnglishMinimalStemFilter(ts);
    return new TokenStreamComponents(source, ts);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }
}
