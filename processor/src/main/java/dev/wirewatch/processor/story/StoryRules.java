package dev.wirewatch.processor.story;

import java.time.Duration;

/**
 * How articles fold into copies and stories.
 *
 * @param copyThreshold the estimated Jaccard similarity (of word 3-shingles) at which an article is
 *     a copy of an earlier one (syndication, a correction, other furniture around the same text).
 *     0.5, measured on Reuters-21578 (StoryThresholdTest): near-copies score well above it, while
 *     the most similar different article stays below it for all but a handful of articles
 * @param storyThreshold the similarity (TF-IDF cosine times recency) at which an article joins a
 *     story — the same development told in other words. Chosen on the development split of a
 *     news-aggregator sample (see DESIGN.md, "Stories"); low, because two headlines about one event
 *     share few words, and safe because recency and the rarity of shared words do the rest
 * @param textThreshold the same for an article with text besides its title: its vector holds many
 *     more terms, each shared one worth less and chance overlaps more likely, so the bar is higher
 * @param decay the recency scale: similarity is multiplied by {@code exp(-Δt/decay)}, Δt the time
 *     since the story's last article
 * @param quiet a story that has had no article for this long takes no more (a later article on the
 *     subject starts a new story)
 * @param window how long a story, and an article's copy signature, are remembered at all
 * @param frequencyHalfLife how fast the stream's document frequencies forget: a word common last
 *     month may be rare this week
 */
public record StoryRules(
    double copyThreshold,
    double storyThreshold,
    double textThreshold,
    Duration decay,
    Duration quiet,
    Duration window,
    Duration frequencyHalfLife) {
  public static final double DEFAULT_COPY_THRESHOLD = 0.5;
  public static final double DEFAULT_STORY_THRESHOLD = 0.04;
  public static final double DEFAULT_TEXT_THRESHOLD = 0.15;
  public static final Duration DEFAULT_DECAY = Duration.ofHours(6);
  public static final Duration DEFAULT_QUIET = Duration.ofHours(48);
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
  public static final Duration DEFAULT_FREQUENCY_HALF_LIFE = Duration.ofDays(7);

  public static final StoryRules DEFAULT =
      new StoryRules(
          DEFAULT_COPY_THRESHOLD,
          DEFAULT_STORY_THRESHOLD,
          DEFAULT_TEXT_THRESHOLD,
          DEFAULT_DECAY,
          DEFAULT_QUIET,
          DEFAULT_WINDOW,
          DEFAULT_FREQUENCY_HALF_LIFE);

  public StoryRules {
    if (!(copyThreshold > 0 && copyThreshold <= 1)) {
      throw new IllegalArgumentException("copy threshold must be in (0, 1], got " + copyThreshold);
    }
    if (!(storyThreshold > 0 && storyThreshold <= 1)
        || !(textThreshold > 0 && textThreshold <= 1)) {
      throw new IllegalArgumentException(
          "story thresholds must be in (0, 1], got " + storyThreshold + " and " + textThreshold);
    }
    for (Duration d : new Duration[] {decay, quiet, window, frequencyHalfLife}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("story durations must be positive, got " + d);
      }
    }
    if (quiet.compareTo(window) > 0) {
      throw new IllegalArgumentException(
          "the quiet period (" + quiet + ") must not exceed the window (" + window + ")");
    }
  }

  /** The same rules with other story thresholds (headline-only articles, articles with text). */
  public StoryRules withStoryThresholds(double headlines, double texts) {
    return new StoryRules(copyThreshold, headlines, texts, decay, quiet, window, frequencyHalfLife);
  }
}
