package dev.wirewatch.processor.tag;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Indexes an article for a fixed set of queries with only the terms those queries name.
 *
 * <p>Why: building the article's memory index was the most expensive step of tagging, and most of
 * it was the term dictionary — hashing, growing and sorting a few hundred distinct words of which
 * the topics name a handful. Here every other token is stored as one placeholder term, at its own
 * position: the field's length, every named term's frequency and positions, and so every score
 * (BM25 reads the length) and every phrase or proximity match are exactly what indexing all the
 * words gives. A query's excluded terms ({@code NOT cricket}) are named terms too.
 *
 * <p>Where some query's terms cannot be listed — a prefix, wildcard, fuzzy or range query, {@code
 * *:*} — any word may matter, and the language's analyzer is used unchanged.
 */
final class QueryTerms {
  /**
   * The term every unnamed token becomes: a control character no tokenizer of ours emits and no
   * query names.
   */
  static final String PLACEHOLDER = "\u0000";

  private QueryTerms() {}

  /**
   * The analyzer to index an article with for these queries: {@code analyzer} with every token no
   * query names replaced by {@link #PLACEHOLDER}, except in {@code exempt} (a field whose terms are
   * few anyway); {@code analyzer} itself where the queries' terms cannot all be listed.
   */
  static Analyzer analyzer(Analyzer analyzer, List<Query> queries, String exempt) {
    Map<String, CharArraySet> named = new HashMap<>();
    boolean[] listable = {true};
    QueryVisitor visitor =
        new QueryVisitor() {
          @Override
          public QueryVisitor getSubVisitor(
              org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
            return this; // excluded terms must be indexed to exclude
          }

          @Override
          public void consumeTerms(Query q, Term... terms) {
            for (Term t : terms) {
              named.computeIfAbsent(t.field(), f -> new CharArraySet(16, false)).add(t.text());
            }
          }

          @Override
          public void visitLeaf(Query q) {
            listable[0] = false;
          }
        };
    for (Query q : queries) {
      q.visit(visitor);
    }
    if (!listable[0]) {
      return analyzer;
    }
    return new AnalyzerWrapper(analyzer.getReuseStrategy()) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return analyzer;
      }

      @Override
      protected TokenStreamComponents wrapComponents(
          String fieldName, TokenStreamComponents components) {
        if (fieldName.equals(exempt)) {
          return components;
        }
        CharArraySet terms = named.getOrDefault(fieldName, CharArraySet.EMPTY_SET);
        return new TokenStreamComponents(
            components.getSource(), new NamedOnly(components.getTokenStream(), terms));
      }
    };
  }

  /** Replaces each token not in a set by the placeholder, keeping its position and offsets. */
  private static final class NamedOnly extends TokenFilter {
    private final CharArraySet named;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    NamedOnly(TokenStream in, CharArraySet named) {
      super(in);
      this.named = named;
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      if (!named.contains(term.buffer(), 0, term.length())) {
        term.setEmpty().append(PLACEHOLDER);
      }
      return true;
    }
  }
}
