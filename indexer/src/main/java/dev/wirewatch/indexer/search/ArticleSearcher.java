package dev.wirewatch.indexer.search;

import dev.wirewatch.indexer.store.IndexFields;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Searches an article index: Lucene classic query syntax over title and text (all terms required
 * unless OR is written), highlighted snippets, and the index's statistics.
 */
public final class ArticleSearcher {
  /** Largest page of hits one search returns. */
  public static final int MAX_LIMIT = 250;

  /** Longest query accepted, in characters. */
  public static final int MAX_QUERY_CHARS = 100_000;

  private static final Map<String, Float> BOOSTS = Map.of(IndexFields.TITLE, 2f, IndexFields.TEXT, 1f);

  private final Analyzer analyzer = IndexFields.analyzer();

  /** Parses a user query; the message of the exception is one line fit to show the user. */
  public Query parse(String userQuery) {
    if (userQuery == null || userQuery.isBlank()) {
      throw new InvalidQueryException("empty query: give some words to search for", null);
    }
    if (userQuery.length() > MAX_QUERY_CHARS) {
      throw new InvalidQueryException(
          "query of " + userQuery.length() + " characters is longer than the limit of " + MAX_QUERY_CHARS, null);
    }
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(new String[] {IndexFields.TITLE, IndexFields.TEXT}, analyzer, BOOSTS);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setAllowLeadingWildcard(false);
    Query q;
    try {
      q = parser.parse(userQuery);
    } catch (ParseException e) {
      if (e.getCause() instanceof IndexSearcher.TooManyClauses) {
        throw new InvalidQueryException(
            "query has too many clauses (the limit is " + IndexSearcher.getMaxClauseCount() + ")", e);
      }
      throw new InvalidQueryException("invalid query: " + reason(e.getMessage(), userQuery), e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidQueryException(
          "query has too many clauses (the limit is " + IndexSearcher.getMaxClauseCount() + ")", e);
    } catch (RuntimeException e) {
      throw new InvalidQueryException("invalid query: " + firstLine(String.valueOf(e.getMessage())), e);
    }
    return new BooleanQuery.Builder()
        .add(q, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)), BooleanClause.Occur.FILTER)
        .build();
  }

  /**
   * Runs a search.
   *
   * @param limit hits to return, 1..{@value #MAX_LIMIT}
   * @param marks how matches are marked in snippets
   */
  public SearchResult search(IndexSearcher searcher, String userQuery, int limit, Highlight marks)
      throws IOException {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidQueryException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit, null);
    }
    Query query = parse(userQuery);
    TopDocs top;
    try {
      top = searcher.search(query, limit);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidQueryException(
          "query expands to too many terms (the limit is " + IndexSearcher.getMaxClauseCount() + ")", e);
    }
    UnifiedHighlighter highlighter =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new DefaultPassageFormatter(marks.pre(), marks.post(), " … ", marks.escapeHtml()))
            .withMaxLength(1_000_000)
            .build();
    int[] docIds = Arrays.stream(top.scoreDocs).mapToInt(sd -> sd.doc).toArray();
    String[] snippets =
        docIds.length == 0
            ? new String[0]
            : highlighter.highlight(IndexFields.TEXT, query, top, 2);
    List<SearchHit> hits = new ArrayList<>();
    for (int i = 0; i < top.scoreDocs.length; i++) {
      ScoreDoc sd = top.scoreDocs[i];
      Document d = searcher.storedFields().document(sd.doc);
      String snippet = snippets[i];
      if (snippet == null) {
        String text = d.get(IndexFields.TEXT);
        String head = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        snippet = marks.escapeHtml() ? escape(head) : head;
      }
      hits.add(
          new SearchHit(
              d.get(IndexFields.ID),
              d.get(IndexFields.TITLE),
              d.get(IndexFields.URL),
              d.get(IndexFields.SOURCE),
              instant(d.getField(IndexFields.PUBLISHED_AT)),
              List.of(d.getValues(IndexFields.TOPIC)),
              List.of(d.getValues(IndexFields.PLACE)),
              d.get(IndexFields.STORY),
              sd.score,
              snippet,
              d.get(IndexFields.TEXT)));
    }
    return new SearchResult(top.totalHits.value, hits);
  }

  /** Counts articles, dead letters and articles per topic. */
  public IndexStats stats(IndexSearcher searcher) throws IOException {
    Query articles = new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE));
    long articleCount = searcher.count(articles);
    long dlq = searcher.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DEAD_LETTER)));
    Map<String, Long> topics = new LinkedHashMap<>();
    if (articleCount > 0) {
      DefaultSortedSetDocValuesReaderState state;
      try {
        state = new DefaultSortedSetDocValuesReaderState(searcher.getIndexReader(), IndexFields.facetsConfig());
      } catch (IllegalArgumentException noFacetsYet) {
        state = null; // no article has a topic or place yet: the facet field does not exist
      }
      if (state != null) {
        FacetsCollector fc = searcher.search(articles, new FacetsCollectorManager());
        Facets facets = new SortedSetDocValuesFacetCounts(state, fc);
        FacetResult r;
        try {
          r = facets.getAllChildren(IndexFields.TOPIC);
        } catch (IllegalArgumentException noTopicYet) {
          r = null; // articles have places but none has a topic yet
        }
        if (r != null) {
          Arrays.stream(r.labelValues)
              .sorted((a, b) -> Long.compare(b.value.longValue(), a.value.longValue()))
              .forEach(lv -> topics.put(lv.label, lv.value.longValue()));
        }
      }
    }
    return new IndexStats(articleCount, dlq, topics);
  }


  private static Instant instant(IndexableField f) {
    return f == null || f.numericValue() == null ? null : Instant.ofEpochMilli(f.numericValue().longValue());
  }

  /** The parser's reason without its echo of the whole query, which may be huge. */
  private static String reason(String message, String query) {
    String m = message == null ? "" : message;
    String echo = "Cannot parse '" + query + "': ";
    if (m.startsWith(echo)) {
      m = m.substring(echo.length());
    }
    m = firstLine(m);
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").strip();
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#x27;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
