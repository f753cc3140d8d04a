package dev.wirewatch.processor.tag;

import dev.wirewatch.processor.places.PlaceTagger;
import dev.wirewatch.processor.text.TextNormalizer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tags an article with its places and topics — the same code for the processor and for {@code
 * wirewatch tag}. Places come first, so that topics can be written over them ({@code place:ht}).
 */
public final class ArticleTagger {
  /** The tags of one article. */
  public record Tags(List<String> topics, List<String> places) {}

  private final Supplier<TopicTagger> topics;
  private final PlaceTagger places;

  /**
   * @param topics the topics in force; asked once per article, so it may change (reloads)
   */
  public ArticleTagger(Supplier<TopicTagger> topics, PlaceTagger places) {
    this.topics = topics;
    this.places = places;
  }

  /** Fixed topics and the bundled gazetteer. */
  public static ArticleTagger of(List<TopicDefinition> topicList) {
    TopicTagger t = new TopicTagger(topicList);
    return new ArticleTagger(
        () -> t, new PlaceTagger(dev.wirewatch.processor.places.Gazetteer.bundled()));
  }

  /**
   * Tags an article; the dateline may be null (then it is looked for at the start of the text).
   *
   * @param language the article's language (ISO 639-1), or null when unknown
   */
  public Tags tag(String title, String dateline, String text, String language) {
    String read = lead(text);
    List<String> p = places.tag(title, dateline, read, language);
    return new Tags(topics.get().tag(title, read, p, language), p);
  }

  /**
   * Characters of an article's text that tagging reads, at most: a long news article is some
   * 40,000. What an article is about is said well before this; past it, a page is a dump (a log, a
   * transcript, a data table) whose tags would cost memory in proportion to its size — a 15 MB text
   * takes the place tagger past a 256 MB heap.
   */
  public static final int MAX_TAGGED_CHARS = 200_000;

  /** The text up to {@link #MAX_TAGGED_CHARS}, cut between words (see TextNormalizer#lead). */
  static String lead(String text) {
    return TextNormalizer.lead(text, MAX_TAGGED_CHARS);
  }
}
