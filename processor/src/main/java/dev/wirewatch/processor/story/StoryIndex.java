package dev.wirewatch.processor.story;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Assigns articles to stories, over a key-value store (a Kafka Streams state store in the
 * processor). An article joins the story of an earlier article when their texts are the same after
 * normalisation (an exact duplicate) or similar enough (MinHash estimate ≥ {@code threshold});
 * otherwise it starts a story whose id is its own. Candidates are found by locality-sensitive
 * hashing: {@link #BANDS} bands of {@link #ROWS} signature values each, so only articles sharing a
 * band are compared. What is older than the window is forgotten ({@link #expire}).
 *
 * <p>Keys: {@code s|<articleId>} the article's signature, story and time; {@code x|<sha-256 of the
 * normalised text>} the first article with that text; {@code b|<band>|<hash>} the articles in that
 * band bucket (at most {@link #MAX_BUCKET}, newest kept). Not thread-safe: one stream task owns it.
 */
public final class StoryIndex {
  public static final int BANDS = 16;
  public static final int ROWS = MinHash.SIZE / BANDS;

  /** Articles remembered per band bucket; a bucket this full holds boilerplate, not a story. */
  static final int MAX_BUCKET = 64;

  /** Where an article went. */
  public record Assignment(
      String storyId,
      boolean newStory,
      boolean exactDuplicate,
      String similarTo,
      double similarity) {}

  private final KeyValueStore<String, byte[]> store;
  private final double threshold;
  private final Duration window;

  /**
   * @param threshold the estimated Jaccard similarity at which an article joins a story (0..1]
   * @param window how long a story stays open to new articles
   */
  public StoryIndex(KeyValueStore<String, byte[]> store, double threshold, Duration window) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "story similarity threshold must be in (0, 1], got " + threshold);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("story window must be positive, got " + window);
    }
    this.store = store;
    this.threshold = threshold;
    this.window = window;
  }

  /**
   * Assigns the article (by id, text and time in epoch milliseconds) to a story and remembers it.
   */
  public Assignment assign(String articleId, String text, long time) {
    long oldest = time - window.toMillis();
    byte[] known = store.get("s|" + articleId);
    if (known != null) {
      // The same article again (an update, or a replay): it keeps its story.
      Stored s = Stored.decode(known);
      store.put(
          "s|" + articleId,
          new Stored(articleId, s.storyId, Math.max(s.time, time), MinHash.signature(text))
              .encode());
      return new Assignment(s.storyId, false, false, null, 1.0);
    }
    int[] sig = MinHash.signature(text);
    String exactKey = "x|" + sha256(String.join(" ", MinHash.words(text)));
    Assignment result = null;
    byte[] exact = store.get(exactKey);
    if (exact != null) {
      Stored first = Stored.decode(exact);
      if (first.time >= oldest) {
        result = new Assignment(first.storyId, false, true, first.articleId, 1.0);
      }
    }
    if (result == null) {
      String best = null;
      String bestStory = null;
      double bestSim = 0;
      for (String candidate : candidates(sig, oldest)) {
        byte[] c = store.get("s|" + candidate);
        if (c == null) {
          continue;
        }
        Stored s = Stored.decode(c);
        if (s.time < oldest) {
          continue;
        }
        double sim = MinHash.similarity(sig, s.signature);
        if (sim > bestSim) {
          best = candidate;
          bestStory = s.storyId;
          bestSim = sim;
        }
      }
      result =
          bestSim >= threshold
              ? new Assignment(bestStory, false, false, best, bestSim)
              : new Assignment(articleId, true, false, best, bestSim);
    }
    store.put("s|" + articleId, new Stored(articleId, result.storyId(), time, sig).encode());
    if (exact == null || result.newStory()) {
      store.put(exactKey, new Stored(articleId, result.storyId(), time, null).encode());
    }
    for (int band = 0; band < BANDS; band++) {
      String key = bandKey(sig, band);
      List<String> ids = new ArrayList<>(ids(store.get(key)));
      ids.remove(articleId);
      ids.add(articleId);
      while (ids.size() > MAX_BUCKET) {
        ids.remove(0);
      }
      store.put(key, encodeIds(ids));
    }
    return result;
  }

  private Set<String> candidates(int[] sig, long oldest) {
    Set<String> out = new LinkedHashSet<>();
    for (int band = 0; band < BANDS; band++) {
      out.addAll(ids(store.get(bandKey(sig, band))));
    }
    return out;
  }

  /**
   * Forgets articles older than the window before {@code now}: their signatures and exact-text
   * entries, and their places in band buckets. Returns how many articles were forgotten.
   */
  public int expire(long now) {
    long oldest = now - window.toMillis();
    List<String> gone = new ArrayList<>();
    Set<String> goneIds = new java.util.HashSet<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if ((kv.key.startsWith("s|") || kv.key.startsWith("x|"))
            && Stored.decode(kv.value).time < oldest) {
          gone.add(kv.key);
          if (kv.key.startsWith("s|")) {
            goneIds.add(kv.key.substring(2));
          }
        }
      }
    }
    gone.forEach(store::delete);
    if (!goneIds.isEmpty()) {
      List<KeyValue<String, byte[]>> buckets = new ArrayList<>();
      try (KeyValueIterator<String, byte[]> it =
          store.prefixScan("b|", new org.apache.kafka.common.serialization.StringSerializer())) {
        while (it.hasNext()) {
          buckets.add(it.next());
        }
      }
      for (KeyValue<String, byte[]> kv : buckets) {
        List<String> ids = new ArrayList<>(ids(kv.value));
        if (ids.removeIf(goneIds::contains)) {
          if (ids.isEmpty()) {
            store.delete(kv.key);
          } else {
            store.put(kv.key, encodeIds(ids));
          }
        }
      }
    }
    return goneIds.size();
  }

  private static String bandKey(int[] sig, int band) {
    long h = band;
    for (int r = 0; r < ROWS; r++) {
      h = MinHash.mix(h * 31 + sig[band * ROWS + r]);
    }
    return "b|" + band + "|" + Long.toHexString(h);
  }

  private static List<String> ids(byte[] bytes) {
    if (bytes == null) {
      return List.of();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int n = b.getInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readString(b));
    }
    return out;
  }

  private static byte[] encodeIds(List<String> ids) {
    List<byte[]> raw = ids.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    ByteBuffer b = ByteBuffer.allocate(4 + raw.stream().mapToInt(r -> 4 + r.length).sum());
    b.putInt(ids.size());
    raw.forEach(r -> b.putInt(r.length).put(r));
    return b.array();
  }

  private static String readString(ByteBuffer b) {
    byte[] r = new byte[b.getInt()];
    b.get(r);
    return new String(r, StandardCharsets.UTF_8);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** One remembered article: id, story, time, and (for s| entries) its signature. */
  private record Stored(String articleId, String storyId, long time, int[] signature) {
    byte[] encode() {
      byte[] a = articleId.getBytes(StandardCharsets.UTF_8);
      byte[] s = storyId.getBytes(StandardCharsets.UTF_8);
      int n = signature == null ? 0 : signature.length;
      ByteBuffer b = ByteBuffer.allocate(4 + a.length + 4 + s.length + 8 + 4 + 4 * n);
      b.putInt(a.length).put(a).putInt(s.length).put(s).putLong(time).putInt(n);
      for (int i = 0; i < n; i++) {
        b.putInt(signature[i]);
      }
      return b.array();
    }

    static Stored decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      String a = readString(b);
      String s = readString(b);
      long time = b.getLong();
      int n = b.getInt();
      int[] sig = n == 0 ? null : new int[n];
      for (int i = 0; i < n; i++) {
        sig[i] = b.getInt();
      }
      return new Stored(a, s, time, sig);
    }
  }
}
