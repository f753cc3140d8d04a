package dev.wirewatch.processor.alert.burst;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides when a subject (a story, a topic) is bursting: its article count in the current hour
 * reaches {@link BurstRules} over its own hourly baseline. Over a key-value store owned by one
 * stream task: keys {@code h|<subject>} hold hourly counts (a ring of baseline + 1 hours, index 0
 * the newest hour), {@code u|<subject>} the hour a burst began. A burst ends with the first hour
 * below the threshold. Hours are clock hours of the articles' record times, so replays decide the
 * same way.
 */
public final class BurstDetector {
  /**
   * A subject bursting now.
   *
   * @param subject {@code story:<id>} or {@code topic:<id>}
   * @param began the hour (since the epoch) its burst began
   * @param count its articles in the current hour
   */
  public record Burst(String subject, long began, int count) {}

  private final KeyValueStore<String, byte[]> store;

  public BurstDetector(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  /**
   * Counts one article for each subject in {@code hour} and returns the subjects bursting now, in
   * the order given.
   */
  public List<Burst> count(List<String> subjects, long hour, BurstRules rules) {
    List<Burst> out = new ArrayList<>();
    for (String subject : subjects) {
      int[] ring = count(subject, hour, rules);
      Long began = burst(subject, ring, hour, rules);
      if (began != null) {
        out.add(new Burst(subject, began, ring[0]));
      }
    }
    return out;
  }

  /**
   * Whether a key of this detector's ({@code h|}, {@code u|}) has nothing left to decide at {@code
   * hour}; null for keys that are not this detector's.
   */
  public static Boolean expired(String key, byte[] value, long hour, BurstRules rules) {
    long v = ByteBuffer.wrap(value).getLong();
    return switch (key.charAt(0)) {
      case 'u' -> v < hour - 48;
      case 'h' -> v < hour - rules.baselineHours();
      default -> null;
    };
  }

  /**
   * Adds one article to the subject's hourly counts; returns the ring, index 0 the current hour.
   */
  private int[] count(String subject, long hour, BurstRules rules) {
    int size = rules.baselineHours() + 1;
    String key = "h|" + subject;
    byte[] old = store.get(key);
    int[] ring = new int[size];
    long newest = hour;
    if (old != null) {
      ByteBuffer b = ByteBuffer.wrap(old);
      long storedHour = b.getLong();
      int n = b.getInt();
      int[] stored = new int[n];
      for (int i = 0; i < n; i++) {
        stored[i] = b.getInt();
      }
      if (storedHour >= hour) {
        // this hour or a late article: count it where it belongs
        newest = storedHour;
        System.arraycopy(stored, 0, ring, 0, Math.min(n, size));
      } else {
        int shift = (int) Math.min(size, hour - storedHour);
        for (int i = 0; i + shift < size && i < n; i++) {
          ring[i + shift] = stored[i];
        }
      }
    }
    int at = (int) (newest - hour);
    if (at < size) {
      ring[at]++;
    }
    ByteBuffer b = ByteBuffer.allocate(8 + 4 + 4 * size);
    b.putLong(newest).putInt(size);
    for (int v : ring) {
      b.putInt(v);
    }
    store.put(key, b.array());
    if (newest != hour) {
      return new int[] {0}; // a late article never starts a burst
    }
    return ring;
  }

  /** The hour the subject's burst began if it is bursting now, else null (and a burst ends). */
  private Long burst(String subject, int[] ring, long hour, BurstRules rules) {
    String key = "u|" + subject;
    byte[] began = store.get(key);
    if (ring.length < 2) {
      return began == null ? null : ByteBuffer.wrap(began).getLong();
    }
    double sum = 0;
    double sq = 0;
    int n = ring.length - 1;
    for (int i = 1; i < ring.length; i++) {
      sum += ring[i];
      sq += (double) ring[i] * ring[i];
    }
    double mean = sum / n;
    double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
    double threshold = Math.max(rules.minCount(), mean + rules.sigmas() * sd);
    if (ring[0] >= threshold) {
      if (began == null) {
        store.put(key, longBytes(hour));
        return hour;
      }
      return ByteBuffer.wrap(began).getLong();
    }
    if (began != null && ByteBuffer.wrap(began).getLong() < hour) {
      store.delete(key); // an hour below the threshold: the burst is over
    }
    return null;
  }

  private static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }
}
