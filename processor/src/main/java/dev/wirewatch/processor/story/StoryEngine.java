package dev.wirewatch.processor.story;

import java.util.List;
import java.util.Map;

/**
 * Where an article belongs, at two levels: a copy of an earlier article (same text, near enough —
 * {@link CopyIndex}) joins that article's story and is marked as its copy; any other article is
 * grouped by what it says into an event story ({@link EventStories}). An article seen before (an
 * update, a replay) keeps its story. The same engine runs in the processor (over Kafka Streams
 * stores) and offline ({@code bin/wirewatch stories}), so both decide alike.
 */
public final class StoryEngine {
  /**
   * Where an article went.
   *
   * @param storyId its story (an event): the id of the story's first article
   * @param newStory whether the article started the story
   * @param copyOf the earlier article this one copies, or null
   * @param seenBefore whether the article was assigned before (an update or a replay)
   * @param similarity how similar it was to the story it joined (or the best it did not join)
   */
  public record Assignment(
      String storyId, boolean newStory, String copyOf, boolean seenBefore, double similarity) {
    /** Whether the article tells something its story did not have: neither a copy nor a repeat. */
    public boolean distinct() {
      return copyOf == null && !seenBefore;
    }
  }

  private final CopyIndex copies;
  private final EventStories events;

  /**
   * @param copyState where copies and each article's story are remembered
   * @param eventState where the stories' centroids, term frequencies and index are kept
   */
  public StoryEngine(StoryState copyState, StoryState eventState, StoryRules rules) {
    this.copies = new CopyIndex(copyState, rules.copyThreshold(), rules.window());
    this.events = new EventStories(eventState, rules);
  }

  /** An engine with both states in memory (offline use, tests, benchmarks). */
  public static StoryEngine inMemory(StoryRules rules) {
    return new StoryEngine(StoryState.inMemory(), StoryState.inMemory(), rules);
  }

  /**
   * Assigns an article to a story and remembers it.
   *
   * @param text the article's text (for copies; a headline-only item gives its title)
   * @param places the countries it is about
   * @param time its time in epoch ms (when it was published, as far as known)
   */
  public Assignment assign(
      String articleId, String title, String text, List<String> places, long time) {
    String body = text == null || text.isBlank() ? (title == null ? "" : title) : text;
    MinHash.Text shingled = MinHash.of(body);
    CopyIndex.Known known = copies.known(articleId);
    if (known != null) {
      copies.remember(articleId, known.storyId(), known.copyOf(), shingled, time);
      return new Assignment(known.storyId(), false, known.copyOf(), true, 1.0);
    }
    CopyIndex.Copy copy = copies.find(shingled, time);
    if (copy != null) {
      events.touch(copy.storyId(), time);
      copies.remember(articleId, copy.storyId(), copy.originalId(), shingled, time);
      return new Assignment(copy.storyId(), false, copy.originalId(), false, copy.similarity());
    }
    EventStories.Assignment event =
        events.assign(articleId, StoryFeatures.of(title, text, places), time);
    copies.remember(articleId, event.storyId(), null, shingled, time);
    return new Assignment(event.storyId(), event.newStory(), null, false, event.similarity());
  }

  /** What the story is about now: its most distinctive terms, normalised weights. */
  public Map<String, Double> profile(String storyId, int terms, long time) {
    return events.profile(storyId, terms, time);
  }

  /** Live stories now. */
  public int liveStories() {
    return events.liveStories();
  }

  /** Forgets what left the window before {@code now}; returns articles and stories forgotten. */
  public int[] expire(long now) {
    return new int[] {copies.expire(now), events.expire(now)};
  }
}
