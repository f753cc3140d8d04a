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
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Tags an article with every topic whose query it matches, by indexing the one article in a Lucene
 * {@link MemoryIndex} and running the topics' queries against it.
 *
 * <p>Fields: {@code title}; {@code text}, holding the title and the body together, so an
 * unqualified term matches either; and {@code place}, the article's countries as ISO codes ({@code
 * place:ht}).
 *
 * <p>With many topics most queries cannot match a given article: a query runs only when the article
 * holds at least one of its terms (a pre-filter on the memory index's term dictionary, as Lucene's
 * monitor module does), or when its terms cannot be listed (prefix and wildcard queries, pure
 * negations). Thread-safe: each call builds its own memory index.
 */
public final class TopicTagger {
  /** The field of the article's places. */
  public static final String PLACE_FIELD = "place";

  private final List<TopicDefinition> topics;
  private final Analyzer analyzer = new TaggingAnalyzer();

  /** For each term of some query, the topics whose query holds it. */
  private final Map<Term, BitSet> topicsByTerm = new HashMap<>();

  /** Topics that run on every article: their terms cannot be listed. */
  private final BitSet alwaysRun = new BitSet();

  public TopicTagger(List<TopicDefinition> topics) {
    this.topics = List.copyOf(topics);
    for (int i = 0; i < this.topics.size(); i++) {
      index(i, this.topics.get(i).query());
    }
  }

  private void index(int topic, Query query) {
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
      alwaysRun.set(topic);
      return;
    }
    for (Term t : positive) {
      topicsByTerm.computeIfAbsent(t, k -> new BitSet()).set(topic);
    }
  }

  /** Ids of the matching topics, in the order of the configuration. */
  public List<String> tag(String title, String text) {
    return tag(title, text, List.of());
  }

  /** Ids of the matching topics, in the order of the configuration; places are ISO 3166 codes. */
  public List<String> tag(String title, String text, List<String> places) {
    MemoryIndex index = memoryIndex(title, text, places);
    BitSet candidates = candidates(index);
    List<String> matched = new ArrayList<>();
    for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
      TopicDefinition topic = topics.get(i);
      float score = index.search(topic.query());
      if (score > 0 && score >= topic.minScore()) {
        matched.add(topic.id());
      }
    }
    return matched;
  }

  /** How many queries would run for the article (the pre-filter's work, for tests). */
  int candidateCount(String title, String text, List<String> places) {
    return candidates(memoryIndex(title, text, places)).cardinality();
  }

  private MemoryIndex memoryIndex(String title, String text, List<String> places) {
    MemoryIndex index = new MemoryIndex();
    String t = title == null ? "" : title;
    index.addField("title", t, analyzer);
    index.addField(
        TopicDefinition.DEFAULT_FIELD, t + "\n\n" + (text == null ? "" : text), analyzer);
    index.addField(PLACE_FIELD, String.join(" ", places), analyzer);
    return index;
  }

  private BitSet candidates(MemoryIndex index) {
    BitSet out = (BitSet) alwaysRun.clone();
    if (topicsByTerm.isEmpty()) {
      return out;
    }
    LeafReader reader = (LeafReader) index.createSearcher().getIndexReader();
    Map<String, TermsEnum> enums = new HashMap<>();
    try {
      for (Map.Entry<Term, BitSet> e : topicsByTerm.entrySet()) {
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
