package dev.wirewatch.processor.tag;

import java.util.Objects;
import org.apache.lucene.search.Query;

/**
 * One topic articles are tagged with.
 *
 * @param id short stable id used in tags and filters ({@code us-aid})
 * @param label name shown to people
 * @param queryText the Lucene classic query syntax as written in the config
 * @param query the parsed query, over the fields {@code title} and {@code text}
 * @param minScore score an article must reach to be tagged; 0 means any match
 */
public record TopicDefinition(
    String id, String label, String queryText, Query query, float minScore) {
  public TopicDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(query, "query");
  }
}
