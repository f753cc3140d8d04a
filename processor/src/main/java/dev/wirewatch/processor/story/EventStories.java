package dev.wirewatch.processor.story;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups articles into stories — events — online, as they arrive, in the manner of Miranda et al.,
 * "Multilingual Clustering of Streaming News" (EMNLP 2018): each story keeps a running centroid of
 * its articles' terms; an article joins the most similar live story when the similarity reaches the
 * threshold, else it starts one. Similarity is the cosine of TF-IDF vectors, with document
 * frequencies learned from the stream itself (decaying, so that what is common this week weighs
 * least), multiplied by how recently the story last had an article ({@code exp(-Δt/decay)}): news
 * stories come in bursts, and a story quiet for days is over. Candidates come from an inverted
 * index of each story's most distinctive terms (bounded lists, newest first), so the cost of an
 * article does not grow with the number of live stories.
 *
 * <p>State lives in memory and every change is written through to a {@link StoryState}; a new
 * engine on a restored state continues exactly where the old one stopped. Keys: {@code n} the
 * stream's decayed document count, {@code d|<term>} a term's decayed document frequency, {@code
 * e|<story>} a story (times, counts, centroid), {@code t|<story>} its times and copies when a copy
 * changed them since, {@code p|<term>} the stories listed under a term. Not thread-safe: one stream
 * task owns it.
 */
public final class EventStories {
  /** Most terms a story's centroid keeps (the heaviest); more are pruned back to this. */
  static final int MAX_TERMS = 100;

  /** Stories listed under a term, newest first. */
  static final int POSTINGS = 32;

  /** Terms of an article (the most distinctive) its story is listed under and looked up by. */
  static final int LOOKUP_TERMS = 12;

  /** Stories scored for an article at most: those sharing most of its distinctive terms. */
  static final int CANDIDATES = 48;

  /** A story's norm is recomputed once the stream's document count grew by this factor. */
  private static final double NORM_REFRESH = 1.1;

  private static final double LN2 = Math.log(2);

  /**
   * Documents assumed seen before the stream begins, none of them with the term: a young stream
   * knows too little to call a word common (in a stream of two articles every shared word is in all
   * of them), so until it has seen some thousands of articles this keeps shared words weighty.
   */
  static final double PRIOR_DOCS = 1000;

  /** Where an article went. */
  public record Assignment(String storyId, boolean newStory, double similarity) {}

  private final StoryState state;
  private final StoryRules rules;
  private final Map<String, EventStory> stories = new HashMap<>();
  private final Map<String, ArrayDeque<String>> postings = new HashMap<>();
  private final Map<String, double[]> df = new HashMap<>();
  private double docs;
  private long docsTime = Long.MIN_VALUE;

  /** An engine over the state, restoring whatever it holds. */
  public EventStories(StoryState state, StoryRules rules) {
    this.state = state;
    this.rules = rules;
    Map<String, byte[]> spans = new HashMap<>();
    state.forEach(
        (key, value) -> {
          if (key.startsWith("t|")) {
            spans.put(key.substring(2), value);
          } else {
            restore(key, value);
          }
        });
    spans.forEach(
        (id, value) -> {
          EventStory s = stories.get(id);
          if (s != null) {
            ByteBuffer b = ByteBuffer.wrap(value);
            s.first = b.getLong();
            s.last = b.getLong();
            s.copies = b.getInt();
            s.spanApart = true;
          }
        });
  }

  /** Live stories now (for metrics and benchmarks). */
  public int liveStories() {
    return stories.size();
  }

  /**
   * Assigns an article (its features, its time in epoch ms) to a story and learns from it. An
   * article with no features starts a story of its own.
   */
  public Assignment assign(String articleId, StoryFeatures f, long time) {
    double[] idf = learn(f, time);
    double[] v = vector(f, idf);
    EventStory best = null;
    double bestSim = 0;
    for (String id : candidates(f, v)) {
      EventStory s = stories.get(id);
      if (s == null) {
        continue;
      }
      long gap = s.gap(time);
      if (gap > rules.quiet().toMillis()) {
        continue;
      }
      double sim = dot(s, f, v, idf) / norm(s, time) * Math.exp(-gap / (double) decayMillis());
      if (sim > bestSim || (sim == bestSim && best != null && s.id.compareTo(best.id) < 0)) {
        best = s;
        bestSim = sim;
      }
    }
    // Words of a text overlap by chance more than a headline's few words do: a higher bar.
    double threshold = f.withText() ? rules.textThreshold() : rules.storyThreshold();
    boolean joins = best != null && bestSim >= threshold;
    EventStory s = joins ? best : new EventStory(articleId, time);
    if (!joins) {
      stories.put(s.id, s);
    }
    s.add(f, time);
    s.norm = computeNorm(s, time);
    s.normDocs = docs;
    state.put("e|" + s.id, s.encode());
    if (s.spanApart) {
      state.delete("t|" + s.id); // the story's record holds its span again
      s.spanApart = false;
    }
    index(s, f, v);
    return new Assignment(s.id, !joins, bestSim);
  }

  /** A copy of an article of the story arrived: the story is alive, its centroid unchanged. */
  public void touch(String storyId, long time) {
    EventStory s = stories.get(storyId);
    if (s != null) {
      s.copies++;
      s.first = Math.min(s.first, time);
      s.last = Math.max(s.last, time);
      // only the span and the count changed: a small record beside the story's, not all of it
      state.put(
          "t|" + s.id,
          ByteBuffer.allocate(20).putLong(s.first).putLong(s.last).putInt(s.copies).array());
      s.spanApart = true;
    }
  }

  /**
   * The story's most distinctive terms now, weighted by TF-IDF and normalised (what the story is
   * about, to tell later whether it moved on); empty for a story no longer live.
   */
  public Map<String, Double> profile(String storyId, int terms, long time) {
    EventStory s = stories.get(storyId);
    Map<String, Double> out = new LinkedHashMap<>();
    if (s == null) {
      return out;
    }
    List<Map.Entry<String, Double>> weighted = new ArrayList<>();
    double sq = 0;
    for (Map.Entry<String, float[]> e : s.tf.entrySet()) {
      double w = e.getValue()[0] * idf(e.getKey(), time);
      weighted.add(Map.entry(e.getKey(), w));
    }
    weighted.sort(
        Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, Double> e : weighted.subList(0, Math.min(terms, weighted.size()))) {
      sq += e.getValue() * e.getValue();
    }
    double norm = Math.sqrt(sq);
    for (Map.Entry<String, Double> e : weighted.subList(0, Math.min(terms, weighted.size()))) {
      out.put(e.getKey(), norm == 0 ? 0 : e.getValue() / norm);
    }
    return out;
  }

  /**
   * Forgets the stories whose last article is older than the window before {@code now}, and terms
   * whose frequency decayed to nothing. Returns how many stories were forgotten.
   */
  public int expire(long now) {
    long oldest = now - rules.window().toMillis();
    Set<String> gone = new HashSet<>();
    for (EventStory s : stories.values()) {
      if (s.last < oldest) {
        gone.add(s.id);
      }
    }
    for (String id : gone) {
      EventStory s = stories.remove(id);
      state.delete("e|" + id);
      if (s.spanApart) {
        state.delete("t|" + id);
      }
    }
    if (!gone.isEmpty()) {
      List<String> terms = new ArrayList<>(postings.keySet());
      terms.sort(null);
      for (String t : terms) {
        ArrayDeque<String> list = postings.get(t);
        if (list.removeIf(gone::contains)) {
          if (list.isEmpty()) {
            postings.remove(t);
            state.delete("p|" + t);
          } else {
            state.put("p|" + t, StateCodec.encodeIds(list));
          }
        }
      }
    }
    List<String> faded = new ArrayList<>();
    for (Map.Entry<String, double[]> e : df.entrySet()) {
      if (decayed(e.getValue()[0], (long) e.getValue()[1], now) < 0.5) {
        faded.add(e.getKey());
      }
    }
    faded.sort(null);
    for (String t : faded) {
      df.remove(t);
      state.delete("d|" + t);
    }
    return gone.size();
  }

  // ---- learning and weighing --------------------------------------------------------------

  /** Counts the article into the document frequencies; returns each term's IDF after it. */
  private double[] learn(StoryFeatures f, long time) {
    docs = decayed(docs, docsTime, time) + 1;
    docsTime = Math.max(docsTime, time);
    state.put("n", StateCodec.encodeCount(docs, docsTime));
    double[] idf = new double[f.terms().length];
    for (int i = 0; i < idf.length; i++) {
      String t = f.terms()[i];
      double[] e = df.computeIfAbsent(t, k -> new double[] {0, Long.MIN_VALUE});
      e[0] = decayed(e[0], (long) e[1], time) + 1;
      e[1] = Math.max(e[1], time);
      state.put("d|" + t, StateCodec.encodeCount(e[0], (long) e[1]));
      idf[i] = idf(e[0]);
    }
    return idf;
  }

  private double idf(String term, long time) {
    double[] e = df.get(term);
    return idf(e == null ? 1 : decayed(e[0], (long) e[1], time));
  }

  private double idf(double frequency) {
    return Math.max(0, Math.log((docs + PRIOR_DOCS + 1) / (frequency + 0.5)));
  }

  /** A count learned at {@code then}, decayed to {@code now} by the half-life of frequencies. */
  private double decayed(double count, long then, long now) {
    if (then == Long.MIN_VALUE || now <= then) {
      return count;
    }
    return count * Math.exp(-(now - then) * LN2 / rules.frequencyHalfLife().toMillis());
  }

  private long decayMillis() {
    return rules.decay().toMillis();
  }

  /** The article's TF-IDF vector, normalised, in the order of its terms. */
  private static double[] vector(StoryFeatures f, double[] idf) {
    double[] v = new double[idf.length];
    double sq = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = f.weights()[i] * idf[i];
      sq += v[i] * v[i];
    }
    double norm = Math.sqrt(sq);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
    }
    return v;
  }

  /** The article's most distinctive terms, heaviest first (ties by term). */
  private static List<Integer> lookupTerms(StoryFeatures f, double[] v) {
    List<Integer> order = new ArrayList<>(v.length);
    for (int i = 0; i < v.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -v[i]).thenComparing(i -> f.terms()[i]));
    return order.subList(0, Math.min(LOOKUP_TERMS, order.size()));
  }

  /**
   * The stories listed under the article's most distinctive terms that share most of them with it
   * (at most {@link #CANDIDATES}; ties in the order met), in a fixed order.
   */
  private List<String> candidates(StoryFeatures f, double[] v) {
    LinkedHashMap<String, int[]> shared = new LinkedHashMap<>();
    for (int i : lookupTerms(f, v)) {
      ArrayDeque<String> list = postings.get(f.terms()[i]);
      if (list != null) {
        for (String id : list) {
          shared.computeIfAbsent(id, k -> new int[1])[0]++;
        }
      }
    }
    List<Map.Entry<String, int[]>> all = new ArrayList<>(shared.entrySet());
    if (all.size() > CANDIDATES) {
      all.sort(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0]));
      all = all.subList(0, CANDIDATES);
    }
    List<String> out = new ArrayList<>(all.size());
    all.forEach(e -> out.add(e.getKey()));
    return out;
  }

  private static double dot(EventStory s, StoryFeatures f, double[] v, double[] idf) {
    double dot = 0;
    for (int i = 0; i < v.length; i++) {
      float[] tf = s.tf.get(f.terms()[i]);
      if (tf != null) {
        dot += v[i] * tf[0] * idf[i];
      }
    }
    return dot;
  }

  /** The story's centroid norm, recomputed when the frequencies have moved since. */
  private double norm(EventStory s, long time) {
    if (docs > s.normDocs * NORM_REFRESH) {
      s.norm = computeNorm(s, time);
      s.normDocs = docs;
    }
    return s.norm;
  }

  private double computeNorm(EventStory s, long time) {
    double sq = 0;
    for (Map.Entry<String, float[]> e : s.tf.entrySet()) {
      double w = e.getValue()[0] * idf(e.getKey(), time);
      sq += w * w;
    }
    return sq == 0 ? 1 : Math.sqrt(sq);
  }

  /** Lists the story under the article's most distinctive terms (first, newest). */
  private void index(EventStory s, StoryFeatures f, double[] v) {
    for (int i : lookupTerms(f, v)) {
      String t = f.terms()[i];
      ArrayDeque<String> list = postings.computeIfAbsent(t, k -> new ArrayDeque<>());
      if (s.id.equals(list.peekFirst())) {
        continue;
      }
      list.remove(s.id);
      list.addFirst(s.id);
      while (list.size() > POSTINGS) {
        list.removeLast();
      }
      state.put("p|" + t, StateCodec.encodeIds(list));
    }
  }

  // ---- persistence ------------------------------------------------------------------------

  private void restore(String key, byte[] value) {
    if (key.equals("n")) {
      ByteBuffer b = ByteBuffer.wrap(value);
      docs = b.getDouble();
      docsTime = b.getLong();
    } else if (key.startsWith("d|")) {
      ByteBuffer b = ByteBuffer.wrap(value);
      df.put(key.substring(2), new double[] {b.getDouble(), b.getLong()});
    } else if (key.startsWith("e|")) {
      EventStory s = EventStory.decode(value);
      stories.put(s.id, s);
    } else if (key.startsWith("p|")) {
      postings.put(key.substring(2), StateCodec.decodeIds(value));
    }
  }
}
