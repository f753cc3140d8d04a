package dev.wirewatch.processor.alert;

import dev.wirewatch.processor.alert.burst.BurstDetector;
import dev.wirewatch.processor.alert.burst.BurstRules;
import dev.wirewatch.processor.story.StoryEngine;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.Article;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides which alerts an article raises, over a key-value store (a Kafka Streams state store owned
 * by one task, so every article of every story passes through it in order).
 *
 * <ul>
 *   <li>{@code new-story}: the first article of a story that matches a watch. Keys {@code
 *       w|<watch>|<story>} remember it, so no later article of that story — a syndicated copy, an
 *       update — alerts that watch again.
 *   <li>{@code burst}: the article's story, or one of its topics, has an hourly article count that
 *       reaches {@link BurstRules} over its own baseline. Keys {@code h|<subject>} hold hourly
 *       counts (a ring of baseline + 1 hours), {@code u|<subject>} the hour a burst began, {@code
 *       a|<watch>|<subject>|<hour>} that a watch was told of that burst: one alert per burst.
 * </ul>
 *
 * Hours are clock hours of the articles' record timestamps, so replays decide the same way.
 */
public final class AlertEngine {
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final KeyValueStore<String, byte[]> store;
  private final Supplier<Watches> watches;
  private final Clock clock;
  private final BurstDetector bursts;
  private final Developments developments;
  private final Profiles profiles;

  /** What a story is about at a time: its most distinctive terms, normalised weights. */
  @FunctionalInterface
  public interface Profiles {
    Map<String, Double> of(String storyId, int terms, long time);
  }

  /**
   * @param profiles what a story is about now (for development alerts)
   */
  public AlertEngine(
      KeyValueStore<String, byte[]> store,
      Supplier<Watches> watches,
      Clock clock,
      Profiles profiles) {
    this.store = store;
    this.watches = watches;
    this.clock = clock;
    this.bursts = new BurstDetector(store);
    this.developments = new Developments(store);
    this.profiles = profiles;
  }

  /**
   * The alerts the article raises (usually none); {@code time} is its record time in ms. Only a
   * distinct article counts toward bursts: a copy or a repeat of one already counted does not.
   */
  public List<Alert> onArticle(Article article, StoryEngine.Assignment story, long time) {
    Watches ws = watches.get();
    BurstRules rules = ws.burst();
    long hour = Math.floorDiv(time, HOUR);
    List<String> subjects = new ArrayList<>();
    subjects.add("story:" + story.storyId());
    article.getTopics().forEach(t -> subjects.add("topic:" + t));
    List<BurstDetector.Burst> bursting =
        story.distinct() ? bursts.count(subjects, hour, rules) : List.of();
    List<WatchDefinition> matched =
        ws.match(
            article.getTitle(),
            article.getText(),
            article.getTopics(),
            article.getPlaces(),
            article.getLanguage());
    List<Alert> alerts = new ArrayList<>();
    for (WatchDefinition w : matched) {
      if (w.kinds().contains(WatchDefinition.NEW_STORY)) {
        String key = "w|" + w.id() + "|" + story.storyId();
        if (store.get(key) == null) {
          store.put(key, longBytes(time));
          alerts.add(
              alert(
                  w,
                  WatchDefinition.NEW_STORY,
                  article,
                  story,
                  null,
                  null,
                  story.newStory()
                      ? "first article of a new story"
                      : "first article of this story to match the watch"));
          if (w.kinds().contains(WatchDefinition.DEVELOPMENT)) {
            developments.told(w.id(), story.storyId(), profile(story, time), time);
          }
        } else if (w.kinds().contains(WatchDefinition.DEVELOPMENT) && story.distinct()) {
          double similarity =
              developments.moved(w.id(), story.storyId(), profile(story, time), time);
          if (similarity >= 0) {
            alerts.add(
                alert(
                    w,
                    WatchDefinition.DEVELOPMENT,
                    article,
                    story,
                    "story:" + story.storyId(),
                    hour,
                    String.format(
                        Locale.ROOT,
                        "the story moved on: what its articles say is %.0f%% like what the watch"
                            + " was told",
                        similarity * 100)));
          }
        }
      }
      if (w.kinds().contains(WatchDefinition.BURST)) {
        for (BurstDetector.Burst b : bursting) {
          String key = "a|" + w.id() + "|" + b.subject() + "|" + b.began();
          if (store.get(key) == null) {
            store.put(key, longBytes(time));
            alerts.add(
                alert(
                    w,
                    WatchDefinition.BURST,
                    article,
                    story,
                    b.subject(),
                    b.began(),
                    String.format(
                        Locale.ROOT,
                        "%s: %d articles this hour (at least %d, and %.0f standard deviations over its %d-day baseline)",
                        b.subject(),
                        b.count(),
                        rules.minCount(),
                        rules.sigmas(),
                        rules.baselineDays())));
          }
        }
      }
    }
    return alerts;
  }

  private Map<String, Double> profile(StoryEngine.Assignment story, long time) {
    return profiles.of(story.storyId(), Developments.PROFILE_TERMS, time);
  }

  /**
   * An alert; its id is the same whenever the same watch is told the same thing (a replay, a
   * retry).
   */
  private Alert alert(
      WatchDefinition w,
      String kind,
      Article a,
      StoryEngine.Assignment story,
      String subject,
      Long burstHour,
      String detail) {
    String id =
        sha256(
            w.id()
                + "|"
                + kind
                + "|"
                + (subject == null ? story.storyId() : subject + "|" + burstHour));
    return Alert.newBuilder()
        .setId(id.substring(0, 32))
        .setWatchId(w.id())
        .setKind(kind)
        .setStoryId(story.storyId())
        .setArticleId(a.getId())
        .setTitle(a.getTitle())
        .setUrl(a.getCanonicalUrl() != null ? a.getCanonicalUrl() : a.getUrl())
        .setTopics(a.getTopics())
        .setBurstSubject(WatchDefinition.BURST.equals(kind) ? subject : null)
        .setDetail(detail)
        .setMatchedAt(clock.instant())
        .build();
  }

  /**
   * Forgets what no decision needs any more: new-story marks older than {@code keepStories}, burst
   * marks and states older than two days, counts whose newest hour left the baseline.
   */
  public int expire(long now, Duration keepStories) {
    long hour = Math.floorDiv(now, HOUR);
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        long v = ByteBuffer.wrap(kv.value).getLong();
        boolean old =
            switch (kv.key.charAt(0)) {
              case 'w' -> v < now - keepStories.toMillis();
              case 'a' -> v < now - Duration.ofDays(2).toMillis();
              case 'v' -> v < now - keepStories.toMillis();
              default ->
                  Boolean.TRUE.equals(
                      BurstDetector.expired(kv.key, kv.value, hour, watches.get().burst()));
            };
        if (old) {
          gone.add(kv.key);
        }
      }
    }
    gone.forEach(store::delete);
    return gone.size();
  }

  private static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
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
}
