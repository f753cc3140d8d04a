package dev.wirewatch.processor.story;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds copies: an article whose text is the same as an earlier one's after normalisation (an exact
 * duplicate) or nearly so (MinHash estimate of word 3-shingle Jaccard ≥ {@code threshold}) —
 * syndication, a correction, the same wire story with other furniture. Candidates come from
 * locality-sensitive hashing: {@link #BANDS} bands of {@link #ROWS} signature values each, so only
 * articles sharing a band are compared. It also remembers each article's story, so that an update
 * of an article keeps its story. What is older than the window is forgotten ({@link #expire}).
 *
 * <p>Keys of its {@link StoryState}: {@code s|<articleId>} the article's signature, story, the
 * article it copies (if any) and time; {@code x|<digest of the normalised words>} the first article
 * with that text; {@code b|<band>|<hash>} the articles in that band bucket (at most {@link
 * #MAX_BUCKET}, newest kept). Not thread-safe: one stream task owns it.
 */
public final class CopyIndex {
  public static final int BANDS = 16;
  public static final int ROWS = MinHash.SIZE / BANDS;

  /**
   * Articles remembered per band bucket, newest kept: a copy shares most of its sixteen bands with
   * its original, so a bucket crowded by boilerplate hides it in one band, not in all.
   */
  static final int MAX_BUCKET = 16;

  /** Band buckets kept decoded in memory (the most recently used): the store stays the truth. */
  static final int CACHED_BUCKETS = 100_000;

  /**
   * What is known of an article seen before.
   *
   * @param storyId its story
   * @param copyOf the earlier article it copies, or null
   */
  public record Known(String storyId, String copyOf) {}

  /**
   * An earlier article the text copies.
   *
   * @param originalId the first article with that text (what the copy is a copy of)
   * @param storyId its story
   * @param exact whether the texts are the same after normalisation
   * @param similarity the estimated Jaccard similarity (1 for an exact copy)
   */
  public record Copy(String originalId, String storyId, boolean exact, double similarity) {}

  private final StoryState store;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > CACHED_BUCKETS;
        }
      };

  /** A band bucket's articles, oldest first, and their encoding as stored. */
  private record Bucket(List<String> ids, byte[] encoded) {
    static final Bucket EMPTY = new Bucket(List.of(), new byte[] {0, 0, 0, 0});

    /**
     * The bucket with one more article, the oldest dropped when full; the encoding is spliced, not
     * rebuilt, so the articles kept cost no new bytes.
     */
    Bucket with(String id) {
      int drop = Math.max(0, ids.size() + 1 - MAX_BUCKET);
      ByteBuffer in = ByteBuffer.wrap(encoded);
      in.getInt();
      for (int i = 0; i < drop; i++) {
        in.position(in.position() + 4 + in.getInt(in.position()));
      }
      byte[] added = id.getBytes(StandardCharsets.UTF_8);
      int kept = encoded.length - in.position();
      ByteBuffer out = ByteBuffer.allocate(4 + kept + 4 + added.length);
      out.putInt(ids.size() - drop + 1).put(encoded, in.position(), kept);
      out.putInt(added.length).put(added);
      List<String> next = new ArrayList<>(ids.size() - drop + 1);
      next.addAll(ids.subList(drop, ids.size()));
      next.add(id);
      return new Bucket(next, out.array());
    }
  }

  private final double threshold;
  private final Duration window;

  /**
   * @param threshold the estimated Jaccard similarity at which an article is a copy (0..1]
   * @param window how long an article is remembered
   */
  public CopyIndex(StoryState store, double threshold, Duration window) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("copy threshold must be in (0, 1], got " + threshold);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("copy window must be positive, got " + window);
    }
    this.store = store;
    this.threshold = threshold;
    this.window = window;
  }

  /** The article's story and original, when it was seen before (an update, a replay). */
  public Known known(String articleId) {
    byte[] k = store.get("s|" + articleId);
    if (k == null) {
      return null;
    }
    Stored s = Stored.decode(k);
    return new Known(s.storyId, s.copyOf);
  }

  /** The earlier article (within the window before {@code time}) a text copies, or null. */
  public Copy find(MinHash.Text text, long time) {
    int[] sig = text.signature();
    long oldest = time - window.toMillis();
    byte[] exact = store.get(exactKey(text));
    if (exact != null) {
      Stored first = Stored.decode(exact);
      if (first.time >= oldest) {
        String original = first.copyOf != null ? first.copyOf : first.articleId;
        return new Copy(original, first.storyId, true, 1.0);
      }
    }
    String best = null;
    Stored bestStored = null;
    double bestSim = 0;
    for (String candidate : candidates(sig)) {
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
        bestStored = s;
        bestSim = sim;
      }
    }
    if (best == null || bestSim < threshold) {
      return null;
    }
    // a copy of a copy is a copy of the original
    String original = bestStored.copyOf != null ? bestStored.copyOf : best;
    return new Copy(original, bestStored.storyId, false, bestSim);
  }

  /**
   * Remembers an article: its story, what it copies (null for an original), its text's signature.
   * An article seen before keeps its story and original, and takes the new signature and time.
   */
  public void remember(
      String articleId, String storyId, String copyOf, MinHash.Text text, long time) {
    int[] sig = text.signature();
    byte[] known = store.get("s|" + articleId);
    if (known != null) {
      Stored s = Stored.decode(known);
      store.put(
          "s|" + articleId,
          new Stored(articleId, s.storyId, s.copyOf, Math.max(s.time, time), sig).encode());
      return;
    }
    store.put("s|" + articleId, new Stored(articleId, storyId, copyOf, time, sig).encode());
    String exactKey = exactKey(text);
    byte[] exact = store.get(exactKey);
    if (exact == null || Stored.decode(exact).time < time - window.toMillis()) {
      store.put(exactKey, new Stored(articleId, storyId, copyOf, time, null).encode());
    }
    for (int band = 0; band < BANDS; band++) {
      String key = bandKey(sig, band);
      // a new article is in no bucket yet: the newest MAX_BUCKET - 1 and it
      Bucket next = bucket(key).with(articleId);
      buckets.put(key, next);
      store.put(key, next.encoded());
    }
  }

  private static String exactKey(MinHash.Text text) {
    return "x|" + text.digest();
  }

  private Set<String> candidates(int[] sig) {
    Set<String> out = new LinkedHashSet<>();
    for (int band = 0; band < BANDS; band++) {
      out.addAll(bucket(bandKey(sig, band)).ids());
    }
    return out;
  }

  /** A band bucket, from memory or else from the store. */
  private Bucket bucket(String key) {
    Bucket b = buckets.get(key);
    if (b == null) {
      byte[] stored = store.get(key);
      b = stored == null ? Bucket.EMPTY : new Bucket(ids(stored), stored);
      buckets.put(key, b);
    }
    return b;
  }

  /**
   * Forgets articles older than the window before {@code now}: their signatures and exact-text
   * entries, and their places in band buckets. Returns how many articles were forgotten.
   */
  public int expire(long now) {
    buckets.clear();
    long oldest = now - window.toMillis();
    List<String> gone = new ArrayList<>();
    Set<String> goneIds = new HashSet<>();
    List<String[]> buckets = new ArrayList<>();
    List<byte[]> bucketValues = new ArrayList<>();
    store.forEach(
        (key, value) -> {
          if ((key.startsWith("s|") || key.startsWith("x|"))
              && Stored.decode(value).time < oldest) {
            gone.add(key);
            if (key.startsWith("s|")) {
              goneIds.add(key.substring(2));
            }
          } else if (key.startsWith("b|")) {
            buckets.add(new String[] {key});
            bucketValues.add(value);
          }
        });
    gone.forEach(store::delete);
    if (!goneIds.isEmpty()) {
      for (int i = 0; i < buckets.size(); i++) {
        List<String> ids = new ArrayList<>(ids(bucketValues.get(i)));
        if (ids.removeIf(goneIds::contains)) {
          if (ids.isEmpty()) {
            store.delete(buckets.get(i)[0]);
          } else {
            store.put(buckets.get(i)[0], encodeIds(ids));
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

  /** One remembered article: id, story, original, time, and (for s| entries) its signature. */
  private record Stored(
      String articleId, String storyId, String copyOf, long time, int[] signature) {
    byte[] encode() {
      byte[] a = articleId.getBytes(StandardCharsets.UTF_8);
      byte[] s = storyId.getBytes(StandardCharsets.UTF_8);
      byte[] c = copyOf == null ? new byte[0] : copyOf.getBytes(StandardCharsets.UTF_8);
      int n = signature == null ? 0 : signature.length;
      ByteBuffer b =
          ByteBuffer.allocate(4 + a.length + 4 + s.length + 4 + c.length + 8 + 4 + 4 * n);
      b.putInt(a.length).put(a).putInt(s.length).put(s);
      b.putInt(copyOf == null ? -1 : c.length).put(c).putLong(time).putInt(n);
      for (int i = 0; i < n; i++) {
        b.putInt(signature[i]);
      }
      return b.array();
    }

    static Stored decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      String a = readString(b);
      String s = readString(b);
      int copyLength = b.getInt();
      String c = null;
      if (copyLength >= 0) {
        byte[] r = new byte[copyLength];
        b.get(r);
        c = new String(r, StandardCharsets.UTF_8);
      }
      long time = b.getLong();
      int n = b.getInt();
      int[] sig = n == 0 ? null : new int[n];
      for (int i = 0; i < n; i++) {
        sig[i] = b.getInt();
      }
      return new Stored(a, s, c, time, sig);
    }
  }
}
