package dev.wirewatch.processor.alert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tells when a story a watch was alerted on has moved on: what its articles are about now (its
 * profile, the most distinctive terms of its centroid) has gone far from what it was about when the
 * watch was last told — a markedly new cluster of articles in the same story. At most one alert per
 * story and watch per {@link #MIN_GAP}. Keys {@code v|<watch>|<story>}: the profile last told and
 * when.
 */
final class Developments {
  /** A profile this similar (cosine) or more to the one told is no development. */
  static final double SAME_STORY = 0.5;

  /** Least time between two development alerts of one story to one watch. */
  static final Duration MIN_GAP = Duration.ofHours(1);

  /** Terms of a profile kept. */
  static final int PROFILE_TERMS = 20;

  private final KeyValueStore<String, byte[]> store;

  Developments(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  /** Remembers what the watch was told the story is about. */
  void told(String watch, String story, Map<String, Double> profile, long time) {
    store.put(key(watch, story), encode(profile, time));
  }

  /**
   * Whether the story moved on since the watch was last told (then remembers the new profile);
   * returns how similar the two profiles are, or -1 when it is no development.
   */
  double moved(String watch, String story, Map<String, Double> now, long time) {
    byte[] before = store.get(key(watch, story));
    if (before == null || now.isEmpty()) {
      return -1;
    }
    ByteBuffer b = ByteBuffer.wrap(before);
    long toldAt = b.getLong();
    if (time - toldAt < MIN_GAP.toMillis()) {
      return -1;
    }
    Map<String, Double> then = decodeProfile(b);
    double cos = 0;
    for (Map.Entry<String, Double> e : now.entrySet()) {
      cos += e.getValue() * then.getOrDefault(e.getKey(), 0.0);
    }
    if (cos >= SAME_STORY) {
      return -1;
    }
    told(watch, story, now, time);
    return cos;
  }

  private static String key(String watch, String story) {
    return "v|" + watch + "|" + story;
  }

  private static byte[] encode(Map<String, Double> profile, long time) {
    int size = 8 + 4;
    Map<byte[], Double> raw = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : profile.entrySet()) {
      byte[] t = e.getKey().getBytes(StandardCharsets.UTF_8);
      raw.put(t, e.getValue());
      size += 4 + t.length + 8;
    }
    ByteBuffer b = ByteBuffer.allocate(size).putLong(time).putInt(raw.size());
    raw.forEach((t, w) -> b.putInt(t.length).put(t).putDouble(w));
    return b.array();
  }

  private static Map<String, Double> decodeProfile(ByteBuffer b) {
    int n = b.getInt();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byte[] t = new byte[b.getInt()];
      b.get(t);
      out.put(new String(t, StandardCharsets.UTF_8), b.getDouble());
    }
    return out;
  }
}
