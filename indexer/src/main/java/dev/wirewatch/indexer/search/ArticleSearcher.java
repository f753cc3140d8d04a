package dev.wirewatch.indexer.search;

import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.language.Language;
import dev.wirewatch.language.Languages;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.Bits;

/**
 * Searches an article index: Lucene classic query syntax over title and text (all terms required
 * unless OR is written), highlighted snippets, and the index's statistics.
 */
public final class ArticleSearcher {
  /** Largest page of hits one search returns. */
  public static final int MAX_LIMIT = 250;

  /** Longest query accepted, in characters. */
  public static final int MAX_QUERY_CHARS = 100_000;

  private final Analyzer analyzer = IndexFields.analyzer();

  /**
   * The facet ordinals of the last reader searched. Building them reads every facet value of the
   * index (most of a search's time on a 10,000-article index), so they are kept until a refresh
   * brings a new reader. Keyed by the reader itself: a reader over several shards has no cache key.
   */
  private final java.util.Map<
          org.apache.lucene.index.IndexReader, DefaultSortedSetDocValuesReaderState>
      facetStates = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private DefaultSortedSetDocValuesReaderState facetState(
      org.apache.lucene.index.IndexReader reader) throws IOException {
    DefaultSortedSetDocValuesReaderState state = facetStates.get(reader);
    if (state == null) {
      state = new ShardFacetState(reader, IndexFields.facetsConfig());
      // a refreshed index brings a new reader: keep only the newest (older ones are released)
      synchronized (facetStates) {
        facetStates.clear();
        facetStates.put(reader, state);
      }
    }
    return state;
  }

  /**
   * Parses a user query for the languages the searcher's index holds; the message of the exception
   * is one line fit to show the user.
   */
  public Query parse(IndexSearcher searcher, String userQuery) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    List<String> languages = languagesByReader.get(reader);
    if (languages == null) {
      languages = languagesIn(reader);
      synchronized (languagesByReader) { // the newest reader's only, as for the facet states
        languagesByReader.clear();
        languagesByReader.put(reader, languages);
      }
    }
    return UserQueries.parse(userQuery, languages);
  }

  /**
   * The languages of the last reader searched: asking each language's document frequency seeks a
   * term in every segment of every shard, so it is done once per reader, not per query.
   */
  private final Map<IndexReader, List<String>> languagesByReader =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * Checks a user query's syntax without an index (a saved search is checked when saved).
   *
   * @throws InvalidQueryException saying what is wrong, in the user's terms
   */
  public static void checkSyntax(String userQuery) {
    if (userQuery != null && !userQuery.isBlank()) {
      UserQueries.parse(userQuery, List.of());
    }
  }

  /** The known languages of the index's articles: those a query is read in. */
  static List<String> languagesIn(IndexReader reader) throws IOException {
    List<String> present = new ArrayList<>();
    for (Language l : Languages.bundled().specific()) {
      if (reader.docFreq(new Term(IndexFields.LANGUAGE, l.code())) > 0) {
        present.add(l.code());
      }
    }
    return present;
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
      throw new InvalidQueryException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit, null);
    }
    Query query = parse(searcher, userQuery);
    TopDocs top;
    try {
      top = searcher.search(query, limit);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidQueryException(
          "query expands to too many terms (the limit is "
              + IndexSearcher.getMaxClauseCount()
              + ")",
          e);
    }
    List<SearchHit> hits = hits(searcher, query, List.of(top.scoreDocs), marks);
    return new SearchResult(top.totalHits.value, hits);
  }

  /** Facet dimensions of a search page, with the API's names. */
  private static final Map<String, String> FACETS = new java.util.LinkedHashMap<>();

  static {
    FACETS.put("topics", IndexFields.TOPIC);
    FACETS.put("places", IndexFields.PLACE);
    FACETS.put("sources", IndexFields.SOURCE);
    FACETS.put("languages", IndexFields.LANGUAGE);
  }

  /**
   * Runs a search with filters, a sort, paging, facets and, on request, one hit per story.
   *
   * @param marks how matches are marked in snippets
   */
  public SearchPage search(IndexSearcher searcher, SearchRequest r, Highlight marks)
      throws IOException {
    Query base = r.query().isBlank() ? new MatchAllDocsQuery() : parse(searcher, r.query());
    BooleanQuery.Builder b =
        new BooleanQuery.Builder()
            .add(base, BooleanClause.Occur.MUST)
            .add(
                new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)),
                BooleanClause.Occur.FILTER);
    filter(b, IndexFields.TOPIC, r.topics());
    filter(b, IndexFields.PLACE, r.places());
    filter(b, IndexFields.SOURCE, r.sources());
    filter(b, IndexFields.LANGUAGE, r.languages());
    if (r.from() != null || r.to() != null) {
      long lo = r.from() == null ? Long.MIN_VALUE : r.from().toEpochMilli();
      long hi = r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli();
      b.add(LongPoint.newRangeQuery(IndexFields.PUBLISHED_AT, lo, hi), BooleanClause.Occur.FILTER);
    }
    Query query = b.build();
    // A blank query has no relevance: it lists the newest first.
    boolean newest = r.order() == SearchRequest.Order.NEWEST || r.query().isBlank();
    Sort sort =
        newest
            ? new Sort(
                longSort(IndexFields.PUBLISHED_AT),
                longSort(IndexFields.INGESTED_AT),
                SortField.FIELD_SCORE)
            : Sort.RELEVANCE;
    int offset = (r.page() - 1) * r.size();
    List<ScoreDoc> page = new ArrayList<>();
    long total;
    long articles;
    // One pass for the page, the total and the facets: each extra pass is every term seeked again
    // in every segment of every shard.
    FacetsCollector matches;
    try {
      if (r.collapseStories()) {
        StoryCollapse.Page stories =
            StoryCollapse.collapse(searcher, query, newest, offset, r.size());
        total = stories.stories();
        matches = searcher.search(query, new FacetsCollectorManager());
        articles = matching(matches);
        page.addAll(stories.best());
      } else {
        // By relevance the collector scores as it collects; a sort asked to "fill in" scores
        // would run the whole query a second time over the top documents.
        FacetsCollectorManager.FacetsResult result =
            newest
                ? FacetsCollectorManager.search(
                    searcher, query, offset + r.size(), sort, false, new FacetsCollectorManager())
                : FacetsCollectorManager.search(
                    searcher, query, offset + r.size(), new FacetsCollectorManager());
        TopDocs top = result.topDocs();
        matches = result.facetsCollector();
        total = matching(matches);
        articles = total;
        for (int i = offset; i < top.scoreDocs.length; i++) {
          page.add(top.scoreDocs[i]);
        }
      }
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidQueryException(
          "query expands to too many terms (the limit is "
              + IndexSearcher.getMaxClauseCount()
              + ")",
          e);
    }
    List<SearchHit> hits = hits(searcher, base, page, marks);
    List<SearchPage.Hit> out = new ArrayList<>();
    Map<String, StoryCounts> stories =
        storyCounts(
            searcher, hits.stream().map(SearchHit::storyId).filter(id -> id != null).toList());
    for (SearchHit h : hits) {
      StoryCounts c = h.storyId() == null ? null : stories.get(h.storyId());
      c = c == null ? StoryCounts.ALONE : c;
      out.add(new SearchPage.Hit(h, c.articles(), c.sources()));
    }
    Counted counted = facets(searcher, matches, r.facetValues());
    return new SearchPage(total, articles, counted.undated(), out, counted.facets(), List.of());
  }

  /** Distinct articles of a story in the index: its copies are not counted. */
  public long storySize(IndexSearcher searcher, String storyId) throws IOException {
    return searcher.count(
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(IndexFields.STORY, storyId)), BooleanClause.Occur.FILTER)
            .add(
                new TermQuery(new Term(IndexFields.IS_COPY, IndexFields.YES)),
                BooleanClause.Occur.MUST_NOT)
            .build());
  }

  /**
   * A story's size as a hit shows it.
   *
   * @param articles its articles, copies not counted
   * @param sources the sources that reported it, copies' included
   */
  private record StoryCounts(long articles, long sources) {
    static final StoryCounts ALONE = new StoryCounts(1, 1);
  }

  /**
   * Both counts of the stories of a page's hits, in one pass over their documents' doc values (a
   * story is a handful of articles): one query for the page rather than a count and a facet count
   * per hit, each seeking its term in every segment of every shard. Reading the stored fields of
   * the members instead cost a quarter of a search: each read decompresses a block of documents.
   */
  private Map<String, StoryCounts> storyCounts(IndexSearcher searcher, List<String> storyIds)
      throws IOException {
    Map<String, StoryCounts> out = new LinkedHashMap<>();
    if (storyIds.isEmpty()) {
      return out;
    }
    List<org.apache.lucene.util.BytesRef> terms =
        storyIds.stream().distinct().map(org.apache.lucene.util.BytesRef::new).toList();
    Query q =
        new ConstantScoreQuery(
            new org.apache.lucene.search.TermInSetQuery(IndexFields.STORY, terms));
    Map<String, long[]> articles = new HashMap<>();
    Map<String, Set<String>> sources = new HashMap<>();
    Weight weight = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      SortedDocValues story = DocValues.getSorted(leaf.reader(), IndexFields.STORY);
      SortedDocValues source = DocValues.getSorted(leaf.reader(), IndexFields.SOURCE);
      SortedDocValues copyOf = DocValues.getSorted(leaf.reader(), IndexFields.COPY_OF);
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator docs = scorer.iterator();
      for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
        if ((live != null && !live.get(d)) || !story.advanceExact(d)) {
          continue;
        }
        String id = story.lookupOrd(story.ordValue()).utf8ToString();
        if (!copyOf.advanceExact(d)) {
          articles.computeIfAbsent(id, k -> new long[1])[0]++;
        }
        sources
            .computeIfAbsent(id, k -> new HashSet<>())
            .add(
                source.advanceExact(d)
                    ? source.lookupOrd(source.ordValue()).utf8ToString()
                    : "null");
      }
    }
    for (String id : storyIds) {
      long n = articles.containsKey(id) ? articles.get(id)[0] : 1;
      int m = sources.containsKey(id) ? sources.get(id).size() : 1;
      out.put(id, new StoryCounts(Math.max(1, n), Math.max(1, m)));
    }
    return out;
  }

  /** Every article of a story, oldest first (by publication, else ingestion). */
  public List<SearchHit> story(IndexSearcher searcher, String storyId, int limit)
      throws IOException {
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(IndexFields.STORY, storyId)), BooleanClause.Occur.FILTER)
            .add(
                new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)),
                BooleanClause.Occur.FILTER)
            .build();
    Sort oldest = new Sort(ascending(IndexFields.PUBLISHED_AT), ascending(IndexFields.INGESTED_AT));
    TopDocs top = searcher.search(q, limit, oldest);
    return hits(searcher, null, List.of(top.scoreDocs), Highlight.NONE);
  }

  /** One article by id, or null. */
  public SearchHit article(IndexSearcher searcher, String id) throws IOException {
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(IndexFields.ID, id)), BooleanClause.Occur.FILTER)
            .add(
                new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)),
                BooleanClause.Occur.FILTER)
            .build();
    TopDocs top = searcher.search(q, 1);
    return top.scoreDocs.length == 0
        ? null
        : hits(searcher, null, List.of(top.scoreDocs), Highlight.NONE).get(0);
  }

  private static SortField longSort(String field) {
    SortField f = new SortField(field, SortField.Type.LONG, true);
    f.setMissingValue(Long.MIN_VALUE);
    return f;
  }

  private static SortField ascending(String field) {
    SortField f = new SortField(field, SortField.Type.LONG, false);
    f.setMissingValue(Long.MAX_VALUE);
    return f;
  }

  private static void filter(BooleanQuery.Builder b, String field, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String v : values) {
      any.add(new TermQuery(new Term(field, v)), BooleanClause.Occur.SHOULD);
    }
    b.add(any.build(), BooleanClause.Occur.FILTER);
  }

  /**
   * The highlighters of the last reader searched, one per kind of marks. A highlighter learns where
   * its offsets come from by merging the field infos of every segment of every shard, which cost
   * more than the highlighting itself when it was built per search; it is thread-safe.
   */
  private final Map<IndexReader, Map<Highlight, UnifiedHighlighter>> highlighters =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private UnifiedHighlighter highlighter(IndexSearcher searcher, Highlight marks) {
    IndexReader reader = searcher.getIndexReader();
    Map<Highlight, UnifiedHighlighter> byMarks;
    synchronized (highlighters) {
      byMarks = highlighters.get(reader);
      if (byMarks == null) {
        highlighters.clear(); // the newest reader's only, as for the facet states
        byMarks = new java.util.concurrent.ConcurrentHashMap<>();
        highlighters.put(reader, byMarks);
      }
    }
    // Matches in the text's language fields highlight the stored text too (a French plural found
    // by its stem is marked where it is written) — the fields the index has: a field it lacks
    // would be analysed again for every hit only to find nothing.
    return byMarks.computeIfAbsent(
        marks,
        m -> {
          FieldInfos infos = FieldInfos.getMergedFieldInfos(reader);
          Set<String> textFields = new HashSet<>();
          for (String f : UserQueries.textFields()) {
            if (infos.fieldInfo(f) != null) {
              textFields.add(f);
            }
          }
          textFields.add(IndexFields.TEXT);
          Set<String> masked = Set.copyOf(textFields);
          return UnifiedHighlighter.builder(searcher, analyzer)
              .withMaskedFieldsFunc(f -> f.equals(IndexFields.TEXT) ? masked : Set.of(f))
              .withFormatter(new DefaultPassageFormatter(m.pre(), m.post(), " … ", m.escapeHtml()))
              .withMaxLength(1_000_000)
              .withWeightMatches(false)
              .build();
        });
  }

  private List<SearchHit> hits(
      IndexSearcher searcher, Query highlightQuery, List<ScoreDoc> docs, Highlight marks)
      throws IOException {
    String[] snippets = new String[docs.size()];
    if (highlightQuery != null
        && !docs.isEmpty()
        && !(highlightQuery instanceof MatchAllDocsQuery)) {
      UnifiedHighlighter highlighter = highlighter(searcher, marks);
      ScoreDoc[] arr = docs.toArray(ScoreDoc[]::new);
      snippets =
          highlighter.highlight(
              IndexFields.TEXT,
              highlightQuery,
              new TopDocs(new TotalHits(arr.length, TotalHits.Relation.EQUAL_TO), arr),
              2);
    }
    List<SearchHit> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      ScoreDoc sd = docs.get(i);
      Document d = searcher.storedFields().document(sd.doc);
      String snippet = snippets[i];
      if (snippet == null) {
        String text = d.get(IndexFields.TEXT);
        String head = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        snippet = marks.escapeHtml() ? Highlight.escapeHtml(head) : head;
      }
      out.add(
          new SearchHit(
              d.get(IndexFields.ID),
              d.get(IndexFields.TITLE),
              d.get(IndexFields.URL),
              d.get(IndexFields.SOURCE),
              instant(d.getField(IndexFields.PUBLISHED_AT)),
              List.of(d.getValues(IndexFields.TOPIC)),
              List.of(d.getValues(IndexFields.PLACE)),
              d.get(IndexFields.STORY),
              d.get(IndexFields.COPY_OF),
              Float.isNaN(sd.score) ? 0f : sd.score,
              snippet,
              d.get(IndexFields.TEXT)));
    }
    return out;
  }

  /** A search's facets, and its matches without a publication date. */
  private record Counted(Map<String, Map<String, Long>> facets, long undated) {}

  /** Matching documents in all. */
  private static long matching(FacetsCollector fc) {
    long n = 0;
    for (FacetsCollector.MatchingDocs m : fc.getMatchingDocs()) {
      n += m.totalHits;
    }
    return n;
  }

  private Counted facets(IndexSearcher searcher, FacetsCollector fc, int values)
      throws IOException {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    FACETS.keySet().forEach(k -> out.put(k, new LinkedHashMap<>()));
    // Days come from the publication time itself, not from a day stored at indexing: an undated
    // article is in no day (it is counted apart), so every bar and every day's filter agree.
    TreeMap<Long, Long> byDay = new TreeMap<>();
    long undated = 0;
    for (FacetsCollector.MatchingDocs m : fc.getMatchingDocs()) {
      if (m.bits == null) {
        continue;
      }
      DocIdSetIterator docs = m.bits.iterator();
      if (docs == null) {
        continue;
      }
      NumericDocValues published =
          DocValues.getNumeric(m.context.reader(), IndexFields.PUBLISHED_AT);
      for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
        if (published.advanceExact(d)) {
          byDay.merge(Math.floorDiv(published.longValue(), DAY_MILLIS), 1L, Long::sum);
        } else {
          undated++;
        }
      }
    }
    Map<String, Long> days = new LinkedHashMap<>();
    byDay.forEach((day, n) -> days.put(LocalDate.ofEpochDay(day).toString(), n));
    DefaultSortedSetDocValuesReaderState state;
    try {
      state = facetState(searcher.getIndexReader());
    } catch (IllegalArgumentException noFacetsYet) {
      out.put("days", days);
      return new Counted(out, undated);
    }
    Facets facets = new SortedSetDocValuesFacetCounts(state, fc);
    for (Map.Entry<String, String> dim : FACETS.entrySet()) {
      FacetResult r;
      try {
        r = facets.getTopChildren(values, dim.getValue());
      } catch (IllegalArgumentException absent) {
        continue; // no article has this dimension yet
      }
      if (r == null) {
        continue;
      }
      Arrays.stream(r.labelValues)
          .sorted(
              (a, c) ->
                  a.value.longValue() != c.value.longValue()
                      ? Long.compare(c.value.longValue(), a.value.longValue())
                      : a.label.compareTo(c.label))
          .forEach(lv -> out.get(dim.getKey()).put(lv.label, lv.value.longValue()));
    }
    out.put("days", days);
    return new Counted(out, undated);
  }

  private static final long DAY_MILLIS = 86_400_000L;

  /** Articles per source, every source (for the sources page), most first. */
  public Map<String, Long> articlesBySource(IndexSearcher searcher) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    DefaultSortedSetDocValuesReaderState state;
    try {
      state = facetState(searcher.getIndexReader());
    } catch (IllegalArgumentException noFacetsYet) {
      return out;
    }
    Query articles = new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE));
    FacetsCollector fc = searcher.search(articles, new FacetsCollectorManager());
    FacetResult r;
    try {
      r = new SortedSetDocValuesFacetCounts(state, fc).getAllChildren(IndexFields.SOURCE);
    } catch (IllegalArgumentException absent) {
      return out;
    }
    if (r != null) {
      Arrays.stream(r.labelValues)
          .sorted((a, c) -> Long.compare(c.value.longValue(), a.value.longValue()))
          .forEach(lv -> out.put(lv.label, lv.value.longValue()));
    }
    return out;
  }

  /** Counts articles, dead letters and articles per topic. */
  public IndexStats stats(IndexSearcher searcher) throws IOException {
    Query articles = new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE));
    long articleCount = searcher.count(articles);
    long dlq =
        searcher.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DEAD_LETTER)));
    Map<String, Long> topics = new LinkedHashMap<>();
    if (articleCount > 0) {
      DefaultSortedSetDocValuesReaderState state;
      try {
        state = facetState(searcher.getIndexReader());
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
    return f == null || f.numericValue() == null
        ? null
        : Instant.ofEpochMilli(f.numericValue().longValue());
  }
}
