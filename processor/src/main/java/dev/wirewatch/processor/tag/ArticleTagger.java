package dev.wirewatch.processor.tag;

import dev.wirewatch.processor.places.PlaceTagger;
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
    List<String> p = places.tag(title, dateline, text, language);
    return new Tags(topics.get().tag(title, text, p, language), p);
  }
}
