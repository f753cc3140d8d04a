package dev.wirewatch.indexer.search;

import dev.wirewatch.indexer.store.IndexFields;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The user's query syntax: Lucene's classic syntax over title (boosted) and text — language-neutral
 * and in every known language — every term required unless OR is written, articles only; errors are
 * one line fit to show the user.
 */
final class UserQueries {
  private UserQueries() {}

  /**
   * The fields a query searches, with their boosts: the language-neutral title and text, and every
   * known language's, so one query finds an article in any language — by its folded words in the
   * neutral fields, by its stems in its own language's.
   */
  static final Map<String, Float> BOOSTS = boosts();

  private static Map<String, Float> boosts() {
    Map<String, Float> b = new LinkedHashMap<>();
    b.put(IndexFields.TITLE, 2f);
    b.put(IndexFields.TEXT, 1f);
    for (String lang : IndexFields.languages()) {
      b.put(IndexFields.titleIn(lang), 2f);
      b.put(IndexFields.textIn(lang), 1f);
    }
    return java.util.Collections.unmodifiableMap(b);
  }

  /** The text fields a highlight of the stored text may take its matches from. */
  static Set<String> textFields() {
    Set<String> out = new HashSet<>();
    out.add(IndexFields.TEXT);
    IndexFields.languages().forEach(l -> out.add(IndexFields.textIn(l)));
    return out;
  }

  /** Parses a user query; the message of the exception is one line fit to show the user. */
  static Query parse(String userQuery, Analyzer analyzer) {
    if (userQuery == null || userQuery.isBlank()) {
      throw new InvalidQueryException("empty query: give some words to search for", null);
    }
    if (userQuery.length() > ArticleSearcher.MAX_QUERY_CHARS) {
      throw new InvalidQueryException(
          "query of "
              + userQuery.length()
              + " characters is longer than the limit of "
              + ArticleSearcher.MAX_QUERY_CHARS,
          null);
    }
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(BOOSTS.keySet().toArray(String[]::new), analyzer, BOOSTS);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setAllowLeadingWildcard(false);
    Query q;
    try {
      q = parser.parse(userQuery);
    } catch (ParseException e) {
      if (e.getCause() instanceof IndexSearcher.TooManyClauses) {
        throw new InvalidQueryException(
            "query has too many clauses (the limit is " + IndexSearcher.getMaxClauseCount() + ")",
            e);
      }
      throw new InvalidQueryException("invalid query: " + reason(e.getMessage(), userQuery), e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidQueryException(
          "query has too many clauses (the limit is " + IndexSearcher.getMaxClauseCount() + ")", e);
    } catch (RuntimeException e) {
      throw new InvalidQueryException(
          "invalid query: " + firstLine(String.valueOf(e.getMessage())), e);
    }
    return new BooleanQuery.Builder()
        .add(q, BooleanClause.Occur.MUST)
        .add(
            new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)),
            BooleanClause.Occur.FILTER)
        .build();
  }

  /** The parser's reason without its echo of the whole query, which may be huge. */
  static String reason(String message, String query) {
    String m = message == null ? "" : message;
    String echo = "Cannot parse '" + query + "': ";
    if (m.startsWith(echo)) {
      m = m.substring(echo.length());
    }
    m = firstLine(m);
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").strip();
  }
}
