package dev.wirewatch.processor.tag;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;

/**
 * Tags an article with every topic whose query it matches, by indexing the one article in a Lucene
 * {@link MemoryIndex} and running each topic's query against it.
 *
 * <p>Fields: {@code title}, and {@code text} holding the title and the body together, so an
 * unqualified term matches either. Thread-safe: each call builds its own memory index.
 */
public final class TopicTagger {
  private final List<TopicDefinition> topics;
  private final Analyzer analyzer = new TaggingAnalyzer();

  public TopicTagger(List<TopicDefinition> topics) {
    this.topics = List.copyOf(topics);
  }

  /** Ids of the matching topics, in the order of the configuration. */
  public List<String> tag(String title, String text) {
    MemoryIndex index = new MemoryIndex();
    String t = title == null ? "" : title;
    index.addField("title", t, analyzer);
    index.addField(TopicsConfig.DEFAULT_FIELD, t + "\n\n" + text, analyzer);
    List<String> matched = new ArrayList<>();
    for (TopicDefinition topic : topics) {
      float score = index.search(topic.query());
      if (score > 0 && score >= topic.minScore()) {
        matched.add(topic.id());
      }
    }
    return matched;
  }

  /** The topics this tagger uses. */
  public List<TopicDefinition> topics() {
    return topics;
  }
}
