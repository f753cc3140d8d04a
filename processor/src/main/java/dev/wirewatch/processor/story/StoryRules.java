package dev.wirewatch.processor.story;

import java.time.Duration;

/**
 * How articles fold into stories.
 *
 * @param threshold the estimated Jaccard similarity (of word 3-shingles) at which an article joins
 *     an earlier article's story. 0.5, measured on Reuters-21578 (StoryThresholdTest): near-copies
 *     with other furniture or a trimmed ending score well above it, while the most similar
 *     different article stays below it for all but a handful of articles
 * @param window how long a story stays open: an article joins only stories seen within it (7 days)
 */
public record StoryRules(double threshold, Duration window) {
  public static final StoryRules DEFAULT = new StoryRules(0.5, Duration.ofDays(7));

  public StoryRules {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("story threshold must be in (0, 1], got " + threshold);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("story window must be positive, got " + window);
    }
  }
}
