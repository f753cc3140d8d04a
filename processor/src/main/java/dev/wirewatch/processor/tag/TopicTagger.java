package dev.wirewatch.processor.tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Tags an article with every topic whose query it matches, by indexing the one article in a Lucene
 * {@link MemoryIndex} and running the topics' queries against it — each topic's query for the
 * article's language, on the article analysed as that language is ({@link TaggingAnalyzers}).
 *
 * <p>Fields: {@code title}; {@code text}, holding the title and the body together, so an
 * unqualified term matches either; and {@code place}, the article's countries as ISO codes ({@code
 * place:ht}).
 *
 * <p>With many topics most queries cannot match a given article: a query runs only when the article
 * holds at least one of its terms (a pre-filter on the memory index's term dictionary, as Lucene's
 * monitor module does, one per language), or when its terms cannot be listed (prefix and wildcard
 * queries, pure negations). Thread-safe: each thread has its own memory index.
 */
public final class TopicTagger {
  /** The field of the article's places. */
  public static final String PLACE_FIELD = "place";

  private final List<TopicDefinition> topics;
  private final TaggingAnalyzers analyzers;

  /**
   * One memory index per thread, emptied for each article: its buffers are reused instead of being
   * allocated and collected per article.
   */
  private final ThreadLocal<MemoryIndex> memoryIndexes = ThreadLocal.withInitial(MemoryIndex::new);

  /** Per language: which topics may match an article holding a term. */
  private final Map<String, Prefilter> prefilters = new HashMap<>();

  /**
   * Per language: the analyzer the article is indexed with — the language's own, with every token
   * no query of that language names stored as one placeholder term ({@link QueryTerms}); or the
   * language's own unchanged where some query's terms cannot be listed.
   */
  private final Map<String, Analyzer> indexing = new HashMap<>();

  /**
   * For each term of some query, the topics whose query holds it; and the topics that run on every
   * article (their terms cannot be listed).
   */
  private record Prefilter(Map<Term, BitSet> topicsByTerm, BitSet alwaysRun) {}

  public TopicTagger(List<TopicDefinition> topics) {
    this(topics, TaggingAnalyzers.bundled());
  }

  public TopicTagger(List<TopicDefinition> topics, TaggingAnalyzers analyzers) {
    this.topics = List.copyOf(topics);
    this.analyzers = analyzers;
    for (String code : analyzers.languages().codes()) {
      Prefilter p = new Prefilter(new HashMap<>(), new BitSet());
      for (int i = 0; i < this.topics.size(); i++) {
        index(p, i, this.topics.get(i).query(code));
      }
      prefilters.put(code, p);
      List<Query> queries = this.topics.stream().map(t -> t.query(code)).toList();
      indexing.put(code, QueryTerms.analyzer(analyzers.of(code), queries, PLACE_FIELD));
    }
  }

  private static void index(Prefilter p, int topic, Query query) {
    boolean[] listable = {true};
    List<Term> positive = new ArrayList<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            // Terms under MUST_NOT never make a query match: they neither select nor reject
            // candidates.
            return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }

          @Override
          public void consumeTerms(Query q, Term... terms) {
            positive.addAll(List.of(terms));
          }

          @Override
          public void visitLeaf(Query q) {
            listable[0] = false; // prefix*, wild?card, ranges, match-all: run it on every article
          }
        });
    if (!listable[0] || positive.isEmpty()) {
      p.alwaysRun().set(topic);
      return;
    }
    for (Term t : positive) {
      p.topicsByTerm().computeIfAbsent(t, k -> new BitSet()).set(topic);
    }
  }

  /** Ids of the matching topics of an article in no known language, in configuration order. */
  public List<String> tag(String title, String text) {
    return tag(title, text, List.of(), null);
  }

  /** Ids of the matching topics, in configuration order; places are ISO 3166 codes. */
  public List<String> tag(String title, String text, List<String> places) {
    return tag(title, text, places, null);
  }

  /**
   * Ids of the matching topics, in the order of the configuration.
   *
   * @param places ISO 3166 codes
   * @param language the article's language (ISO 639-1); null or unknown: the neutral analysis
   */
  public List<String> tag(String title, String text, List<String> places, String language) {
    String code = analyzers.languages().orNeutral(language).code();
    MemoryIndex index = memoryIndex(title, text, places, code);
    BitSet candidates = candidates(index, prefilters.get(code));
    List<String> matched = new ArrayList<>();
    if (candidates.isEmpty()) {
      return matched;
    }
    IndexSearcher searcher = index.createSearcher();
    for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
      TopicDefinition topic = topics.get(i);
      float score = score(searcher, topic.query(code));
      if (score > 0 && score >= topic.minScore()) {
        matched.add(topic.id());
      }
    }
    return matched;
  }

  /**
   * The score of the memory index's one document for the query, 0 when it does not match: what
   * {@link MemoryIndex#search} answers, on one searcher for all of an article's queries rather than
   * a new one per query.
   */
  private static float score(IndexSearcher searcher, Query query) {
    try {
      Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, 1f);
      Scorer scorer = weight.scorer(searcher.getIndexReader().leaves().get(0));
      if (scorer == null) {
        return 0;
      }
      TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
      if (twoPhase == null) {
        return scorer.iterator().nextDoc() == 0 ? scorer.score() : 0;
      }
      return twoPhase.approximation().nextDoc() == 0 && twoPhase.matches() ? scorer.score() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a memory index does no I/O
    }
  }

  /** How many queries would run for the article (the pre-filter's work, for tests). */
  int candidateCount(String title, String text, List<String> places) {
    String code = analyzers.languages().neutral().code();
    return candidates(memoryIndex(title, text, places, code), prefilters.get(code)).cardinality();
  }

  /**
   * The score of a query on an article in the neutral language, the article indexed with every
   * token ({@code allTerms}) or with the query terms only, as {@link #tag} does (for tests: the two
   * must agree).
   */
  float score(Query query, String title, String text, boolean allTerms) {
    String code = analyzers.languages().neutral().code();
    Analyzer analyzer = allTerms ? analyzers.of(code) : indexing.get(code);
    return score(memoryIndex(title, text, List.of(), analyzer).createSearcher(), query);
  }

  private MemoryIndex memoryIndex(String title, String text, List<String> places, String code) {
    return memoryIndex(title, text, places, indexing.get(code));
  }

  private MemoryIndex memoryIndex(
      String title, String text, List<String> places, Analyzer analyzer) {
    MemoryIndex index = memoryIndexes.get();
    index.reset();
    String t = title == null ? "" : title;
    index.addField("title", t, analyzer);
    index.addField(
        TopicDefinition.DEFAULT_FIELD, t + "\n\n" + (text == null ? "" : text), analyzer);
    index.addField(PLACE_FIELD, String.join(" ", places), analyzer);
    return index;
  }

  private static BitSet candidates(MemoryIndex index, Prefilter p) {
    BitSet out = (BitSet) p.alwaysRun().clone();
    if (p.topicsByTerm().isEmpty()) {
      return out;
    }
    LeafReader reader = (LeafReader) index.createSearcher().getIndexReader();
    Map<String, TermsEnum> enums = new HashMap<>();
    try {
      for (Map.Entry<Term, BitSet> e : p.topicsByTerm().entrySet()) {
        if (out.equals(e.getValue()) || containsAll(out, e.getValue())) {
          continue;
        }
        Term term = e.getKey();
        TermsEnum te = enums.computeIfAbsent(term.field(), f -> termsOf(reader, f));
        if (te != null && te.seekExact(term.bytes())) {
          out.or(e.getValue());
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // a memory index does no I/O
    }
    return out;
  }

  private static boolean containsAll(BitSet set, BitSet sub) {
    BitSet missing = (BitSet) sub.clone();
    missing.andNot(set);
    return missing.isEmpty();
  }

  private static TermsEnum termsOf(LeafReader reader, String field) {
    try {
      Terms terms = reader.terms(field);
      return terms == null ? null : terms.iterator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The topics this tagger uses. */
  public List<TopicDefinition> topics() {
    return topics;
  }
}
