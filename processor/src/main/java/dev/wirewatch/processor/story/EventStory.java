package dev.wirewatch.processor.story;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One live story: its times, its counts, and the running centroid of its articles' terms. */
final class EventStory {
  final String id;
  long first;
  long last;
  int articles;
  int copies;
  // in insertion order, written and restored in that order: sums over it add up alike
  final LinkedHashMap<String, float[]> tf = new LinkedHashMap<>();
  double norm = 1;
  double normDocs;

  /** Whether the span and copies were last written apart ({@code t|}) by a copy. */
  boolean spanApart;

  EventStory(String id, long time) {
    this.id = id;
    this.first = time;
    this.last = time;
  }

  /** How far the time is from the story's span (0 inside it). */
  long gap(long time) {
    return time < first ? first - time : Math.max(0, time - last);
  }

  /** Adds an article's terms, each in proportion to its share of the article's weight. */
  void add(StoryFeatures f, long time) {
    articles++;
    first = Math.min(first, time);
    last = Math.max(last, time);
    float total = f.total();
    if (total <= 0) {
      return;
    }
    for (int i = 0; i < f.terms().length; i++) {
      tf.computeIfAbsent(f.terms()[i], k -> new float[1])[0] += f.weights()[i] / total;
    }
    if (tf.size() > EventStories.MAX_TERMS + EventStories.MAX_TERMS / 2) {
      List<Map.Entry<String, float[]>> all = new ArrayList<>(tf.entrySet());
      all.sort(
          Comparator.comparingDouble((Map.Entry<String, float[]> e) -> -e.getValue()[0])
              .thenComparing(Map.Entry::getKey));
      for (Map.Entry<String, float[]> e : all.subList(EventStories.MAX_TERMS, all.size())) {
        tf.remove(e.getKey());
      }
    }
  }

  byte[] encode() {
    List<byte[]> terms = new ArrayList<>(tf.size());
    int size = 4 + id.length() * 3 + 8 * 3 + 4 * 3 + 8 + 4;
    List<Map.Entry<String, float[]>> entries = new ArrayList<>(tf.entrySet());
    for (Map.Entry<String, float[]> e : entries) {
      byte[] t = e.getKey().getBytes(StandardCharsets.UTF_8);
      terms.add(t);
      size += 4 + t.length + 4;
    }
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(idBytes.length).put(idBytes).putLong(first).putLong(last);
    b.putInt(articles).putInt(copies).putDouble(norm).putDouble(normDocs);
    b.putInt(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      b.putInt(terms.get(i).length).put(terms.get(i)).putFloat(entries.get(i).getValue()[0]);
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  static EventStory decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    String id = StateCodec.readString(b);
    EventStory s = new EventStory(id, 0);
    s.first = b.getLong();
    s.last = b.getLong();
    s.articles = b.getInt();
    s.copies = b.getInt();
    s.norm = b.getDouble();
    s.normDocs = b.getDouble();
    int n = b.getInt();
    for (int i = 0; i < n; i++) {
      String t = StateCodec.readString(b);
      s.tf.put(t, new float[] {b.getFloat()});
    }
    return s;
  }
}
