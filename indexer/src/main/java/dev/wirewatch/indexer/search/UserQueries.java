package dev.wirewatch.indexer.search;

import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.language.Language;
import dev.wirewatch.language.Languages;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
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
 * The user's query syntax: Lucene's classic syntax over title (boosted) and text, every term
 * required unless OR is written, articles only; errors are one line fit to show the user.
 *
 * <p>Languages: the query is read once language-neutrally (its words folded, against the neutral
 * fields) and once as each language present in the index would read it (its stop words left out,
 * its words stemmed as that language stems them, against the neutral fields and that language's own
 * — a stem the neutral analysis already gives is only in the neutral fields, see {@code
 * StemField}); an article matches when one of these readings matches it. So "haiti" finds Haïti in
 * any language, "policier" finds "policiers" in French, "policia" finds "policía", and "the police"
 * finds an English article whose neutral fields hold no "the".
 */
final class UserQueries {
  private UserQueries() {}

  static final float TITLE_BOOST = 2f;

  /** The text fields a highlight of the stored text may take its matches from. */
  static Set<String> textFields() {
    Set<String> out = new HashSet<>();
    out.add(IndexFields.TEXT);
    IndexFields.languages().forEach(l -> out.add(IndexFields.textIn(l)));
    return out;
  }

  /**
   * Parses a user query for the languages present; the message of the exception is one line fit to
   * show the user.
   *
   * @param languages the codes of the languages whose fields the index holds
   */
  static Query parse(String userQuery, Collection<String> languages) {
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
    Languages all = Languages.bundled();
    BooleanQuery.Builder readings = new BooleanQuery.Builder();
    readings.add(
        read(
            userQuery,
            all.neutral().index(),
            all.neutral().index(),
            IndexFields.TITLE,
            IndexFields.TEXT),
        BooleanClause.Occur.SHOULD);
    for (String code : languages) {
      Optional<Language> l = all.get(code);
      if (l.isPresent()) {
        String[] fields =
            l.get().stems().isPresent()
                ? new String[] {
                  IndexFields.TITLE,
                  IndexFields.TEXT,
                  IndexFields.titleIn(code),
                  IndexFields.textIn(code)
                }
                : new String[] {IndexFields.TITLE, IndexFields.TEXT};
        readings.add(
            read(userQuery, l.get().query(), l.get().index(), fields), BooleanClause.Occur.SHOULD);
      }
    }
    return new BooleanQuery.Builder()
        .add(readings.build(), BooleanClause.Occur.MUST)
        .add(
            new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)),
            BooleanClause.Occur.FILTER)
        .build();
  }

  /**
   * The query as one analysis reads it, over the given title and text fields. A phrase ("arrived in
   * the capital") is the words as written, not stems: it is read with {@code phrases} on the
   * neutral fields only, since a language's own field holds only the stems that differ from their
   * word and could not hold a whole phrase.
   */
  private static Query read(
      String userQuery, Analyzer analyzer, Analyzer phrases, String... fields) {
    Map<String, Float> boosts = new HashMap<>();
    for (String f : fields) {
      boosts.put(f, f.startsWith(IndexFields.TITLE) ? TITLE_BOOST : 1f);
    }
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(fields, analyzer, boosts) {
          @Override
          protected Query newFieldQuery(Analyzer a, String field, String queryText, boolean quoted)
              throws ParseException {
            if (!quoted) {
              return super.newFieldQuery(a, field, queryText, false);
            }
            boolean neutral = field.equals(IndexFields.TITLE) || field.equals(IndexFields.TEXT);
            return neutral ? super.newFieldQuery(phrases, field, queryText, true) : null;
          }
        };
    parser.setDefaultOperator(QueryParser.Operator.AND);
    // Word by word: read as one run of text, a run whose stop words are dropped leaves one word,
    // whose per-field alternatives the parser would then all require ("the kenyans" needing kenya
    // in title and text alike).
    parser.setSplitOnWhitespace(true);
    // ... and a word the analysis splits (Port-au-Prince) is a phrase of its parts, not any of them
    parser.setAutoGeneratePhraseQueries(true);
    parser.setAllowLeadingWildcard(false);
    try {
      return parser.parse(userQuery);
    } catch (ParseException e) {
      if (e.getCause() instanceof IndexSearcher.TooManyClauses) {
        throw new InvalidQueryException(
            "query has too many clauses (the limit is " + IndexSearcher.getMaxClauseCount() + ")",
            e);
      }
      throw new InvalidQueryException("invalid query: " + QueryProblems.describe(userQuery, e), e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidQueryException(
          "query has too many clauses (the limit is " + IndexSearcher.getMaxClauseCount() + ")", e);
    } catch (RuntimeException e) {
      throw new InvalidQueryException(
          "invalid query: " + firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").strip();
  }
}
