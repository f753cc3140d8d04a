package dev.wirewatch.processor.tag;

import dev.wirewatch.schemas.InvalidSettingException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
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
  /** The field a query term without {@code field:} searches: title and text together. */
  public static final String DEFAULT_FIELD = "text";

  /** What a topic or watch id may be: it appears in tags, filters and URLs. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public TopicDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(query, "query");
  }

  /**
   * A topic as a file describes it, validated: every problem is an {@link InvalidSettingException}
   * naming the key ({@code id}, {@code label}, {@code query}, {@code minScore}).
   *
   * @param minScore null for the default, 0
   */
  public static TopicDefinition of(String id, String label, String query, Double minScore) {
    String checkedId = id(id);
    String checkedLabel = required("label", label);
    String text = required("query", query);
    if (minScore != null && !(minScore >= 0)) {
      throw new InvalidSettingException("minScore", "must be a number >= 0, got " + minScore);
    }
    return new TopicDefinition(
        checkedId,
        checkedLabel,
        text,
        parseQuery(text),
        minScore == null ? 0f : minScore.floatValue());
  }

  /** Checks that no two topics share an id; the key names the second ({@code topics[1].id}). */
  public static void requireDistinctIds(List<TopicDefinition> topics, String listKey) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < topics.size(); i++) {
      if (!ids.add(topics.get(i).id())) {
        throw new InvalidSettingException(
            listKey + "[" + i + "].id", "duplicate topic id '" + topics.get(i).id() + "'");
      }
    }
  }

  /** A topic or watch id, checked against {@link #ID}. */
  public static String id(String id) {
    String v = required("id", id);
    if (!ID.matcher(v).matches()) {
      throw new InvalidSettingException(
          "id", "'" + v + "' must be lower-case letters, digits and '-', at most 63");
    }
    return v;
  }

  /**
   * Parses a topic or watch query in classic syntax against the tagging fields; a bad query is an
   * {@link InvalidSettingException} of key {@code query}.
   */
  public static Query parseQuery(String text) {
    QueryParser parser = new QueryParser(DEFAULT_FIELD, new TaggingAnalyzer());
    parser.setDefaultOperator(QueryParser.Operator.OR);
    try {
      return parser.parse(text);
    } catch (ParseException | IndexSearcher.TooManyClauses e) {
      String first =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidSettingException("query", "invalid query '" + text + "': " + first);
    }
  }

  private static String required(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidSettingException(key, "missing or empty");
    }
    return value.strip();
  }
}
